"""The explorer's wording before any widget: user status marks and meanings, enabled marks, user dates,
remembered devices and sign-in events, identity-pool flags, and a role in one sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import IdentityPool, NotRecorded
from cogtui.describe.fields import Field
from cogtui.describe.identity import pool_rows, role_summary
from cogtui.describe.pools import fmt_date
from cogtui.describe.users import (
    NO_DEVICES,
    NO_EVENTS,
    STATUS_MEANING,
    Extra,
    device_rows,
    enabled_mark,
    event_rows,
    format_date,
    status_mark,
    status_meaning,
)
from cogtui.identity.roles import RoleExplanation

CREATED = datetime(2026, 1, 15, 9, 30, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "mark"),
    [
        ("CONFIRMED", ("✔ CONFIRMED", "success")),
        ("UNCONFIRMED", ("! UNCONFIRMED", "warning")),
        ("FORCE_CHANGE_PASSWORD", ("! FORCE_CHANGE_PASSWORD", "warning")),
        ("RESET_REQUIRED", ("! RESET_REQUIRED", "warning")),
        ("COMPROMISED", ("✘ COMPROMISED", "error")),
        ("EXTERNAL_PROVIDER", ("– EXTERNAL_PROVIDER", "text-muted")),
        ("ARCHIVED", ("– ARCHIVED", "text-muted")),
        ("SOMETHING_NEW", ("– SOMETHING_NEW", "text-muted")),
    ],
)
def test_a_status_has_a_glyph_beside_its_colour(status: str, mark: tuple[str, str]) -> None:
    assert status_mark(status) == mark


@pytest.mark.parametrize("status", sorted(STATUS_MEANING))
def test_every_known_status_says_what_it_means(status: str) -> None:
    assert status_meaning(status) == STATUS_MEANING[status] and "\n" not in status_meaning(status)


def test_an_unknown_status_means_nothing_said() -> None:
    assert status_meaning("SOMETHING_NEW") == ""


@pytest.mark.parametrize(
    ("enabled", "words", "mark"),
    [
        (True, False, ("✔", "success")),
        (True, True, ("✔ enabled", "success")),
        (False, False, ("✘", "error")),
        (False, True, ("✘ disabled", "error")),
    ],
)
def test_enabled_marks(enabled: bool, words: bool, mark: tuple[str, str]) -> None:
    assert enabled_mark(enabled, words) == mark


@pytest.mark.parametrize(
    ("value", "seconds", "text"),
    [
        (CREATED, False, "2026-01-15 09:30"),
        (CREATED, True, "2026-01-15 09:30:05 UTC"),
        (CREATED.astimezone(timezone(timedelta(hours=2))), True, "2026-01-15 09:30:05 UTC"),
        (None, False, "—"),
        (None, True, "—"),
    ],
)
def test_user_dates(value: datetime | None, seconds: bool, text: str) -> None:
    assert format_date(value, seconds) == text


@pytest.mark.parametrize(("value", "text"), [(CREATED, "2026-01-15 09:30 UTC"), (None, "")])
def test_pool_dates(value: datetime | None, text: str) -> None:
    assert fmt_date(value) == text


@pytest.mark.parametrize(
    ("raw", "guest", "classic"),
    [
        ({"AllowUnauthenticatedIdentities": True, "AllowClassicFlow": False}, ("on", ""), ("off", "")),
        ({"AllowUnauthenticatedIdentities": False}, ("off", ""), ("not stated", "by the endpoint")),
    ],
)
def test_identity_pool_flags(raw: dict[str, bool], guest: tuple[str, str], classic: tuple[str, str]) -> None:
    pool = IdentityPool.from_api({"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "app", **raw})
    fields = {row.label: row for row in pool_rows(pool) if isinstance(row, Field)}
    assert (fields["Guest access"].value, fields["Guest access"].note) == guest
    assert (fields["Classic flow"].value, fields["Classic flow"].note) == classic


@pytest.mark.parametrize(
    ("explanation", "text"),
    [
        (RoleExplanation("arn:aws:iam::1:role/r", "default authenticated role", "No role mapping."),
         "arn:aws:iam::1:role/r (default authenticated role). No role mapping."),
        (RoleExplanation(None, "rules", "No rule matches; Deny."), "none (rules). No rule matches; Deny."),
        (RoleExplanation(None, "unknown", "Not available.", known=False), "Not available."),
        (RoleExplanation("arn:aws:iam::1:role/r\nx", "token", "d"), "arn:aws:iam::1:role/r\\nx (token). d"),
    ],
)  # fmt: skip
def test_role_in_one_sentence(explanation: RoleExplanation, text: str) -> None:
    assert role_summary(explanation) == text


REFUSED = CogtuiError("User is not authorized", code="AccessDeniedException", operation="AdminListDevices")
OFF = NotRecorded("sign-in events", "advanced security is off", "UserPoolAddOnNotEnabledException")


@pytest.mark.parametrize(
    ("devices", "loaded", "value", "note"),
    [
        (None, False, "loading…", ""),
        (REFUSED, True, "✘ could not be read: AccessDeniedException",
         "AdminListDevices: AccessDeniedException — User is not authorized"),
        (OFF, True, "– not recorded: advanced security is off", "UserPoolAddOnNotEnabledException"),
        (None, True, NO_DEVICES, ""),
        ([], True, "none", ""),
    ],
)  # fmt: skip
def test_device_rows_say_why_there_are_none(devices: Extra, loaded: bool, value: str, note: str) -> None:
    heading, row = device_rows(devices, loaded)
    assert heading == "Devices" and isinstance(row, Field)
    assert (row.label, row.value, row.note, row.copyable) == ("Remembered devices", value, note, False)


def test_a_device_is_named_with_its_last_sign_in() -> None:
    device = {
        "DeviceKey": "us-east-1_abc",
        "DeviceAttributes": [{"Name": "device_name", "Value": "laptop"}],
        "DeviceLastAuthenticatedDate": CREATED,
    }
    _, row = device_rows([device])
    assert isinstance(row, Field)
    assert (row.label, row.value, row.note) == (
        "laptop",
        "us-east-1_abc",
        "last sign-in 2026-01-15 09:30:05 UTC",
    )


@pytest.mark.parametrize(
    ("response", "risk", "value"),
    [
        ("Pass", None, "✔ SignIn Pass · 192.0.2.1"),
        ("Fail", "High", "✘ SignIn Fail · risk High · 192.0.2.1"),
        (None, None, "– SignIn ? · 192.0.2.1"),
    ],
)
def test_sign_in_events_carry_a_glyph(response: str | None, risk: str | None, value: str) -> None:
    event = {
        "EventType": "SignIn",
        "EventResponse": response,
        "EventRisk": {"RiskLevel": risk} if risk else {},
        "EventContextData": {"IpAddress": "192.0.2.1"},
        "CreationDate": CREATED,
    }
    heading, row = event_rows([event])
    assert heading == "Recent sign-in events" and isinstance(row, Field)
    assert (row.label, row.value) == ("2026-01-15 09:30:05 UTC", value)


def test_no_events_reported() -> None:
    assert event_rows(None) == ["Recent sign-in events", Field("Sign-in events", NO_EVENTS, copyable=False)]
    assert event_rows([])[1] == Field("Sign-in events", "none recorded", copyable=False)
