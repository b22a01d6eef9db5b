"""Every date, duration and countdown cogtui writes comes from cogtui.clock: named UTC formats, durations in
two units or in words, and a countdown's state at a moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cogtui.clock import (
    TIME_FORMATS,
    countdown,
    duration_text,
    format_clock,
    format_elapsed_ms,
    format_time,
    format_utc,
    is_number,
)

WHEN = datetime(2026, 1, 15, 10, 31, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("style", "text"),
    [
        ("iso", "2026-01-15T10:31:30Z"),
        ("timestamp", "2026-01-15 10:31:30 UTC"),
        ("minute", "2026-01-15 10:31 UTC"),
        ("table", "2026-01-15 10:31"),
        ("date", "2026-01-15"),
    ],
)
def test_named_formats(style: str, text: str) -> None:
    assert format_time(WHEN, style) == text  # type: ignore[arg-type]
    assert format_time(WHEN.timestamp(), style) == text  # type: ignore[arg-type]


def test_every_format_is_named_and_tested() -> None:
    assert set(TIME_FORMATS) == {"iso", "timestamp", "minute", "table", "date"}


@pytest.mark.parametrize(
    "when",
    [
        WHEN.astimezone(timezone(timedelta(hours=5, minutes=30))),
        WHEN.astimezone(timezone(-timedelta(hours=8))),
        WHEN.replace(tzinfo=None),  # naive: taken as UTC
    ],
    ids=["ahead-of-utc", "behind-utc", "naive"],
)
def test_times_are_written_in_utc_whatever_their_zone(when: datetime) -> None:
    assert format_time(when) == "2026-01-15 10:31:30 UTC"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "1970-01-01 00:00:00 UTC"),
        (1_768_473_090, "2026-01-15 10:31:30 UTC"),
        (1e20, "out of range"),
        ("x", "not a time"),
        (True, "not a time"),
        (float("nan"), "not a time"),
    ],
)
def test_token_times(value: object, text: str) -> None:
    assert format_utc(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (1, True),
        (1.5, True),
        (False, False),
        (float("inf"), False),
        ("1", False),
        (None, False),
        (10**400, False),
    ],
)
def test_is_number(value: object, number: bool) -> None:
    assert is_number(value) is number


@pytest.mark.parametrize(
    ("ms", "text"),
    [(None, ""), (0, "0 ms"), (12.4, "12 ms"), (999.6, "1000 ms"), (1000, "1.0 s"), (1440, "1.4 s")],
)
def test_elapsed(ms: float | None, text: str) -> None:
    assert format_elapsed_ms(ms) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(180, "3:00"), (179.2, "3:00"), (61, "1:01"), (0, "0:00"), (0.2, "0:01")]
)
def test_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(1, "1 second"), (90, "90 seconds"), (3600, "1 hour"), (7200, "2 hours"), (86400 * 30, "30 days"),
     (315_360_000, "10 years"), (5400, "90 minutes")],
)  # fmt: skip
def test_duration_in_words(seconds: int, text: str) -> None:
    assert duration_text(seconds) == text


@pytest.mark.parametrize(
    ("left", "soon_s", "state", "glyph", "phrase", "relative"),
    [
        (250, 60, "ok", "✔", "expires in 4m 10s", "in 4m 10s"),
        (59, 60, "soon", "!", "expires in 59s", "in 59s"),
        (60, 60, "ok", "✔", "expires in 1m", "in 1m"),
        (0.5, 60, "soon", "!", "expires now", "now"),
        (0, 60, "expired", "✘", "expired now", "now"),
        (-3, 60, "expired", "✘", "expired 3s ago", "3s ago"),
        (-7322, 0, "expired", "✘", "expired 2h 2m ago", "2h 2m ago"),
        (None, 60, "none", "–", "", ""),
    ],
)
def test_countdown(
    left: float | None, soon_s: float, state: str, glyph: str, phrase: str, relative: str
) -> None:
    shown = countdown(left, soon_s)
    assert (shown.state, shown.glyph, shown.phrase, shown.relative) == (state, glyph, phrase, relative)
    assert shown.css_class == f"-{state}" and shown.expired is (state == "expired") and shown.left == left
