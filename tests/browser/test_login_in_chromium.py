"""``cogtui auth login --no-browser`` completed by a person in a real browser: headless Chromium signs in
on the sandbox's managed-login page (typing into the fields its labels name), lands on cogtui's loopback
callback page, and the command prints tokens that verify against the pool's own keys and issuer."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from cogtui.sandbox.oauth.authorize import INCORRECT
from cogtui.sandbox.totp import totp_now
from cogtui.tokens import RemoteJwks, decode_token, validate
from cogtui.tokens.pool_issuer import FROM_OPENID, endpoint_pool_issuers
from tests.contract.oauth_login import LoginProcess

pytestmark = pytest.mark.browser

RETURN_TO_TERMINAL = "return to the terminal"


def start_login(info, login_pool, page) -> tuple[LoginProcess, str]:
    """The real command, waiting for its callback; the browser on the login page it printed."""
    login = LoginProcess(info, login_pool.client, "--json")
    url = login.wait_for_url()
    page.open(url)
    return login, url


def assert_signed_in(info, login_pool, login: LoginProcess, url: str, username: str) -> None:
    """The command exits 0 and its tokens verify: signature, the endpoint's issuer, this client, the nonce."""
    code, out, err = login.finish()
    assert code == 0, err
    tokens = json.loads(out)["tokens"]
    client_id = login_pool.client.client_id
    issuers = endpoint_pool_issuers(login_pool.client.pool_id, info.endpoint_url)
    assert issuers is not None and issuers.endpoint_url == info.endpoint_url
    assert issuers.sources[issuers.issuer] == FROM_OPENID  # the issuer the endpoint itself names
    jwks = RemoteJwks(issuers.jwks_url)
    for use in ("id", "access"):
        report = validate(
            tokens[f"{use}_token"], jwks=jwks, issuer=issuers, client_ids=client_id, token_use=use
        )
        assert report.valid, [(check.name, check.status, check.detail) for check in report.checks]
    claims = decode_token(tokens["id_token"]).payload
    assert claims["iss"] == issuers.issuer and claims["aud"] == client_id
    assert claims["cognito:username"] == username
    sent_nonce = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))["nonce"]
    assert sent_nonce and claims["nonce"] == sent_nonce


def test_a_person_signs_in_with_a_password(sandbox, login_pool, page):
    _, info = sandbox
    username = login_pool.add_user()
    login, url = start_login(info, login_pool, page)
    page.submit(username=username, password=login_pool.password)
    assert RETURN_TO_TERMINAL in page.callback_text(login_pool.client.callback)
    assert_signed_in(info, login_pool, login, url, username)


def test_a_person_with_an_authenticator_app_types_its_code(sandbox, login_pool, page):
    _, info = sandbox
    username, secret = login_pool.add_totp_user()
    login, url = start_login(info, login_pool, page)
    page.submit(username=username, password=login_pool.password)
    page.shows("Authenticator code")
    page.submit(code=totp_now(secret))
    assert RETURN_TO_TERMINAL in page.callback_text(login_pool.client.callback)
    assert_signed_in(info, login_pool, login, url, username)


def test_a_wrong_password_is_shown_on_the_page_while_the_command_waits(sandbox, login_pool, page):
    _, info = sandbox
    username = login_pool.add_user()
    login, url = start_login(info, login_pool, page)
    page.submit(username=username, password="not-the-password")
    assert page.error() == INCORRECT
    assert "/login?" in page.url and "code=" not in page.url
    assert login.proc.poll() is None  # still waiting for the callback
    page.submit(username=username, password=login_pool.password)
    assert RETURN_TO_TERMINAL in page.callback_text(login_pool.client.callback)
    assert_signed_in(info, login_pool, login, url, username)
