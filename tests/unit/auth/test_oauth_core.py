"""PKCE, the authorize and logout URLs, the loopback callback choice, the endpoint resolver and the
explanations of Cognito's OAuth errors, without any server."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from cogtui.auth.oauth.endpoints import resolve_endpoints
from cogtui.auth.oauth.explain import BASIC, NO_SECRET, OAuthFacts, explain_oauth
from cogtui.auth.oauth.loopback import LoopbackError, pick_callback
from cogtui.auth.oauth.pkce import Pkce, s256
from cogtui.auth.oauth.preflight import preflight
from cogtui.auth.oauth.urls import authorize_url, logout_url
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, UserPool
from cogtui.tokens.jwks import JwksFetchError

POOL_ID = "eu-west-1_AbCdEf123"


def pool(domain="my-app", custom=None) -> UserPool:
    return UserPool.from_api({"Id": POOL_ID, "Name": "p", "Domain": domain, "CustomDomain": custom})


def client(**extra) -> AppClient:
    base = {
        "ClientId": "1example",
        "ClientName": "web",
        "CallbackURLs": ["https://app.example.com/cb", "http://localhost:8765/callback"],
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthScopes": ["openid", "email"],
        "AllowedOAuthFlowsUserPoolClient": True,
        "SupportedIdentityProviders": ["COGNITO"],
    }
    return AppClient.from_api({**base, **extra})


def no_document(url: str, timeout: float) -> bytes:
    raise JwksFetchError("cannot reach")


def test_s256_matches_rfc_7636_appendix_b():
    assert (
        s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_pkce_values_are_fresh_and_the_verifier_never_in_repr():
    a, b = Pkce.new(), Pkce.new()
    assert a.verifier != b.verifier and a.state != b.state and a.nonce != b.nonce
    assert 43 <= len(a.verifier) <= 128 and a.verifier not in repr(a)


def test_authorize_url_carries_everything_cognito_reads():
    endpoints = resolve_endpoints(pool(), None, fetch=no_document)
    pkce = Pkce.new()
    url = authorize_url(endpoints, "1example", "http://localhost:8765/callback", ["openid", "email"], pkce)
    base, _, query = url.partition("?")
    assert base == "https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
    params = dict(urllib.parse.parse_qsl(query))
    assert params == {
        "response_type": "code",
        "client_id": "1example",
        "redirect_uri": "http://localhost:8765/callback",
        "state": pkce.state,
        "nonce": pkce.nonce,
        "code_challenge": s256(pkce.verifier),
        "code_challenge_method": "S256",
        "scope": "openid email",
    }
    assert "scope=openid%20email" in query
    with_idp = authorize_url(endpoints, "c", "http://localhost:1/cb", [], pkce, identity_provider="Google")
    assert "identity_provider=Google" in with_idp and "scope=" not in with_idp
    assert logout_url(endpoints, "c", "http://localhost:1/") == (
        "https://my-app.auth.eu-west-1.amazoncognito.com/logout?client_id=c&logout_uri=http%3A%2F%2Flocalhost%3A1%2F"
    )


def test_endpoints_come_from_the_domain_or_the_openid_configuration():
    assert resolve_endpoints(pool(custom="login.example.com"), None, fetch=no_document).token == (
        "https://login.example.com/oauth2/token"
    )
    sandbox = resolve_endpoints(pool(), "http://127.0.0.1:5000", fetch=no_document)
    assert sandbox.authorize == "http://127.0.0.1:5000/oauth/my-app/oauth2/authorize"
    assert resolve_endpoints(pool(domain=None), "http://127.0.0.1:5000", fetch=no_document) is None
    seen = []

    def document(url: str, timeout: float) -> bytes:
        seen.append(url)
        return json.dumps({"token_endpoint": "https://auth.example.net/oauth2/token"}).encode()

    named = resolve_endpoints(pool(), None, fetch=document)
    assert seen == [f"https://cognito-idp.eu-west-1.amazonaws.com/{POOL_ID}/.well-known/openid-configuration"]
    assert named.token == "https://auth.example.net/oauth2/token"
    assert named.authorize == "https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/authorize"


@pytest.mark.parametrize(
    ("urls", "chosen"),
    [
        (["https://a.example.com/cb", "http://localhost:8765/callback"], "http://localhost:8765/callback"),
        (["http://localhost/cb", "http://127.0.0.1:9000/x"], "http://127.0.0.1:9000/x"),
        (["http://localhost/cb"], "http://localhost/cb"),
    ],
)
def test_the_registered_loopback_callback_is_chosen(urls, chosen):
    found = pick_callback(urls)
    assert found.redirect_uri == chosen and found.host == "127.0.0.1"


def test_no_loopback_callback_says_which_url_to_add():
    with pytest.raises(LoopbackError) as raised:
        pick_callback(["https://app.example.com/cb", "http://app.example.com/cb"])
    assert "registered: https://app.example.com/cb, http://app.example.com/cb" in str(raised.value)
    assert "Add a loopback callback such as http://localhost:8765/callback" in raised.value.explanation
    assert "redirect_mismatch" in raised.value.explanation
    with pytest.raises(LoopbackError, match="not one of the client's callback URLs"):
        pick_callback(["http://localhost:1/cb"], "http://localhost:2/cb")
    assert pick_callback(["http://localhost:1/cb"], "http://localhost:2/cb", strict=False).port == 2


def err(code: str, message: str = "") -> CogtuiError:
    return CogtuiError(message=message, code=code, operation="POST /oauth2/token")


def test_redirect_mismatch_puts_sent_and_registered_side_by_side():
    found = explain_oauth(
        err("redirect_mismatch"), OAuthFacts(client=client(), redirect_uri="http://localhost:9/x")
    )
    assert (
        "Sent:       http://localhost:9/x\nRegistered: https://app.example.com/cb, http://localhost:8765/callback"
        in (found.cause)
    )
    assert "Add http://localhost:9/x to the app client's CallbackURLs" in found.next_step


def test_invalid_client_says_whether_and_how_a_secret_was_sent():
    secret_client = client(ClientSecret="s3cr3t-value")
    missing = explain_oauth(err("invalid_client"), OAuthFacts(client=secret_client, secret_sent=NO_SECRET))
    assert "has a secret and none was sent" in missing.cause
    wrong = explain_oauth(err("invalid_client"), OAuthFacts(client=secret_client, secret_sent=BASIC))
    assert (
        "A secret was sent (HTTP Basic (client_secret_basic)) but it is not the client's secret"
        in wrong.cause
    )
    public = explain_oauth(
        err("invalid_client"), OAuthFacts(client=client(), grant_type="client_credentials")
    )
    assert "needs a confidential client" in public.cause
    unknown = explain_oauth(err("invalid_client"), OAuthFacts(client_id="nope"))
    assert "could not be read" in unknown.cause


def test_unauthorized_client_and_invalid_scope_quote_the_client():
    found = explain_oauth(
        err("unauthorized_client"), OAuthFacts(client=client(), grant_type="client_credentials")
    )
    assert "needs the client_credentials flow; the client allows: code" in found.cause
    scope = explain_oauth(err("invalid_scope"), OAuthFacts(client=client(), scopes=("openid", "phone")))
    assert "Not allowed: phone" in scope.cause and "Allowed on the client: openid, email" in scope.cause


def test_invalid_grant_tells_a_reused_code_from_a_wrong_verifier():
    reused = explain_oauth(err("invalid_grant"), OAuthFacts(code_redeemed_before=True))
    assert "already exchanged" in reused.cause
    verifier = explain_oauth(
        err("invalid_grant"), OAuthFacts(verifier_sent=True, redirect_uri="http://localhost:1/c")
    )
    assert verifier.cause.startswith("Cognito refused the authorization code. Likely: the PKCE code_verifier")
    refresh = explain_oauth(err("invalid_grant"), OAuthFacts(grant_type="refresh_token"))
    assert "refresh token is revoked" in refresh.cause


def test_a_domain_that_does_not_exist_is_explained():
    found = explain_oauth(
        err("domain_unreachable", "cannot reach x: Name or service not known"), OAuthFacts(pool=pool())
    )
    assert "did not answer as a Cognito domain" in found.cause and "CreateUserPoolDomain" in found.next_step
    none = explain_oauth(err("domain_not_found"), OAuthFacts(pool=pool(domain=None)))
    assert "has no domain" in none.cause


def test_preflight_warns_before_sending():
    warnings = preflight(
        pool(domain=None),
        client(ClientSecret="x" * 10, AllowedOAuthFlows=["implicit"]),
        "code",
        ("phone",),
        False,
    )
    assert [w.split(":")[0] for w in warnings] == [
        f"The pool {POOL_ID} has no domain",
        "web allows the OAuth flows implicit, not code",
        "Scopes not allowed on web",
        "web has a secret and none was given",
    ]
    assert preflight(pool(), client(), "code", ("openid",), False) == []
    assert (
        "no http://localhost"
        in preflight(pool(), client(CallbackURLs=["https://a/cb"]), "code", (), False)[0]
    )
