"""The user administration calls through the gateway against the sandbox over HTTP: create a user,
resend the invitation, edit and delete attributes, mark verified, MFA preference, remembered devices.

Every test works on a pool of its own (removed afterwards), so the seeded users never change.
"""

from __future__ import annotations

import pytest

from cogtui.aws.errors import CogtuiError, ReadOnlyError
from cogtui.sandbox.strict import strict_state
from tests.contract.admin_pool import admin_pool, remember_device
from tests.contract.conftest import make_gateway
from tests.contract.own_pool import PASSWORD, boto


@pytest.fixture
def pool(sandbox):
    """A pool that remembers devices, offers SMS and authenticator MFA and has an immutable attribute."""
    _, info = sandbox
    idp = boto(info.endpoint_url)
    created, client_id = admin_pool(
        idp,
        Schema=[
            {"Name": "employee_id", "AttributeDataType": "String", "Mutable": False},
            {"Name": "team", "AttributeDataType": "String", "Mutable": True},
        ],
    )
    yield idp, created["Id"], client_id
    idp.delete_user_pool(UserPoolId=created["Id"])


async def test_create_user_generates_a_temporary_password_and_emails_the_invitation(pool, gateway):
    idp, pool_id, client_id = pool
    user = await gateway.create_user(
        pool_id, "newbie", {"email": "newbie@example.com", "name": "New Bie"}, delivery=("EMAIL",)
    )
    assert user.username == "newbie" and user.status == "FORCE_CHANGE_PASSWORD"
    assert user.attributes["email"] == "newbie@example.com" and user.sub
    message = next(m for m in strict_state().outbox.recent() if m.pool_id == pool_id)
    assert message.medium == "EMAIL" and message.purpose == "INVITATION"
    assert message.destination == "newbie@example.com" and message.code in message.text
    answer = idp.initiate_auth(  # the invited password signs in, and asks for a new one
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "newbie", "PASSWORD": message.code},
    )
    assert answer["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


async def test_create_user_refusals_are_typed(pool, gateway):
    _, pool_id, _ = pool
    await gateway.create_user(pool_id, "twice", suppress=True)
    with pytest.raises(CogtuiError) as taken:
        await gateway.create_user(pool_id, "twice", suppress=True)
    assert taken.value.code == "UsernameExistsException" and taken.value.operation == "AdminCreateUser"
    with pytest.raises(CogtuiError) as weak:
        await gateway.create_user(pool_id, "weak", temporary_password="short", suppress=True)
    assert weak.value.code == "InvalidPasswordException"
    with pytest.raises(CogtuiError) as unknown:
        await gateway.create_user(pool_id, "odd", {"custom:nope": "x"}, suppress=True)
    assert unknown.value.code == "InvalidParameterException"
    assert "custom:nope: Attribute does not exist in the schema." in unknown.value.message


async def test_resend_keeps_the_user_and_sends_a_new_temporary_password(pool, gateway):
    idp, pool_id, _ = pool
    created = await gateway.create_user(
        pool_id,
        "invitee",
        {"email": "invitee@example.com"},
        temporary_password="Temp0rary!one",
        suppress=True,
    )
    again = await gateway.resend_invitation(pool_id, "invitee", ("EMAIL",))
    assert again.sub == created.sub and again.attributes["email"] == "invitee@example.com"
    assert again.status == "FORCE_CHANGE_PASSWORD"
    code = strict_state().outbox.latest_code("invitee", "INVITATION")
    assert code and code != "Temp0rary!one"


async def test_resend_refused_for_a_user_who_has_signed_in_and_for_nobody(pool, gateway):
    idp, pool_id, _ = pool
    await gateway.create_user(pool_id, "settled", suppress=True)
    idp.admin_set_user_password(UserPoolId=pool_id, Username="settled", Password=PASSWORD, Permanent=True)
    with pytest.raises(CogtuiError) as confirmed:
        await gateway.resend_invitation(pool_id, "settled")
    assert confirmed.value.code == "UnsupportedUserStateException"
    assert confirmed.value.message == "Resend not possible. settled status is not FORCE_CHANGE_PASSWORD"
    with pytest.raises(CogtuiError) as missing:
        await gateway.resend_invitation(pool_id, "nobody-here")
    assert missing.value.code == "UserNotFoundException"


async def test_attributes_update_delete_and_mark_verified(pool, gateway):
    _, pool_id, _ = pool
    await gateway.create_user(
        pool_id, "attrs", {"email": "a@example.com", "custom:employee_id": "E1"}, suppress=True
    )
    await gateway.update_user_attributes(pool_id, "attrs", {"name": "Ann", "custom:team": "blue"})
    await gateway.update_user_attributes(pool_id, "attrs", {"email_verified": "true"})
    user = await gateway.get_user(pool_id, "attrs")
    assert user.attributes["name"] == "Ann" and user.attributes["custom:team"] == "blue"
    assert user.attributes["email_verified"] == "true"
    await gateway.delete_user_attributes(pool_id, "attrs", ("custom:team",))
    assert "custom:team" not in (await gateway.get_user(pool_id, "attrs")).attributes


@pytest.mark.parametrize("name", ["sub", "custom:employee_id"])
async def test_attributes_the_schema_does_not_let_change_are_refused(pool, gateway, name):
    _, pool_id, _ = pool
    await gateway.create_user(pool_id, "fixed", {"custom:employee_id": "E1"}, suppress=True)
    before = await gateway.get_user(pool_id, "fixed")
    with pytest.raises(CogtuiError) as update:
        await gateway.update_user_attributes(pool_id, "fixed", {name: "changed"})
    assert update.value.code == "InvalidParameterException"
    assert update.value.message == f"Cannot modify the non-mutable attribute {name}"
    with pytest.raises(CogtuiError):
        await gateway.delete_user_attributes(pool_id, "fixed", (name,))
    assert (await gateway.get_user(pool_id, "fixed")).attributes == before.attributes


async def test_sms_mfa_preference(pool, gateway):
    _, pool_id, _ = pool
    await gateway.create_user(pool_id, "texted", {"phone_number": "+15555550123"}, suppress=True)
    await gateway.set_user_mfa_preference(
        pool_id, "texted", SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    user = await gateway.get_user(pool_id, "texted")
    assert user.mfa_settings == ("SMS_MFA",) and user.preferred_mfa == "SMS_MFA"
    mfa = await gateway.get_mfa_config(pool_id)
    assert mfa.sms and mfa.totp
    await gateway.set_user_mfa_preference(
        pool_id, "texted", SMSMfaSettings={"Enabled": False, "PreferredMfa": False}
    )
    user = await gateway.get_user(pool_id, "texted")
    assert not user.mfa_settings and not user.preferred_mfa


async def test_remembered_device_listed_then_forgotten(pool, gateway):
    idp, pool_id, client_id = pool
    await gateway.create_user(pool_id, "roamer", suppress=True)
    idp.admin_set_user_password(UserPoolId=pool_id, Username="roamer", Password=PASSWORD, Permanent=True)
    key = remember_device(idp, client_id, "roamer", PASSWORD, "work laptop")
    devices = await gateway.user_devices(pool_id, "roamer")
    assert isinstance(devices, list) and [d["DeviceKey"] for d in devices] == [key]
    await gateway.forget_device(pool_id, "roamer", key)
    assert await gateway.user_devices(pool_id, "roamer") == []
    with pytest.raises(CogtuiError) as gone:
        await gateway.forget_device(pool_id, "roamer", key)
    assert gone.value.code == "ResourceNotFoundException" and gone.value.message == "Device does not exist."


async def test_a_pool_without_device_tracking_lists_no_devices(pool, gateway, sandbox):
    _, info = sandbox
    assert await gateway.user_devices(info.pool("demo-app").id, "alice") == []


async def test_read_only_refuses_every_admin_call_before_sending(pool, sandbox):
    _, info = sandbox
    _, pool_id, _ = pool
    gw = make_gateway(info.endpoint_url, read_only=True)
    try:
        calls = [
            gw.create_user(pool_id, "never", suppress=True),
            gw.resend_invitation(pool_id, "never"),
            gw.update_user_attributes(pool_id, "never", {"name": "x"}),
            gw.delete_user_attributes(pool_id, "never", ("name",)),
            gw.set_user_mfa_preference(pool_id, "never", SMSMfaSettings={"Enabled": True}),
            gw.forget_device(pool_id, "never", "us-east-1_x"),
        ]
        for call in calls:
            with pytest.raises(ReadOnlyError):
                await call
        entries = gw.trace.entries
        assert len(entries) == len(calls) and all(e.error_code == "ReadOnly" for e in entries)
    finally:
        gw.close()
