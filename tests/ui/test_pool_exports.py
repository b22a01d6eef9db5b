"""Exports from the pool detail screen: e writes its findings (Markdown), E its whole configuration (JSON,
secrets only when chosen), each with mode 0600 where the user says."""

from __future__ import annotations

import json
import os
import stat

from textual.widgets import Input

from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.save_file import PathPrompt
from cogtui.screens.pool_detail import PoolDetailScreen
from tests.pilot_wait import wait_for

SIZE = (120, 36)


async def export(pilot, key: str, option: int, path) -> None:
    app = pilot.app
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
    for _ in range(option):
        await pilot.press("down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), "the path prompt")
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await wait_for(pilot, lambda: path.exists(), f"{path.name}")


async def test_findings_and_configuration_are_exported_from_the_pool(make_sandbox_app, sandbox, tmp_path):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = PoolDetailScreen(pool.id, pool.name)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.clients is not None, "the pool and its clients")
        findings = tmp_path / "findings.md"
        await export(pilot, "e", 0, findings)
        plain = tmp_path / "configuration.json"
        await export(pilot, "E", 0, plain)
        secret = tmp_path / "with-secrets.json"
        await export(pilot, "E", 1, secret)
    text = findings.read_text()
    assert text.startswith(f"# Findings for user pool {pool.name}\n")
    assert "## High" in text and "- Fix: " in text
    document = json.loads(plain.read_text())
    assert document["UserPool"]["Id"] == pool.id
    assert backend.secret not in plain.read_text()
    assert any(path.endswith(".ClientSecret") for path in document["SecretsLeftOut"])
    with_secrets = json.loads(secret.read_text())
    assert backend.secret in {c.get("ClientSecret") for c in with_secrets["AppClients"]}
    for path in (findings, plain, secret):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
