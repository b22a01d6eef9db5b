"""A seeded user signed in through the app's gateway, with the tokens the sign-in screen would publish.

One helper for every test that needs real tokens in the app state (the token inspector, the identity
screen, fault and audit tests): the sign-in engine runs the flow the client allows (USER_PASSWORD_AUTH,
or SRP on web-spa, which allows SRP only) against the sandbox, and the result becomes ``Tokens`` as
``SignInResult.app_tokens`` builds them for the app.
"""

from __future__ import annotations

from typing import Any

from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SignInSession
from cogtui.state import Tokens

SRP_ONLY_CLIENTS = frozenset({"web-spa"})


async def sign_in_through(
    app: Any, info: Any, client: str = "legacy-password", user: str = "alice"
) -> Tokens:
    """``user`` of the demo-app pool signed in on ``client`` through ``app``'s gateway; their tokens."""
    pool = info.pool("demo-app")
    client_id = pool.client(client).id
    request = SignInRequest(
        pool_id=pool.id,
        client_id=client_id,
        username=user,
        password=info.user(user).password,
        flow="srp" if client in SRP_ONLY_CLIENTS else "password",
    )
    session = SignInSession(app.gateway, request)
    step = await session.start()
    result = session.result
    if result is None:
        raise AssertionError(f"{user} could not sign in on {client}: {step.error}")
    return result.app_tokens(pool.id, client_id, user)


async def sign_in_to_app(app: Any, info: Any, client: str = "legacy-password", user: str = "alice") -> Tokens:
    """``sign_in_through``, then the tokens handed to the app state, as the sign-in screen does."""
    tokens = await sign_in_through(app, info, client=client, user=user)
    app.update_state(tokens=tokens)
    return tokens
