"""Read-only policy and public (unsigned) operations, checked against botocore's own service models."""

import botocore.session
import pytest

from cogtui.aws.policy import is_mutating, is_public, public_operations


@pytest.mark.parametrize(
    "operation",
    [
        "ListUserPools",
        "DescribeUserPool",
        "AdminGetUser",
        "AdminListGroupsForUser",
        "GetUserPoolMfaConfig",
        "LookupDeveloperIdentity",
    ],
)
def test_reads_are_allowed(operation):
    assert not is_mutating(operation)


@pytest.mark.parametrize(
    "operation",
    [
        "AdminDeleteUser",
        "AdminDisableUser",
        "UpdateUserPool",
        "CreateGroup",
        "SignUp",
        "ChangePassword",
        "GetUserAttributeVerificationCode",
        "GetOpenIdTokenForDeveloperIdentity",
        "SetIdentityPoolRoles",
        "AdminSetUserPassword",
    ],
)
def test_writes_are_mutating(operation):
    assert is_mutating(operation)


def test_sign_in_is_allowed_but_password_changing_challenges_are_not():
    assert not is_mutating("InitiateAuth", {"AuthFlow": "USER_SRP_AUTH"})
    assert not is_mutating("RespondToAuthChallenge", {"ChallengeName": "SOFTWARE_TOKEN_MFA"})
    assert is_mutating("RespondToAuthChallenge", {"ChallengeName": "NEW_PASSWORD_REQUIRED"})
    assert is_mutating("AdminRespondToAuthChallenge", {"ChallengeName": "MFA_SETUP"})


def test_public_operations_come_from_the_service_model():
    def model(service: str):
        return botocore.session.get_session().get_service_model(service)

    idp = public_operations(model("cognito-idp"))
    assert {"InitiateAuth", "RespondToAuthChallenge", "SignUp"} <= idp
    assert "AdminInitiateAuth" not in idp and "ListUserPools" not in idp
    assert {"GetId", "GetCredentialsForIdentity", "GetOpenIdToken"} <= public_operations(
        model("cognito-identity")
    )
    assert "AssumeRoleWithWebIdentity" in public_operations(model("sts"))
    assert is_public(model("cognito-idp"), "InitiateAuth") and not is_public(
        model("cognito-idp"), "ListUsers"
    )


async def test_read_only_gateway_refuses_every_mutating_operation_without_calling():
    """Every operation botocore's models list for cognito-idp and cognito-identity is either a read or refused."""
    from cogtui.aws.cognito_gateway import CognitoGateway
    from cogtui.aws.errors import ReadOnlyError

    def no_connection():
        raise AssertionError("a refused call must not reach the network")

    gateway = CognitoGateway(no_connection, read_only=True)
    session = botocore.session.get_session()
    refused = 0
    try:
        for service in ("cognito-idp", "cognito-identity"):
            for op in session.get_service_model(service).operation_names:
                if not is_mutating(op):
                    continue
                with pytest.raises(ReadOnlyError) as info:
                    await gateway.call(service, op)
                assert info.value.operation == op
                refused += 1
        assert refused >= 90  # about 100 in current botocore models
        assert all(not e.ok and e.error_code == "ReadOnly" for e in gateway.trace.entries)
    finally:
        gateway.close()
