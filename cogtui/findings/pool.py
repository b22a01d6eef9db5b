"""Findings about a user pool: MFA, password policy, usernames, recovery, verification, protection.

Pure logic over the models of DescribeUserPool and GetUserPoolMfaConfig; real Cognito semantics
(an absent UsernameConfiguration means case-sensitive usernames, an absent recovery setting means the
legacy SMS-first recovery).
"""

from __future__ import annotations

from cogtui.aws.models import MfaConfig, UserPool
from cogtui.findings.base import Finding, by_severity

SIGN_IN_ATTRIBUTES = ("email", "phone_number")
_CLASSES = (
    ("RequireUppercase", "upper-case letters"),
    ("RequireLowercase", "lower-case letters"),
    ("RequireNumbers", "numbers"),
    ("RequireSymbols", "symbols"),
)
STRONG_LENGTH = 12
MIN_LENGTH = 8
TEMPORARY_PASSWORD_DAYS = 7


def _mfa(pool: UserPool, mfa: MfaConfig | None) -> list[Finding]:
    mode = (mfa.mode if mfa else pool.mfa).upper()
    if mode == "OFF":
        return [
            Finding(
                "medium",
                "MFA is off",
                "A stolen or guessed password is enough to sign in as any user of this pool.",
                "Set MFA to OPTIONAL (users opt in) or ON (everyone), with an authenticator app (TOTP), "
                "email or passkeys as factors: SetUserPoolMfaConfig.",
                "pool.mfa_off",
            )
        ]
    out: list[Finding] = []
    if mode == "OPTIONAL":
        out.append(
            Finding(
                "info",
                "MFA is optional",
                "Only users who enrolled a second factor are protected by it; everyone else signs in "
                "with a password alone.",
                "Encourage enrolment in the app, or set MFA to ON once users can set it up at sign-in.",
                "pool.mfa_optional",
            )
        )
    if mfa and mfa.sms and not (mfa.totp or mfa.email or mfa.web_authn):
        out.append(
            Finding(
                "medium",
                "SMS is the only second factor",
                "SMS codes can be intercepted (SIM swapping), cost money per message, and new AWS "
                "accounts start in the SMS sandbox, where codes reach only verified numbers.",
                "Enable an authenticator app (SoftwareTokenMfaConfiguration Enabled=true) and let users "
                "prefer it; keep SMS only as a fallback.",
                "pool.mfa_sms_only",
            )
        )
    return out


def _password_policy(pool: UserPool) -> list[Finding]:
    policy = pool.password_policy
    if not policy:
        return []
    out: list[Finding] = []
    length = int(policy.get("MinimumLength") or MIN_LENGTH)
    if length < MIN_LENGTH:
        out.append(
            Finding(
                "high",
                f"Passwords may be as short as {length} characters",
                "Short passwords fall quickly to guessing and credential-stuffing attacks.",
                f"Raise MinimumLength to at least {STRONG_LENGTH} in the pool's password policy (UpdateUserPool).",
                "pool.password_short",
            )
        )
    elif length < STRONG_LENGTH:
        out.append(
            Finding(
                "low",
                f"Minimum password length is {length}",
                "Length is what makes a password hard to guess; current guidance asks for 12 characters "
                "or more when passwords are the main factor.",
                f"Raise MinimumLength to {STRONG_LENGTH} or more (UpdateUserPool).",
                "pool.password_length",
            )
        )
    missing = [label for key, label in _CLASSES if not policy.get(key)]
    if missing and length < STRONG_LENGTH:
        out.append(
            Finding(
                "low",
                "Password policy does not require " + ", ".join(missing),
                "With a short minimum length and few character classes, common passwords such as "
                "'password1' are accepted.",
                f"Require the missing classes, or better, raise MinimumLength to {STRONG_LENGTH}+.",
                "pool.password_classes",
            )
        )
    days = policy.get("TemporaryPasswordValidityDays")
    if isinstance(days, int) and days > TEMPORARY_PASSWORD_DAYS:
        out.append(
            Finding(
                "low",
                f"Temporary passwords stay valid for {days} days",
                "An invitation e-mail with a temporary password is a credential; the longer it is valid, "
                "the longer a leaked invitation can be used to take over the account.",
                f"Set TemporaryPasswordValidityDays to {TEMPORARY_PASSWORD_DAYS} or less and resend "
                "invitations when they expire.",
                "pool.temporary_password_long",
            )
        )
    return out


def _usernames(pool: UserPool) -> list[Finding]:
    if pool.case_sensitive is False:
        return []
    how = (
        "are case sensitive"
        if pool.case_sensitive
        else "are case sensitive (UsernameConfiguration is not set)"
    )
    return [
        Finding(
            "medium",
            f"Usernames {how}",
            "'Alice' and 'alice' are different users: people who type their name or e-mail with other "
            "capitals get 'user does not exist', and look-alike duplicate accounts can be created.",
            "Case sensitivity cannot be changed on an existing pool: create new pools with "
            "UsernameConfiguration CaseSensitive=false, and normalise usernames to lower case until then.",
            "pool.case_sensitive",
        )
    ]


def _recovery(pool: UserPool) -> list[Finding]:
    mechanisms = [name for name, _ in sorted(pool.account_recovery, key=lambda m: m[1])]
    if not mechanisms:
        return [
            Finding(
                "low",
                "No account recovery setting",
                "Without AccountRecoverySetting Cognito uses its legacy behaviour: a verified phone "
                "(SMS) first, then e-mail, which costs SMS messages and is exposed to SIM swapping.",
                "Set AccountRecoverySetting explicitly, e.g. verified_email with priority 1.",
                "pool.recovery_not_set",
            )
        ]
    if mechanisms == ["admin_only"]:
        return [
            Finding(
                "medium",
                "Only an administrator can recover accounts",
                "ForgotPassword fails for every user, so each forgotten password becomes a support "
                "ticket and an administrator reset.",
                "Add verified_email (or verified_phone_number) to AccountRecoverySetting unless "
                "self-service recovery is deliberately forbidden.",
                "pool.recovery_admin_only",
            )
        ]
    if mechanisms[0] == "verified_phone_number":
        return [
            Finding(
                "low",
                "Account recovery prefers SMS",
                "Recovery codes by SMS can be intercepted (SIM swapping) and cost money per message.",
                "Give verified_email priority 1 in AccountRecoverySetting.",
                "pool.recovery_sms_first",
            )
        ]
    return []


def _verification(pool: UserPool) -> list[Finding]:
    sign_in = [a for a in SIGN_IN_ATTRIBUTES if a in pool.username_attributes or a in pool.alias_attributes]
    unverified = [a for a in sign_in if a not in pool.auto_verified]
    if not unverified:
        return []
    names = " and ".join(unverified)
    return [
        Finding(
            "medium",
            f"Sign-in with {names}, but {names} is not verified automatically",
            "Cognito sends no verification code for it, so users stay unconfirmed (or cannot sign in "
            "with the unverified alias) until an administrator confirms them, and the attribute cannot "
            "be used to recover the account.",
            f"Add {names} to AutoVerifiedAttributes (UpdateUserPool).",
            "pool.sign_in_unverified",
        )
    ]


def _protection(pool: UserPool) -> list[Finding]:
    out: list[Finding] = []
    if (pool.deletion_protection or "INACTIVE").upper() != "ACTIVE":
        out.append(
            Finding(
                "low",
                "Deletion protection is off",
                "One DeleteUserPool call (or a stray infrastructure change) deletes every user, and a "
                "deleted pool cannot be restored.",
                "Set DeletionProtection=ACTIVE (UpdateUserPool) on every pool that holds real users.",
                "pool.deletion_protection_off",
            )
        )
    mode = (pool.advanced_security or "OFF").upper()
    if mode == "OFF":
        out.append(
            Finding(
                "low",
                "Threat protection is off",
                "Cognito does not look for compromised credentials or risky sign-ins, and cannot block "
                "them or ask for MFA adaptively.",
                "Use the Plus tier and set UserPoolAddOns AdvancedSecurityMode=ENFORCED (AUDIT first to "
                "see what it would do).",
                "pool.threat_protection_off",
            )
        )
    elif mode == "AUDIT":
        out.append(
            Finding(
                "info",
                "Threat protection only audits",
                "Risky sign-ins and compromised credentials are logged but not blocked.",
                "Review the audit events, then set AdvancedSecurityMode=ENFORCED.",
                "pool.threat_protection_audit",
            )
        )
    return out


def _uses_email(pool: UserPool) -> bool:
    return (
        "email" in pool.auto_verified
        or "email" in pool.username_attributes
        or "email" in pool.alias_attributes
        or any(name == "verified_email" for name, _ in pool.account_recovery)
    )


def _email_and_sign_up(pool: UserPool) -> list[Finding]:
    out: list[Finding] = []
    email = pool.raw.get("EmailConfiguration") or {}
    if _uses_email(pool) and (email.get("EmailSendingAccount") or "COGNITO_DEFAULT") == "COGNITO_DEFAULT":
        out.append(
            Finding(
                "low",
                "E-mail goes out through Cognito's default sender",
                "The default sender has a small daily quota; past it, sign-up, verification and "
                "password-reset e-mails fail with LimitExceededException.",
                "Configure Amazon SES (EmailConfiguration EmailSendingAccount=DEVELOPER) before going live.",
                "pool.email_default_sender",
            )
        )
    admin_only = (pool.raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False)
    if not admin_only:
        out.append(
            Finding(
                "info",
                "Anyone can sign up",
                "SignUp needs only an app client id, which every browser or mobile app ships; accounts "
                "can be created without an administrator.",
                "If users should only be invited, set AdminCreateUserConfig AllowAdminCreateUserOnly=true.",
                "pool.self_sign_up",
            )
        )
    return out


def pool_findings(pool: UserPool, mfa: MfaConfig | None = None) -> list[Finding]:
    """Every finding about ``pool``, worst first. ``mfa`` (GetUserPoolMfaConfig) tells which factors exist."""
    findings = [
        *_mfa(pool, mfa),
        *_password_policy(pool),
        *_usernames(pool),
        *_recovery(pool),
        *_verification(pool),
        *_protection(pool),
        *_email_and_sign_up(pool),
    ]
    return by_severity(findings)
