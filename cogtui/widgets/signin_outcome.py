"""The outcome of a sign-in, under the timeline: the failure explained, or a summary of the tokens.

A failure shows the step (numbered as the timeline beside it numbers it), the error code and message, then the cause and the next step from the
explanation catalogue. A success shows who signed in and their ``sub``, then for each token ``token_use`` and
``exp`` (an absolute UTC date, never a relative time); the refresh token is never shown, only
masked with its length. Every state carries a glyph (✔ ✘ – ⋯) so it does not rely on colour alone.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from cogtui.clock import format_time
from cogtui.text_safety import safe_text

__all__ = ["MASK", "SignInOutcome", "format_epoch", "token_lines"]

MASK = "••••••••"
OK = "$text-success"
FAIL = "$text-error"


def format_epoch(value: Any) -> str:
    """'2026-01-15 10:30:00 UTC' for an epoch claim; '—' when missing or not a number."""
    if not isinstance(value, int | float):
        return "—"
    try:
        return format_time(value, "timestamp")
    except (OverflowError, OSError, ValueError):
        return str(value)


def _claims_line(label: str, claims: dict[str, Any], sub: str | None) -> str:
    if not claims:
        return f"{label:<8} (not a JWT: cannot be decoded)"
    token_use = safe_text(claims.get("token_use", "—"))
    line = f"{label:<8} token_use {token_use} · exp {format_epoch(claims.get('exp'))}"
    if claims.get("sub") != sub:
        line += f" · sub {safe_text(claims.get('sub', '—'))}"
    return line


def token_lines(result: Any) -> list[str]:
    """One line per token of a ``SignInResult``: token_use and exp (sub when it is not the user's), the
    refresh token masked."""
    lines = []
    if result.id_token:
        lines.append(_claims_line("id", result.id_claims, result.sub))
    if result.access_token:
        lines.append(_claims_line("access", result.access_claims, result.sub))
    if result.refresh_token:
        lines.append(f"{'refresh':<8} {MASK} ({len(result.refresh_token)} chars, never shown)")
    return lines


class SignInOutcome(Static):
    """One of: a hint, busy, failed (with the explanation), cancelled, signed in (token summary).

    ``state`` names which ("idle", "busy", "failed", "cancelled", "ok"); ``plain`` is the text shown.
    """

    DEFAULT_CSS = """
    SignInOutcome { height: auto; max-height: 6; padding: 0 1; color: $text-muted; }
    SignInOutcome.-ok { color: $text; border-left: thick $success; }
    SignInOutcome.-failed { color: $text; border-left: thick $error; }
    SignInOutcome.-cancelled { border-left: thick $warning; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.state = "idle"
        self.plain = ""
        self.shown = Content("")

    def _show(self, state: str, content: Content) -> None:
        self.state = state
        self.shown = content
        self.plain = content.plain
        self.set_classes(f"-{state}")
        self.update(content)

    def add_line(self, line: str) -> None:
        """One more line right under the headline (the sign-in doctor's prediction beside it), so a small
        terminal that cuts the explanation short still shows it; same state."""
        head, *rest = self.shown.split("\n")
        self._show(self.state, Content("\n").join([head, Content(safe_text(line)), *rest]))

    def idle(self, message: str) -> None:
        self._show("idle", Content(message))

    def busy(self, message: str) -> None:
        self._show("busy", Content(f"⋯ {safe_text(message)}"))

    def failed(self, step: Any, explanation: Any = None) -> None:
        """``step`` failed: its error and the catalogue's cause and next step (``explanation`` overrides)."""
        error = step.error
        explanation = explanation or step.explanation
        message = safe_text(getattr(error, "message", "") or "")
        parts = [
            Content.assemble(
                ("✘ ", f"bold {FAIL}"),
                (
                    safe_text(
                        f"Step {self._number_of(step)} {step.operation}: {getattr(error, 'code', 'Error')}"
                    ),
                    "bold",
                ),
                f" — {message}" if message else "",
            )
        ]
        if explanation is not None:
            parts.append(Content.assemble(("Cause: ", "bold"), safe_text(explanation.cause)))
            parts.append(Content.assemble(("Next step: ", "bold"), safe_text(explanation.next_step)))
        self._show("failed", Content("\n").join(parts))

    def _number_of(self, step: Any) -> int:
        """The step's number as the timeline beside this outcome shows it, so both say the same."""
        from cogtui.widgets.timeline import Timeline

        for timeline in self.screen.query(Timeline):
            number = timeline.number_of(step)
            if number is not None:
                return number
        return int(step.index)

    def cancelled(self, message: str) -> None:
        self._show("cancelled", Content(f"– {safe_text(message)}"))

    def signed_in(self, result: Any, who: str, verb: str = "Signed in as") -> None:
        """Who, the user's ``sub``, then one line per token (``token_lines``)."""
        head = Content.assemble(
            ("✔ ", f"bold {OK}"),
            (f"{verb} {safe_text(who)}", "bold"),
            f" · sub {safe_text(result.sub or '—')}",
        )
        lines = [Content(f"  {line}") for line in token_lines(result)]
        self._show("ok", Content("\n").join([head, *lines]))

    def done(self, message: str) -> None:
        self._show("ok", Content.assemble(("✔ ", f"bold {OK}"), safe_text(message)))
