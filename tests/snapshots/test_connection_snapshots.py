"""The connection dialog (Ctrl+O) over the seeded sandbox, at 80x24 and wide, with profiles of a test's own."""

from __future__ import annotations

import pytest

from cogtui.screens.dialogs.connection import ConnectionDialog
from tests.aws_files import SSO_PROFILE, use_aws_files
from tests.pilot_wait import pools_listed, wait_for

CONFIG = """\
[default]
region = us-east-1

"""
CONFIG += SSO_PROFILE


@pytest.fixture
def aws_profiles(monkeypatch, tmp_path):
    return use_aws_files(monkeypatch, tmp_path, CONFIG, "")


async def open_dialog(pilot) -> None:
    await pools_listed(pilot)
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConnectionDialog), "the dialog")
    await wait_for(pilot, lambda: pilot.app.screen.loaded, "the profiles and regions")
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "wide"])
def test_connection_dialog(snap_compare, make_sandbox_app, aws_profiles, size):
    assert snap_compare(make_sandbox_app(), terminal_size=size, run_before=open_dialog)
