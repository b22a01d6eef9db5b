"""Checks on the second factor: the pool's MFA mode and factors against what the user has enabled.

Cognito after the password: MFA OFF signs in; otherwise the user's enabled factors the pool offers
decide — the preferred one, the only one, or SELECT_MFA_TYPE among several. With none: OPTIONAL signs
in, ON asks SMS users with a phone number for an SMS code, and anyone else to set a factor up
(MFA_SETUP). SMS codes go to phone_number, email codes to a verified email.
"""

from __future__ import annotations

from cogtui.auth.doctor.facts import SignInFacts
from cogtui.auth.doctor.model import AdminAction, DoctorCheck, Status
from cogtui.aws.models import MfaConfig, User, UserPool

FACTORS = {"SOFTWARE_TOKEN_MFA": "authenticator app", "SMS_MFA": "SMS", "EMAIL_OTP": "email"}
_MFA_READS = ("MfaConfiguration", "GetUserPoolMfaConfig", "UserMFASettingList", "PreferredMfaSetting")


def offered(pool: UserPool, mfa: MfaConfig | None, user: User) -> set[str]:
    """The factors the pool offers; when its MFA settings are unreadable, assume the user's own work."""
    if mfa is None:
        return set(user.mfa_settings) | {"SOFTWARE_TOKEN_MFA"}
    out = set()
    if mfa.totp:
        out.add("SOFTWARE_TOKEN_MFA")
    if mfa.sms:
        out.add("SMS_MFA")
    if mfa.email:
        out.add("EMAIL_OTP")
    return out


def _verified(user: User, attribute: str) -> bool:
    return user.attributes.get(f"{attribute}_verified") == "true"


def _verify_action(attribute: str) -> AdminAction:
    label = "email" if attribute == "email" else "phone number"
    return AdminAction(
        "AdminUpdateUserAttributes",
        f"Mark the {label} verified",
        {"UserAttributes": [{"Name": f"{attribute}_verified", "Value": "true"}]},
    )


def _preference_action(factor: str) -> AdminAction:
    key = {"SMS_MFA": "SMSMfaSettings", "EMAIL_OTP": "EmailMfaSettings"}.get(
        factor, "SoftwareTokenMfaSettings"
    )
    return AdminAction(
        "AdminSetUserMFAPreference",
        f"Turn on {FACTORS[factor]} MFA for the user",
        {key: {"Enabled": True, "PreferredMfa": True}},
    )


def factor_checks(facts: SignInFacts, user: User) -> list[DoctorCheck]:
    """One row per factor the pool offers or the user has enabled: can a code reach the user?"""
    assert facts.pool is not None
    pool_factors = offered(facts.pool, facts.mfa, user)
    checks: list[DoctorCheck] = []
    enabled = set(user.mfa_settings)
    if "SOFTWARE_TOKEN_MFA" in pool_factors | enabled:
        if "SOFTWARE_TOKEN_MFA" in enabled:
            checks.append(DoctorCheck("authenticator app", Status.PASS, "Enrolled (TOTP).", reads=_MFA_READS))
        else:
            checks.append(DoctorCheck("authenticator app", Status.PASS, "Not enrolled.", reads=_MFA_READS))
    if "SMS_MFA" in pool_factors | enabled:
        checks.append(_delivery(user, "SMS_MFA", "phone_number", "SMS MFA", "SMS_MFA" in enabled))
    if "EMAIL_OTP" in pool_factors | enabled:
        checks.append(_delivery(user, "EMAIL_OTP", "email", "email MFA", "EMAIL_OTP" in enabled))
    for factor in sorted(enabled - pool_factors):
        checks.append(
            DoctorCheck(
                FACTORS.get(factor, factor),
                Status.WARN,
                f"The user has {factor} on, but the pool does not offer it: Cognito ignores it.",
                fix="Turn the factor on in the pool's MFA settings, or set up another one for the user.",
                reads=_MFA_READS,
            )
        )
    return checks


def _delivery(user: User, factor: str, attribute: str, name: str, on: bool) -> DoctorCheck:
    reads = (*_MFA_READS, attribute, f"{attribute}_verified")
    value = user.attributes.get(attribute, "")
    state = "on for the user" if on else "offered by the pool, off for the user"
    if not value:
        return DoctorCheck(
            name,
            Status.WARN if on else Status.PASS,
            f"{state}; the user has no {attribute}.",
            cause="Cognito has nowhere to send the code: this factor cannot be used." if on else "",
            fix=f"Give the user a {attribute}." if on else "",
            reads=reads,
        )
    if _verified(user, attribute):
        return DoctorCheck(name, Status.PASS, f"{state}; {attribute} verified.", reads=reads)
    return DoctorCheck(
        name,
        Status.WARN if on or factor == "EMAIL_OTP" else Status.PASS,
        f"{state}; {attribute} not verified.",
        cause=f"Codes should go only to a verified {attribute}; an unverified one may belong to someone else "
        "or not receive them.",
        fix=f"Verify the user's {attribute}.",
        action=_verify_action(attribute),
        reads=reads,
    )


def mfa_decision(facts: SignInFacts, user: User) -> DoctorCheck:
    """The row that says which second factor, if any, Cognito asks for."""
    assert facts.pool is not None
    mode = facts.mfa.mode if facts.mfa else facts.pool.mfa
    if mode == "OFF":
        return DoctorCheck("MFA", Status.PASS, "MFA is off in this pool: no second factor.", reads=_MFA_READS)
    pool_factors = offered(facts.pool, facts.mfa, user)
    usable = [f for f in FACTORS if f in user.mfa_settings and f in pool_factors and _reachable(user, f)]
    if usable:
        preferred = user.preferred_mfa if user.preferred_mfa in usable else None
        challenge = preferred or (usable[0] if len(usable) == 1 else "SELECT_MFA_TYPE")
        how = "preferred" if preferred else ("the only one on" if len(usable) == 1 else "the user chooses")
        return DoctorCheck(
            "MFA",
            Status.PASS,
            f"MFA {mode}; the user has {', '.join(FACTORS[f] for f in usable)} on: Cognito asks for "
            f"{challenge} ({how}).",
            challenge=challenge,
            reads=_MFA_READS,
        )
    if mode == "OPTIONAL":
        return DoctorCheck(
            "MFA",
            Status.PASS,
            "MFA optional and the user has no factor on: no second factor.",
            reads=_MFA_READS,
        )
    if "SMS_MFA" in pool_factors and user.attributes.get("phone_number"):
        return DoctorCheck(
            "MFA",
            Status.PASS,
            "MFA required; the user has a phone number: Cognito sends an SMS code.",
            challenge="SMS_MFA",
            reads=_MFA_READS,
        )
    if pool_factors & {"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}:
        choices = [f for f in ("EMAIL_OTP",) if f in pool_factors and _verified(user, "email")]
        return DoctorCheck(
            "MFA",
            Status.WARN,
            "MFA required and the user has no factor set up.",
            cause="Cognito asks the user to set one up first (MFA_SETUP: scan an authenticator app's QR code).",
            fix="Answer MFA_SETUP, or turn a factor on for the user.",
            challenge="MFA_SETUP",
            action=_preference_action(choices[0]) if choices else None,
            reads=_MFA_READS,
        )
    return DoctorCheck(
        "MFA",
        Status.FAIL,
        "MFA required, the user has no factor and no way to set one up (no phone number, no authenticator "
        "app or email MFA in the pool).",
        cause="Cognito cannot complete the sign-in.",
        fix="Give the user a phone number, or offer authenticator apps in the pool's MFA settings.",
        refusal="InvalidParameterException: User does not have delivery config set to turn on SMS_MFA",
        reads=_MFA_READS,
    )


def _reachable(user: User, factor: str) -> bool:
    if factor == "SMS_MFA":
        return bool(user.attributes.get("phone_number"))
    if factor == "EMAIL_OTP":
        return bool(user.attributes.get("email"))
    return True
