"""The Identity screen opens with the caret in the first field the exchange still needs: letters typed
there are typed, never taken as the screen's one-letter keys (x, k, t, i, o)."""

from __future__ import annotations

from textual.widgets import Input

from cogtui.screens.identity import IdentityScreen
from cogtui.widgets.field_list import FieldList
from tests.pilot_wait import wait_for
from tests.ui.test_identity_screen import SIZE, open_screen, sign_in


async def test_without_a_token_the_caret_waits_in_the_token_field(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, with_token=False)  # the sandbox's only identity pool is taken
        token = screen.form.query_one("#id-token", Input)
        await wait_for(
            pilot, lambda: token.has_focus, lambda: f"the caret in the ID token, not {app.focused}"
        )
        await pilot.press(*"xktio")
        assert token.value == "xktio"
        assert app.screen is screen and not screen.exchanging and screen.result is None


async def test_a_typed_pool_id_keeps_its_letters(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, IdentityScreen)
        pool_id = screen.form.query_one("#pool-id", Input)
        if not pool_id.value:  # before the identity pools arrive, the caret waits for the pool id
            assert pool_id.has_focus
            await pilot.press(*"ik")
            assert pool_id.value == "ik" and app.screen is screen


async def test_with_the_last_sign_in_nothing_is_left_to_type_and_the_keys_act(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(app, info)
        screen = await open_screen(app, pilot)
        fields = screen.query_one("#pool-fields", FieldList)
        await wait_for(
            pilot, lambda: fields.has_focus, lambda: f"the pool's details focused, not {app.focused}"
        )
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.result is not None, "the exchange")
