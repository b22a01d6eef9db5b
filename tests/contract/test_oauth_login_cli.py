"""``cogtui auth login --no-browser`` and ``cogtui auth token`` against the sandbox's OAuth endpoints over
real HTTP: a scripted browser reads the ``Open:`` line, signs in on the login page and lands on cogtui's
loopback listener; every refusal is asserted with its explanation."""

from __future__ import annotations

import io
import json

from cogtui.cli.auth import _standalone_parser, run_auth
from cogtui.cli.console import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CliIO
from cogtui.sandbox.seed_data import DEMO_TOTP_SECRET
from cogtui.sandbox.totp import totp_now
from cogtui.tokens.decode import decode_token
from tests.contract.oauth_client import request
from tests.contract.oauth_login import LoginProcess, browse, login_client


def test_login_without_browser_end_to_end(sandbox):
    _, info = sandbox
    client = login_client(info)
    login = LoginProcess(info, client, "--scope", "openid email")
    url = login.wait_for_url()
    assert url.startswith(info.pool("demo-app").oauth_base_url + "/oauth2/authorize?")
    assert "code_challenge_method=S256" in url and "nonce=" in url and "state=" in url
    back = browse(url, "alice")
    assert back.location.startswith(client.callback + "?")
    landed = request(back.location)  # the browser arrives at cogtui's listener
    assert landed.status == 200 and "return to the terminal" in landed.body
    code, out, err = login.finish()
    assert code == EXIT_OK, err
    tokens = json.loads(out)
    assert decode_token(tokens["id_token"]).payload["cognito:username"] == "alice"
    assert decode_token(tokens["access_token"]).payload["scope"] == "openid email"
    assert tokens["refresh_token"]
    assert tokens["id_token"] not in err and tokens["refresh_token"] not in err


def test_login_of_an_mfa_user(sandbox):
    _, info = sandbox
    client = login_client(info)
    login = LoginProcess(info, client, "--json")
    back = browse(login.wait_for_url(), "frank", code=totp_now(DEMO_TOTP_SECRET))
    assert request(back.location).status == 200
    code, out, err = login.finish()
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert decode_token(doc["tokens"]["id_token"]).payload["cognito:username"] == "frank"
    operations = [step["operation"] for step in doc["steps"]]
    assert operations == ["GET /oauth2/authorize", "GET /callback", "POST /oauth2/token"]
    token_step = doc["steps"][-1]
    assert token_step["request"]["form"]["code"] == "<redacted>"
    assert token_step["request"]["form"]["code_verifier"] == "<redacted>"
    assert token_step["response"]["body"]["id_token"] == "<redacted>"
    assert "ID token nonce matches the one sent" in token_step["notes"]
    assert "id_token: verified (signature, issuer, expiry)" in token_step["notes"]


def test_login_refused_in_the_browser_is_explained(sandbox):
    _, info = sandbox
    client = login_client(info)
    other = client.callback.replace("/callback", "/elsewhere")
    login = LoginProcess(info, client, "--json", "--redirect-uri", other)
    code, out, err = login.finish()
    assert code == EXIT_REFUSED
    doc = json.loads(out)
    assert doc["error"]["code"] == "redirect_mismatch"
    cause = doc["explanation"]["cause"]
    assert f"Sent:       {other}" in cause and f"Registered: {client.callback}" in cause
    assert any("not one of the client's callback URLs" in w for w in doc["warnings"])
    assert "Cause: Cognito compares redirect_uri" in err


def run_cli(info, action, client_id, *extra, stdin=""):
    argv = ["--endpoint-url", info.endpoint_url, "--region", "us-east-1", "--sandbox", "auth", action]
    argv += ["--user-pool-id", info.pool("demo-app").id, "--client-id", client_id, "--json", *extra]
    out, err = io.StringIO(), io.StringIO()
    code = run_auth(
        _standalone_parser().parse_args(argv), CliIO(stdin=io.StringIO(stdin), stdout=out, stderr=err)
    )
    return code, (json.loads(out.getvalue()) if out.getvalue() else None), err.getvalue()


def test_client_credentials_with_a_good_and_a_bad_scope(sandbox):
    _, info = sandbox
    machine = info.pool("demo-app").client("machine")
    secret = f"{machine.secret}\n"
    code, doc, err = run_cli(
        info, "token", machine.id, "--client-secret-stdin", "--scope", "demo-api/orders.read", stdin=secret
    )
    assert code == EXIT_OK, err
    claims = decode_token(doc["tokens"]["access_token"]).payload
    assert claims["scope"] == "demo-api/orders.read" and claims["client_id"] == machine.id
    assert "access_token: verified (signature, issuer, expiry)" in doc["steps"][-1]["notes"]
    assert doc["steps"][-1]["request"]["headers"]["Authorization"] == "<redacted>"

    code, doc, err = run_cli(
        info, "token", machine.id, "--client-secret-stdin", "--scope", "demo-api/orders.delete", stdin=secret
    )
    assert code == EXIT_REFUSED
    assert doc["error"]["code"] == "invalid_scope"
    cause = doc["explanation"]["cause"]
    assert "Not allowed: demo-api/orders.delete" in cause
    assert "resource servers define: demo-api/orders.read, demo-api/orders.write" in cause
    assert "Warning: Scopes not allowed" in err


def test_client_credentials_without_the_secret(sandbox):
    _, info = sandbox
    machine = info.pool("demo-app").client("machine")
    code, doc, err = run_cli(info, "token", machine.id, "--scope", "demo-api/orders.read")
    assert code == EXIT_REFUSED
    assert doc["error"]["code"] == "invalid_client"
    assert "has a secret and none was sent" in doc["explanation"]["cause"]
    assert "--client-secret-stdin" in doc["explanation"]["next_step"]
    assert "has a secret and none was given" in err  # said before sending


def test_client_credentials_on_a_client_not_allowed_the_grant(sandbox):
    _, info = sandbox
    backend = info.pool("demo-app").client("backend")
    code, doc, err = run_cli(info, "token", backend.id, "--client-secret-stdin", stdin=f"{backend.secret}\n")
    assert code == EXIT_REFUSED and doc["error"]["code"] == "unauthorized_client"
    assert "the client allows: (none)" in doc["explanation"]["cause"]


def test_empty_secret_line_is_a_usage_error(sandbox):
    _, info = sandbox
    machine = info.pool("demo-app").client("machine")
    code, doc, err = run_cli(info, "token", machine.id, "--client-secret-stdin", stdin="\n")
    assert code == EXIT_USAGE and doc is None and "empty line" in err
