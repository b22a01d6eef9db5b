"""Identity pools check logins and choose roles as Cognito does (over HTTP, real boto3); STS knows the role."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest
from botocore.exceptions import ClientError

from cogtui.sandbox.awsjson import find_user_pool
from cogtui.sandbox.keys import sign
from tests.contract.own_pool import OwnPool, boto, own_pool

ACCOUNT = "123456789012"
AUTHENTICATED = f"arn:aws:iam::{ACCOUNT}:role/own-authenticated"
GUEST = f"arn:aws:iam::{ACCOUNT}:role/own-guest"
ADMINS = f"arn:aws:iam::{ACCOUNT}:role/own-admins"
STAFF = f"arn:aws:iam::{ACCOUNT}:role/own-staff"


class Setup:
    """A user pool with groups and users, and an identity pool trusting it through one app client."""

    def __init__(self, endpoint_url: str, *, guests: bool = True, classic: bool = False) -> None:
        self.endpoint_url = endpoint_url
        self.users: OwnPool = own_pool(endpoint_url)
        idp = self.users.idp
        idp.create_group(UserPoolId=self.users.id, GroupName="admins", Precedence=1, RoleArn=ADMINS)
        idp.create_group(UserPoolId=self.users.id, GroupName="staff", Precedence=2, RoleArn=STAFF)
        self.admin = self.users.add_user(groups=("admins", "staff"))
        self.staff = self.users.add_user(groups=("staff",))
        self.plain = self.users.add_user()
        self.provider = f"cognito-idp.us-east-1.amazonaws.com/{self.users.id}"
        self.identity = boto(endpoint_url, "cognito-identity")
        self.pool_id = self.identity.create_identity_pool(
            IdentityPoolName=f"t-{uuid.uuid4().hex[:10]}",
            AllowUnauthenticatedIdentities=guests,
            AllowClassicFlow=classic,
            CognitoIdentityProviders=[{"ProviderName": self.provider, "ClientId": self.users.client_id}],
        )["IdentityPoolId"]

    def id_token(self, username: str) -> str:
        return self.users.sign_in(username)["IdToken"]

    def roles(self, mapping: dict | None = None, **roles: str) -> None:
        kwargs = {"RoleMappings": {self.provider: mapping}} if mapping else {}
        self.identity.set_identity_pool_roles(IdentityPoolId=self.pool_id, Roles=roles, **kwargs)

    def caller(self, username: str | None, **extra) -> str:
        """The STS caller ARN of the credentials the identity pool gives this user (None = a guest)."""
        logins = {self.provider: self.id_token(username)} if username else {}
        identity_id = self.identity.get_id(IdentityPoolId=self.pool_id, Logins=logins)["IdentityId"]
        creds = self.identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins, **extra)[
            "Credentials"
        ]
        sts = boto(
            self.endpoint_url,
            "sts",
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretKey"],
            aws_session_token=creds["SessionToken"],
        )
        return sts.get_caller_identity()["Arn"]


def refusal(call, **kwargs) -> tuple[str, str]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def assumed(role_arn: str) -> str:
    return f"arn:aws:sts::{ACCOUNT}:assumed-role/{role_arn.rsplit('/', 1)[-1]}/CognitoIdentityCredentials"


@pytest.fixture
def setup(sandbox) -> Setup:
    server, _ = sandbox
    return Setup(server.endpoint_url)


def test_login_tokens_are_checked_with_cognitos_messages(setup, sandbox):
    server, _ = sandbox
    other = own_pool(server.endpoint_url)
    good = setup.id_token(setup.plain)
    tampered = good.rsplit(".", 1)[0] + "." + "A" * 342
    get_id = setup.identity.get_id
    cases = [
        ({setup.provider: tampered}, "Invalid login token. Couldn't verify signed token."),
        ({setup.provider: "not-a-jwt"}, "Invalid login token. Not a valid OpenId Connect identity token."),
        (
            {setup.provider: other.sign_in(other.add_user())["IdToken"]},
            "Invalid login token. Issuer doesn't match providerName",
        ),
        (
            {setup.provider: setup.users.sign_in(setup.plain)["AccessToken"]},
            "Invalid login token. Missing a required claim: aud",
        ),
        (
            {f"cognito-idp.us-east-1.amazonaws.com/{other.id}": good},
            "Token is not from a supported provider of this identity pool.",
        ),
    ]
    other_client, _ = setup.users.add_client("other-client")
    cases.append(
        (
            {setup.provider: setup.users.sign_in(setup.plain, client_id=other_client)["IdToken"]},
            "Token is not from a supported provider of this identity pool.",
        )
    )
    for logins, message in cases:
        assert refusal(get_id, IdentityPoolId=setup.pool_id, Logins=logins) == (
            "NotAuthorizedException",
            message,
        )
    assert get_id(IdentityPoolId=setup.pool_id, Logins={setup.provider: good})["IdentityId"]


def test_an_expired_login_token_is_refused(setup):
    claims = {
        "sub": str(uuid.uuid4()),
        "aud": setup.users.client_id,
        "iss": f"https://{setup.provider}",
        "token_use": "id",
        "exp": int(time.time()) - 60,
        "iat": int(time.time()) - 3660,
    }
    expired = sign(find_user_pool(setup.users.id), "id", claims)  # the pool's own key, an hour ago
    code, message = refusal(
        setup.identity.get_id, IdentityPoolId=setup.pool_id, Logins={setup.provider: expired}
    )
    assert code == "NotAuthorizedException" and message.startswith("Invalid login token. Token expired: ")
    assert message.endswith(f" >= {claims['exp']}")


def test_the_same_user_keeps_one_identity_and_others_cannot_use_it(setup):
    first = setup.identity.get_id(
        IdentityPoolId=setup.pool_id, Logins={setup.provider: setup.id_token(setup.plain)}
    )
    again = setup.identity.get_id(
        IdentityPoolId=setup.pool_id, Logins={setup.provider: setup.id_token(setup.plain)}
    )
    assert first["IdentityId"] == again["IdentityId"]
    someone_else = {setup.provider: setup.id_token(setup.staff)}
    assert refusal(
        setup.identity.get_credentials_for_identity, IdentityId=first["IdentityId"], Logins=someone_else
    ) == ("NotAuthorizedException", f"Access to Identity '{first['IdentityId']}' is forbidden.")


def test_guests_only_where_the_pool_allows_them(sandbox):
    server, _ = sandbox
    closed = Setup(server.endpoint_url, guests=False)
    assert refusal(closed.identity.get_id, IdentityPoolId=closed.pool_id) == (
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
    )


def test_roles_round_trip_and_are_required(setup):
    setup.roles()  # no roles at all
    assert refusal(setup.caller, username=setup.plain) == (
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
    )
    mapping = {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}
    setup.roles(mapping, authenticated=AUTHENTICATED, unauthenticated=GUEST)
    answer = setup.identity.get_identity_pool_roles(IdentityPoolId=setup.pool_id)
    assert answer["Roles"] == {"authenticated": AUTHENTICATED, "unauthenticated": GUEST}
    assert answer["RoleMappings"] == {setup.provider: mapping}
    code, _ = refusal(
        setup.identity.set_identity_pool_roles,
        IdentityPoolId=setup.pool_id,
        Roles={"authenticated": AUTHENTICATED},
        RoleMappings={setup.provider: {"Type": "Rules", "AmbiguousRoleResolution": "Deny"}},
    )
    assert code == "InvalidParameterException"  # a Rules mapping without rules
    assert refusal(setup.identity.get_identity_pool_roles, IdentityPoolId="us-east-1:" + str(uuid.uuid4()))[
        0
    ] == ("ResourceNotFoundException")


def test_role_from_the_token(setup):
    setup.roles(
        {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"},
        authenticated=AUTHENTICATED,
        unauthenticated=GUEST,
    )
    assert setup.caller(setup.admin) == assumed(ADMINS)  # cognito:preferred_role (best precedence)
    assert setup.caller(setup.admin, CustomRoleArn=STAFF) == assumed(STAFF)  # one of its cognito:roles
    assert setup.caller(setup.staff, CustomRoleArn=ADMINS) == assumed(STAFF)  # not its role: preferred
    assert setup.caller(setup.plain) == assumed(AUTHENTICATED)  # no group role: ambiguous -> default
    assert setup.caller(None) == assumed(GUEST)


def test_role_from_rules_and_a_deny(setup):
    rules = {
        "Type": "Rules",
        "AmbiguousRoleResolution": "Deny",
        "RulesConfiguration": {
            "Rules": [
                {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "staff", "RoleARN": STAFF}
            ]
        },
    }
    setup.roles(rules, authenticated=AUTHENTICATED)
    assert setup.caller(setup.admin) == assumed(STAFF)
    assert refusal(setup.caller, username=setup.plain) == (
        "NotAuthorizedException",
        f"The ambiguous role mapping rules for: {setup.provider} denied this request.",
    )


def test_basic_flow_only_where_the_pool_allows_it(sandbox):
    server, _ = sandbox
    for classic in (False, True):
        setup = Setup(server.endpoint_url, classic=classic)
        described = setup.identity.describe_identity_pool(IdentityPoolId=setup.pool_id)
        assert described["AllowClassicFlow"] is classic
        logins = {setup.provider: setup.id_token(setup.plain)}
        identity_id = setup.identity.get_id(IdentityPoolId=setup.pool_id, Logins=logins)["IdentityId"]
        if not classic:
            assert refusal(setup.identity.get_open_id_token, IdentityId=identity_id, Logins=logins) == (
                "InvalidParameterException",
                "Basic (classic) flow is not enabled, please use enhanced flow.",
            )
            continue
        token = setup.identity.get_open_id_token(IdentityId=identity_id, Logins=logins)["Token"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["aud"] == setup.pool_id and claims["sub"] == identity_id
        assert claims["iss"] == "https://cognito-identity.amazonaws.com"
        assert claims["amr"] == ["authenticated", setup.provider] and claims["exp"] - claims["iat"] == 600
