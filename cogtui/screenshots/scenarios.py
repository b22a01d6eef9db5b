"""The screenshots the README shows, each reached by the keys a user would press."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from cogtui.screenshots.harness import Scenario, settle


async def pools(pilot: Pilot, info: Any) -> None:
    await settle(pilot)


async def sandbox_logins(pilot: Pilot, info: Any) -> None:
    await pilot.press("f2")


async def help_keys(pilot: Pilot, info: Any) -> None:
    await pilot.press("question_mark")


SCENARIOS: list[Scenario] = [
    Scenario("pools", "User pools, with the connection and the SANDBOX badge", pools),
    Scenario("sandbox-logins", "The seeded sandbox logins (F2)", sandbox_logins),
    Scenario("help", "Keys of the current screen (?)", help_keys),
]
