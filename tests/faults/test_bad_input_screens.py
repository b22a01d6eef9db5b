"""Bad input typed into the screens: ids, filters, tokens. Whatever is typed, the screen says something
clear, nothing reaches the app's guard as an unexpected error, and the app keeps taking keys.

The strings are the suite's nasty list plus examples drawn from hypothesis strategies (one app per
screen, so the examples are drawn up front instead of one app per example).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import Phase, given, settings
from textual.widgets import Input

from tests.faults.conftest import BAD_INPUTS
from tests.faults.screens import (
    IDP_OPS,
    SIZE,
    busy,
    poke,
    sign_in_through,
    status_text,
    unexpected_errors,
    wait_for,
)
from tests.faults.test_bad_input import NASTY, typed

DRAWN = 1
# The nastiest of the typed strings: markup, control characters, blanks, other scripts, a long one.
TYPED = [NASTY[i] for i in (0, 3, 5, 9, 13)]


def drawn(strategy: Any, n: int = DRAWN) -> list[str]:
    """``n`` examples from a hypothesis strategy (generation phase only: no shrinking to do here)."""
    found: list[str] = []

    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate])
    @given(strategy)
    def collect(value: str) -> None:
        found.append(value)

    collect()
    return found


def cases() -> list[str]:
    return TYPED + drawn(typed)


def alive(app: Any) -> None:
    assert app.is_running
    assert not unexpected_errors(app), unexpected_errors(app)


async def settle(pilot: Any, *groups: str) -> None:
    await pilot.pause()
    await wait_for(pilot, lambda: not busy(pilot.app, *groups), f"{groups} to settle")


async def open_sign_in(pilot: Any) -> Any:
    """Press 2 and wait for the sign-in screen to load its pools and clients."""
    from cogtui.screens.signin import SignInScreen

    app = pilot.app
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(app.screen, SignInScreen), "the sign-in screen")
    await settle(pilot, "signin.pools", "signin.clients", "signin.describe")
    return app.screen


async def test_sign_in_with_typed_ids(make_direct_app, sandbox):
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sign_in(pilot)
        screen.form.set_flow("password")
        for text in cases():
            BAD_INPUTS["ids typed in the sign-in form"] += 1
            screen.form.set_pool(text)
            screen.form.set_client(text)
            screen.form.set_login("alice", "not-the-password")
            await settle(pilot, "signin.clients", "signin.describe")
            alive(app)
            screen.timeline.step_list.focus()
            await pilot.press("s")
            await wait_for(pilot, lambda: not screen.running and not busy(app, "signin.run"), "the sign-in")
            alive(app)
            shown = f"{status_text(screen)} {screen.outcome.plain}"
            assert "✘" in shown or "Cannot start" in shown, (text, shown)
        await poke(pilot)


async def test_identity_pool_ids_typed_by_hand(make_direct_app, sandbox):
    from cogtui.screens.identity import IdentityScreen

    _, info = sandbox
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        app.update_state(tokens=await sign_in_through(app, info, client="web-spa"))
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, IdentityScreen), "the identity screen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.pool is not None, "the identity pool")
        field = screen.query_one("#pool-id", Input)
        for text in cases():
            BAD_INPUTS["identity pool ids typed"] += 1
            field.value = text
            screen.form.flush()
            await settle(pilot, "identity.describe")
            alive(app)
            await pilot.press("escape", "x")
            await wait_for(pilot, lambda: not screen.exchanging, "the exchange")
            await settle(pilot, "identity.exchange")
            alive(app)
            assert status_text(screen).strip(), text
        await poke(pilot)


async def test_token_inspector_with_typed_rules_and_tokens(make_direct_app, sandbox):
    from cogtui.screens.tokens import TokensScreen

    _, info = sandbox
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in_through(app, info)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, TokensScreen), "the token inspector")
        screen = app.screen
        for text in cases():
            BAD_INPUTS["token inspector fields typed"] += 1
            screen.token_input("id").value = tokens.id_token
            screen.token_input("access").value = text
            screen.query_one("#pool", Input).value = text
            screen.query_one("#clients", Input).value = text
            screen.verify_now()
            await wait_for(
                pilot, lambda: screen.settled and not busy(app, "tokens.verify"), "the verification"
            )
            alive(app)
            assert status_text(screen).strip(), text
        await pilot.press("escape")
        await poke(pilot)


@pytest.mark.parametrize("driver", [IDP_OPS["users"]], ids=str)
async def test_user_filters_typed(driver, make_direct_app, sandbox):
    _, info = sandbox
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await driver.open(app, pilot, info)
        loaded = screen.loaded
        field = screen.filter_input
        for text in cases() + ['email ^= "[/]"', 'name = "\\"[b]"', "username = [/x]"]:
            BAD_INPUTS["user filters typed"] += 1
            field.value = text
            field.focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: not screen.streaming, "the filtered listing")
            alive(app)
            assert status_text(screen).strip(), text
        field.value = ""
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: not screen.streaming and screen.loaded == loaded, "the unfiltered listing"
        )


async def test_pool_filter_typed(make_direct_app, sandbox):
    _, info = sandbox
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await IDP_OPS["pools"].open(app, pilot, info)
        field = screen.query_one("#pool-filter", Input)
        for text in cases():
            BAD_INPUTS["pool filters typed"] += 1
            field.value = text
            await pilot.pause()
            alive(app)
        field.value = ""
        await pilot.pause()
        assert screen.query_one("#pools-table").row_count == len(screen.rows)


async def test_a_pool_id_of_the_wrong_shape_is_explained_in_the_form(make_direct_app, sandbox):
    _, info = sandbox
    app = make_direct_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sign_in(pilot)
        screen.form.set_flow("srp")
        screen.form.set_pool("nope")
        screen.form.set_client(info.pool("demo-app").client("web-spa").id)
        screen.form.set_login("bob", "Passw0rd!demo")
        await settle(pilot, "signin.clients", "signin.describe")
        screen.timeline.step_list.focus()
        await pilot.press("s")
        await wait_for(pilot, lambda: not screen.running and not busy(app, "signin.run"), "the sign-in")
        alive(app)
        note = str(screen.form.query_one("#client-note").render())
        assert "'nope' is not a user pool id" in note and "us-east-1_AbCdEf123" in note
        assert "Cannot start" in status_text(screen) and "Signing in" not in screen.outcome.plain
        assert not screen.timeline.steps  # nothing was sent
