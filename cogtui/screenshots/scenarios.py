"""The screenshots the README shows, each reached by the keys a user would press."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from cogtui.app_type import cogtui_app
from cogtui.screenshots.harness import Scenario, pools_listed, settle, wait_until


async def pools(pilot: Pilot, info: Any) -> None:
    await settle(pilot)


async def sandbox_logins(pilot: Pilot, info: Any) -> None:
    await pilot.press("f2")


async def help_keys(pilot: Pilot, info: Any) -> None:
    await pilot.press("question_mark")


async def _open_demo_app(pilot: Pilot, info: Any) -> None:
    await wait_until(pilot, lambda: pools_listed(pilot))
    await pilot.press("enter")  # demo-app is the first row
    await settle(pilot)


async def pool_overview(pilot: Pilot, info: Any) -> None:
    await _open_demo_app(pilot, info)


async def pool_findings(pilot: Pilot, info: Any) -> None:
    await _open_demo_app(pilot, info)
    await pilot.press("f")


async def client_findings(pilot: Pilot, info: Any) -> None:
    await _open_demo_app(pilot, info)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press("down", "enter")  # legacy-password
    await settle(pilot)


async def users_large(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.users import UsersScreen

    pool = info.pool("demo-large")
    screen = UsersScreen(pool.id, pool.name)
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: screen.finished_at is not None, timeout=30)


async def user_detail(pilot: Pilot, info: Any) -> None:
    await _open_demo_app(pilot, info)
    await pilot.press("u")
    await settle(pilot)
    await pilot.press("enter")  # alice
    await settle(pilot)


SCENARIOS: list[Scenario] = [
    Scenario("pools", "User pools, with the connection and the SANDBOX badge", pools),
    Scenario("sandbox-logins", "The seeded sandbox logins (F2)", sandbox_logins),
    Scenario("help", "Keys of the current screen (?)", help_keys),
    Scenario(
        "pool-overview", "A pool's overview: ids, issuer, JWKS and hosted UI URLs (Enter)", pool_overview
    ),
    Scenario("pool-findings", "What in the pool's configuration weakens sign-in (f)", pool_findings),
    Scenario("client-findings", "An app client's settings and findings (a, Enter)", client_findings),
    Scenario("users", "A 2,500-user pool streamed page by page", users_large),
    Scenario("user-detail", "A user: attributes, MFA, groups, admin actions (u, Enter)", user_detail),
]


# -- token inspector -----------------------------------------------------------------------------


async def _sign_in_alice(pilot: Pilot, info: Any, client: str = "legacy-password") -> None:
    """Sign alice in to demo-app and hand her tokens to the app state, as the sign-in debugger does."""
    from cogtui.auth.flows import SignInRequest
    from cogtui.auth.signin_session import SignInSession

    app = cogtui_app(pilot.app)
    pool = info.pool("demo-app")
    client_id = pool.client(client).id
    flow = "password" if client == "legacy-password" else "srp"  # web-spa allows SRP only
    request = SignInRequest(
        pool_id=pool.id,
        client_id=client_id,
        username="alice",
        password=info.user("alice").password,
        flow=flow,
    )
    session = SignInSession(app.gateway, request)
    await session.start()
    result = session.result
    if result is None:
        raise RuntimeError(f"alice could not sign in on {client}")
    app.update_state(tokens=result.app_tokens(pool.id, client_id, "alice"))


async def _tokens_settled(pilot: Pilot) -> Any:
    from cogtui.screenshots.harness import wait_until

    await wait_until(pilot, lambda: getattr(pilot.app.screen, "settled", False))
    return pilot.app.screen


async def tokens_valid_pair(pilot: Pilot, info: Any) -> None:
    await _sign_in_alice(pilot, info)
    await pilot.press("3")
    await _tokens_settled(pilot)


async def tokens_invalid(pilot: Pilot, info: Any) -> None:
    """The same tokens checked for another app client of the pool: the client check fails."""
    await _sign_in_alice(pilot, info)
    await pilot.press("3")
    screen = await _tokens_settled(pilot)
    screen.query_one("#clients").value = info.pool("demo-app").client("backend").id
    await pilot.pause(0.1)
    await _tokens_settled(pilot)


SCENARIOS += [
    Scenario(
        "tokens-valid-pair",
        "Token inspector: alice's ID and access tokens, every check passed",
        tokens_valid_pair,
    ),
    Scenario(
        "tokens-invalid", "Token inspector: the same tokens checked for another app client", tokens_invalid
    ),
]


# -- identity pools ------------------------------------------------------------------------------


async def _identity_exchange(pilot: Pilot, info: Any) -> Any:
    """alice signs in on web-spa (the client the identity pool trusts), then 4, the pool, and x."""
    from textual.widgets import Select

    from cogtui.screens.identity import IdentityScreen
    from cogtui.screenshots.harness import wait_until

    app = cogtui_app(pilot.app)
    await _sign_in_alice(pilot, info, client="web-spa")
    await pilot.press("4")
    screen = app.screen
    if not isinstance(screen, IdentityScreen):
        raise RuntimeError(f"mode 4 opened {type(screen).__name__}, not the identity screen")
    await wait_until(pilot, lambda: screen.facts is not None)
    screen.query_one("#pool-select", Select).value = info.identity_pool.id
    await wait_until(pilot, lambda: screen.pool is not None and screen.pool.id == info.identity_pool.id)
    await pilot.press("x")
    await wait_until(pilot, lambda: screen.result is not None and not screen.exchanging)
    return screen


async def identity_exchange(pilot: Pilot, info: Any) -> None:
    await _identity_exchange(pilot, info)


async def identity_credentials(pilot: Pilot, info: Any) -> None:
    from cogtui.screenshots.harness import wait_until

    screen = await _identity_exchange(pilot, info)
    await pilot.press("right_square_bracket", "p")
    panel = screen.credentials_panel
    await wait_until(pilot, lambda: not panel.proving and "✔" in str(panel.value("caller").render()))


SCENARIOS += [
    Scenario(
        "identity-exchange",
        "Identity pool: alice's ID token exchanged for AWS credentials, call by call",
        identity_exchange,
    ),
    Scenario(
        "identity-credentials",
        "Identity pool: the credentials, secret masked, proved with STS GetCallerIdentity",
        identity_credentials,
    ),
]


# -- sign-in debugger ----------------------------------------------------------------------------


async def _signin_form(pilot: Pilot, info: Any, client: str, flow: str, username: str) -> Any:
    """Mode 2, the demo-app pool and ``client`` picked, ``flow`` chosen, the seeded login typed in."""
    import time

    from cogtui.screenshots.harness import wait_until

    await pilot.press("2")
    screen: Any = pilot.app.screen
    pool = info.pool("demo-app")
    app_client = pool.client(client)
    await wait_until(pilot, lambda: app_client.id in screen.form.known_clients)
    screen.form.set_client(app_client.id)
    await wait_until(pilot, lambda: screen.client is not None and screen.client.id == app_client.id)
    screen.form.set_flow(flow)
    screen.form.set_login(username, info.user(username).password)
    started = time.time()
    screen.clock = lambda: started  # the countdown reads the same however long the shot takes
    screen.timeline.step_list.focus()  # out of the fields: s starts
    await pilot.pause(0.1)
    return screen


async def signin_mfa(pilot: Pilot, info: Any) -> None:
    from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
    from cogtui.screenshots.harness import wait_until

    await _signin_form(pilot, info, "backend", "srp", "frank")
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChallengePrompt))


async def signin_done(pilot: Pilot, info: Any) -> None:
    from cogtui.screenshots.harness import wait_until

    screen = await _signin_form(pilot, info, "backend", "password", "alice")
    await pilot.press("s")
    await wait_until(pilot, lambda: screen.outcome.state == "ok")


SCENARIOS += [
    Scenario(
        "signin-mfa",
        "Sign-in debugger: frank's SRP sign-in asks for his authenticator code (SOFTWARE_TOKEN_MFA)",
        signin_mfa,
    ),
    Scenario(
        "signin-done",
        "Sign-in debugger: alice signed in on a client with a secret, SECRET_HASH on the timeline",
        signin_done,
    ),
]


# -- sign-in doctor ------------------------------------------------------------------------------


async def _doctor_settled(pilot: Pilot) -> None:
    from cogtui.screens.signin_doctor import SignInDoctorScreen

    await wait_until(
        pilot,
        lambda: isinstance(pilot.app.screen, SignInDoctorScreen) and pilot.app.screen.verdict is not None,
    )
    await settle(pilot)


async def doctor_user_page(pilot: Pilot, info: Any) -> None:
    """erin's page in demo-app, then w: why can't erin sign in?"""
    from cogtui.screens.user_detail import UserDetailScreen

    pool = info.pool("demo-app")
    detail = UserDetailScreen(pool.id, pool.name, "erin")
    await pilot.app.push_screen(detail)
    await wait_until(pilot, lambda: detail.snapshot is not None)
    await pilot.press("w")
    await _doctor_settled(pilot)


async def doctor_beside_failure(pilot: Pilot, info: Any) -> None:
    """erin's refused sign-in, the doctor's prediction beside the explained failure."""
    screen = await _signin_form(pilot, info, "backend", "password", "erin")
    await pilot.press("s")
    await wait_until(pilot, lambda: screen.outcome.state == "failed" and screen.comparison is not None)
    await settle(pilot)


SCENARIOS += [
    Scenario(
        "doctor-user-page",
        "Sign-in doctor: why can't erin sign in? Every check, its cause, fix and admin call (w on a user)",
        doctor_user_page,
    ),
    Scenario(
        "doctor-signin-failure",
        "Sign-in doctor beside a failed sign-in: the prediction set beside what the endpoint answered",
        doctor_beside_failure,
    ),
]


# -- managed login (OAuth 2.0) ---------------------------------------------------------------------


async def _oauth_start(pilot: Pilot, info: Any, client: str) -> Any:
    """Mode 2, l: the managed-login screen with demo-app and ``client`` filled in, then Enter starts."""
    from cogtui.screens.oauth_login import OAuthLoginScreen

    await pilot.press("2")
    await settle(pilot)
    await pilot.press("escape", "l")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, OAuthLoginScreen))
    screen: Any = pilot.app.screen
    pool = info.pool("demo-app")
    screen.query_one("#oauth-pool").value = pool.id
    screen.query_one("#oauth-client").value = pool.client(client).id
    screen.query_one("#oauth-scopes").focus()
    await pilot.press("enter")
    return screen


def _browser_signs_in(url: str, username: str, password: str) -> None:
    """Be the browser on the sandbox's login page: authorize, the form, then the redirect to the callback."""
    from cogtui.auth.oauth.exchange import send

    login = send("GET", url, timeout=5.0).location
    back = send("POST", login, form={"username": username, "password": password}, timeout=5.0)
    send("GET", back.location, timeout=5.0)


async def oauth_waiting(pilot: Pilot, info: Any) -> None:
    screen = await _oauth_start(pilot, info, "managed-login")
    await wait_until(pilot, lambda: bool(screen.url))


async def oauth_timeline(pilot: Pilot, info: Any) -> None:
    import asyncio

    screen = await _oauth_start(pilot, info, "managed-login")
    await wait_until(pilot, lambda: bool(screen.url))
    await asyncio.to_thread(_browser_signs_in, screen.url, "alice", info.user("alice").password)
    await wait_until(
        pilot, lambda: not screen.running and screen.session is not None and screen.session.tokens
    )
    await pilot.press("u")
    await wait_until(pilot, lambda: len(screen.timeline.steps) >= 4 and not screen.running)


async def oauth_redirect_mismatch(pilot: Pilot, info: Any) -> None:
    screen = await _oauth_start(pilot, info, "web-spa")  # its only callback is https://app.example.com
    await wait_until(pilot, lambda: bool(screen.timeline.steps) and not screen.running)


SCENARIOS += [
    Scenario(
        "oauth-waiting",
        "Managed login: the authorize URL and its QR code while cogtui waits for the browser (l, Enter)",
        oauth_waiting,
    ),
    Scenario(
        "oauth-timeline",
        "Managed login finished: authorize, callback, code exchange with PKCE and userInfo on the timeline",
        oauth_timeline,
    ),
    Scenario(
        "oauth-redirect-mismatch",
        "Managed login refused before any browser opens: redirect_mismatch explained, callbacks side by side",
        oauth_redirect_mismatch,
    ),
]


# The explorer for daily work: connection, raw JSON, identity-pool findings, sort and search, compare.
from cogtui.screenshots.scenarios_daily import DAILY  # noqa: E402

SCENARIOS += DAILY
