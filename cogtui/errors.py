"""The root of cogtui's error hierarchy: every failure cogtui explains (an AWS call, the sandbox, a sign-in
step, an export) is a ``CogtuiError`` with a code, a plain-words message and a hint. Subclasses live with
their concern (``cogtui.aws.errors`` for AWS calls, the sandbox's own...).
"""

from __future__ import annotations

from dataclasses import dataclass

from cogtui.text_safety import safe_text


@dataclass
class CogtuiError(Exception):
    """A failure cogtui explains in plain words (an AWS call, the sandbox, a sign-in step, an export)."""

    message: str
    code: str = "Error"
    operation: str = ""
    request_id: str | None = None
    http_status: int | None = None
    retries: int = 0
    hint: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def title(self) -> str:
        """A short heading for an error panel."""
        return f"{self.operation}: {self.code}" if self.operation else self.code

    def describe(self) -> str:
        """Message, hint and request id on separate lines, ready to show or copy; each part escaped, so what
        a server wrote never adds lines of its own."""
        lines = [f"{safe_text(self.title)} — {safe_text(self.message)}"]
        if self.hint:
            lines.append(safe_text(self.hint))
        if self.request_id:
            lines.append(f"Request id: {safe_text(self.request_id)}")
        return "\n".join(lines)
