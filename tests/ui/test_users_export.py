"""Exporting a users listing from the users screen: e, a format, a path; the listing's server-side filter
is kept, a progress bar follows the pages, Esc cancels and leaves the file as it was."""

from __future__ import annotations

import json
import os
import stat

from textual.widgets import Input, ProgressBar

from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.export_progress import ExportProgress
from cogtui.screens.dialogs.save_file import PathPrompt
from tests.contract.own_pool import boto
from tests.contract.test_exports import UNCONFIRMED, listed
from tests.pilot_wait import wait_for
from tests.ui.test_users import open_users, press_now, until

SIZE = (120, 36)


async def start_export(app, pilot, fmt_index: int, path) -> None:
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the format choice")
    for _ in range(fmt_index):
        await pilot.press("down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), "the path prompt")
    app.screen.query_one(Input).value = str(path)
    await press_now(app, "enter")  # Pilot.press would wait for the export to settle


async def test_the_filtered_listing_is_exported_as_json_lines(
    make_sandbox_app, sandbox, tmp_path, monkeypatch
):
    _, info = sandbox
    pool = info.pool("demo-large")
    target = tmp_path / "unconfirmed.jsonl"
    app = make_sandbox_app()
    notices: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, *a, **k: (notices.append(message), notify(message, *a, **k))
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None, "the listing")
        assert screen.apply_filter(UNCONFIRMED)
        await wait_for(pilot, lambda: screen.finished_at is not None and screen.active_filter, "the filter")
        await start_export(app, pilot, 1, target)
        await wait_for(pilot, lambda: target.exists(), "the export")
        await wait_for(pilot, lambda: app.screen is screen, "the progress to close")
    users = [json.loads(line) for line in target.read_text().splitlines()]
    expected = listed(boto(info.endpoint_url), pool.id, UNCONFIRMED)
    assert [u["Username"] for u in users] == expected and 0 < len(expected) < pool.user_count
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert any(f"{len(expected)} users matching {UNCONFIRMED} written to {target}" in n for n in notices)


async def test_esc_cancels_a_users_export_and_leaves_the_file_as_it_was(make_sandbox_app, sandbox, tmp_path):
    server, info = sandbox
    pool = info.pool("demo-large")
    target = tmp_path / "users.csv"
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_users(app, pilot, pool.id, pool.name)
        await wait_for(pilot, lambda: screen.finished_at is not None, "the listing")
        server.latency_ms = 100  # pages come slowly enough to cancel between two
        try:
            await start_export(app, pilot, 0, target)
            # pushed is not yet composed: wait for the bar itself
            assert await until(
                lambda: isinstance(app.screen, ExportProgress) and app.screen.query(ProgressBar)
            )
            bar = app.screen.query_one(ProgressBar)
            assert await until(lambda: (bar.progress or 0) > 0)
            assert bar.total == pool.user_count  # no filter: the pool's estimate is the total
            assert bar.progress < pool.user_count
            await press_now(app, "escape")
            assert await until(lambda: app.screen is screen)
        finally:
            server.latency_ms = 0
        assert not target.exists()
        assert list(tmp_path.iterdir()) == []  # no partial file either
