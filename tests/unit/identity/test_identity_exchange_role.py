"""The role of an exchange, worked out once for the identity screen and the command line: the request's flow
and token against the identity pool's roles, the STS caller over any prediction."""

from __future__ import annotations

import pytest
from identity_fixtures import (
    ADMIN_ROLE,
    AUTH_ROLE,
    CLIENT_ID,
    GUEST_ROLE,
    IDENTITY_POOL_ID,
    KEY,
    READER_ROLE,
    make_token,
)

from cogtui.aws.models import IdentityPoolRoles
from cogtui.identity.exchange import ExchangeRequest, ExchangeResult, explain_exchange_role

ROLES = IdentityPoolRoles({"authenticated": AUTH_ROLE, "unauthenticated": GUEST_ROLE})
TOKEN_MAPPING = IdentityPoolRoles(
    ROLES.roles, {f"{KEY}:{CLIENT_ID}": {"Type": "Token", "AmbiguousRoleResolution": "Deny"}}
)
ADMIN_TOKEN = make_token(cognito__roles=[ADMIN_ROLE, READER_ROLE], cognito__preferred_role=ADMIN_ROLE)
CALLER = "arn:aws:sts::123456789012:assumed-role/app-readers/cogtui"


def result(request: ExchangeRequest, assumed_role_arn: str | None = None) -> ExchangeResult:
    return ExchangeResult(request, (), assumed_role_arn=assumed_role_arn)


def signed_in(token: str = ADMIN_TOKEN, **options: object) -> ExchangeRequest:
    return ExchangeRequest.for_id_token(IDENTITY_POOL_ID, token, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("request_", "roles", "role_arn", "known"),
    [
        (ExchangeRequest(IDENTITY_POOL_ID), ROLES, GUEST_ROLE, True),
        (ExchangeRequest(IDENTITY_POOL_ID), None, None, False),
        (signed_in(), ROLES, AUTH_ROLE, True),
        (signed_in(), TOKEN_MAPPING, ADMIN_ROLE, True),
        (signed_in(custom_role_arn=READER_ROLE), TOKEN_MAPPING, READER_ROLE, True),
        (signed_in(flow="basic", role_arn=READER_ROLE), None, READER_ROLE, False),
    ],
    ids=["guest", "guest-roles-unknown", "default-role", "token-preferred", "token-custom", "basic-asked"],
)
def test_the_role_comes_from_the_request_and_the_pool(
    request_: ExchangeRequest, roles: IdentityPoolRoles | None, role_arn: str | None, known: bool
) -> None:
    explanation = explain_exchange_role(result(request_), roles)
    assert explanation.role_arn == role_arn
    assert explanation.known is known


@pytest.mark.parametrize(
    ("assumed", "caller"),
    [(CALLER, None), (None, CALLER), ("arn:aws:sts::123456789012:assumed-role/other/x", CALLER)],
    ids=["named-by-the-exchange", "proved-with-sts", "sts-wins"],
)
def test_the_role_sts_names_wins(assumed: str | None, caller: str | None) -> None:
    explanation = explain_exchange_role(result(signed_in(), assumed), TOKEN_MAPPING, caller)
    assert explanation.role_arn == READER_ROLE and explanation.known
    assert "app-admins" in explanation.detail  # the prediction it overrides is named


def test_the_token_of_the_logins_map_is_read() -> None:
    """Rules on the token's claims are evaluated against the token the request sends."""
    rules = {
        "Type": "Rules",
        "AmbiguousRoleResolution": "Deny",
        "RulesConfiguration": {
            "Rules": [
                {"Claim": "custom:tenant_id", "MatchType": "Equals", "Value": "acme", "RoleARN": READER_ROLE}
            ]
        },
    }
    roles = IdentityPoolRoles(ROLES.roles, {KEY: rules})
    acme = explain_exchange_role(result(signed_in(make_token(custom__tenant_id="acme"))), roles)
    other = explain_exchange_role(result(signed_in(make_token(custom__tenant_id="other"))), roles)
    assert acme.role_arn == READER_ROLE
    assert other.role_arn is None and other.known  # Deny: no rule matches
