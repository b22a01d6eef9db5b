"""The Finding model: one explained observation about a configuration, with its severity, why and fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["high", "medium", "low", "info"]

SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Finding:
    """What in a configuration commonly breaks or weakens sign-in.

    ``title`` says what was found, ``why`` why it matters, ``fix`` what to change. ``code`` is a stable
    identifier (``client.implicit_grant``) for tests and filters; it never changes with the wording.
    """

    severity: Severity
    title: str
    why: str
    fix: str
    code: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def rank(self) -> int:
        """0 for high ... 3 for info: sort ascending to read the worst first."""
        return SEVERITIES.index(self.severity)

    def as_text(self) -> str:
        """The finding as plain text, ready to paste into a ticket."""
        return f"[{self.severity}] {self.title}\nWhy: {self.why}\nFix: {self.fix}"


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Worst first; findings of the same severity keep their order."""
    return sorted(findings, key=lambda f: f.rank)


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts: dict[Severity, int] = {s: 0 for s in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def summary_text(findings: Iterable[Finding]) -> str:
    """``2 high, 1 medium`` (zero counts left out) or ``none``."""
    counts = count_by_severity(findings)
    parts = [f"{n} {s}" for s, n in counts.items() if n]
    return ", ".join(parts) if parts else "none"
