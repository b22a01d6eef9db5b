"""Which role Cognito picks and why: default roles, token roles, rules, basic flow, unknown endpoints."""

from __future__ import annotations

from identity_fixtures import ADMIN_ROLE, AUTH_ROLE, CLIENT_ID, GUEST_ROLE, KEY, READER_ROLE

from cogtui.aws.models import IdentityPoolRoles
from cogtui.identity.roles import explain_role, role_name_from_caller_arn

ROLES = {"authenticated": AUTH_ROLE, "unauthenticated": GUEST_ROLE}
CLAIMS = {
    "cognito:groups": ["admins", "readers"],
    "cognito:roles": [ADMIN_ROLE, READER_ROLE],
    "cognito:preferred_role": ADMIN_ROLE,
    "custom:tenant_id": "acme",
    "email": "alice@example.com",
}


def token_mapping(resolution="Deny"):
    return IdentityPoolRoles(
        ROLES, {f"{KEY}:{CLIENT_ID}": {"Type": "Token", "AmbiguousRoleResolution": resolution}}
    )


def rules_mapping(rules, resolution="Deny"):
    mapping = {"Type": "Rules", "AmbiguousRoleResolution": resolution, "RulesConfiguration": {"Rules": rules}}
    return IdentityPoolRoles(ROLES, {KEY: mapping})


def authenticated(roles, claims=CLAIMS, **kwargs):
    return explain_role(roles=roles, claims=claims, logins_key=KEY, client_id=CLIENT_ID, **kwargs)


def test_basic_flow_uses_the_role_named_by_the_caller():
    result = explain_role(roles=None, flow="basic", basic_role_arn=READER_ROLE)
    assert result.role_arn == READER_ROLE and "basic flow" in result.source
    assert not result.known and "Not confirmed yet" in result.detail  # asked for is not granted


def test_basic_flow_reports_the_role_sts_names_when_it_differs_from_the_request():
    result = explain_role(
        roles=None,
        flow="basic",
        basic_role_arn="arn:aws:iam::123456789012:role/nope",
        caller_arn="arn:aws:sts::123456789012:assumed-role/app-readers/cogtui",
    )
    assert result.role_arn == "arn:aws:iam::123456789012:role/app-readers" and result.known
    assert "not nope" in result.detail


def test_guest_roles():
    unknown = explain_role(roles=None, guest=True)
    assert (
        unknown.role_arn is None
        and not unknown.known
        and "GetIdentityPoolRoles is not available" in unknown.detail
    )
    assert explain_role(roles=IdentityPoolRoles(ROLES), guest=True).role_arn == GUEST_ROLE
    missing = explain_role(roles=IdentityPoolRoles({}), guest=True)
    assert missing.role_arn is None and "InvalidIdentityPoolConfigurationException" in missing.detail


def test_endpoint_that_does_not_tell():
    asked = authenticated(None, custom_role_arn=READER_ROLE)
    assert asked.role_arn == READER_ROLE and not asked.known and "not known" in asked.detail
    silent = authenticated(None)
    assert silent.role_arn is None and ADMIN_ROLE in silent.detail


def test_default_authenticated_role_without_mapping():
    result = authenticated(IdentityPoolRoles(ROLES))
    assert result.role_arn == AUTH_ROLE and result.source == "default authenticated role"
    none = authenticated(IdentityPoolRoles({}))
    assert none.role_arn is None and "InvalidIdentityPoolConfigurationException" in none.detail


def test_choose_role_from_token():
    assert authenticated(token_mapping(), custom_role_arn=READER_ROLE).role_arn == READER_ROLE
    preferred = authenticated(token_mapping())
    assert preferred.role_arn == ADMIN_ROLE and "cognito:preferred_role" in preferred.source
    not_in_token = authenticated(token_mapping(), custom_role_arn="arn:aws:iam::123456789012:role/other")
    assert not_in_token.role_arn == ADMIN_ROLE and "not in cognito:roles" in not_in_token.detail


def test_token_mapping_without_token_roles_is_ambiguous():
    denied = authenticated(token_mapping("Deny"), claims={})
    assert (
        denied.role_arn is None
        and denied.source == "denied"
        and "ambiguous role mapping rules" in denied.detail
    )
    fallback = authenticated(token_mapping("AuthenticatedRole"), claims={})
    assert fallback.role_arn == AUTH_ROLE and "fallback" in fallback.source


def test_rules_first_match_wins():
    rules = [
        {"Claim": "custom:tenant_id", "MatchType": "Equals", "Value": "globex", "RoleARN": READER_ROLE},
        {"Claim": "cognito:groups", "MatchType": "Contains", "Value": "admin", "RoleARN": ADMIN_ROLE},
        {"Claim": "email", "MatchType": "StartsWith", "Value": "alice", "RoleARN": READER_ROLE},
    ]
    result = authenticated(rules_mapping(rules))
    assert result.role_arn == ADMIN_ROLE and result.source == "rule 2"
    assert "cognito:groups Contains 'admin'" in result.detail


def test_rules_match_types_and_no_match():
    starts = [{"Claim": "email", "MatchType": "StartsWith", "Value": "alice@", "RoleARN": READER_ROLE}]
    assert authenticated(rules_mapping(starts)).role_arn == READER_ROLE
    not_equal = [
        {"Claim": "custom:tenant_id", "MatchType": "NotEqual", "Value": "acme", "RoleARN": READER_ROLE}
    ]
    assert authenticated(rules_mapping(not_equal)).source == "denied"
    missing_claim = [{"Claim": "custom:nope", "MatchType": "Equals", "Value": "x", "RoleARN": READER_ROLE}]
    assert authenticated(rules_mapping(missing_claim, "AuthenticatedRole")).role_arn == AUTH_ROLE


def test_caller_arn_confirms_or_contradicts():
    confirmed = explain_role(
        roles=None,
        flow="basic",
        basic_role_arn=READER_ROLE,
        caller_arn="arn:aws:sts::123456789012:assumed-role/app-readers/cogtui",
    )
    assert "STS confirms the role: app-readers." in confirmed.detail
    contradicted = authenticated(
        IdentityPoolRoles(ROLES), caller_arn="arn:aws:sts::123456789012:assumed-role/other/s"
    )
    assert "not app-authenticated" in contradicted.detail
    assert contradicted.role_arn == "arn:aws:iam::123456789012:role/other"  # the role granted, not predicted
    assert contradicted.source == "granted (STS GetCallerIdentity)"
    assert role_name_from_caller_arn("arn:aws:sts::123456789012:user/moto") is None
    assert role_name_from_caller_arn(None) is None
    assert "—" in confirmed.line()
