"""Each pool signs with its own keys; tokens carry AWS's claims; revocation works (over HTTP, real boto3)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import jwt
import pytest
from botocore.exceptions import ClientError

from tests.contract.own_pool import own_pool

ACCESS_REVOKED = ("NotAuthorizedException", "Access Token has been revoked")
REFRESH_REVOKED = ("NotAuthorizedException", "Refresh Token has been revoked")


def fetch_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def jwks_client(endpoint_url: str, pool_id: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(f"{endpoint_url}/{pool_id}/.well-known/jwks.json", cache_keys=False)


def error_of(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def test_each_pool_publishes_its_own_two_keys_with_aws_shaped_kids(sandbox):
    server, _ = sandbox
    first, second = own_pool(server.endpoint_url), own_pool(server.endpoint_url)
    keys_a = fetch_json(f"{server.endpoint_url}/{first.id}/.well-known/jwks.json")["keys"]
    keys_b = fetch_json(f"{server.endpoint_url}/{second.id}/.well-known/jwks.json")["keys"]
    assert len(keys_a) == 2 and {k["kty"] for k in keys_a} == {"RSA"}
    kids_a, kids_b = {k["kid"] for k in keys_a}, {k["kid"] for k in keys_b}
    assert not kids_a & kids_b and "dummy" not in kids_a
    assert all(len(kid) == 44 and kid.endswith("=") for kid in kids_a)  # base64 of a SHA-256, as AWS's
    assert all(len(jwt.utils.base64url_decode(k["n"])) * 8 == 2048 for k in keys_a)


def test_a_token_verifies_against_its_pool_and_not_another(sandbox):
    server, _ = sandbox
    pool, other = own_pool(server.endpoint_url), own_pool(server.endpoint_url)
    tokens = pool.sign_in(pool.add_user())
    issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
    key = jwks_client(server.endpoint_url, pool.id).get_signing_key_from_jwt(tokens["IdToken"])
    claims = jwt.decode(
        tokens["IdToken"], key.key, algorithms=["RS256"], audience=pool.client_id, issuer=issuer
    )
    assert claims["token_use"] == "id"
    with pytest.raises(jwt.PyJWKClientError):  # the other pool does not publish this kid
        jwks_client(server.endpoint_url, other.id).get_signing_key_from_jwt(tokens["IdToken"])
    other_keys = fetch_json(f"{server.endpoint_url}/{other.id}/.well-known/jwks.json")["keys"]
    for jwk in other_keys:  # nor does any of its keys verify the signature
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(
                tokens["IdToken"], jwt.PyJWK(jwk).key, algorithms=["RS256"], options={"verify_aud": False}
            )


def test_tokens_carry_the_claims_aws_puts_in_them(sandbox):
    server, _ = sandbox
    pool = own_pool(
        server.endpoint_url,
        AccessTokenValidity=5,
        IdTokenValidity=10,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes"},
    )
    role = "arn:aws:iam::123456789012:role/own-pool-admins"
    pool.idp.create_group(UserPoolId=pool.id, GroupName="admins", Precedence=1, RoleArn=role)
    pool.idp.create_group(UserPoolId=pool.id, GroupName="staff", Precedence=5)
    username = pool.add_user(groups=("admins", "staff"))
    tokens = pool.sign_in(username)
    id_claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
    access = jwt.decode(tokens["AccessToken"], options={"verify_signature": False})
    assert tokens["ExpiresIn"] == 300
    assert access["exp"] - access["iat"] == 300 and id_claims["exp"] - id_claims["iat"] == 600
    assert (
        access["version"] == 2 and access["token_use"] == "access" and access["client_id"] == pool.client_id
    )
    assert access["scope"] == "aws.cognito.signin.user.admin" and access["username"] == username
    assert id_claims["aud"] == pool.client_id and id_claims["cognito:username"] == username
    for claims in (id_claims, access):
        assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
        assert {"origin_jti", "event_id", "auth_time", "jti", "sub"} <= set(claims)
        assert claims["cognito:groups"] == ["admins", "staff"]
    assert id_claims["cognito:preferred_role"] == role and id_claims["cognito:roles"] == [role]
    assert id_claims["origin_jti"] == access["origin_jti"] and id_claims["event_id"] == access["event_id"]
    refreshed = pool.idp.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )["AuthenticationResult"]
    again = jwt.decode(refreshed["AccessToken"], options={"verify_signature": False})
    # a refresh keeps the sign-in's auth_time, event and token family, with a new jti
    assert (again["auth_time"], again["event_id"], again["origin_jti"]) == (
        access["auth_time"],
        access["event_id"],
        access["origin_jti"],
    )
    assert again["jti"] != access["jti"]


def test_openid_configuration_lists_issuer_jwks_and_oauth_endpoints(sandbox):
    server, info = sandbox
    pool_id = info.pool("demo-app").id
    document = fetch_json(f"{server.endpoint_url}/{pool_id}/.well-known/openid-configuration")
    assert document["issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
    assert document["jwks_uri"] == f"{server.endpoint_url}/{pool_id}/.well-known/jwks.json"
    assert document["token_endpoint"].startswith(f"{server.endpoint_url}/oauth/")
    for name in ("authorization_endpoint", "userinfo_endpoint", "revocation_endpoint"):
        assert document[name].startswith(f"{server.endpoint_url}/oauth/")
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch_json(f"{server.endpoint_url}/us-east-1_NoSuchPool/.well-known/jwks.json")
    assert missing.value.code == 404


def test_revoke_token_voids_the_refresh_token_and_its_access_tokens(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    username = pool.add_user()
    tokens, other_session = pool.sign_in(username), pool.sign_in(username)
    pool.idp.revoke_token(Token=tokens["RefreshToken"], ClientId=pool.client_id)
    assert error_of(pool.idp.get_user, AccessToken=tokens["AccessToken"]) == ACCESS_REVOKED
    assert (
        error_of(
            pool.idp.initiate_auth,
            ClientId=pool.client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
        )
        == REFRESH_REVOKED
    )
    # another sign-in of the same user is a different family: untouched
    assert pool.idp.get_user(AccessToken=other_session["AccessToken"])["Username"] == username


def test_revoke_token_refusals(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url, secret=True)
    username = pool.add_user()
    tokens = pool.sign_in(username)
    no_revocation, _ = pool.add_client("no-revocation", EnableTokenRevocation=False)
    code, _ = error_of(pool.idp.revoke_token, Token=tokens["RefreshToken"], ClientId=pool.client_id)
    assert code == "UnauthorizedException"  # the client has a secret and none was sent
    code, _ = error_of(
        pool.idp.revoke_token,
        Token=tokens["AccessToken"],
        ClientId=pool.client_id,
        ClientSecret=pool.client_secret,
    )
    assert code == "UnsupportedTokenTypeException"
    code, _ = error_of(pool.idp.revoke_token, Token=tokens["RefreshToken"], ClientId=no_revocation)
    assert code == "UnsupportedOperationException"
    assert pool.idp.get_user(AccessToken=tokens["AccessToken"])["Username"] == username


@pytest.mark.parametrize("admin", [False, True], ids=["GlobalSignOut", "AdminUserGlobalSignOut"])
def test_global_sign_out_revokes_access_and_refresh_tokens(sandbox, admin):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    username = pool.add_user()
    first, second = pool.sign_in(username), pool.sign_in(username)
    if admin:
        pool.idp.admin_user_global_sign_out(UserPoolId=pool.id, Username=username)
    else:
        pool.idp.global_sign_out(AccessToken=first["AccessToken"])
    for tokens in (first, second):
        assert error_of(pool.idp.get_user, AccessToken=tokens["AccessToken"]) == ACCESS_REVOKED
        assert (
            error_of(
                pool.idp.initiate_auth,
                ClientId=pool.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
            )
            == REFRESH_REVOKED
        )
    assert pool.idp.get_user(AccessToken=pool.sign_in(username)["AccessToken"])["Username"] == username


def test_a_forged_access_token_is_refused(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    real = jwt.decode(pool.sign_in(pool.add_user())["AccessToken"], options={"verify_signature": False})
    from cryptography.hazmat.primitives.asymmetric import rsa

    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(real, forger, algorithm="RS256", headers={"kid": "dummy"})
    assert error_of(pool.idp.get_user, AccessToken=forged) == (
        "NotAuthorizedException",
        "Invalid Access Token",
    )
