"""What an administrator may change on a user, decided before anything is sent."""

from __future__ import annotations

import pytest

from cogtui.aws.models import MfaConfig, SchemaAttribute, User, UserPool
from cogtui.aws.user_actions import ACTIONS
from cogtui.aws.user_edits import (
    NewUser,
    attribute_edit,
    attribute_fields,
    locked_in,
    mfa_options,
    mfa_params,
    unverified,
    verify_params,
    why_locked,
)


def _user(status="CONFIRMED", mfa=(), preferred=None, **attributes) -> User:
    attributes.setdefault("sub", "1111-2222")
    return User("u1", status, True, None, None, attributes, tuple(mfa), preferred)


def _pool(*schema: SchemaAttribute) -> UserPool:
    return UserPool.from_api(
        {
            "Id": "us-east-1_Abc123456",
            "Name": "p",
            "SchemaAttributes": [
                {
                    "Name": a.name,
                    "AttributeDataType": a.data_type,
                    "Mutable": a.mutable,
                    "Required": a.required,
                    "DeveloperOnlyAttribute": a.developer_only,
                }
                for a in schema
            ],
        }
    )


SCHEMA = (
    SchemaAttribute("sub", "String", True, False, False, False),
    SchemaAttribute("email", "String", False, True, False, False),
    SchemaAttribute("name", "String", False, True, False, False),
    SchemaAttribute("phone_number", "String", False, True, False, False),
    SchemaAttribute("custom:tenant", "String", False, False, False, True),
    SchemaAttribute("custom:team", "String", False, True, False, True),
)


def test_sub_and_immutable_attributes_are_locked_with_the_reason():
    pool = _pool(*SCHEMA)
    assert "never changes" in (why_locked("sub", pool) or "")
    assert "not mutable" in (why_locked("custom:tenant", pool) or "")
    assert why_locked("custom:nope", pool) == "not in the pool's schema"
    assert why_locked("name", pool) is None and why_locked("custom:team", pool) is None


def test_form_lists_the_users_attributes_then_mutable_ones_they_lack():
    fields = attribute_fields(_user(email="a@x.com", email_verified="false"), _pool(*SCHEMA))
    names = [f.name for f in fields]
    assert names == [
        "email",
        "name",
        "phone_number",
        "sub",
        "custom:team",
    ]  # flags and immutable lacking left out
    assert next(f for f in fields if f.name == "sub").locked


def test_an_emptied_field_deletes_and_a_changed_one_updates():
    edit = attribute_edit(
        {"name": "A", "email": "a@x.com", "nickname": ""}, {"name": "B", "email": "", "nickname": ""}
    )
    assert edit.updates == {"name": "B"} and edit.deletes == ("email",)
    assert edit.describe() == "name = 'B'; email removed"
    assert attribute_edit({"name": "A"}, {"name": "A"}).empty
    assert locked_in(attribute_edit({}, {"custom:tenant": "x"}), _pool(*SCHEMA))


def test_unverified_contacts():
    assert unverified(_user(email="a@x.com", phone_number="+15550100", phone_number_verified="true")) == [
        "email"
    ]
    assert unverified(_user(email="a@x.com", email_verified="True")) == []
    assert verify_params("phone_number") == {
        "UserAttributes": [{"Name": "phone_number_verified", "Value": "true"}]
    }
    assert ACTIONS["mark_verified"].unavailable(_user()) is not None
    assert ACTIONS["mark_verified"].unavailable(_user(email="a@x.com")) is None


@pytest.mark.parametrize(
    ("mfa", "user", "factor", "reason"),
    [
        (
            MfaConfig("OFF", True, True, True),
            _user(phone_number="+15550100"),
            "SMS_MFA",
            "the pool's MFA is OFF",
        ),
        (
            MfaConfig("OPTIONAL", False, True, False),
            _user(phone_number="+15550100"),
            "SMS_MFA",
            "does not offer SMS",
        ),
        (MfaConfig("OPTIONAL", True, True, False), _user(), "SMS_MFA", "no phone_number"),
        (
            MfaConfig("OPTIONAL", True, True, False),
            _user(),
            "SOFTWARE_TOKEN_MFA",
            "no authenticator app set up",
        ),
        (MfaConfig("OPTIONAL", True, True, True), _user(), "EMAIL_OTP", "no email"),
    ],
)
def test_mfa_factors_refused_say_why(mfa, user, factor, reason):
    option = next(o for o in mfa_options(user, mfa) if o.value == f"prefer:{factor}")
    assert option.reason and reason in option.reason


def test_mfa_factor_the_user_has_can_be_preferred_or_turned_off():
    user = _user(mfa=("SOFTWARE_TOKEN_MFA",), preferred="SOFTWARE_TOKEN_MFA")
    options = {o.value: o for o in mfa_options(user, MfaConfig("OPTIONAL", False, True, False))}
    assert (
        options["prefer:SOFTWARE_TOKEN_MFA"].reason is None
        and "(already)" in options["prefer:SOFTWARE_TOKEN_MFA"].label
    )
    assert "off:SOFTWARE_TOKEN_MFA" in options
    assert mfa_params("off:SOFTWARE_TOKEN_MFA") == {
        "SoftwareTokenMfaSettings": {"Enabled": False, "PreferredMfa": False}
    }
    assert mfa_params("prefer:EMAIL_OTP") == {"EmailMfaSettings": {"Enabled": True, "PreferredMfa": True}}


def test_resend_only_for_force_change_password():
    resend = ACTIONS["resend_invitation"]
    assert resend.unavailable(_user("FORCE_CHANGE_PASSWORD")) is None
    assert "FORCE_CHANGE_PASSWORD" in (resend.unavailable(_user("CONFIRMED")) or "")


def test_new_user_problems_are_found_before_sending():
    assert NewUser("", {}).problems()[0] == "a username is needed"
    assert "an emailed invitation needs an email" in NewUser("x", {}, delivery=("EMAIL",)).problems()
    assert "a texted invitation needs a phone_number" in NewUser("x", {}, delivery=("SMS",)).problems()
    assert NewUser("x", {}, delivery=(), suppress=True).problems() == []
    assert "E.164" in NewUser("x", {"phone_number": "555"}, suppress=True).problems()[0]
    assert "SUPPRESS" in NewUser("x", {}, suppress=True).describe()
