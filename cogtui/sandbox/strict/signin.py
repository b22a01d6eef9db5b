"""InitiateAuth and AdminInitiateAuth, checked as Cognito checks them.

In order: the app client exists (in the pool, for the admin API); the client enables the flow; the
SECRET_HASH when the client has a secret; the user exists (or, with PreventUserExistenceErrors, the
answer looks like a wrong password); lockout; disabled or reset-required users; the password (or, for
USER_SRP_AUTH, the PASSWORD_VERIFIER challenge with real SRP values); unconfirmed users; then what
follows a proven password (``nextstep``). Refresh is checked for the flow and the hash, then answered by
moto; CUSTOM_AUTH is played by ``custom``, USER_AUTH (choice-based) by ``userauth``.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from typing import Any

from cogtui.sandbox.strict import custom
from cogtui.sandbox.strict import errors as e
from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter, not_authorized
from cogtui.sandbox.strict.hashcheck import require_secret_hash
from cogtui.sandbox.strict.nextstep import after_password
from cogtui.sandbox.strict.srp import new_salt, start_exchange, valid_srp_a, verifier
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import (
    explicit_flows,
    find_client,
    find_user,
    refresh_token_owner,
    status,
    user_id_for_srp,
)

FORWARD = object()  # answer: hand the request to moto unchanged

FLOW_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "USER_SRP_AUTH": ("ALLOW_USER_SRP_AUTH",),
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
    "ADMIN_USER_PASSWORD_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "ADMIN_NO_SRP_AUTH": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "REFRESH_TOKEN_AUTH": ("ALLOW_REFRESH_TOKEN_AUTH",),
    "REFRESH_TOKEN": ("ALLOW_REFRESH_TOKEN_AUTH",),
    "CUSTOM_AUTH": ("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"),
    "USER_AUTH": ("ALLOW_USER_AUTH",),
}
PUBLIC_FLOWS = (
    "USER_SRP_AUTH",
    "USER_PASSWORD_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "USER_AUTH",
)
ADMIN_FLOWS = (
    "ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "USER_AUTH",
)
SECRET_BLOCK_BYTES = 1024  # Cognito's SECRET_BLOCK is an opaque blob of about a kilobyte
_BLOCK_ID_BYTES = 32


def require_flow(client: Any, flow: str) -> None:
    flows = explicit_flows(client)
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN") and not any(f.startswith("ALLOW_") for f in flows):
        return  # clients configured with the legacy names always allowed refresh
    if not any(permission in flows for permission in FLOW_PERMISSIONS[flow]):
        if flow == "USER_PASSWORD_AUTH":
            raise invalid_parameter("USER_PASSWORD_AUTH flow not enabled for this client")
        raise invalid_parameter("Auth flow not enabled for this client")


def unknown_user(client: Any) -> Refusal:
    if client.extended_config.get("PreventUserExistenceErrors") == "ENABLED":
        return not_authorized(e.INCORRECT_CREDENTIALS)
    return Refusal("UserNotFoundException", e.USER_NOT_FOUND)


def check_can_sign_in(state: StrictState, pool: Any, user: Any) -> None:
    """Lockout, disabled, reset-required: refused before any password is looked at."""
    state.lockout.check(pool.id, user.username)
    if not user.enabled:
        raise not_authorized(e.USER_DISABLED)
    if status(user) == "RESET_REQUIRED":
        raise Refusal("PasswordResetRequiredException", e.RESET_REQUIRED)


def initiate(call: Call) -> Any:
    return _initiate(call, admin=False)


def admin_initiate(call: Call) -> Any:
    return _initiate(call, admin=True)


def _initiate(call: Call, admin: bool) -> Any:
    pool, client = find_client(call.required("ClientId"), call.required("UserPoolId") if admin else None)
    flow = str(call.param("AuthFlow") or "")
    if flow not in (ADMIN_FLOWS if admin else PUBLIC_FLOWS):
        return FORWARD  # moto words the refusal of an unknown or misplaced flow
    require_flow(client, flow)
    params: dict[str, Any] = dict(call.param("AuthParameters") or {})
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return _refresh(call, pool, client, params)
    username = call.required("USERNAME", params)
    require_secret_hash(client, params.get("SECRET_HASH"), username)
    if flow == "USER_AUTH":
        from cogtui.sandbox.strict import userauth

        return userauth.initiate(call.state, pool, client, username, params)
    if flow == "CUSTOM_AUTH":
        return _custom_initiate(call.state, pool, client, username)
    if flow == "USER_SRP_AUTH":
        return srp_initiate(call.state, pool, client, username, call.required("SRP_A", params))
    password = call.required("PASSWORD", params)
    user = find_user(pool, username)
    if user is None:
        raise unknown_user(client)
    return password_sign_in(call.state, pool, client, user, password)


def password_sign_in(state: StrictState, pool: Any, client: Any, user: Any, password: str) -> dict[str, Any]:
    """The password flows once the user is known: checks, the password, then what follows it."""
    check_can_sign_in(state, pool, user)
    if not hmac.compare_digest(str(user.password or "").encode(), password.encode()):
        state.lockout.failed(pool.id, user.username)
        raise not_authorized(e.INCORRECT_CREDENTIALS)
    if status(user) == "UNCONFIRMED":
        raise Refusal("UserNotConfirmedException", e.USER_NOT_CONFIRMED)
    return after_password(state, pool, client, user)


def _custom_initiate(state: StrictState, pool: Any, client: Any, username: str) -> dict[str, Any]:
    custom.require_triggers(pool)
    user = find_user(pool, username)
    if user is None:
        raise unknown_user(client)
    check_can_sign_in(state, pool, user)
    if status(user) == "UNCONFIRMED":
        raise Refusal("UserNotConfirmedException", e.USER_NOT_CONFIRMED)
    return custom.start(state, pool, client, user)


def _refresh(call: Call, pool: Any, client: Any, params: dict[str, Any]) -> Any:
    token = call.required("REFRESH_TOKEN", params)
    owner = refresh_token_owner(pool, token)
    if owner is None:
        return FORWARD  # moto answers "Refresh Token has been revoked"
    owner_client, username = owner
    if owner_client != client.id:
        raise not_authorized(e.INVALID_REFRESH_TOKEN)
    require_secret_hash(client, params.get("SECRET_HASH"), username)
    return FORWARD


def _secret_block(state: StrictState, block_id: bytes, client_id: str, user_id: str) -> str:
    filler = secrets.token_bytes(SECRET_BLOCK_BYTES - 2 * _BLOCK_ID_BYTES)
    mac = hmac.digest(state.block_key, block_id + filler + client_id.encode() + user_id.encode(), "sha256")
    return base64.standard_b64encode(block_id + filler + mac).decode()


def open_secret_block(state: StrictState, secret_block: str, client_id: str, user_id: str) -> bool:
    """True when ``secret_block`` was issued by this sandbox to ``client_id`` for ``user_id``."""
    try:
        raw = base64.standard_b64decode(secret_block)
    except ValueError:
        return False
    body, mac = raw[:-_BLOCK_ID_BYTES], raw[-_BLOCK_ID_BYTES:]
    expected = hmac.digest(state.block_key, body + client_id.encode() + user_id.encode(), "sha256")
    return len(raw) == SECRET_BLOCK_BYTES and hmac.compare_digest(mac, expected)


def secret_block_id(secret_block: str) -> str:
    try:
        return base64.standard_b64decode(secret_block)[:_BLOCK_ID_BYTES].hex()
    except ValueError:
        return ""


def srp_initiate(state: StrictState, pool: Any, client: Any, username: str, srp_a: str) -> dict[str, Any]:
    if not valid_srp_a(srp_a):
        raise invalid_parameter("Invalid SRP_A: it must be a non-zero hexadecimal value modulo N")
    user = find_user(pool, username)
    if user is None and client.extended_config.get("PreventUserExistenceErrors") != "ENABLED":
        raise Refusal("UserNotFoundException", e.USER_NOT_FOUND)
    if user is not None:
        check_can_sign_in(state, pool, user)
        user_id, internal = user_id_for_srp(pool, user), str(user.username)
        salt = state.salt(pool.id, user.username)
        v = verifier(pool.id, user_id, str(user.password or ""), salt)
    else:  # a challenge that looks real and can only fail, so the answer does not reveal the user is unknown
        user_id = internal = username
        salt, v = new_salt(), verifier(pool.id, username, secrets.token_hex(16), new_salt())
    exchange = start_exchange(v)
    block_id = secrets.token_bytes(_BLOCK_ID_BYTES)
    block = _secret_block(state, block_id, client.id, user_id)
    state.sessions.open(
        pool.id,
        client,
        internal,
        "PASSWORD_VERIFIER",
        token=block_id.hex(),
        srp_a=srp_a,
        exchange=exchange,
        user_id=user_id,
        secret_block=block,
        unknown=user is None,
    )
    return {
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {
            "SALT": salt,
            "SRP_B": exchange.srp_b,
            "SECRET_BLOCK": block,
            "USER_ID_FOR_SRP": user_id,
            "USERNAME": internal,
        },
    }
