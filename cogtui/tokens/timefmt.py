"""Human renderings of token times: absolute UTC and relative ("in 54m 10s", "3h ago")."""

from __future__ import annotations

import math
import time

__all__ = ["format_duration", "format_relative", "format_utc", "is_number"]

_UNITS = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))


def is_number(value: object) -> bool:
    """A finite JSON number (booleans are not numbers), as JavaScript's Number.isFinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


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


def format_utc(timestamp: float) -> str:
    """'2024-05-01 12:34:56 UTC', or a note when the value is not a usable time."""
    if not is_number(timestamp):
        return "not a time"
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(timestamp))
    except (OverflowError, OSError, ValueError):
        return "out of range"
