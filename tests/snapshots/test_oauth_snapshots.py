"""Snapshots of the managed-login screen at 120x36 and 80x24: waiting for the browser (the authorize URL and
its QR code) and a redirect_mismatch explained before any browser opens.

The pool and clients are the session sandbox's seeded ones (demo-app: managed-login listens on its
registered http://localhost:8765/callback, web-spa has only an https callback). The PKCE verifier, state
and nonce are fixed, the timeline's clock is frozen and nothing listens on the callback's port, so the URL, the QR code and every step read the
same on every run. Regenerate with `pytest tests/snapshots/test_oauth_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import threading

import pytest

from cogtui.auth.oauth.pkce import Pkce
from cogtui.widgets.qr import QrCode
from tests.conftest import DEFAULT_SANDBOX_PORT
from tests.snapshots.conftest import _LOOPBACK_PORT
from tests.snapshots.test_signin_snapshots import NOW
from tests.ui.test_oauth_login import open_oauth, wait_for

SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
FIXED_PKCE = Pkce(verifier="snapshot-verifier-" + "0" * 46, state="snapshot-state", nonce="snapshot-nonce")


class QuietListener:
    """Stands in for the loopback listener: the seeded callback's port is shared by every test process,
    and a snapshot of the waiting screen needs no callback. ``wait`` returns when the screen closes it."""

    def __init__(self, loopback) -> None:
        self.closed = threading.Event()

    def start(self) -> None:
        pass

    def wait(self, timeout: float):
        self.closed.wait(timeout)

    def close(self) -> None:
        self.closed.set()


class DefaultPortQr(QrCode):
    """The QR code as the default sandbox port gives it: the header's port is normalised by the snapshot
    comparison, a QR code's modules cannot be."""

    def __init__(self, url: str, **kwargs) -> None:
        super().__init__(_LOOPBACK_PORT.sub(rf"\g<1>{DEFAULT_SANDBOX_PORT}", url), **kwargs)


class FrozenClock:
    """Stands in for the ``time`` module of the OAuth steps: the sandbox's pinned date, no duration."""

    @staticmethod
    def time() -> float:
        return NOW


@pytest.fixture
def oauth_app(make_sandbox_app, monkeypatch):
    monkeypatch.setattr("cogtui.auth.oauth.exchange.time", FrozenClock)
    monkeypatch.setattr("cogtui.auth.oauth.flow.time", FrozenClock)
    monkeypatch.setattr(Pkce, "new", classmethod(lambda cls: FIXED_PKCE))
    monkeypatch.setattr("cogtui.auth.oauth.flow.CallbackListener", QuietListener)
    monkeypatch.setattr("cogtui.screens.oauth_login.QrCode", DefaultPortQr)
    return make_sandbox_app


async def _start(pilot, info, client: str):
    screen = await open_oauth(pilot)
    pool = info.pool("demo-app")
    screen.query_one("#oauth-pool").value = pool.id
    screen.query_one("#oauth-client").value = pool.client(client).id
    screen.query_one("#oauth-scopes").focus()
    await pilot.press("enter")
    return screen


@SIZES
def test_managed_login_waiting_for_the_browser(snap_compare, oauth_app, sandbox, size):
    _, info = sandbox

    async def run_before(pilot) -> None:
        screen = await _start(pilot, info, "managed-login")
        await wait_for(pilot, lambda: screen.url and screen.timeline.steps, "the authorize URL")
        await pilot.pause(0.2)

    assert snap_compare(oauth_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_redirect_mismatch_explained(snap_compare, oauth_app, sandbox, size):
    _, info = sandbox

    async def run_before(pilot) -> None:
        screen = await _start(pilot, info, "web-spa")
        await wait_for(pilot, lambda: screen.timeline.steps and not screen.running, "the refusal")
        await pilot.pause(0.2)

    assert snap_compare(oauth_app(), terminal_size=size, run_before=run_before)
