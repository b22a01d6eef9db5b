"""Checks on the user: found by the typed name, enabled, its status, and a temporary password's age.

Cognito's order at sign-in: the user exists, is not locked out, is enabled, does not need a password
reset; then the password; then an unconfirmed user is refused and a FORCE_CHANGE_PASSWORD user is
asked for a new password (refused when the temporary password has expired).
"""

from __future__ import annotations

from datetime import UTC, datetime

from cogtui.auth.doctor.facts import SignInFacts
from cogtui.auth.doctor.model import AdminAction, DoctorCheck, Status
from cogtui.aws.models import User

USER_NOT_FOUND = "UserNotFoundException: User does not exist."
INCORRECT = "NotAuthorizedException: Incorrect username or password."
DISABLED = "NotAuthorizedException: User is disabled."
NOT_CONFIRMED = "UserNotConfirmedException: User is not confirmed."
RESET_REQUIRED = "PasswordResetRequiredException: Password reset required for the user"
TEMP_EXPIRED = "NotAuthorizedException: Temporary password has expired and must be reset by an administrator."
DEFAULT_TEMP_DAYS = 7

SET_PERMANENT = AdminAction(
    "AdminSetUserPassword", "Set a permanent password", {"Permanent": True}, needs_password=True
)
SET_TEMPORARY = AdminAction(
    "AdminSetUserPassword", "Set a new temporary password", {"Permanent": False}, needs_password=True
)


def hidden_existence(facts: SignInFacts) -> bool:
    """True when the client answers a wrong username like a wrong password (PreventUserExistenceErrors)."""
    return bool(facts.client and facts.client.prevent_user_existence_errors == "ENABLED")


def user_found(facts: SignInFacts) -> DoctorCheck:
    res = facts.resolution
    reads = ("AdminGetUser.Username", "ListUsers(Filter)", "UsernameAttributes", "AliasAttributes")
    assert res is not None and facts.pool is not None
    if res.user is not None and res.match is not None:
        return DoctorCheck("user", Status.PASS, res.match.describe(res.typed, res.user), reads=reads)
    if res.error is not None:
        return DoctorCheck(
            "user",
            Status.SKIP,
            f"The user could not be looked up: {res.error.code} — {res.error.message}",
            fix="Use credentials allowed to call AdminGetUser and ListUsers on this pool.",
            reads=reads,
        )
    refusal = INCORRECT if hidden_existence(facts) else USER_NOT_FOUND
    ways = ["username"]
    ways += [f"{a} (instead of a username)" for a in facts.pool.username_attributes]
    ways += [f"{a} (alias)" for a in facts.pool.alias_attributes]
    case = "any case" if facts.pool.case_sensitive is False else "case sensitive"
    detail = f"No user answers to {res.typed!r}. This pool signs in by {', '.join(ways)}; {case}."
    migration = facts.pool.lambda_config.get("UserMigration")
    if migration:
        return DoctorCheck(
            "user",
            Status.WARN,
            detail,
            cause="The pool has a User migration trigger: Cognito asks it about unknown users at sign-in "
            "(with USER_PASSWORD_AUTH); what it answers cannot be seen from here.",
            fix="Check the migration function's logs for this username.",
            reads=reads,
        )
    return DoctorCheck(
        "user",
        Status.FAIL,
        detail,
        cause=res.near_miss
        or "Cognito answers as for any unknown user"
        + (" (this client hides it as a wrong password)." if refusal == INCORRECT else "."),
        fix="Check the spelling, or create the user (AdminCreateUser), or verify the alias it should sign in with.",
        refusal=refusal,
        reads=reads,
    )


def enabled(user: User) -> DoctorCheck:
    reads = ("AdminGetUser.Enabled",)
    if user.enabled:
        return DoctorCheck("enabled", Status.PASS, "The user is enabled.", reads=reads)
    return DoctorCheck(
        "enabled",
        Status.FAIL,
        "The user is disabled.",
        cause="Cognito refuses every sign-in of a disabled user, whatever the password.",
        fix="Enable the user.",
        refusal=DISABLED,
        action=AdminAction("AdminEnableUser", "Enable the user"),
        reads=reads,
    )


def _verified(user: User, attribute: str) -> bool:
    return user.attributes.get(f"{attribute}_verified") == "true"


def status(facts: SignInFacts, user: User) -> DoctorCheck:
    reads = ("AdminGetUser.UserStatus",)
    state = user.status
    if state == "CONFIRMED":
        return DoctorCheck(
            "status", Status.PASS, "CONFIRMED: the user has a password of its own.", reads=reads
        )
    if state == "UNCONFIRMED":
        return DoctorCheck(
            "status",
            Status.FAIL,
            "UNCONFIRMED: the user signed up and never entered the confirmation code.",
            cause="Cognito checks the password, then refuses the unconfirmed user.",
            fix="The user confirms with the code sent at sign-up (ConfirmSignUp; ResendConfirmationCode for a "
            "new one), or an administrator confirms the user.",
            refusal=NOT_CONFIRMED,
            action=AdminAction("AdminConfirmSignUp", "Confirm the sign-up"),
            reads=reads,
        )
    if state == "FORCE_CHANGE_PASSWORD":
        return DoctorCheck(
            "status",
            Status.WARN,
            "FORCE_CHANGE_PASSWORD: the user has a temporary password from an administrator.",
            cause="After the temporary password Cognito asks for a new one (NEW_PASSWORD_REQUIRED).",
            fix="Answer the challenge with a new password, or set a permanent password for the user.",
            challenge="NEW_PASSWORD_REQUIRED",
            action=SET_PERMANENT,
            reads=reads,
        )
    if state == "RESET_REQUIRED":
        return _reset_required(facts, user, reads)
    if state == "EXTERNAL_PROVIDER":
        return DoctorCheck(
            "status",
            Status.FAIL,
            "EXTERNAL_PROVIDER: the user comes from a federated identity provider.",
            cause="A federated user has no Cognito password: it signs in through its provider on the hosted "
            "UI (managed login), never with InitiateAuth.",
            fix="Sign in through the hosted UI with the identity provider.",
            refusal=INCORRECT,
            reads=reads,
        )
    if state == "COMPROMISED":
        return DoctorCheck(
            "status",
            Status.FAIL,
            "COMPROMISED: advanced security found the password in a leak.",
            cause="Cognito blocks sign-in with a compromised password.",
            fix="Reset the user's password.",
            refusal=INCORRECT,
            action=AdminAction("AdminResetUserPassword", "Reset the password"),
            reads=reads,
        )
    return DoctorCheck("status", Status.WARN, f"{state}: a status the doctor does not know.", reads=reads)


def _reset_required(facts: SignInFacts, user: User, reads: tuple[str, ...]) -> DoctorCheck:
    recovery = (
        [name for name, _ in sorted(facts.pool.account_recovery, key=lambda r: r[1])] if facts.pool else []
    )
    reachable = [
        name
        for name in recovery or ["verified_email", "verified_phone_number"]
        if (name == "verified_email" and _verified(user, "email"))
        or (name == "verified_phone_number" and _verified(user, "phone_number"))
    ]
    if reachable:
        fix = f"The user resets it (ForgotPassword, code sent by {reachable[0].removeprefix('verified_')}), "
        fix += "or an administrator sets a permanent password."
        action = SET_PERMANENT
    else:
        fix = (
            "The user has no verified email or phone for the reset code: verify the email, or set a "
            "permanent password for the user."
        )
        action = AdminAction(
            "AdminUpdateUserAttributes",
            "Mark the email verified",
            {"UserAttributes": [{"Name": "email_verified", "Value": "true"}]},
        )
    return DoctorCheck(
        "status",
        Status.FAIL,
        "RESET_REQUIRED: an administrator reset the password.",
        cause="Cognito refuses the old password until the user chooses a new one with a reset code.",
        fix=fix,
        refusal=RESET_REQUIRED,
        action=action,
        reads=(*reads, "AccountRecoverySetting", "email_verified", "phone_number_verified"),
    )


def temporary_password(facts: SignInFacts, user: User, now: datetime) -> DoctorCheck | None:
    """Only for FORCE_CHANGE_PASSWORD: the temporary password's age against TemporaryPasswordValidityDays."""
    if user.status != "FORCE_CHANGE_PASSWORD":
        return None
    reads = ("PasswordPolicy.TemporaryPasswordValidityDays", "UserCreateDate", "UserLastModifiedDate")
    policy = facts.pool.password_policy if facts.pool else {}
    days = int(policy.get("TemporaryPasswordValidityDays") or DEFAULT_TEMP_DAYS)
    since = max((d for d in (user.created, user.modified) if d is not None), default=None)
    if since is None:
        return DoctorCheck(
            "temporary password", Status.SKIP, "The user's dates are not reported.", reads=reads
        )
    age = now.astimezone(UTC) - since
    age_text = f"{age.days} day(s)" if age.days else "less than a day"
    if age.total_seconds() <= days * 86400:
        return DoctorCheck(
            "temporary password",
            Status.PASS,
            f"Set {age_text} ago; valid for {days} day(s).",
            reads=reads,
        )
    return DoctorCheck(
        "temporary password",
        Status.FAIL,
        f"Set {age_text} ago; the pool keeps temporary passwords {days} day(s).",
        cause="An expired temporary password no longer signs in, not even to choose a new one.",
        fix="Give the user a new temporary password (or resend the invitation: AdminCreateUser with "
        "MessageAction=RESEND), or set a permanent one.",
        refusal=TEMP_EXPIRED,
        action=SET_TEMPORARY,
        reads=reads,
    )
