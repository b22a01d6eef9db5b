"""Authenticator enrolment and MFA preferences: AssociateSoftwareToken, VerifySoftwareToken,
SetUserMFAPreference and AdminSetUserMFAPreference (for EMAIL_OTP, which moto does not keep).

Each user gets their own secret (32 base32 characters, like Cognito's); VerifySoftwareToken checks a
real code against it. During MFA_SETUP the challenge session goes Associate -> Verify -> Respond, a
new session at each step.
"""

from __future__ import annotations

from typing import Any

from cogtui.sandbox.strict import errors as e
from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter, not_authorized
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import find_client, find_pool, find_user, user_by_access_token
from cogtui.sandbox.totp import totp_matches


def _subject(call: Call) -> tuple[Any, Any, Any]:
    """(pool, user, session or None) from the request's Session or AccessToken."""
    token = call.param("Session")
    if token:
        session = call.state.sessions.get(token, None, "MFA_SETUP")
        pool = find_pool(session.pool_id)
        user = find_user(pool, session.username)
        if user is None:
            raise not_authorized(e.SESSION_INVALID)
        return pool, user, session
    access_token = call.param("AccessToken")
    if not access_token:
        raise invalid_parameter("Missing required parameter AccessToken or Session")
    pool, user = user_by_access_token(str(access_token))
    return pool, user, None


def _next_session(state: StrictState, session: Any, **data: Any) -> str:
    _, client = find_client(session.client_id)
    state.sessions.consume(session)
    pool_id, username = session.pool_id, session.username
    return state.sessions.open(pool_id, client, username, "MFA_SETUP", **{**session.data, **data}).token


def associate_software_token(call: Call) -> dict[str, Any]:
    pool, user, session = _subject(call)
    secret = call.state.associate_totp(pool.id, user.username)
    answer: dict[str, Any] = {"SecretCode": secret}
    if session is not None:
        answer["Session"] = _next_session(call.state, session)
    return answer


def verify_software_token(call: Call) -> dict[str, Any]:
    pool, user, session = _subject(call)
    code = call.required("UserCode")
    secret = call.state.pending_totp(pool.id, user.username)
    if not secret or not totp_matches(secret, code):
        raise Refusal("EnableSoftwareTokenMFAException", e.TOTP_SETUP_MISMATCH)
    call.state.activate_totp(pool.id, user.username)
    user.token_verified = True
    answer: dict[str, Any] = {"Status": "SUCCESS"}
    if session is not None:
        answer["Session"] = _next_session(call.state, session, verified=True)
    return answer


def _split_email_settings(call: Call) -> tuple[dict[str, Any], Any]:
    """The body to hand to moto (without EmailMfaSettings), and the EmailMfaSettings kept here."""
    body = dict(call.body)
    return body, body.pop("EmailMfaSettings", None)


def _apply_email_mfa(state: StrictState, pool: Any, user: Any, settings: Any) -> None:
    if not settings:
        return
    enabled = bool(settings.get("Enabled"))
    state.email_mfa[(pool.id, user.username)] = enabled
    if settings.get("PreferredMfa") and enabled:
        user.preferred_mfa_setting = "EMAIL_OTP"
    elif user.preferred_mfa_setting == "EMAIL_OTP":
        user.preferred_mfa_setting = ""


def set_user_mfa_preference(call: Call) -> dict[str, Any]:
    pool, user = user_by_access_token(call.required("AccessToken"))
    body, settings = _split_email_settings(call)
    answer = call.forward_json(body)
    _apply_email_mfa(call.state, pool, user, settings)
    return answer


def admin_set_user_mfa_preference(call: Call) -> dict[str, Any]:
    pool = find_pool(call.required("UserPoolId"))
    user = find_user(pool, call.required("Username"))
    if user is None:
        raise Refusal("UserNotFoundException", e.USER_NOT_FOUND)
    body, settings = _split_email_settings(call)
    answer = call.forward_json(body)
    _apply_email_mfa(call.state, pool, user, settings)
    return answer


def _with_email_mfa(state: StrictState, pool: Any, user: Any, answer: dict[str, Any]) -> dict[str, Any]:
    """moto's user description plus EMAIL_OTP in UserMFASettingList when it is on (moto does not keep it)."""
    if state.email_mfa.get((pool.id, user.username)):
        methods = list(answer.get("UserMFASettingList") or [])
        answer["UserMFASettingList"] = [*methods, "EMAIL_OTP"] if "EMAIL_OTP" not in methods else methods
    return answer


def get_user(call: Call) -> dict[str, Any]:
    answer = call.forward_json()  # refusals (revoked or unknown tokens) are worded further in
    try:
        pool, user = user_by_access_token(str(call.param("AccessToken") or ""))
    except Refusal:
        return answer
    return _with_email_mfa(call.state, pool, user, answer)


def admin_get_user(call: Call) -> dict[str, Any]:
    answer = call.forward_json()
    pool = find_pool(call.required("UserPoolId"))
    user = find_user(pool, call.required("Username"))
    return _with_email_mfa(call.state, pool, user, answer) if user is not None else answer
