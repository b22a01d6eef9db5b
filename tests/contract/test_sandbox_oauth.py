"""The OAuth 2.0 / OIDC endpoints over plain HTTP: authorization code with PKCE, the token endpoint's
grants and errors, userInfo, revoke and logout, as Cognito answers them."""

from __future__ import annotations

import urllib.parse
import uuid

import jwt
import pytest

from cogtui.sandbox.seed_data import MANAGED_LOGIN_CALLBACK
from cogtui.sandbox.totp import totp_now
from tests.contract.oauth_client import authorize_params, basic, pkce_pair, request, sign_in
from tests.contract.own_pool import PASSWORD, own_pool

CALLBACK = MANAGED_LOGIN_CALLBACK


@pytest.fixture
def demo(sandbox):
    server, info = sandbox
    pool = info.pool("demo-app")
    return server, info, pool, pool.oauth_base_url


def verify(server, pool_id: str, token: str, audience: str | None = None) -> dict:
    client = jwt.PyJWKClient(f"{server.endpoint_url}/{pool_id}/.well-known/jwks.json", cache_keys=False)
    key = client.get_signing_key_from_jwt(token).key
    return jwt.decode(
        token,
        key,
        algorithms=["RS256"],
        audience=audience,
        issuer=f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}",
        options={"verify_aud": audience is not None},
    )


def exchange(base: str, **form: str):
    return request(f"{base}/oauth2/token", {"grant_type": "authorization_code", **form})


def test_authorization_code_with_pkce_round_trip(demo):
    server, info, pool, base = demo
    client = pool.client("managed-login")
    verifier, challenge = pkce_pair()
    params = authorize_params(
        client.id,
        CALLBACK,
        scope="openid email",
        code_challenge=challenge,
        code_challenge_method="S256",
        nonce="n0nce",
    )
    back = sign_in(base, params, "alice", info.user("alice").password)
    assert back.status == 302 and back.location.startswith(CALLBACK + "?")
    code = back.location_params()["code"]
    assert back.location_params()["state"] == "st4te"
    reply = exchange(base, client_id=client.id, code=code, redirect_uri=CALLBACK, code_verifier=verifier)
    assert reply.status == 200, reply.body
    tokens = reply.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600 and tokens["refresh_token"]
    id_claims = verify(server, pool.id, tokens["id_token"], audience=client.id)
    access = verify(server, pool.id, tokens["access_token"])
    assert id_claims["cognito:username"] == "alice" and id_claims["nonce"] == "n0nce"
    assert access["scope"] == "openid email" and access["client_id"] == client.id and access["version"] == 2
    info_reply = request(
        f"{base}/oauth2/userInfo", headers={"Authorization": "Bearer " + tokens["access_token"]}
    )
    assert info_reply.status == 200
    assert info_reply.json() == {
        "sub": id_claims["sub"],
        "email": "alice@example.com",
        "email_verified": "true",
        "name": "Alice Admin",
        "username": "alice",
    }
    again = exchange(base, client_id=client.id, code=code, redirect_uri=CALLBACK, code_verifier=verifier)
    assert (again.status, again.json()) == (400, {"error": "invalid_grant"})  # codes are single use


@pytest.mark.parametrize("verifier", ["", "a-different-verifier-of-sufficient-length-0123456789"])
def test_a_wrong_or_missing_pkce_verifier_is_an_invalid_grant(demo, verifier):
    _, info, pool, base = demo
    client = pool.client("managed-login")
    _, challenge = pkce_pair()
    params = authorize_params(client.id, CALLBACK, code_challenge=challenge, code_challenge_method="S256")
    code = sign_in(base, params, "bob", info.user("bob").password).location_params()["code"]
    form = {"client_id": client.id, "code": code, "redirect_uri": CALLBACK}
    if verifier:
        form["code_verifier"] = verifier
    reply = exchange(base, **form)
    assert (reply.status, reply.json()) == (400, {"error": "invalid_grant"})


def test_a_redirect_uri_not_exactly_a_callback_url_goes_to_the_error_page(demo):
    _, _, pool, base = demo
    client = pool.client("managed-login")
    for wrong in (
        "http://localhost:8766/callback",
        "http://localhost:8765/callback/",
        "https://evil.example/cb",
    ):
        reply = request(
            f"{base}/oauth2/authorize?{urllib.parse.urlencode(authorize_params(client.id, wrong))}"
        )
        assert reply.status == 302 and reply.location.startswith(f"{base}/error?"), wrong
        assert reply.location_params()["error"] == "redirect_mismatch"
    page = request(reply.location)
    assert page.status == 400 and "redirect_mismatch" in page.body


@pytest.mark.parametrize(
    ("client_name", "extra", "error"),
    [
        ("managed-login", {"scope": "openid phone"}, "invalid_scope"),
        ("managed-login", {"response_type": "token"}, "unauthorized_client"),
        ("managed-login", {"response_type": "id_token"}, "unsupported_response_type"),
        ("managed-login", {"code_challenge": "abc", "code_challenge_method": "plain"}, "invalid_request"),
    ],
)
def test_authorize_errors_go_back_to_the_callback(demo, client_name, extra, error):
    _, _, pool, base = demo
    params = authorize_params(pool.client(client_name).id, CALLBACK, **extra)
    reply = request(f"{base}/oauth2/authorize?{urllib.parse.urlencode(params)}")
    assert reply.status == 302 and reply.location.startswith(CALLBACK + "?")
    assert reply.location_params()["error"] == error and reply.location_params()["state"] == "st4te"


def test_wrong_password_stays_on_the_login_page(demo):
    _, _, pool, base = demo
    reply = sign_in(
        base, authorize_params(pool.client("managed-login").id, CALLBACK), "alice", "not-her-password"
    )
    assert reply.status == 200 and "Incorrect username or password." in reply.body and not reply.location


def test_a_user_with_an_authenticator_is_asked_for_the_code(demo):
    _, info, pool, base = demo
    frank = info.user("frank")
    params = authorize_params(pool.client("managed-login").id, CALLBACK)
    mfa_page = sign_in(base, params, "frank", frank.password)
    assert mfa_page.status == 200 and "name='code'" in mfa_page.body
    session = mfa_page.hidden("session")
    login_url = f"{base}/login?{urllib.parse.urlencode(params)}"
    wrong = request(
        login_url,
        {"session": session, "code": "000000" if totp_now(frank.totp_secret) != "000000" else "111111"},
    )
    assert wrong.status == 200 and "Code mismatch" in wrong.body
    right = request(login_url, {"session": wrong.hidden("session"), "code": totp_now(frank.totp_secret)})
    assert right.status == 302 and "code" in right.location_params()


def test_implicit_grant_puts_tokens_in_the_fragment(sandbox):
    server, info = sandbox
    pool = info.pool("demo-app")
    client = pool.client("legacy-password")
    params = authorize_params(
        client.id, "http://legacy.example.com/callback", response_type="token", scope="openid"
    )
    reply = sign_in(pool.oauth_base_url, params, "alice", info.user("alice").password)
    fragment = reply.location_params(fragment=True)
    assert reply.status == 302 and "refresh_token" not in fragment and fragment["state"] == "st4te"
    assert verify(server, pool.id, fragment["id_token"], audience=client.id)["token_use"] == "id"


@pytest.mark.parametrize("auth", ["basic", "body"])
def test_client_credentials_with_resource_server_scopes(demo, auth):
    server, _, pool, base = demo
    machine = pool.client("machine")
    form = {"grant_type": "client_credentials", "scope": "demo-api/orders.read"}
    headers = {}
    if auth == "basic":
        headers = basic(machine.id, machine.secret)
    else:
        form.update(client_id=machine.id, client_secret=machine.secret)
    reply = request(f"{base}/oauth2/token", form, headers)
    assert reply.status == 200, reply.body
    claims = verify(server, pool.id, reply.json()["access_token"])
    assert claims["sub"] == machine.id == claims["client_id"] and claims["scope"] == "demo-api/orders.read"
    assert "id_token" not in reply.json() and "refresh_token" not in reply.json()
    every = request(
        f"{base}/oauth2/token", {"grant_type": "client_credentials"}, basic(machine.id, machine.secret)
    )
    assert (
        verify(server, pool.id, every.json()["access_token"])["scope"]
        == "demo-api/orders.read demo-api/orders.write"
    )


def test_token_endpoint_errors(demo):
    _, _, pool, base = demo
    machine, backend, spa = pool.client("machine"), pool.client("backend"), pool.client("managed-login")
    token_url = f"{base}/oauth2/token"
    cases = [
        ({}, basic(machine.id, machine.secret), "invalid_request"),
        ({"grant_type": "password"}, basic(machine.id, machine.secret), "unsupported_grant_type"),
        ({"grant_type": "client_credentials"}, basic(machine.id, "wrong-secret"), "invalid_client"),
        ({"grant_type": "client_credentials", "client_id": machine.id}, {}, "invalid_client"),
        ({"grant_type": "client_credentials"}, basic("no-such-client", "x"), "invalid_client"),
        ({"grant_type": "client_credentials"}, {"Authorization": "Basic %%%"}, "invalid_client"),
        ({"grant_type": "client_credentials", "client_id": spa.id}, {}, "invalid_client"),
        ({"grant_type": "client_credentials"}, basic(backend.id, backend.secret), "unauthorized_client"),
        (
            {"grant_type": "client_credentials", "scope": "openid"},
            basic(machine.id, machine.secret),
            "invalid_scope",
        ),
        (
            {"grant_type": "authorization_code", "client_id": spa.id, "redirect_uri": CALLBACK},
            {},
            "invalid_request",
        ),
        (
            {
                "grant_type": "authorization_code",
                "client_id": spa.id,
                "code": "made-up",
                "redirect_uri": CALLBACK,
            },
            {},
            "invalid_grant",
        ),
        (
            {"grant_type": "refresh_token", "client_id": spa.id, "refresh_token": "made-up"},
            {},
            "invalid_grant",
        ),
    ]
    for form, headers, error in cases:
        reply = request(token_url, form, headers)
        assert (reply.status, reply.json()) == (400, {"error": error}), (form, headers)


def test_a_code_is_bound_to_its_redirect_uri_and_client(demo):
    _, info, pool, base = demo
    client = pool.client("managed-login")
    code = sign_in(
        base, authorize_params(client.id, CALLBACK), "bob", info.user("bob").password
    ).location_params()["code"]
    other = exchange(base, client_id=client.id, code=code, redirect_uri="http://localhost:8765/other")
    assert other.json() == {"error": "invalid_grant"}  # and the code is now spent


def test_refresh_then_revoke_then_refresh_fails(demo):
    server, info, pool, base = demo
    client = pool.client("managed-login")
    params = authorize_params(client.id, CALLBACK, scope="openid aws.cognito.signin.user.admin")
    code = sign_in(base, params, "bob", info.user("bob").password).location_params()["code"]
    tokens = exchange(base, client_id=client.id, code=code, redirect_uri=CALLBACK).json()
    form = {"grant_type": "refresh_token", "client_id": client.id, "refresh_token": tokens["refresh_token"]}
    refreshed = request(f"{base}/oauth2/token", form)
    assert refreshed.status == 200 and "refresh_token" not in refreshed.json()
    assert (
        verify(server, pool.id, refreshed.json()["id_token"], audience=client.id)["cognito:username"] == "bob"
    )
    revoked = request(f"{base}/oauth2/revoke", {"token": tokens["refresh_token"], "client_id": client.id})
    assert revoked.status == 200
    assert request(f"{base}/oauth2/token", form).json() == {"error": "invalid_grant"}
    info_reply = request(
        f"{base}/oauth2/userInfo", headers={"Authorization": "Bearer " + tokens["access_token"]}
    )
    assert info_reply.status == 401 and info_reply.json()["error"] == "invalid_token"
    assert 'error="invalid_token"' in info_reply.headers["WWW-Authenticate"]
    unsupported = request(f"{base}/oauth2/revoke", {"token": tokens["access_token"], "client_id": client.id})
    assert unsupported.json() == {"error": "unsupported_token_type"}


def test_logout_redirects_only_to_a_logout_url(demo):
    _, _, pool, base = demo
    client = pool.client("managed-login")
    ok = request(
        f"{base}/logout?{urllib.parse.urlencode({'client_id': client.id, 'logout_uri': 'http://localhost:8765/'})}"
    )
    assert ok.status == 302 and ok.location == "http://localhost:8765/"
    bad = request(
        f"{base}/logout?{urllib.parse.urlencode({'client_id': client.id, 'logout_uri': 'https://evil/'})}"
    )
    assert bad.status == 302 and bad.location.startswith(f"{base}/error?")


def test_unknown_domains_and_paths_are_not_found(demo):
    _, _, _, base = demo
    assert request(base.rsplit("/", 1)[0] + "/no-such-domain/oauth2/token", {"grant_type": "x"}).status == 404
    assert request(f"{base}/oauth2/nothing-here").status == 404


def own_domain_pool(endpoint_url: str):
    """A pool of the test's own with a domain and a managed-login client (its state changes freely)."""
    pool = own_pool(
        endpoint_url,
        CallbackURLs=[CALLBACK],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        AllowedOAuthFlowsUserPoolClient=True,
        SupportedIdentityProviders=["COGNITO"],
    )
    domain = f"t-{uuid.uuid4().hex[:12]}"
    pool.idp.create_user_pool_domain(UserPoolId=pool.id, Domain=domain)
    return pool, f"{endpoint_url}/oauth/{domain}"


def test_a_temporary_password_must_be_changed_on_the_page(sandbox):
    server, _ = sandbox
    pool, base = own_domain_pool(server.endpoint_url)
    pool.idp.admin_create_user(
        UserPoolId=pool.id,
        Username="newcomer",
        TemporaryPassword="Temp0rary!own-pool",
        MessageAction="SUPPRESS",
    )
    params = authorize_params(pool.client_id, CALLBACK)
    change = sign_in(base, params, "newcomer", "Temp0rary!own-pool")
    assert change.status == 200 and "name='new_password'" in change.body
    login_url = f"{base}/login?{urllib.parse.urlencode(params)}"
    weak = request(login_url, {"session": change.hidden("session"), "new_password": "short"})
    assert "name='new_password'" in weak.body and "id='error'" in weak.body and "password policy" in weak.body
    done = request(login_url, {"session": weak.hidden("session"), "new_password": "N3w!Password-own"})
    assert done.status == 302 and "code" in done.location_params()
    user = pool.idp.admin_get_user(UserPoolId=pool.id, Username="newcomer")
    assert user["UserStatus"] == "CONFIRMED"


def test_repeated_wrong_passwords_lock_the_user_as_the_api_does(sandbox):
    server, _ = sandbox
    pool, base = own_domain_pool(server.endpoint_url)
    username = pool.add_user()
    params = authorize_params(pool.client_id, CALLBACK)
    replies = [sign_in(base, params, username, "wrong-password") for _ in range(6)]
    assert "Incorrect username or password." in replies[0].body
    assert "Password attempts exceeded" in replies[-1].body
    locked = sign_in(base, params, username, PASSWORD)  # even the right password, while locked
    assert locked.status == 200 and "Password attempts exceeded" in locked.body
