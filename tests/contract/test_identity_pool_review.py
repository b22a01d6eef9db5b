"""Identity-pool findings against the sandbox over HTTP: the test's own user pool (with a custom
attribute), identity pool and IAM roles with real trust policies; role mappings read back with
GetIdentityPoolRoles and judged; IAM GetRole through the gateway."""

from __future__ import annotations

import json
import uuid

import pytest

from cogtui.identity.pool_review import review_identity_pool
from tests.contract.own_pool import boto

ACCOUNT = "123456789012"


def trust_policy(aud: str, amr: str | None) -> str:
    condition: dict = {"StringEquals": {"cognito-identity.amazonaws.com:aud": aud}}
    if amr:
        condition["ForAnyValue:StringLike"] = {"cognito-identity.amazonaws.com:amr": amr}
    statement = {
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": condition,
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


class Setup:
    """A user pool with custom:tenant, an identity pool trusting it, and roles of unique names."""

    # What its findings are once ``set_roles`` ran: guests on, Deny, a rule on custom:plan (not in the
    # schema), a guest role admitting only signed-in users, a rule role trusting another identity pool,
    # and a rule role that was never created.
    FINDINGS = frozenset(
        {
            "identity.guest_access",
            "identity.ambiguous_deny",
            "identity.rule_never_matches",
            "identity.trust_wrong_amr",
            "identity.trust_other_pool",
            "identity.role_missing",
        }
    )

    def __init__(self, endpoint_url: str) -> None:
        tag = uuid.uuid4().hex[:8]
        idp = boto(endpoint_url)
        self.user_pool = idp.create_user_pool(
            PoolName=f"t-{tag}",
            Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True}],
        )["UserPool"]["Id"]
        client = idp.create_user_pool_client(UserPoolId=self.user_pool, ClientName="app")["UserPoolClient"]
        self.provider = f"cognito-idp.us-east-1.amazonaws.com/{self.user_pool}"
        self.identity = boto(endpoint_url, "cognito-identity")
        self.id = self.identity.create_identity_pool(
            IdentityPoolName=f"t-{tag}",
            AllowUnauthenticatedIdentities=True,
            CognitoIdentityProviders=[
                {"ProviderName": self.provider, "ClientId": client["ClientId"], "ServerSideTokenCheck": True}
            ],
        )["IdentityPoolId"]
        self.client_id = client["ClientId"]
        iam = boto(endpoint_url, "iam")
        self.roles = {}
        for kind, aud, amr in (
            ("auth", self.id, "authenticated"),
            ("guest", self.id, "authenticated"),  # wrong: the guest role refuses guests
            ("admins", "us-east-1:00000000-0000-0000-0000-000000000000", "authenticated"),  # another pool
        ):
            name = f"t-{tag}-{kind}"
            iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust_policy(aud, amr))
            self.roles[kind] = f"arn:aws:iam::{ACCOUNT}:role/{name}"
        self.roles["gone"] = f"arn:aws:iam::{ACCOUNT}:role/t-{tag}-never-created"

    def set_roles(self) -> None:
        rules = [
            {
                "Claim": "custom:tenant",
                "MatchType": "Equals",
                "Value": "acme",
                "RoleARN": self.roles["admins"],
            },
            {"Claim": "custom:plan", "MatchType": "Equals", "Value": "gold", "RoleARN": self.roles["gone"]},
        ]
        self.identity.set_identity_pool_roles(
            IdentityPoolId=self.id,
            Roles={"authenticated": self.roles["auth"], "unauthenticated": self.roles["guest"]},
            RoleMappings={
                f"{self.provider}:{self.client_id}": {
                    "Type": "Rules",
                    "AmbiguousRoleResolution": "Deny",
                    "RulesConfiguration": {"Rules": rules},
                }
            },
        )


@pytest.fixture
def setup(sandbox) -> Setup:
    _, info = sandbox
    made = Setup(info.endpoint_url)
    made.set_roles()
    return made


async def test_iam_get_role_returns_the_trust_policy(gateway, setup):
    role = await gateway.get_role(setup.roles["auth"].rsplit("/", 1)[-1])
    assert role["Arn"] == setup.roles["auth"]
    statement = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert statement["Condition"]["StringEquals"]["cognito-identity.amazonaws.com:aud"] == setup.id


async def test_findings_of_an_identity_pool_with_roles_and_rules(gateway, setup):
    pool = await gateway.describe_identity_pool(setup.id)
    roles = await gateway.identity_pool_roles(setup.id)
    review = await review_identity_pool(gateway, pool, roles)
    assert setup.user_pool in review.user_pools and review.unread == ()
    assert review.trust_summary == "3 trust policies checked, 1 not checked"
    found = {f.code: f for f in review.findings(pool, roles)}
    assert set(found) == Setup.FINDINGS
    assert "custom:plan" in found["identity.rule_never_matches"].title  # custom:tenant is in the schema
    assert setup.roles["guest"].rsplit("/", 1)[-1] in found["identity.trust_wrong_amr"].title
    assert "us-east-1:00000000" in found["identity.trust_other_pool"].why
    assert "NoSuchEntity" in found["identity.role_missing"].why


async def test_a_pool_with_correct_trust_and_no_guests_is_clean(gateway, sandbox):
    _, info = sandbox
    made = Setup(info.endpoint_url)
    made.identity.update_identity_pool(
        IdentityPoolId=made.id,
        IdentityPoolName=made.identity.describe_identity_pool(IdentityPoolId=made.id)["IdentityPoolName"],
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[
            {"ProviderName": made.provider, "ClientId": made.client_id, "ServerSideTokenCheck": True}
        ],
    )
    made.identity.set_identity_pool_roles(IdentityPoolId=made.id, Roles={"authenticated": made.roles["auth"]})
    pool = await gateway.describe_identity_pool(made.id)
    roles = await gateway.identity_pool_roles(made.id)
    review = await review_identity_pool(gateway, pool, roles)
    assert review.trust_summary == "1 trust policy checked"
    assert review.findings(pool, roles) == []
