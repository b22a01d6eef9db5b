"""The token inspector screen against the sandbox: real tokens from a sign-in, checked with the pool's JWKS."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import replace

from textual import events
from textual.widgets import Input

from cogtui.screens.dialogs.error_panel import ErrorPanel
from cogtui.screens.tokens import TokensScreen
from cogtui.state import Tokens
from cogtui.tokens import StaticJwks, Status
from cogtui.widgets.claims_table import ClaimsTable
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.token_checks import CheckList
from cogtui.widgets.token_panel import TokenPanel
from tests.pilot_wait import settle, wait_for
from tests.signed_in import sign_in_through as sign_in

SIZE = (120, 36)


async def open_tokens_mode(pilot) -> TokensScreen:
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TokensScreen))
    return pilot.app.screen


async def verified(pilot, screen: TokensScreen, after: int = 0) -> None:
    """Wait for a verification newer than `after` that matches what the form shows now."""
    await wait_for(pilot, lambda: screen.verifications > after and screen.settled)


async def last_sign_in_shown(app, pilot, info) -> tuple[Tokens, TokensScreen]:
    """Sign alice in, hand the tokens to the app state, open the inspector and wait for its checks."""
    tokens = await sign_in(app, info)
    app.update_state(tokens=tokens)
    screen = await open_tokens_mode(pilot)
    await verified(pilot, screen)
    return tokens, screen


async def id_token_at(app, pilot, info, now: list[float]) -> tuple[Tokens, TokensScreen]:
    """An inspector whose clock reads `now[0]`, showing a fresh ID token, checked."""
    tokens = await sign_in(app, info)
    screen = TokensScreen(clock=lambda: now[0])
    await app.push_screen(screen)
    screen.token_input("id").value = tokens.id_token
    await verified(pilot, screen)
    return tokens, screen


def failed(screen: TokensScreen, kind: str) -> set[str]:
    report = screen.reports[kind]
    assert report is not None
    return {check.name for check in report.checks if check.status is Status.FAIL}


async def test_valid_pair_from_the_last_sign_in_passes_every_check(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens, screen = await last_sign_in_shown(app, pilot, info)
        for kind in ("id", "access"):
            report = screen.reports[kind]
            assert report is not None and report.valid, report.summary if report else None
            assert failed(screen, kind) == set()
            assert report.status("signature") is Status.PASS and report.status("jwks") is Status.PASS
            rows = screen.panel(kind).query_one(CheckList)
            assert rows.row("signature").has_class("-pass") and rows.row("nbf").has_class("-skip")
        assert screen.query_one("#pool", Input).value == tokens.pool_id
        assert screen.query_one("#clients", Input).value == tokens.client_id
        assert "last sign-in (alice)" in str(screen.query_one("#target-note").render())
        claims = screen.query_one("#id-claims", ClaimsTable)
        assert {"sub", "aud", "exp", "cognito:username"} <= {str(k.value) for k in claims.rows}
        assert screen.query_one("#compare-section").display
        assert "Access token: valid" in str(screen.query_one(StatusLine).render())


async def test_tokens_follow_the_app_state(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tokens_mode(pilot)
        assert screen.reports == {"id": None, "access": None}
        assert screen.panel("id").has_class("-empty")
        first = await sign_in(app, info)
        app.update_state(tokens=first)
        await verified(pilot, screen)
        assert screen.token_input("id").value == first.id_token
        assert screen.token_input("access").value == first.access_token
        assert screen.reports["id"] and screen.reports["id"].valid
        count = screen.verifications
        second = await sign_in(app, info, user="bob")
        app.update_state(tokens=second)
        await verified(pilot, screen, after=count)
        assert screen.token_input("id").value == second.id_token
        assert screen.reports["access"] and screen.reports["access"].token.token == second.access_token
        assert screen.reports["id"].token.payload["cognito:username"] == "bob"
        assert "last sign-in (bob)" in str(screen.query_one("#target-note").render())
        # x clears both fields (and the pool and client filled in for them); l brings the sign-in back
        count = screen.verifications
        await pilot.press("x")
        await verified(pilot, screen, after=count)
        assert screen.reports == {"id": None, "access": None}
        assert screen.query_one("#pool", Input).value == ""
        count = screen.verifications
        await pilot.press("escape", "l")
        await verified(pilot, screen, after=count)
        assert screen.token_input("access").value == second.access_token and screen.reports["id"].valid


async def test_expired_token_fails_exp_and_shows_it(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        # The sandbox honours the client's IdTokenValidity (24 h for legacy-password): a minute past exp.
        expires = json.loads(base64.urlsafe_b64decode(tokens.id_token.split(".")[1] + "=="))["exp"]
        screen = TokensScreen(clock=lambda: expires + 60)
        await app.push_screen(screen)
        screen.token_input("id").value = tokens.id_token
        await verified(pilot, screen)
        assert failed(screen, "id") == {"exp"}
        assert screen.reports["id"].status("signature") is Status.PASS
        assert screen.panel("id").query_one(CheckList).row("exp").has_class("-fail")
        countdown = screen.query_one("#id-countdown")
        assert countdown.has_class("-expired") and "expired" in str(countdown.render())
        assert str(screen.query_one(StatusLine).render()).startswith("✘")
        # a grace period long enough makes it acceptable again
        grace = screen.query_one("#grace", Input)
        grace.value = str(3 * 3600)
        count = screen.verifications
        await verified(pilot, screen, after=count)
        assert screen.reports["id"].valid


async def test_wrong_client_fails_the_client_check_only(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        screen = await open_tokens_mode(pilot)
        screen.token_input("id").value = tokens.id_token
        screen.token_input("access").value = tokens.access_token
        await verified(pilot, screen)
        assert screen.query_one("#clients", Input).value == tokens.client_id
        assert "untrusted" in str(screen.query_one("#target-note").render())
        other = info.pool("demo-app").client("backend").id
        screen.query_one("#clients", Input).value = other
        count = screen.verifications
        await verified(pilot, screen, after=count)
        for kind in ("id", "access"):
            assert failed(screen, kind) == {"client"}
            assert screen.reports[kind].status("signature") is Status.PASS
        assert tokens.client_id in screen.reports["id"].get("client").detail
        assert "typed above" in str(screen.query_one("#target-note").render())


async def test_garbage_input_lists_problems_and_the_app_stays_alive(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_tokens_mode(pilot)
        screen.token_input("id").value = "Bearer [bold]not-a-token[/bold]"
        screen.token_input("access").value = "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"
        await verified(pilot, screen)
        assert isinstance(app.screen, TokensScreen) and not isinstance(app.screen, ErrorPanel)
        id_report, access_report = screen.reports["id"], screen.reports["access"]
        assert not id_report.valid and id_report.status("structure") is Status.FAIL
        assert access_report.status("structure") is Status.FAIL
        problems = str(screen.panel("id").query_one(".problems").render())
        assert "expected 3 parts" in problems and "removed the 'Bearer ' prefix" in problems
        assert "not valid JSON" in str(screen.panel("access").query_one(".problems").render())
        assert screen.panel("id").has_class("-undecoded")
        assert not screen.query_one("#compare-section").display
        await pilot.press("escape", "j")  # nothing decoded: a warning, not a crash
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, TokensScreen)


async def test_multi_line_paste_is_joined_and_cleaned(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        screen = await open_tokens_mode(pilot)
        token = tokens.access_token
        wrapped = "Bearer " + "\n".join(token[i : i + 60] for i in range(0, len(token), 60)) + "\n"
        field = screen.token_input("access")
        field.post_message(events.Paste(wrapped))
        await wait_for(pilot, lambda: field.value != "")
        await verified(pilot, screen)
        report = screen.reports["access"]
        assert report.token.token == token and report.valid
        assert any("Bearer" in c for c in report.token.cleanups)


async def test_paste_key_routes_the_token_to_its_field(make_sandbox_app, sandbox, monkeypatch):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        screen = await open_tokens_mode(pilot)
        import pyperclip

        monkeypatch.setattr(pyperclip, "paste", lambda: f"  {tokens.access_token}\n")
        await pilot.press("escape", "v")
        await verified(pilot, screen)
        assert screen.token_input("access").value.strip() == tokens.access_token
        assert screen.token_input("id").value == ""
        assert screen.reports["access"].valid and screen.reports["id"] is None


async def test_copy_claim_token_and_json(make_sandbox_app, sandbox, monkeypatch):
    _, info = sandbox
    app = make_sandbox_app()
    copied: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "copy_to_clipboard_text", lambda text, what="text": copied.append((text, what)))
    async with app.run_test(size=SIZE) as pilot:
        tokens, screen = await last_sign_in_shown(app, pilot, info)
        claims = screen.query_one("#id-claims", ClaimsTable)
        claims.focus()
        claims.move_cursor(row=claims.get_row_index("cognito:username"))
        await pilot.press("c", "t", "j")
        assert copied[0] == ("alice", "the cognito:username claim")
        assert copied[1][0] == tokens.id_token
        decoded = json.loads(copied[2][0])
        assert decoded["header"]["alg"] == "RS256" and decoded["payload"]["token_use"] == "id"
        screen.query_one("#access-claims", ClaimsTable).focus()
        await pilot.press("t")
        assert copied[-1][0] == tokens.access_token


async def test_jwks_failure_is_a_failed_check_and_r_retries(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        good = app.runtime.settings
        app.runtime.settings = replace(good, endpoint_url="http://127.0.0.1:9")  # nothing listens there
        screen = await open_tokens_mode(pilot)
        screen.token_input("id").value = tokens.id_token
        await verified(pilot, screen)
        report = screen.reports["id"]
        assert report.status("jwks") is Status.FAIL and not report.valid
        assert report.status("signature") is Status.SKIP
        status = str(screen.query_one(StatusLine).render())
        assert "JWKS" in status and "r: retry" in status
        app.runtime.settings = good
        count = screen.verifications
        await pilot.press("escape", "r")
        await verified(pilot, screen, after=count)
        assert screen.reports["id"].valid


async def test_countdown_updates_without_rebuilding_the_claims(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        now = [time.time()]
        tokens, screen = await id_token_at(app, pilot, info, now)
        panel: TokenPanel = screen.panel("id")
        claims = screen.query_one("#id-claims", ClaimsTable)
        before = str(screen.query_one("#id-countdown").render())
        sub_cell = claims.get_cell("sub", "value")
        now[0] += 125
        screen.tick()
        after = str(screen.query_one("#id-countdown").render())
        assert before != after and after.startswith("expires in")
        assert claims.get_cell("sub", "value") is sub_cell  # untouched
        assert "ago" in claims.get_cell("iat", "value").plain
        # crossing the expiry verifies again, and the verdict follows
        count = screen.verifications
        now[0] = json.loads(base64.urlsafe_b64decode(tokens.id_token.split(".")[1] + "=="))["exp"] + 1
        screen.tick()
        await verified(pilot, screen, after=count)
        assert panel.report is not None and panel.report.status("exp") is Status.FAIL


async def test_narrow_terminal_stacks_the_tokens(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tokens, screen = await last_sign_in_shown(app, pilot, info)
        assert screen.query_one("#token-panels").has_class("-stacked")
        id_panel, access_panel = screen.panel("id"), screen.panel("access")
        assert access_panel.region.y > id_panel.region.y
        assert screen.reports["id"].valid


async def test_a_forged_claim_never_draws_its_own_rows(make_sandbox_app):
    """Newlines and escape sequences in a token are shown escaped, on the row they belong to."""
    fake_row = "\n✔ signature  verified with key k1 (RS256)\x1b[2K"
    header = {"alg": "RS256", "kid": "k1" + fake_row}
    payload = {"iss": "https://evil" + fake_row, "token_use": "id", "aud": "c", "evil" + fake_row: "v"}
    parts = [
        base64.urlsafe_b64encode(json.dumps(p).encode()).rstrip(b"=").decode() for p in (header, payload)
    ]
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = TokensScreen(clock=lambda: 1_750_000_000, jwks=StaticJwks.from_dict({"keys": []}))
        await app.push_screen(screen)
        screen.token_input("id").value = ".".join([*parts, "c2ln"])
        await verified(pilot, screen)
        checks = screen.panel("id").query_one(CheckList)
        for name in ("iss", "header", "kid"):
            detail = str(checks.row(name).query_one(".check-detail").render())
            assert "\n" not in detail and "\x1b" not in detail and "\\n✔ signature" in detail, name
        claims = screen.query_one("#id-claims", ClaimsTable)
        names = [str(claims.get_cell_at((row, 0)).plain) for row in range(claims.row_count)]
        assert "evil\\n✔ signature  verified with key k1 (RS256)\\x1b[2K" in names
        cells = [claims.get_cell_at((row, 1)).plain.split("\n")[0] for row in range(claims.row_count)]
        assert all("\x1b" not in cell for cell in cells) and "https://evil\\n✔ signature" in cells[0]


async def test_a_pool_id_is_resolved_against_the_endpoint_in_use(make_sandbox_app, sandbox):
    """The Pool field's id: the issuer the endpoint's OpenID configuration names, said when it matches."""
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens, screen = await last_sign_in_shown(app, pilot, info)
        assert screen.query_one("#pool", Input).value == tokens.pool_id
        iss = screen.reports["id"].get("iss")
        assert iss.status is Status.PASS and iss.detail.endswith(
            "(matches the endpoint's OpenID configuration)"
        )
        jwks = screen.reports["access"].get("jwks").detail
        assert jwks.endswith(f"from {info.endpoint_url}/{tokens.pool_id}/.well-known/jwks.json")


async def test_aws_endpoint_url_is_where_the_keys_come_from(sandbox, monkeypatch):
    """No --endpoint-url, AWS_ENDPOINT_URL set: the JWKS is fetched from that endpoint, not from AWS."""
    from cogtui.app import make_app
    from cogtui.runtime import Runtime
    from cogtui.sandbox.server import SANDBOX_CREDENTIALS
    from cogtui.settings import Settings
    from tests.contract.own_pool import own_pool

    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    result = pool.sign_in(pool.add_user())
    monkeypatch.setenv("AWS_ENDPOINT_URL", server.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", SANDBOX_CREDENTIALS[0])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SANDBOX_CREDENTIALS[1])
    for variable in ("AWS_ENDPOINT_URL_COGNITO_IDP", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    settings = Settings(region="us-east-1")
    runtime = Runtime(settings)
    app = make_app(settings, runtime)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = TokensScreen()
            await app.push_screen(screen)
            screen.token_input("id").value = result["IdToken"]
            screen.query_one("#pool", Input).value = pool.id
            screen.query_one("#clients", Input).value = pool.client_id
            await verified(pilot, screen)
            report = screen.reports["id"]
            assert report.valid, report.summary
            assert report.get("jwks").detail.endswith(
                f"from {server.endpoint_url}/{pool.id}/.well-known/jwks.json"
            )
    finally:
        runtime.gateway.close()


async def test_a_pasted_tokens_document_or_callback_url_fills_both_fields(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        tokens = await sign_in(app, info)
        screen = await open_tokens_mode(pilot)
        result = {"IdToken": tokens.id_token, "AccessToken": tokens.access_token, "RefreshToken": "secret"}
        document = json.dumps({"AuthenticationResult": result, "ChallengeParameters": {}}, indent=2)
        screen.token_input("id").post_message(events.Paste(document))
        await wait_for(pilot, lambda: screen.token_input("access").value == tokens.access_token)
        await verified(pilot, screen)
        assert screen.token_input("id").value == tokens.id_token
        assert screen.reports["id"].valid and screen.reports["access"].valid
        assert screen.query_one("#compare-section").display  # side by side, compared
        # a callback URL typed into the access field: the fragment's tokens go to their own fields
        screen.token_input("id").value = ""
        callback = f"https://app.example.com/cb#access_token={tokens.access_token}&id_token={tokens.id_token}"
        screen.token_input("access").value = callback
        await wait_for(pilot, lambda: screen.token_input("id").value == tokens.id_token)
        await verified(pilot, screen)
        assert screen.token_input("access").value == tokens.access_token and screen.reports["access"].valid
        assert all("secret" not in field.value for field in screen.query("TokenInput"))


async def test_check_rows_tell_the_time_live_on_the_screens_one_timer(make_sandbox_app, sandbox):
    """'expires in …' and 'issued … ago' in the check rows follow the clock, like the header countdown."""
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        now = [time.time()]
        tokens, screen = await id_token_at(app, pilot, info, now)
        rows = screen.panel("id").query_one(CheckList)

        def detail(name: str) -> str:
            return str(rows.row(name).query_one(".check-detail").render())

        exp_before, iat_before, signature = detail("exp"), detail("iat"), rows.row("signature").check
        count = screen.verifications
        now[0] += 125
        # the screen's own one-second timer, no call from the test
        await wait_for(pilot, lambda: detail("exp") != exp_before, "the next tick of the screen's timer")
        assert detail("exp") != exp_before and detail("exp").startswith("expires in")
        assert detail("iat") != iat_before and "ago" in detail("iat")
        assert rows.row("signature").check is signature  # only the rows that read the clock change
        assert screen.verifications == count  # nothing validated again
