"""The one vocabulary of checks every report speaks: tokens, the identity doctor, the sign-in doctor.

A ``Check`` is (name, status, detail, cause, fix); its status is one of pass / fail / warn / skip, each
with a glyph (✔ ✘ ! –) so meaning never rests on colour alone. The detail is always one line of plain
text: what a token, a username or a server said is escaped (``cogtui.text_safety``), so no value can lay
out a report. Pure Python: any layer may use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cogtui.text_safety import safe_text

__all__ = ["ASCII_GLYPHS", "GLYPHS", "Check", "Status", "has_failures"]


class Status(StrEnum):
    """Outcome of one check; compares equal to its string value ("pass", "fail"...)."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"

    @property
    def glyph(self) -> str:
        return GLYPHS[self.value]

    @property
    def ascii_glyph(self) -> str:
        return ASCII_GLYPHS[self.value]


GLYPHS = {"pass": "✔", "fail": "✘", "warn": "!", "skip": "–"}
ASCII_GLYPHS = {"pass": "+", "fail": "x", "warn": "!", "skip": "-"}


@dataclass(frozen=True, slots=True)
class Check:
    """One rule applied, with what it found; ``cause`` and ``fix`` say why it failed and what to change."""

    name: str
    status: Status
    detail: str
    fix: str = ""
    cause: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", safe_text(self.detail))

    @property
    def glyph(self) -> str:
        return self.status.glyph

    def line(self) -> str:
        """'✔ name: detail', then ' Fix: …' when there is one."""
        text = f"{self.glyph} {self.name}: {self.detail}"
        return f"{text} Fix: {self.fix}" if self.fix else text

    def to_dict(self) -> dict[str, str]:
        out = {"name": self.name, "status": self.status.value, "detail": self.detail}
        out.update({k: v for k, v in (("cause", self.cause), ("fix", self.fix)) if v})
        return out


def has_failures(checks: Iterable[Check]) -> bool:
    return any(c.status is Status.FAIL for c in checks)
