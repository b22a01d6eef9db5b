"""Time as cogtui writes it: every date format and every countdown, in one place.

No Textual here; any layer may use it. Absolute times are always UTC and never relative on their own, so
screens and snapshots do not drift; a relative time is said beside them.

- ``format_time(when, style)``: an aware ``datetime`` (naive means UTC) or epoch seconds in a named style,
  see ``TIME_FORMATS``: ``"iso"`` 2026-01-15T10:31:30Z (JSON and files), ``"timestamp"``
  2026-01-15 10:31:30 UTC, ``"minute"`` 2026-01-15 10:31 UTC, ``"table"`` 2026-01-15 10:31 (a column of
  UTC times), ``"date"`` 2026-01-15.
- ``format_utc(epoch)``: a token claim's time as a timestamp, or why it is not one.
- Durations: ``format_duration`` '54m 10s', ``format_relative`` 'in 54m 10s' / '3h ago' / 'now',
  ``format_elapsed_ms`` '12 ms' / '1.4 s', ``format_clock`` '2:59', ``duration_text`` '1 hour'.
- ``countdown(left, soon_s)``: what is left of a validity at a moment, as a ``Countdown`` with its state
  (ok, soon, expired, none), its glyph and its words ('expires in 4m 10s', 'expired 3s ago'). Screens
  tick their countdowns on their one timer and write these words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, TypeGuard

__all__ = [
    "COUNTDOWN_GLYPHS",
    "TIME_FORMATS",
    "Countdown",
    "CountdownState",
    "TimeStyle",
    "countdown",
    "duration_text",
    "format_clock",
    "format_duration",
    "format_elapsed_ms",
    "format_relative",
    "format_time",
    "format_utc",
    "is_number",
    "plural",
]

TimeStyle = Literal["iso", "timestamp", "minute", "table", "date"]

TIME_FORMATS: dict[TimeStyle, str] = {
    "iso": "%Y-%m-%dT%H:%M:%SZ",
    "timestamp": "%Y-%m-%d %H:%M:%S UTC",
    "minute": "%Y-%m-%d %H:%M UTC",
    "table": "%Y-%m-%d %H:%M",
    "date": "%Y-%m-%d",
}

_UNITS = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_SPANS = (("year", 365 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))


def is_number(value: object) -> TypeGuard[int | float]:
    """A finite JSON number (booleans are not numbers), as JavaScript's Number.isFinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _utc(when: datetime | float) -> datetime:
    if isinstance(when, datetime):
        return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return datetime.fromtimestamp(when, UTC)


def format_time(when: datetime | float, style: TimeStyle = "timestamp") -> str:
    """``when`` in UTC in the named style: ``format_time(0, "minute")`` -> ``1970-01-01 00:00 UTC``."""
    return _utc(when).strftime(TIME_FORMATS[style])


def format_utc(timestamp: float) -> str:
    """'2024-05-01 12:34:56 UTC' for epoch seconds from a token, or a note when it is not a usable time."""
    if not is_number(timestamp):
        return "not a time"
    try:
        return format_time(timestamp, "timestamp")
    except (OverflowError, OSError, ValueError):
        return "out of range"


def format_duration(seconds: float) -> str:
    """'54m 10s', '3h', '2d 4h', '0s': at most the two largest non-zero units."""
    remaining = int(abs(seconds))
    parts: list[str] = []
    for unit, size in _UNITS:
        amount, remaining = divmod(remaining, size)
        if amount or parts:
            parts.append(f"{amount}{unit}")
        if len(parts) == 2:
            break
    if len(parts) == 2 and parts[1].startswith("0"):
        parts.pop()
    return " ".join(parts) if parts else "0s"


def format_relative(delta: float) -> str:
    """'in 54m 10s' for a future delta, '3h ago' for a past one, 'now' under a second."""
    if not is_number(delta):
        return "never"
    if abs(delta) < 1:
        return "now"
    text = format_duration(delta)
    return f"in {text}" if delta > 0 else f"{text} ago"


def format_elapsed_ms(duration_ms: float | None) -> str:
    """How long a call took: '12 ms', '1.4 s' (whole milliseconds, so a re-run keeps the layout); '' unknown."""
    if duration_ms is None:
        return ""
    if duration_ms >= 1000:
        return f"{duration_ms / 1000:.1f} s"
    return f"{round(duration_ms)} ms"


def format_clock(seconds: float) -> str:
    """'2:59' for 179.4 s: whole seconds, rounded up, so 0:00 means the time is up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def plural(n: int, word: str) -> str:
    """'1 hour', '2 hours'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def duration_text(seconds: int) -> str:
    """The largest whole unit: ``3600`` -> ``1 hour``, ``315360000`` -> ``10 years``, ``90`` -> ``90 seconds``."""
    for word, size in _SPANS:
        if seconds >= size and seconds % size == 0:
            return plural(seconds // size, word)
    return plural(seconds, "second")


CountdownState = Literal["ok", "soon", "expired", "none"]

COUNTDOWN_GLYPHS: dict[CountdownState, str] = {"ok": "✔", "soon": "!", "expired": "✘", "none": "–"}


@dataclass(frozen=True, slots=True)
class Countdown:
    """What is left of a validity: ``left`` seconds (None: no end is known) and the state it puts it in."""

    left: float | None
    state: CountdownState

    @property
    def glyph(self) -> str:
        """✔ ok, ! soon, ✘ expired, – none: the meaning never rests on colour alone."""
        return COUNTDOWN_GLYPHS[self.state]

    @property
    def css_class(self) -> str:
        """'-ok', '-soon', '-expired' or '-none': the class a countdown label carries."""
        return f"-{self.state}"

    @property
    def expired(self) -> bool:
        return self.state == "expired"

    @property
    def relative(self) -> str:
        """'in 4m 10s', '3s ago'; '' when no end is known."""
        return "" if self.left is None else format_relative(self.left)

    @property
    def phrase(self) -> str:
        """'expires in 4m 10s' or 'expired 3s ago'; '' when no end is known."""
        if self.left is None:
            return ""
        return f"expired {self.relative}" if self.expired else f"expires {self.relative}"


def countdown(left: float | None, soon_s: float = 0.0) -> Countdown:
    """The state of a validity with ``left`` seconds to go: expired at 0 or below, soon under ``soon_s``."""
    if left is None:
        return Countdown(None, "none")
    if left <= 0:
        return Countdown(left, "expired")
    return Countdown(left, "soon" if left < soon_s else "ok")
