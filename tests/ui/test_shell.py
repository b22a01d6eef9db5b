"""The app shell against the sandbox: pools listed, connection shown, errors explained, quit is clean."""

import gc
import socket
import sys

import pytest
from textual.widgets import DataTable, Footer, Input
from textual.widgets._footer import FooterKey

from cogtui.app import SWITCH_INTERVAL_S, make_app
from cogtui.runtime import Runtime
from cogtui.settings import Settings
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.token_checks import CheckList
from tests.pilot_wait import settle, wait_for


async def _wait_for_rows(pilot, table, count):
    await wait_for(pilot, lambda: table.row_count >= count, lambda: f"{count} rows, not {table.row_count}")


async def test_lists_the_seeded_pools_and_shows_the_connection(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#pools-table", DataTable)
        seeded = {"demo-app", "demo-mfa-required", "demo-email-login"}

        def names() -> set:
            return {table.get_row_at(i)[0] for i in range(table.row_count)}

        await wait_for(pilot, lambda: seeded <= names(), lambda: f"the seeded pools among {names()}")
        assert seeded <= names()
        bar = app.screen.query_one(ConnectionBar)
        assert (
            bar.sandbox and "us-east-1" in bar.connection_label and info.endpoint_url in bar.connection_label
        )
        pool_id = info.pool("demo-mfa-required").id
        await wait_for(pilot, lambda: table.get_row(pool_id)[1] != "…", "the pool's MFA setting")
        assert table.get_row(pool_id)[1] == "ON"


async def test_filter_as_you_type(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#pools-table", DataTable)
        await _wait_for_rows(pilot, table, 3)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"mfa")
        assert table.row_count == 1 and table.get_row_at(0)[0] == "demo-mfa-required"
        await pilot.press("escape")
        assert table.row_count >= 3


async def test_read_only_badge(make_sandbox_app):
    app = make_sandbox_app(read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ConnectionBar), "the header")
        assert app.screen.query_one(ConnectionBar).read_only


async def _status_after_failure(settings):
    runtime = Runtime(settings)
    app = make_app(settings, runtime)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            status = app.screen.query_one(StatusLine)
            await wait_for(pilot, lambda: "-error" in status.classes, "the failure on the status line")
            text = str(status.render())
            await pilot.press("r")  # retry does not crash either
            await settle(pilot)
            assert app.is_running
            return text
    finally:
        runtime.close()


def _no_aws_credentials(monkeypatch, tmp_path):
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


async def test_missing_credentials_are_explained(sandbox, monkeypatch, tmp_path):
    _no_aws_credentials(monkeypatch, tmp_path)
    _, info = sandbox
    text = await _status_after_failure(Settings(endpoint_url=info.endpoint_url, region="us-east-1"))
    assert "No AWS credentials" in text and "--sandbox" in text


async def test_unreachable_endpoint_is_explained_and_the_app_keeps_running(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    text = await _status_after_failure(
        Settings(endpoint_url=f"http://127.0.0.1:{port}", region="us-east-1", read_timeout=1, max_attempts=1)
    )
    assert "Could not reach" in text and "retry" in text


def _dead_endpoint(monkeypatch, tmp_path) -> Settings:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return Settings(
        endpoint_url=f"http://127.0.0.1:{port}", region="us-east-1", read_timeout=1, max_attempts=1
    )


def _no_credentials(monkeypatch, tmp_path) -> Settings:
    _no_aws_credentials(monkeypatch, tmp_path)
    return Settings(endpoint_url="http://127.0.0.1:9", region="us-east-1")


def _unknown_profile(monkeypatch, tmp_path) -> Settings:
    _no_aws_credentials(monkeypatch, tmp_path)
    return Settings(profile="no-such-profile", region="us-east-1")


@pytest.mark.parametrize(
    ("make_settings", "reason"),
    [
        (_dead_endpoint, "Could not reach"),
        (_no_credentials, "No AWS credentials"),
        (_unknown_profile, "no-such-profile"),
    ],
)
async def test_the_header_says_why_it_is_not_connected(make_settings, reason, monkeypatch, tmp_path):
    settings = make_settings(monkeypatch, tmp_path)
    runtime = Runtime(settings)
    app = make_app(settings, runtime)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            bar = app.screen.query_one(ConnectionBar)
            await wait_for(
                pilot,
                lambda: "connecting" not in str(bar.render()),
                lambda: f"the header, not {bar.render()} ({app.screen.query_one(StatusLine).render()})",
            )
            header = str(bar.render())
            assert "✘ not connected" in header and reason in header, header
            await pilot.press("2")  # every screen's header says it
            await wait_for(pilot, lambda: app.screen.query(ConnectionBar), "the sign-in screen")
            assert reason in str(app.screen.query_one(ConnectionBar).render())
    finally:
        runtime.close()


async def test_quit_with_q(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0


async def test_the_key_bar_comes_after_the_pools_and_shows_their_keys(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#pools-table", DataTable)
        await _wait_for_rows(pilot, table, 3)
        await wait_for(pilot, lambda: app.screen.query(FooterKey), "the key bar")
        keys = [key.description for key in app.screen.query(FooterKey)]
        assert {"Refresh", "Filter", "Identity pools"} <= set(keys)
        assert len(app.screen.query(Footer)) == 1
        await pilot.press("r")  # a reload does not add a second bar
        await _wait_for_rows(pilot, table, 3)
        await settle(pilot)
        assert len(app.screen.query(Footer)) == 1


async def test_runtime_tuning_lasts_only_while_the_app_runs(make_sandbox_app):
    """A short GIL switch interval and a frozen startup heap while running; both undone at exit, so a
    longer process (a test session) gets its memory back."""
    before = sys.getswitchinterval()
    app = make_sandbox_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert sys.getswitchinterval() == SWITCH_INTERVAL_S < before
        assert gc.get_freeze_count() > 0
    assert sys.getswitchinterval() == before
    assert gc.get_freeze_count() == 0


async def test_token_check_rows_look_the_same_after_visiting_identity(make_sandbox_app, sandbox):
    """The token inspector and the identity doctor share one verdict row: visiting one never restyles the other."""
    from cogtui.screens.identity import IdentityScreen
    from cogtui.widgets.check_list import CheckListView
    from tests.ui.test_tokens_screen import open_tokens_mode, sign_in, verified

    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.update_state(tokens=await sign_in(app, info))
        tokens = await open_tokens_mode(pilot)
        await verified(pilot, tokens)
        name = tokens.panel("id").query_one(CheckList).row("signature").query_one(".check-name")
        before = (name.region.width, name.styles.text_style.bold, str(name.render()))
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, IdentityScreen), "the identity screen")
        doctor = app.screen.query_one(CheckListView)
        await wait_for(pilot, lambda: doctor.query(".check-name"), "the identity checks")
        assert type(doctor.query_one(".check-name").parent) is type(name.parent)
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen is tokens, "the tokens screen again")
        await settle(pilot)
        assert (name.region.width, name.styles.text_style.bold, str(name.render())) == before
