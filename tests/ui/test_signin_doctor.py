"""The sign-in doctor in the TUI: w on the user page and the palette's "Why can't <user> sign in?" open
the verdict, one row per check with its glyph, status class, cause and fix; r runs it again."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Static

from cogtui.commands import doctor_username
from cogtui.screens.signin_doctor import SignInDoctorScreen
from cogtui.screens.user_detail import UserDetailScreen
from tests.pilot_wait import pools_listed, wait_for

SIZE = (120, 40)


def rows(screen: SignInDoctorScreen) -> list[Static]:
    return list(screen.query(".doctor-check").results(Static))


def row_text(row: Static) -> str:
    return str(row.render())


async def doctor_shown(pilot) -> SignInDoctorScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, SignInDoctorScreen), "the doctor screen")
    screen = app.screen
    await wait_for(pilot, lambda: screen.verdict is not None and rows(screen), "the verdict")
    return screen


async def test_w_on_the_user_page_shows_why_erin_cannot_sign_in(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        detail = UserDetailScreen(pool.id, pool.name, "erin")
        await app.push_screen(detail)
        await wait_for(pilot, lambda: detail.snapshot is not None, "erin's page")
        await pilot.press("w")
        screen = await doctor_shown(pilot)
        banner = screen.query_one("#doctor-verdict", Static)
        assert str(banner.render()) == "✘ erin will be refused: NotAuthorizedException: User is disabled."
        assert banner.has_class("-fail")
        enabled = next(r for r in rows(screen) if "enabled" in row_text(r).split("\n")[0])
        assert enabled.has_class("-fail")
        text = row_text(enabled)
        assert text.startswith("✘ enabled  The user is disabled.")
        assert "Cause: Cognito refuses every sign-in of a disabled user" in text
        assert "Admin: AdminEnableUser (Enable the user)" in text
        assert all(
            r.has_class(f"-{c.status.value}")
            for r, c in zip(rows(screen), screen.verdict.checks, strict=True)
        )
        await pilot.press("escape")
        assert app.screen is detail


async def test_the_palette_asks_why_a_user_cannot_sign_in(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        await pools_listed(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"why frank demo-app")
        palette = app.screen
        wanted = "Why can't frank sign in? · demo-app"
        await wait_for(
            pilot,
            lambda: any(str(o.prompt).startswith(wanted) for o in palette.query_one("CommandList").options),
            "the doctor's palette entry",
        )
        await pilot.press("enter")
        screen = await doctor_shown(pilot)
        assert screen.typed == "frank" and screen.verdict.challenge == "SOFTWARE_TOKEN_MFA"
        assert screen.query_one("#doctor-verdict", Static).has_class("-warn")


async def test_r_runs_the_doctor_again_and_an_unknown_user_is_refused(make_sandbox_app, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = SignInDoctorScreen(pool.id, "nobody-here", pool_name=pool.name)
        await app.push_screen(screen)
        await doctor_shown(pilot)
        first = screen.verdict
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.verdict is not first, "a second verdict")
        assert screen.verdict.refusal == "UserNotFoundException: User does not exist."
        assert "nothing was signed in or changed" in str(screen.query_one("#doctor-status").render())


def test_the_palette_reads_the_username_after_why():
    assert doctor_username("why can't alice sign in?") == "alice"
    assert doctor_username("Why bob") == "bob"
    assert doctor_username("alice") == ""
    assert doctor_username("why") == ""
