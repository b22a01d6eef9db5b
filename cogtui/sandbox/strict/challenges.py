"""RespondToAuthChallenge and AdminRespondToAuthChallenge: every answer checked before anything is issued.

PASSWORD_VERIFIER: the secret block must be one this sandbox issued to this client for this user, the
TIMESTAMP in Cognito's format, and PASSWORD_CLAIM_SIGNATURE the HMAC that only the right password
yields (compared in constant time). Other challenges: a session that is open, unexpired, for this
client and this challenge; USERNAME naming the session's user (username, alias or internal id); the
SECRET_HASH over that USERNAME; then the code or the new password.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.models import UserStatus

from cogtui.sandbox.strict import custom, userauth
from cogtui.sandbox.strict import errors as e
from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter, not_authorized
from cogtui.sandbox.strict.hashcheck import require_secret_hash
from cogtui.sandbox.strict.nextstep import mfa_challenge, mfa_step, signed_in, user_mfa_methods
from cogtui.sandbox.strict.sessions import ChallengeSession
from cogtui.sandbox.strict.signin import FORWARD, check_can_sign_in, open_secret_block, secret_block_id
from cogtui.sandbox.strict.srp import expected_signature, password_key, signature_matches, valid_timestamp
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import find_client, find_user, status, validate_password
from cogtui.sandbox.totp import totp_matches

CODE_KEYS = {
    "SMS_OTP": "SMS_OTP_CODE",
    "SMS_MFA": "SMS_MFA_CODE",
    "EMAIL_OTP": "EMAIL_OTP_CODE",
    "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
}
HANDLED = (
    "PASSWORD_VERIFIER",
    "NEW_PASSWORD_REQUIRED",
    "SELECT_MFA_TYPE",
    "SELECT_CHALLENGE",
    "MFA_SETUP",
    "CUSTOM_CHALLENGE",
    *CODE_KEYS,
)


def respond(call: Call) -> Any:
    return _respond(call, admin=False)


def admin_respond(call: Call) -> Any:
    return _respond(call, admin=True)


def _respond(call: Call, admin: bool) -> Any:
    pool, client = find_client(call.required("ClientId"), call.required("UserPoolId") if admin else None)
    name = str(call.param("ChallengeName") or "")
    if name not in HANDLED:
        return FORWARD
    answers: dict[str, Any] = dict(call.param("ChallengeResponses") or {})
    if name == "PASSWORD_VERIFIER":
        return _password_verifier(call.state, pool, client, answers)
    session = call.state.sessions.get(call.param("Session"), client.id, name)
    user = _session_user(pool, session, answers)
    require_secret_hash(client, answers.get("SECRET_HASH"), answers.get("USERNAME"))
    state = call.state
    if name == "NEW_PASSWORD_REQUIRED":
        new_password = call.required("NEW_PASSWORD", answers)
        validate_password(pool, new_password)
        state.sessions.consume(session)
        user.password = new_password
        user.status = UserStatus.CONFIRMED
        return mfa_step(state, pool, client, user)
    if name == "SELECT_CHALLENGE":
        state.sessions.consume(session)
        choice = call_required(answers, "ANSWER")
        return userauth.choose(state, pool, client, user, str(answers.get("USERNAME")), choice, answers)
    if name == "CUSTOM_CHALLENGE":
        return custom.answer(state, pool, client, user, session, answers.get("ANSWER"))
    if name == "SELECT_MFA_TYPE":
        mfa_type = answers.get("ANSWER")
        if mfa_type not in user_mfa_methods(state, pool, user):
            raise invalid_parameter(f"Invalid MFA type: {mfa_type}")
        state.sessions.consume(session)
        return mfa_challenge(state, pool, client, user, str(mfa_type))
    if name == "MFA_SETUP":
        if not session.data.get("verified"):
            raise not_authorized(e.SESSION_INVALID)
        state.sessions.consume(session)
        user.software_token_mfa_enabled = True
        user.preferred_mfa_setting = user.preferred_mfa_setting or "SOFTWARE_TOKEN_MFA"
        return signed_in(state, pool, client, user)
    _check_code(state, pool, user, session, name, answers.get(CODE_KEYS[name]))
    state.sessions.consume(session)
    return signed_in(state, pool, client, user)


def _session_user(pool: Any, session: ChallengeSession, answers: dict[str, Any]) -> Any:
    named = find_user(pool, answers.get("USERNAME"))
    user = find_user(pool, session.username)
    if named is None or user is None or named is not user:
        raise not_authorized(e.INCORRECT_CREDENTIALS)
    return user


def _check_code(
    state: StrictState, pool: Any, user: Any, session: ChallengeSession, name: str, given: str | None
) -> None:
    if not given:
        raise invalid_parameter(f"Missing required parameter {CODE_KEYS[name]}")
    if name == "SOFTWARE_TOKEN_MFA":
        secret = state.active_totp(pool.id, user.username)
        ok = bool(secret) and totp_matches(str(secret), given)
    else:
        ok = _same(str(session.data.get("code", "")), given.strip())
    if not ok:
        raise Refusal("CodeMismatchException", e.MFA_CODE_MISMATCH)


def _same(expected: str, given: str) -> bool:
    import hmac

    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def _password_verifier(state: StrictState, pool: Any, client: Any, answers: dict[str, Any]) -> Any:
    block = call_required(answers, "PASSWORD_CLAIM_SECRET_BLOCK")
    signature = call_required(answers, "PASSWORD_CLAIM_SIGNATURE")
    timestamp = call_required(answers, "TIMESTAMP")
    session = state.sessions.get(secret_block_id(block), client.id, "PASSWORD_VERIFIER")
    user_id = str(session.data["user_id"])
    if block != session.data["secret_block"] or not open_secret_block(state, block, client.id, user_id):
        raise not_authorized(e.SESSION_INVALID)
    if not valid_timestamp(timestamp):
        raise invalid_parameter(
            f"Invalid TIMESTAMP format: {timestamp!r} (expected e.g. 'Tue Mar 5 09:04:01 UTC 2024')"
        )
    state.sessions.consume(session)
    if session.data.get("unknown"):
        raise not_authorized(e.INCORRECT_CREDENTIALS)
    user = _session_user(pool, session, answers)
    require_secret_hash(client, answers.get("SECRET_HASH"), answers.get("USERNAME"))
    check_can_sign_in(state, pool, user)
    key = password_key(str(session.data["srp_a"]), session.data["exchange"])
    expected = expected_signature(key, pool.id, user_id, block, timestamp) if key else ""
    if not key or not signature_matches(expected, signature):
        state.lockout.failed(pool.id, user.username)
        raise not_authorized(e.INCORRECT_CREDENTIALS)
    if status(user) == "UNCONFIRMED":
        raise Refusal("UserNotConfirmedException", e.USER_NOT_CONFIRMED)
    from cogtui.sandbox.strict.nextstep import after_password

    return after_password(state, pool, client, user)


def call_required(answers: dict[str, Any], name: str) -> str:
    value = answers.get(name)
    if not value or not isinstance(value, str):
        raise invalid_parameter(f"Missing required parameter {name}")
    return value
