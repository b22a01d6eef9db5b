"""Retry notices as the status line reads them, and the subscribers that receive them."""

from __future__ import annotations

from cogtui.aws.retry_events import RetryEvents, RetryNotice


def notice(**changes) -> RetryNotice:
    fields = {
        "service": "cognito-identity-provider",
        "operation": "ListUsers",
        "attempt": 2,
        "max_attempts": 5,
        "delay_s": 0.84,
        "throttled": True,
        "reason": "TooManyRequestsException",
    }
    return RetryNotice(**(fields | changes))


def test_a_throttled_retry_reads_as_cognito_throttling():
    assert notice().text == "Throttled by Cognito (ListUsers): retry 2 of 5 in 0.8 s"


def test_other_retries_name_what_ended_the_attempt():
    other = notice(
        throttled=False, reason="HTTP 503", service="cognito-identity", operation="GetId", attempt=3
    )
    assert other.text == "HTTP 503 from Cognito Identity (GetId): retry 3 of 5 in 0.8 s"


def test_subscribers_hear_every_notice_until_they_unsubscribe():
    events, first, second = RetryEvents(), [], []
    stop_first = events.subscribe(first.append)
    events.subscribe(second.append)
    events.publish(notice())
    stop_first()
    stop_first()  # twice is harmless
    events.publish(notice(attempt=3))
    assert [n.attempt for n in first] == [2]
    assert [n.attempt for n in second] == [2, 3]
