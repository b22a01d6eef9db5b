"""The secrets audit: one scripted session on the sandbox, then a search of everything it produced.

With debug logging on and HOME and the XDG config and cache directories pointed at empty folders, the
real app is driven like a user: frank signs in on the confidential ``backend`` client (client secret
filled in and masked, SECRET_HASH, the SOFTWARE_TOKEN_MFA prompt answered), the timeline is saved to
a file, the token inspector verifies the tokens, alice's web-spa ID token is exchanged on the identity
screen for AWS credentials, proved with STS and exported to a file on request. A screenshot is taken
at each step. Then the debug log, the saved timelines, every screenshot and the text it shows, every
file under the config and cache directories, the in-memory trace and the notifications are searched
for the passwords, the client secret, the refresh tokens and the AWS secret key: none may be found
except where the user explicitly revealed or exported it. Revealing the client secret then shows that
the search does find a secret on a screenshot.

Allowed on purpose: the credentials export holds the AWS secret key (the user asked for it), and in
sandbox mode the sign-in form's hint line names the seeded demo logins with their password. That line
alone is left out of the search of the sign-in screen's text; the rest of those screens is searched.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from functools import partial
from pathlib import Path

import pytest
from textual.widgets import Input

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.sandbox.totp import seconds_remaining, totp_now
from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
from cogtui.screens.dialogs.save_file import PathPrompt
from cogtui.screens.identity import IdentityScreen
from cogtui.screens.signin import SignInScreen
from cogtui.screens.tokens import TokensScreen
from cogtui.secrets import forget_all
from cogtui.settings import Settings
from cogtui.widgets.credentials_panel import CredentialsPanel
from tests import pilot_wait
from tests.audit_helpers import (
    SCREEN,
    Artefact,
    debug_log,
    files_under,
    find,
    leaks,
    secrets_by_value,
    svg_text,
    without_lines,
)
from tests.signed_in import sign_in_to_app

wait_for = partial(pilot_wait.wait_for, timeout=30)  # a sign-in takes longer than a listing

SIZE = (120, 36)
HINT_MARKER = "◆ Sandbox"  # the sign-in form's line naming the seeded demo logins
PASSWORDS = ("frank's password", "alice's password")
AWS_SECRET = "AWS secret key"
CLIENT_SECRET = "backend client secret"


class Session:
    """What the scripted session collects as it goes: screenshots, their text, notifications."""

    def __init__(self, app, shots: Path) -> None:
        self.app = app
        self.shots = shots
        self.artefacts: list[Artefact] = []
        self.notified: list[str] = []
        original = app.notify

        def notify(message, *args, **kwargs):
            self.notified.append(f"{kwargs.get('title') or ''}: {message}")
            return original(message, *args, **kwargs)

        app.notify = notify

    def shoot(self, name: str) -> None:
        """The SVG as exported, the SVG as saved to a file, and the text the screen shows."""
        svg = self.app.export_screenshot(title=name)
        saved = Path(self.app.save_screenshot(f"{name}.svg", path=str(self.shots)))
        text = svg_text(svg)
        assert text.strip(), f"no text read from the screenshot {name}"
        self.artefacts += [
            Artefact(f"screenshot {name} (exported SVG)", svg),
            Artefact(f"screenshot {name} (saved {saved.name})", saved.read_text(encoding="utf-8")),
            Artefact(f"screen text {name}", text, SCREEN),
        ]


async def sign_in_frank(pilot, session: Session, info) -> SignInScreen:
    """Mode 2: demo-app, backend (its secret filled in and masked), password flow, frank, MFA code."""
    pool, backend, frank = info.pool("demo-app"), info.pool("demo-app").client("backend"), info.user("frank")
    await pilot.press("2")
    screen = pilot.app.screen
    assert isinstance(screen, SignInScreen)
    await wait_for(pilot, lambda: pool.id in screen.form.known_pools, "the pools")
    screen.form.set_pool(pool.id)
    await wait_for(pilot, lambda: backend.id in screen.form.known_clients, "the pool's clients")
    screen.form.set_client(backend.id)
    await wait_for(pilot, lambda: screen.client is not None and screen.client.id == backend.id, "the client")
    screen.form.set_flow("password")
    await pilot.pause()
    secret_field = screen.form.query_one("#client-secret", Input)
    assert secret_field.value == backend.secret and secret_field.password, (
        "the client secret is not filled in masked"
    )
    await pilot.press("escape", "e", "ctrl+u", *"frank", "tab", "ctrl+u", *frank.password)
    session.shoot("signin-form")
    await pilot.press("enter")

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChallengePrompt), "the MFA prompt")
    assert pilot.app.screen.question.challenge == "SOFTWARE_TOKEN_MFA"
    await pilot.pause()
    session.shoot("signin-mfa-prompt")
    if seconds_remaining() < 2:  # the code must still be valid when it arrives
        await asyncio.sleep(seconds_remaining())
    await pilot.press("ctrl+u", *totp_now(frank.totp_secret), "enter")
    await wait_for(
        pilot,
        lambda: not screen.running and pilot.app.screen is screen and screen.outcome.state != "busy",
        "the end of the sign-in",
    )
    assert screen.outcome.state == "ok", screen.outcome.plain
    assert pilot.app.state.tokens.refresh_token, "the sign-in gave no refresh token to look for"
    session.shoot("signin-signed-in")
    screen.timeline.select(0)  # InitiateAuth: its request (PASSWORD, SECRET_HASH) on screen
    await pilot.pause()
    session.shoot("signin-first-step")
    return screen


async def save_timeline(pilot, timeline, target: Path) -> None:
    """``w`` on the timeline, the path typed into the prompt, Enter."""
    timeline.step_list.focus()
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PathPrompt), "the path prompt")
    pilot.app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    await wait_for(pilot, target.exists, f"the saved timeline {target.name}")


async def inspect_tokens(pilot, session: Session) -> None:
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TokensScreen), "the token inspector")
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.verifications > 0 and screen.settled, "the verification")
    assert screen.reports["id"] is not None and screen.reports["id"].valid, "frank's ID token did not verify"
    session.shoot("tokens")


async def sign_in_alice_on_web_spa(app, info) -> str:
    """alice's tokens from web-spa into the app state, as the sign-in screen would put them there."""
    tokens = await sign_in_to_app(app, info, client="web-spa")  # web-spa allows SRP only
    assert tokens.refresh_token is not None
    return tokens.refresh_token


async def exchange_and_export(pilot, session: Session, exports: Path) -> Path:
    """Mode 4: the exchange, its timeline saved, the STS proof, the credentials exported (secret masked)."""
    app = pilot.app
    await pilot.press("4")
    screen = app.screen
    assert isinstance(screen, IdentityScreen)
    await wait_for(pilot, lambda: screen.pool is not None and screen.facts is not None, "pool and token")
    await pilot.press("x")
    await wait_for(pilot, lambda: not screen.exchanging and screen.result is not None, "the exchange")
    assert screen.result.ok and app.state.credentials is not None, "the exchange gave no credentials"
    session.shoot("identity-timeline")
    await save_timeline(pilot, screen.timeline, exports / "identity-timeline.json")

    screen.show_tab("credentials")
    panel = screen.query_one(CredentialsPanel)
    await pilot.press("p")
    await wait_for(pilot, lambda: not panel.proving and "✔" in str(panel.value("caller").render()), "STS")
    assert not panel.secret_revealed
    session.shoot("identity-credentials")
    target = exports / "credentials.env"
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), "the export path prompt")
    app.screen.query_one(Input).value = str(target)
    await pilot.press("enter")
    await wait_for(pilot, target.exists, "the credentials export")
    await pilot.pause()
    session.shoot("identity-exported")
    return target


async def test_a_full_session_leaks_no_secret(sandbox, tmp_path, monkeypatch):
    _, info = sandbox
    home, config, cache = tmp_path / "home", tmp_path / "config", tmp_path / "cache"
    shots, exports, log_file = tmp_path / "shots", tmp_path / "exports", tmp_path / "logs" / "debug.log"
    for folder in (home, config, cache, shots, exports):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.chdir(home)  # a relative path the app might write to lands in the searched folders
    forget_all()  # secrets remembered by earlier tests must not scrub this session's log for free

    settings = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True)
    runtime = Runtime(settings, sandbox_info=info)
    app = make_app(settings, runtime)
    session = Session(app, shots)
    try:
        with debug_log(log_file):
            async with app.run_test(size=SIZE) as pilot:
                signin = await sign_in_frank(pilot, session, info)
                frank_tokens = app.state.tokens
                frank_refresh = signin.result.refresh_token
                signin_export = exports / "signin-timeline.json"
                await save_timeline(pilot, signin.timeline, signin_export)
                await inspect_tokens(pilot, session)
                forget_all()  # alice's call is made as if cogtui had never seen her (shared) password
                alice_refresh = await sign_in_alice_on_web_spa(app, info)
                credentials_export = await exchange_and_export(pilot, session, exports)
                credentials = app.state.credentials

                named = {
                    "frank's password": info.user("frank").password,
                    "alice's password": info.user("alice").password,
                    CLIENT_SECRET: info.pool("demo-app").client("backend").secret,
                    "frank's refresh token (app state)": frank_tokens.refresh_token,
                    "frank's refresh token (sign-in result)": frank_refresh,
                    "alice's refresh token": alice_refresh,
                    AWS_SECRET: credentials.secret_key,
                }
                secrets = secrets_by_value(named)
                in_memory = [
                    Artefact("the in-memory trace", repr(app.gateway.trace.entries)),
                    Artefact("the sign-in timeline (in memory)", signin.timeline.to_json()),
                    Artefact(
                        "notifications",
                        "\n".join(session.notified + [repr(n) for n in app._notifications]),
                    ),
                ]

                # The negative: revealed on purpose, the client secret is on the screenshot and is found.
                await pilot.press("2")
                await wait_for(pilot, lambda: app.screen is signin, "the sign-in screen")
                await pilot.press("ctrl+r")
                await pilot.pause()
                revealed = svg_text(app.export_screenshot())
    finally:
        runtime.close()

    log_text = log_file.read_text(encoding="utf-8")
    assert "InitiateAuth" in log_text and "GetCredentialsForIdentity" in log_text, "debug logging was off"
    signin_saved = signin_export.read_text(encoding="utf-8")
    assert "RespondToAuthChallenge" in signin_saved and "<redacted>" in signin_saved

    artefacts = [
        Artefact("the debug log", log_text),
        Artefact("the saved sign-in timeline", signin_saved),
        Artefact("the saved identity timeline", (exports / "identity-timeline.json").read_text()),
        Artefact("the credentials export", credentials_export.read_text(encoding="utf-8")),
        *session.artefacts,
        *in_memory,
        *files_under(home, config, cache),
    ]
    # The sandbox hint line names the demo passwords on purpose: searched without it (see the docstring).
    allowed = {"the credentials export": {AWS_SECRET}}
    searched = []
    for artefact in artefacts:
        if artefact.name.startswith("screenshot signin"):
            allowed[artefact.name] = set(PASSWORDS)  # the SVG holds the hint line; its text is searched below
        if artefact.kind == SCREEN:
            artefact = Artefact(artefact.name, without_lines(artefact.text, HINT_MARKER), SCREEN)
        searched.append(artefact)

    found = leaks(searched, secrets, allowed)
    assert not found, f"{len(found)} leak(s) in {len(searched)} artefacts:\n" + "\n".join(found)

    # The search finds what is there: the key in the export the user asked for, a revealed client secret.
    aws_secret = next(s for s in secrets if AWS_SECRET in s.names)
    export = next(a for a in searched if a.name == "the credentials export")
    assert find(aws_secret, export), "the search does not find the AWS secret key in the export"
    client_secret = next(s for s in secrets if CLIENT_SECRET in s.names)
    revealed_screen = Artefact("the sign-in screen after Ctrl+R", revealed, SCREEN)
    assert find(client_secret, revealed_screen), "the search does not find a revealed client secret"


# How botocore quotes bodies at debug level, each holding a secret cogtui has not seen yet.
WIRE_DUMPS = {
    "JSON request in a repr": 'with params: {\'body\': b\'{"AuthParameters": {"USERNAME": "bob", "PASSWORD": "{s}"}}\'}',
    "JSON response": 'Response body:\nb\'{"AuthenticationResult": {"RefreshToken": "{s}"}, "NextToken": "page-2"}\'',
    "logins map": 'b\'{"IdentityPoolId": "us-east-1:1", "Logins": {"cognito-idp.amazonaws.com/us-east-1_x": "{s}"}}\'',
    "XML response": "b'<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>{s}</SecretAccessKey></Credentials>'",
    "form body": "'body': b'Action=AssumeRoleWithWebIdentity&WebIdentityToken={s}&RoleSessionName=cogtui'",
    "header repr": "headers={'X-Amz-Security-Token': b'{s}', 'Content-Length': '43'}",
}


@pytest.mark.parametrize("dump", WIRE_DUMPS.values(), ids=WIRE_DUMPS.keys())
def test_the_debug_log_redacts_a_secret_it_has_never_seen(tmp_path, dump):
    secret = f"never-seen-{uuid.uuid4().hex}"
    forget_all()
    with debug_log(tmp_path / "debug.log") as path:
        logging.getLogger("botocore.parsers").debug(dump.replace("{s}", secret))
    logged = path.read_text(encoding="utf-8")
    assert secret not in logged and "<redacted>" in logged, logged
    assert logged.count("<redacted>") == 1, "more than the secret was redacted"
