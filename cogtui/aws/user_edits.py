"""What an administrator may change on one user, worked out before anything is sent (pure, no I/O).

- Attributes: the admin API (AdminUpdateUserAttributes / AdminDeleteUserAttributes) is not limited by an
  app client's write attributes, only by the pool's schema: an attribute marked not ``Mutable`` cannot
  change after the user is created, and ``sub`` never does.
- Verification: ``email_verified`` / ``phone_number_verified`` set to ``true`` for an address or number
  the user has and that is not yet verified.
- MFA preference (AdminSetUserMFAPreference): a factor can be turned on or made preferred only when the
  pool offers it (GetUserPoolMfaConfig) and the user has what it needs (a phone number for SMS, an
  email address for email, an authenticator they enrolled themselves for TOTP); each refusal says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cogtui.aws.models import MfaConfig, SchemaAttribute, User, UserPool

VERIFIED_FLAGS = {"email": "email_verified", "phone_number": "phone_number_verified"}
NEVER_EDITABLE = frozenset({"sub"})
# Set by their own actions (mark verified), not typed in the attribute form.
_FLAG_ATTRIBUTES = frozenset(VERIFIED_FLAGS.values())
_ALWAYS_OFFERED = ("name", "email", "phone_number")


@dataclass(frozen=True)
class AttributeField:
    """One attribute in the edit form: its current value, and why it cannot change (None: it can)."""

    name: str
    value: str
    locked: str | None = None


def _schema(pool: UserPool | None) -> dict[str, SchemaAttribute]:
    return {a.name: a for a in pool.schema} if pool is not None else {}


def why_locked(name: str, pool: UserPool | None) -> str | None:
    """Why the admin API refuses to change ``name`` in this pool, or None when it may change."""
    if name in NEVER_EDITABLE:
        return "never changes: Cognito sets it when the user is created"
    attribute = _schema(pool).get(name)
    if pool is not None and attribute is None and name.startswith(("custom:", "dev:")):
        return "not in the pool's schema"
    if attribute is not None and not attribute.mutable:
        return "not mutable in the pool's schema: it can be set only when the user is created"
    return None


def attribute_fields(user: User, pool: UserPool | None) -> list[AttributeField]:
    """The user's attributes, then the pool's mutable custom ones and name/email/phone they lack."""
    names = [n for n in user.attributes if n not in _FLAG_ATTRIBUTES]
    for attribute in pool.schema if pool is not None else ():
        wanted = attribute.custom or attribute.name in _ALWAYS_OFFERED
        if wanted and attribute.mutable and attribute.name not in names:
            names.append(attribute.name)
    standard = sorted(n for n in names if ":" not in n)
    custom = sorted(n for n in names if ":" in n)
    return [AttributeField(n, user.attributes.get(n, ""), why_locked(n, pool)) for n in standard + custom]


@dataclass(frozen=True)
class AttributeEdit:
    """The calls an edit needs: attributes to set (AdminUpdateUserAttributes), names to delete."""

    updates: dict[str, str]
    deletes: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.updates and not self.deletes

    def describe(self) -> str:
        parts = [f"{name} = {value!r}" for name, value in self.updates.items()]
        parts += [f"{name} removed" for name in self.deletes]
        return "; ".join(parts) or "nothing"


def attribute_edit(before: dict[str, str], after: dict[str, str]) -> AttributeEdit:
    """What changed between the form's first values and its values now (an emptied field deletes)."""
    updates = {k: v for k, v in after.items() if v and v != before.get(k, "")}
    deletes = tuple(k for k, v in after.items() if not v and before.get(k))
    return AttributeEdit(updates, deletes)


def locked_in(edit: AttributeEdit, pool: UserPool | None) -> list[str]:
    """The edited attributes Cognito would refuse, with the reason, one line each."""
    names = [*edit.updates, *edit.deletes]
    return [f"{n}: {why}" for n in names if (why := why_locked(n, pool))]


def unverified(user: User) -> list[str]:
    """The contact attributes (email, phone_number) the user has that are not verified yet."""
    return [
        attr
        for attr, flag in VERIFIED_FLAGS.items()
        if user.attributes.get(attr) and user.attributes.get(flag, "").lower() != "true"
    ]


def verify_params(attribute: str) -> dict[str, Any]:
    return {"UserAttributes": [{"Name": VERIFIED_FLAGS[attribute], "Value": "true"}]}


# -- MFA preference ----------------------------------------------------------------------------------

MFA_FACTORS: tuple[tuple[str, str, str], ...] = (
    ("SMS_MFA", "SMSMfaSettings", "SMS text message"),
    ("SOFTWARE_TOKEN_MFA", "SoftwareTokenMfaSettings", "authenticator app (TOTP)"),
    ("EMAIL_OTP", "EmailMfaSettings", "email message"),
)


@dataclass(frozen=True)
class MfaOption:
    """One choice of the MFA-preference picker; ``reason`` says why it cannot be chosen (None: it can)."""

    value: str  # "prefer:SMS_MFA", "off:SOFTWARE_TOKEN_MFA"
    label: str
    reason: str | None = None


def _factor_missing(factor: str, user: User, pool_mfa: MfaConfig | None) -> str | None:
    if pool_mfa is not None and pool_mfa.mode == "OFF":
        return "the pool's MFA is OFF"
    if factor == "SMS_MFA":
        if pool_mfa is not None and not pool_mfa.sms:
            return "the pool does not offer SMS MFA (no SmsMfaConfiguration)"
        if not user.phone:
            return "the user has no phone_number"
    elif factor == "SOFTWARE_TOKEN_MFA":
        if pool_mfa is not None and not pool_mfa.totp:
            return "the pool does not offer authenticator apps"
        if factor not in user.mfa_settings:
            return (
                "the user has no authenticator app set up (users enrol one themselves: "
                "AssociateSoftwareToken, then VerifySoftwareToken)"
            )
    elif factor == "EMAIL_OTP":
        if pool_mfa is not None and not pool_mfa.email:
            return "the pool does not offer email MFA (no EmailMfaConfiguration)"
        if not user.email:
            return "the user has no email"
    return None


def mfa_options(user: User, pool_mfa: MfaConfig | None) -> list[MfaOption]:
    """Make each factor preferred (turning it on), or turn off one the user has on."""
    options: list[MfaOption] = []
    for factor, _key, label in MFA_FACTORS:
        missing = _factor_missing(factor, user, pool_mfa)
        preferred = user.preferred_mfa == factor
        text = f"Use {label}, preferred" + (" (already)" if preferred else "")
        options.append(MfaOption(f"prefer:{factor}", text, missing))
        if factor in user.mfa_settings:
            options.append(MfaOption(f"off:{factor}", f"Turn off {label}"))
    return options


def mfa_params(value: str) -> dict[str, Any]:
    """The AdminSetUserMFAPreference settings for one picker choice."""
    verb, _, factor = value.partition(":")
    key = next(k for f, k, _ in MFA_FACTORS if f == factor)
    on = verb == "prefer"
    return {key: {"Enabled": on, "PreferredMfa": on}}


def mfa_label(value: str) -> str:
    verb, _, factor = value.partition(":")
    label = next(text for f, _, text in MFA_FACTORS if f == factor)
    return f"{label} on and preferred" if verb == "prefer" else f"{label} off"


# -- creating a user ---------------------------------------------------------------------------------

DELIVERY = ("EMAIL", "SMS")


@dataclass(frozen=True)
class NewUser:
    """What the create form gathered. No temporary password: Cognito generates one."""

    username: str
    attributes: dict[str, str]
    temporary_password: str = ""
    delivery: tuple[str, ...] = ("EMAIL",)
    suppress: bool = False

    def problems(self) -> list[str]:
        """Why the form cannot be sent as it is (checked before any call)."""
        out: list[str] = []
        if not self.username:
            out.append("a username is needed")
        if not self.suppress:
            if not self.delivery:
                out.append("choose email or SMS for the invitation, or send none")
            if "EMAIL" in self.delivery and not self.attributes.get("email"):
                out.append("an emailed invitation needs an email")
            if "SMS" in self.delivery and not self.attributes.get("phone_number"):
                out.append("a texted invitation needs a phone_number")
        phone = self.attributes.get("phone_number", "")
        if phone and not (phone.startswith("+") and phone[1:].isdigit()):
            out.append("phone_number must be in E.164 form, e.g. +15555550100")
        return out

    def describe(self) -> str:
        password = (
            "the temporary password given"
            if self.temporary_password
            else "a temporary password Cognito generates"
        )
        if self.suppress:
            sent = "no invitation is sent (SUPPRESS): hand the password over yourself"
        else:
            sent = "the invitation goes by " + " and ".join(
                "email" if d == "EMAIL" else "SMS" for d in self.delivery
            )
        return f"{password}; {sent}"
