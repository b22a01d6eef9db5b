"""Snapshots of the token inspector: tokens signed with a fixed test key, a static JWKS and a frozen clock.

The key below exists only for these tests; with it, the tokens, the signatures and every time on screen
are the same on every run. Regenerate with `pytest tests/snapshots/test_tokens_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from jwt.algorithms import RSAAlgorithm

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.screens.tokens import TokensScreen
from cogtui.settings import Settings
from cogtui.tokens import StaticJwks
from cogtui.widgets.token_input import TokenInput

TEST_ONLY_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MIIEugIBADANBgkqhkiG9w0BAQEFAASCBKQwggSgAgEAAoIBAQDECBYcEgNGXJMB
BLfr/YGO2MTDugqzSKlhMn+GR+K5M1/tXcQ7Nt0qYzHu6ttsAfOQuPXWw+wJNGP3
k6eZTWsD6/RYY9CT8YzznJtVWIsBp573yU3EOQOsFfep2xHtS0C4b114V7he+j47
APxAB+cI4RBaS+nEsOD9W7g9Bpvap6iKXyVq+PPn72VkJU44JE++loEIy1l9A641
TJH2QlCaH6RA5P2WkHnE/Y4EfeK4RdV7w/3rYYGiY16GuSZh8tJEy31bGrrxGwdG
CLl++qM4KdV0XWAxrBrqhCNT72sZVfSZhusClphe1C3a9SdBSfHHGpLoQcvWnpOd
cRanrjShAgMBAAECgf9nw+qwK84VTft36996HlPuIUrxBWbp7+nOIW+Pd43JKtX5
oktfwh2KymcsE0rX/qXG/aEOxeFeHfVXSo7KKfNzvU/iBIlBRqNYcJVotS3KT8gT
XDi7SCgWzKoEUd9Ivy91xr1bblOR3YoDVvTaOqn48T7kDTr40AgdvzyO+73pcdcR
fRhYpnVF3UOIy9pfiKWqpYEi7XXYgJr/huck/49cb4Eg/9z6gd8kti40KdWEzXHS
H7lyZ5WQnc7Nlj7xepS6aaC4iIsOkFxzg/ucO/Ow5W3HM8gQSntf+xWVcfAmZ/dy
BcHCqsOiXeh2kR6l9cdjHtdXpr9nqFtvjIjRP4ECgYEA/TBqtX2wElpBr4xEYOJ8
HWK/Q+g8tP675yzkIGZztAlXvs5YYoBd13UHqasmh0Jl7HZthv95CGMDDnEEnOsp
0SUoyT0B0EzXtBUj8NVy3Qz3WDZNH7hXE8tQTk+xv0xAiZXzXC/6L0JQGone+3gF
D1eq6GttcWf7jUPWRAVYJiECgYEAxjU5LlW1Z5eoF3G2H0sgVggVpr1O6tH8OY/S
mahlMzc7RUxxqTLRr0V4yvI5gxBjtWMdbdV8iUjB+4AcJrLfZGy6pitK2rBXFG0+
uMyzDE6hWVqL9R0od8iqv6lKIDKvELuw7hB8mko31sqcSDqL2IK29p2q6rphv1ma
4Q4nPoECgYBuxb0aFJhxHx338RWFkfGdZbOqwTO2OHD7bo+MgWaD0Uabi2nuBp2I
A4LLv77GlM1FDHdVBfbtLWyL5/SNtvF/uJNEoDVn7ga9mjY0Sx7LCb450OAjTaKD
XYOQD5wDxxfBWmKz5aW/AXNMeR+ew97q3H9A2qdyY30STCi1b+UmIQKBgFOxe6Cm
DkBc2Fx15noWReQt676JZz5eRoujwECjy3+xzbQ4UDIqxEGnKxc+6qv+Cqw32uBa
6ggqEcb51Gk+1HdaNgIee7AWD98PNhHgVaZXuWe6hSiOFF1n/TmK6ULpQ+Tj7BTK
H2Mi/asTyKPzHMPihhFiiB4vb0DWPEDVshqBAoGAThw+/15DoA3662/WPCO0Gbj2
Ow6s9aSY8Z8Blr4mIZnJAhFR5zoRGnGoQIK5mJQP6WoG+qUeqUidL1sTFVoKwQji
g2k9FY016T9aJUO0LyxU1RRQBU6BlHbvIlYgH/8WJZ3XGX6iy0xyEmcURyvAaaBS
xwAsf0Oy7gZ0XgVjrdc=
-----END PRIVATE KEY-----"""

NOW = 1_768_469_400  # 2026-01-15 09:30:00 UTC, the sandbox's pinned date
KID = "snapshot-key-1"
POOL_ID = "us-east-1_Example01"
ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
CLIENT_ID = "4tq2example0client0id0abcd"
OTHER_CLIENT_ID = "7hq2jbg5fm0v8ehb5ptv9q1a8c"
SUB = "a1b2c3d4-0000-4000-8000-0123456789ab"
SIZE = (120, 36)

_KEY = serialization.load_pem_private_key(TEST_ONLY_PRIVATE_KEY.encode(), password=None)
JWKS = {
    "keys": [
        {**RSAAlgorithm.to_jwk(_KEY.public_key(), as_dict=True), "kid": KID, "alg": "RS256", "use": "sig"}
    ]
}


def sign(claims: dict) -> str:
    return jwt.encode(claims, _KEY, algorithm="RS256", headers={"kid": KID})


def id_token(client_id: str = CLIENT_ID, issued: int = NOW - 60) -> str:
    return sign(
        {
            "sub": SUB,
            "cognito:groups": ["admins"],
            "email_verified": True,
            "iss": ISSUER,
            "cognito:username": "alice",
            "origin_jti": "5f1e0c6a-1111-4222-8333-444455556666",
            "aud": client_id,
            "event_id": "0c9a8b7c-aaaa-4bbb-8ccc-dddd00001111",
            "token_use": "id",
            "auth_time": issued,
            "exp": issued + 3600,
            "iat": issued,
            "jti": "9f8e7d6c-5555-4666-8777-888899990000",
            "email": "alice@example.com",
            "custom:tenant_id": "acme",
        }
    )


def access_token(client_id: str = CLIENT_ID, issued: int = NOW - 60) -> str:
    return sign(
        {
            "sub": SUB,
            "cognito:groups": ["admins"],
            "iss": ISSUER,
            "client_id": client_id,
            "origin_jti": "5f1e0c6a-1111-4222-8333-444455556666",
            "event_id": "0c9a8b7c-aaaa-4bbb-8ccc-dddd00001111",
            "token_use": "access",
            "scope": "aws.cognito.signin.user.admin",
            "auth_time": issued,
            "exp": issued + 3600,
            "iat": issued,
            "jti": "1a2b3c4d-5555-4666-8777-888899990000",
            "username": "alice",
            "version": 2,
        }
    )


@pytest.fixture
def app(sandbox):
    _, info = sandbox
    settings = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True)
    runtime = Runtime(settings, sandbox_info=info)
    yield make_app(settings, runtime)
    runtime.gateway.close()


def inspect(id_text: str, access_text: str, clients: str | None = None):
    """A run_before that opens the inspector (frozen clock, static JWKS) on these two texts."""

    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(200):  # the connection bar names the sandbox once the pools are listed
            if app.state.connection is not None:
                break
            await pilot.pause(0.05)
        screen = TokensScreen(clock=lambda: NOW, jwks=StaticJwks.from_dict(JWKS))
        await app.push_screen(screen)
        if clients is not None:
            screen.query_one("#clients").value = clients
        screen.query_one("#id-token", TokenInput).value = id_text
        screen.query_one("#access-token", TokenInput).value = access_text
        for _ in range(200):
            await pilot.pause(0.05)
            if screen.verifications and screen.settled:
                break
        await pilot.press("escape")  # out of the field: no blinking cursor in the picture
        await pilot.pause(0.1)

    return run_before


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x36", "80x24"])
def test_valid_pair(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=inspect(id_token(), access_token()))


def test_expired_token(snap_compare, app):
    issued = NOW - 2 * 3600
    run_before = inspect(id_token(issued=issued), access_token(issued=issued))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_wrong_client_token(snap_compare, app):
    run_before = inspect(id_token(OTHER_CLIENT_ID), access_token(OTHER_CLIENT_ID), clients=CLIENT_ID)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_garbage_input(snap_compare, app):
    run_before = inspect("Bearer not.a-token", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
