"""What follows a proven password: a new password, an MFA challenge (or its choice or set-up), or tokens.

MFA follows the pool's MfaConfiguration (OFF, OPTIONAL, ON) and the user's enabled methods: the
preferred method, the only one, or SELECT_MFA_TYPE among several; MFA_SETUP when MFA is required and
none is set up. SMS and email codes are generated here and delivered to the outbox.
"""

from __future__ import annotations

import json
from typing import Any

from cogtui.sandbox.strict.codes import new_code
from cogtui.sandbox.strict.devices import new_device_metadata
from cogtui.sandbox.strict.outbox import mask_destination
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import issue_tokens, status, user_id_for_srp

MFA_ORDER = ("SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP")
_HIDDEN_ATTRIBUTES = ("sub", "email_verified", "phone_number_verified")


def signed_in(state: StrictState, pool: Any, client: Any, user: Any) -> dict[str, Any]:
    state.lockout.succeeded(pool.id, user.username)
    result = issue_tokens(pool, client, user)
    device = new_device_metadata(pool, user)
    if device is not None:
        result["NewDeviceMetadata"] = device
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


def user_mfa_methods(state: StrictState, pool: Any, user: Any) -> list[str]:
    enabled = {
        "SOFTWARE_TOKEN_MFA": bool(user.software_token_mfa_enabled),
        "SMS_MFA": bool(user.sms_mfa_enabled),
        "EMAIL_OTP": state.email_mfa.get((pool.id, user.username), False),
    }
    return [name for name in MFA_ORDER if enabled[name]]


def _challenge(
    state: StrictState, pool: Any, client: Any, user: Any, name: str, params: dict[str, str], **data: Any
) -> dict[str, Any]:
    session = state.sessions.open(pool.id, client, user.username, name, **data)
    params = {**params, "USER_ID_FOR_SRP": user_id_for_srp(pool, user)}
    return {"ChallengeName": name, "Session": session.token, "ChallengeParameters": params}


def after_password(state: StrictState, pool: Any, client: Any, user: Any) -> dict[str, Any]:
    if status(user) == "FORCE_CHANGE_PASSWORD":
        attributes = {k: v for k, v in user.attribute_lookup.items() if k not in _HIDDEN_ATTRIBUTES}
        params = {"requiredAttributes": "[]", "userAttributes": json.dumps(attributes)}
        return _challenge(state, pool, client, user, "NEW_PASSWORD_REQUIRED", params)
    return mfa_step(state, pool, client, user)


def mfa_step(state: StrictState, pool: Any, client: Any, user: Any) -> dict[str, Any]:
    mode = str(pool.mfa_config or "OFF")
    if mode == "OFF":
        return signed_in(state, pool, client, user)
    methods = user_mfa_methods(state, pool, user)
    if not methods:
        if mode == "ON":
            params = {"MFAS_CAN_SETUP": json.dumps(["SOFTWARE_TOKEN_MFA"])}
            return _challenge(state, pool, client, user, "MFA_SETUP", params)
        return signed_in(state, pool, client, user)
    preferred = user.preferred_mfa_setting
    if preferred in methods:
        return mfa_challenge(state, pool, client, user, preferred)
    if len(methods) == 1:
        return mfa_challenge(state, pool, client, user, methods[0])
    params = {"MFAS_CAN_CHOOSE": json.dumps(methods)}
    return _challenge(state, pool, client, user, "SELECT_MFA_TYPE", params)


def mfa_challenge(state: StrictState, pool: Any, client: Any, user: Any, name: str) -> dict[str, Any]:
    if name == "SOFTWARE_TOKEN_MFA":
        return _challenge(state, pool, client, user, name, {})
    sms = name in ("SMS_MFA", "SMS_OTP")
    medium, attribute, digits = ("SMS", "phone_number", 6) if sms else ("EMAIL", "email", 8)
    destination = str(user.attribute_lookup.get(attribute, ""))
    code = new_code(digits)
    state.outbox.deliver(
        pool.id,
        user.username,
        medium,
        destination,
        name,
        code,
        f"Your authentication code is {code}.",
    )
    params = {
        "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
        "CODE_DELIVERY_DESTINATION": mask_destination(medium, destination),
    }
    return _challenge(state, pool, client, user, name, params, code=code)
