"""Identity-pool findings as pure objects: guest access, classic flow, token check, roles, ambiguous
resolution, rules that can never match, trust policies, and role mappings read as rules."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from cogtui.aws.errors import AccessDeniedError
from cogtui.aws.models import IdentityPool, IdentityPoolRoles, UserPool
from cogtui.findings import RoleTrust, identity_pool_findings, readable_rules, role_uses
from cogtui.findings.role_mappings import mapping_key
from cogtui.findings.trust import trust_findings
from cogtui.identity.pool_review import review_identity_pool

POOL_ID = "us-east-1:11111111-2222-3333-4444-555555555555"
USER_POOL = "us-east-1_Abc123"
PROVIDER = f"cognito-idp.us-east-1.amazonaws.com/{USER_POOL}"
AUTH = "arn:aws:iam::123456789012:role/app-auth"
GUEST = "arn:aws:iam::123456789012:role/app-guest"
ADMINS = "arn:aws:iam::123456789012:role/app-admins"


def identity_pool(**overrides) -> IdentityPool:
    body = {
        "IdentityPoolId": POOL_ID,
        "IdentityPoolName": "ids",
        "AllowUnauthenticatedIdentities": False,
        "AllowClassicFlow": False,
        "CognitoIdentityProviders": [
            {"ProviderName": PROVIDER, "ClientId": "c1", "ServerSideTokenCheck": True}
        ],
    }
    body.update(overrides)
    return IdentityPool.from_api(body)


def user_pool(custom: tuple[str, ...] = ("tenant",), lambdas: dict | None = None) -> UserPool:
    schema = [{"Name": "email", "AttributeDataType": "String"}]
    schema += [{"Name": f"custom:{name}", "AttributeDataType": "String"} for name in custom]
    return UserPool.from_api(
        {"Id": USER_POOL, "Name": "app-users", "SchemaAttributes": schema, "LambdaConfig": lambdas or {}}
    )


def rules_mapping(*rules: tuple[str, str, str, str], resolution: str = "Deny") -> dict:
    return {
        "Type": "Rules",
        "AmbiguousRoleResolution": resolution,
        "RulesConfiguration": {
            "Rules": [{"Claim": c, "MatchType": m, "Value": v, "RoleARN": r} for c, m, v, r in rules]
        },
    }


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def trust_policy(aud=POOL_ID, amr="authenticated", operator="StringEquals", principal=None, action=None):
    condition: dict = {}
    if aud is not None:
        condition[operator] = {"cognito-identity.amazonaws.com:aud": aud}
    if amr is not None:
        condition["ForAnyValue:StringLike"] = {"cognito-identity.amazonaws.com:amr": amr}
    statement = {
        "Effect": "Allow",
        "Principal": principal or {"Federated": "cognito-identity.amazonaws.com"},
        "Action": action or "sts:AssumeRoleWithWebIdentity",
    }
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


# -- the identity pool's own settings -------------------------------------------------------------------


def test_a_tight_pool_has_no_findings():
    roles = IdentityPoolRoles({"authenticated": AUTH})
    assert identity_pool_findings(identity_pool(), roles) == []


def test_guest_access_names_the_guest_role():
    roles = IdentityPoolRoles({"authenticated": AUTH, "unauthenticated": GUEST})
    found = identity_pool_findings(identity_pool(AllowUnauthenticatedIdentities=True), roles)
    assert codes(found) == ["identity.guest_access"]
    assert found[0].severity == "medium" and "role app-guest" in found[0].why


def test_guest_access_without_a_guest_role_breaks_guests():
    roles = IdentityPoolRoles({"authenticated": AUTH})
    found = identity_pool_findings(identity_pool(AllowUnauthenticatedIdentities=True), roles)
    assert codes(found) == ["identity.guest_without_role", "identity.guest_access"]
    assert found[0].severity == "high" and "InvalidIdentityPoolConfigurationException" in found[0].why


def test_classic_flow_bypasses_the_role_mappings():
    found = identity_pool_findings(
        identity_pool(AllowClassicFlow=True), IdentityPoolRoles({"authenticated": AUTH})
    )
    assert codes(found) == ["identity.classic_flow"]
    assert "bypassed" in found[0].why and "AllowClassicFlow=false" in found[0].fix


def test_providers_without_server_side_token_check_are_named():
    providers = [
        {"ProviderName": PROVIDER, "ClientId": "c1", "ServerSideTokenCheck": False},
        {"ProviderName": PROVIDER, "ClientId": "c2", "ServerSideTokenCheck": True},
    ]
    found = identity_pool_findings(
        identity_pool(CognitoIdentityProviders=providers), IdentityPoolRoles({"authenticated": AUTH})
    )
    assert codes(found) == ["identity.no_server_side_token_check"]
    assert USER_POOL in found[0].title and found[0].severity == "low"


def test_no_authenticated_role_refuses_signed_in_users():
    found = identity_pool_findings(identity_pool(), IdentityPoolRoles({}))
    assert codes(found) == ["identity.no_authenticated_role"] and found[0].severity == "high"


def test_roles_not_read_are_not_checked_not_passed():
    found = identity_pool_findings(identity_pool(), None, roles_unread="AccessDeniedException — no")
    assert codes(found) == ["identity.roles_not_checked"]
    assert "AccessDeniedException" in found[0].why


# -- ambiguous role resolution --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resolution", "authenticated", "code", "severity"),
    [
        ("Deny", AUTH, "identity.ambiguous_deny", "info"),
        ("AuthenticatedRole", AUTH, "identity.ambiguous_authenticated_role", "low"),
        ("AuthenticatedRole", None, "identity.ambiguous_without_role", "high"),
    ],
)
def test_ambiguous_role_resolution_says_what_each_choice_means(resolution, authenticated, code, severity):
    mapping = {"Type": "Token", "AmbiguousRoleResolution": resolution}
    roles = IdentityPoolRoles({"authenticated": authenticated} if authenticated else {}, {PROVIDER: mapping})
    found = [
        f for f in identity_pool_findings(identity_pool(), roles) if f.code.startswith("identity.ambiguous")
    ]
    assert codes(found) == [code] and found[0].severity == severity
    assert PROVIDER in found[0].title


def test_a_mapping_for_a_provider_the_pool_does_not_trust():
    other = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other:c9"
    roles = IdentityPoolRoles(
        {"authenticated": AUTH}, {other: {"Type": "Token", "AmbiguousRoleResolution": "Deny"}}
    )
    assert "identity.mapping_unknown_provider" in codes(identity_pool_findings(identity_pool(), roles))


# -- rules that can never match -------------------------------------------------------------------------


def roles_with_rule(claim: str) -> IdentityPoolRoles:
    mapping = rules_mapping((claim, "Equals", "x", ADMINS))
    return IdentityPoolRoles({"authenticated": AUTH}, {f"{PROVIDER}:c1": mapping})


@pytest.mark.parametrize("claim", ["cognito:groups", "email", "custom:tenant", "sub", "given_name"])
def test_rules_on_claims_the_token_carries_are_fine(claim):
    found = identity_pool_findings(
        identity_pool(), roles_with_rule(claim), user_pools={USER_POOL: user_pool()}
    )
    assert "identity.rule_never_matches" not in codes(found)


@pytest.mark.parametrize(
    ("claim", "hint"),
    [
        ("custom:plan", "no such custom attribute"),
        ("department", "neither a Cognito claim"),
        ("amr", "neither"),
    ],
)
def test_a_rule_on_a_claim_the_token_never_carries_can_never_match(claim, hint):
    found = identity_pool_findings(
        identity_pool(), roles_with_rule(claim), user_pools={USER_POOL: user_pool()}
    )
    never = [f for f in found if f.code == "identity.rule_never_matches"]
    assert len(never) == 1 and claim in never[0].title and hint in never[0].why
    assert (
        "app-users" in never[0].why
        and f"Rule 1 of the role mapping for {PROVIDER} (app client c1)" in never[0].why
    )


def test_a_custom_attribute_without_its_prefix_is_pointed_out():
    found = identity_pool_findings(
        identity_pool(), roles_with_rule("tenant"), user_pools={USER_POOL: user_pool()}
    )
    never = [f for f in found if f.code == "identity.rule_never_matches"]
    assert never and "custom: prefix" in never[0].fix


def test_a_pre_token_lambda_may_add_the_claim():
    pool = user_pool(lambdas={"PreTokenGeneration": "arn:aws:lambda:us-east-1:123456789012:function:claims"})
    found = identity_pool_findings(
        identity_pool(), roles_with_rule("department"), user_pools={USER_POOL: pool}
    )
    assert "identity.rule_never_matches" not in codes(found)
    assert "identity.rule_claim_from_lambda" in codes(found)


def test_rules_of_an_unread_user_pool_are_not_judged():
    found = identity_pool_findings(identity_pool(), roles_with_rule("department"), user_pools={})
    assert "identity.rule_never_matches" not in codes(found)


# -- trust policies -------------------------------------------------------------------------------------


def trust(document, arn=AUTH, kinds=("authenticated",)):
    return trust_findings(RoleTrust(arn, document), POOL_ID, kinds)


def test_a_correct_trust_policy_passes():
    assert trust(trust_policy()) == []
    assert trust(trust_policy(amr="unauthenticated"), GUEST, ("unauthenticated",)) == []
    assert (
        trust(
            trust_policy(amr=["authenticated", "unauthenticated"]), AUTH, ("authenticated", "unauthenticated")
        )
        == []
    )


def test_an_url_encoded_policy_is_read_as_iam_sends_it():
    assert trust(quote(json.dumps(trust_policy()))) == []
    assert codes(trust(quote(json.dumps(trust_policy(aud="us-east-1:other"))))) == [
        "identity.trust_other_pool"
    ]


@pytest.mark.parametrize(
    ("document", "code", "severity"),
    [
        (trust_policy(principal={"Service": "lambda.amazonaws.com"}), "identity.role_not_trusted", "high"),
        (trust_policy(action="sts:AssumeRole"), "identity.role_not_trusted", "high"),
        (trust_policy(aud=None), "identity.trust_without_aud", "high"),
        (trust_policy(aud="us-east-1:someone-else"), "identity.trust_other_pool", "high"),
        (trust_policy(aud="us-east-1:*", operator="StringLike"), "identity.trust_aud_pattern", "medium"),
        (trust_policy(amr=None), "identity.trust_without_amr", "medium"),
        (trust_policy(amr="unauthenticated"), "identity.trust_wrong_amr", "high"),
    ],
)
def test_trust_policy_problems(document, code, severity):
    found = trust(document)
    assert codes(found) == [code] and found[0].severity == severity
    assert "app-auth" in found[0].title


def test_a_guest_role_without_amr_is_a_lesser_problem():
    found = trust(trust_policy(amr=None), GUEST, ("unauthenticated",))
    assert codes(found) == ["identity.trust_without_amr"] and found[0].severity == "low"


def test_an_unreadable_role_is_not_checked_never_passed():
    found = trust_findings(
        RoleTrust(AUTH, error_code="AccessDenied", error_message="not allowed"), POOL_ID, ["authenticated"]
    )
    assert codes(found) == ["identity.trust_not_checked"] and found[0].severity == "info"
    assert "not checked (AccessDenied)" in found[0].title


def test_a_missing_role_breaks_credentials():
    found = trust_findings(
        RoleTrust(AUTH, error_code="NoSuchEntity", error_message="Role app-auth not found"),
        POOL_ID,
        ["authenticated"],
    )
    assert codes(found) == ["identity.role_missing"] and found[0].severity == "high"


def test_every_role_is_checked_for_what_it_serves():
    mapping = rules_mapping(("cognito:groups", "Contains", "admins", ADMINS))
    roles = IdentityPoolRoles({"authenticated": AUTH, "unauthenticated": GUEST}, {PROVIDER: mapping})
    assert role_uses(roles) == {
        AUTH: {"authenticated"},
        GUEST: {"unauthenticated"},
        ADMINS: {"authenticated"},
    }
    trusts = {
        AUTH: RoleTrust(AUTH, trust_policy()),
        GUEST: RoleTrust(GUEST, trust_policy(amr="authenticated")),  # the guest role refuses guests
    }
    found = identity_pool_findings(identity_pool(), roles, trusts=trusts)
    by_code = {f.code: f for f in found}
    assert "app-guest" in by_code["identity.trust_wrong_amr"].title
    assert "app-admins" in by_code["identity.trust_not_checked"].title  # not in the answers: never a pass


# -- readable rules -------------------------------------------------------------------------------------


def test_rules_read_in_order_then_the_fallback():
    mapping = rules_mapping(
        ("cognito:groups", "Contains", "admins", ADMINS),
        ("email", "StartsWith", "ops@", AUTH),
        ("custom:tenant", "NotEqual", "acme", GUEST),
        resolution="AuthenticatedRole",
    )
    assert readable_rules(mapping, AUTH) == [
        'if cognito:groups contains "admins" → role app-admins',
        'else if email starts with "ops@" → role app-auth',
        'else if custom:tenant is not "acme" → role app-guest',
        "otherwise → role app-auth (the default authenticated role)",
    ]


def test_token_mapping_and_deny_read_plainly():
    lines = readable_rules({"Type": "Token", "AmbiguousRoleResolution": "Deny"}, AUTH)
    assert "cognito:preferred_role" in lines[1] and "CustomRoleArn" in lines[0]
    assert lines[-1] == "otherwise → no credentials (Deny: NotAuthorizedException)"


def test_mapping_keys_name_provider_and_client():
    key = mapping_key(f"{PROVIDER}:c1")
    assert (key.provider, key.client_id, key.user_pool_id) == (PROVIDER, "c1", USER_POOL)
    assert mapping_key("accounts.google.com").client_id == ""
    assert mapping_key("arn:aws:iam::123456789012:saml-provider/corp").provider.endswith("corp")


# -- what could not be read -----------------------------------------------------------------------------


class DeniedGateway:
    """Credentials allowed to read the identity pool but neither IAM nor the user pool."""

    async def get_role(self, name):
        raise AccessDeniedError(
            f"User is not authorized to perform: iam:GetRole on {name}", code="AccessDenied"
        )

    async def describe_user_pool(self, pool_id):
        raise AccessDeniedError("not authorized", code="AccessDeniedException")


async def test_iam_denied_means_not_checked_and_user_pool_denied_is_said():
    mapping = rules_mapping(("department", "Equals", "x", ADMINS))
    roles = IdentityPoolRoles({"authenticated": AUTH}, {f"{PROVIDER}:c1": mapping})
    review = await review_identity_pool(DeniedGateway(), identity_pool(), roles)
    assert review.trust_summary == "0 trust policies checked, 2 not checked"
    assert review.unread == (
        f"user pool {USER_POOL} (AccessDeniedException): role rules on its claims are not checked",
    )
    found = review.findings(identity_pool(), roles)
    not_checked = [f for f in found if f.code == "identity.trust_not_checked"]
    assert sorted(f.title for f in not_checked) == [
        "Trust policy of role app-admins: not checked (AccessDenied)",
        "Trust policy of role app-auth: not checked (AccessDenied)",
    ]
    assert "identity.rule_never_matches" not in codes(found)  # the pool's claims are unknown, not judged
