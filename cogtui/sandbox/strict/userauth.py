"""USER_AUTH, choice-based sign-in: the first factors the pool allows, chosen up front or from SELECT_CHALLENGE.

The pool's ``Policies.SignInPolicy.AllowedFirstAuthFactors`` (PASSWORD by default) decides what is offered:
PASSWORD and PASSWORD_SRP for PASSWORD, EMAIL_OTP for a user with an email, SMS_OTP for one with a phone.
``PREFERRED_CHALLENGE`` picks one at once when it is offered; otherwise Cognito answers SELECT_CHALLENGE with
``AvailableChallenges``. WEB_AUTHN (passkeys) is not offered: the sandbox has no authenticator to check.
"""

from __future__ import annotations

from typing import Any

from cogtui.sandbox.strict.errors import invalid_parameter
from cogtui.sandbox.strict.nextstep import mfa_challenge
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import user_id_for_srp


def first_factors(pool: Any) -> tuple[str, ...]:
    policy = (pool.extended_config.get("Policies") or {}).get("SignInPolicy") or {}
    return tuple(policy.get("AllowedFirstAuthFactors") or ("PASSWORD",))


def available(pool: Any, user: Any) -> list[str]:
    factors = first_factors(pool)
    choices = ["PASSWORD", "PASSWORD_SRP"] if "PASSWORD" in factors else []
    if "EMAIL_OTP" in factors and user.attribute_lookup.get("email"):
        choices.append("EMAIL_OTP")
    if "SMS_OTP" in factors and user.attribute_lookup.get("phone_number"):
        choices.append("SMS_OTP")
    return choices


def initiate(
    state: StrictState, pool: Any, client: Any, username: str, params: dict[str, Any]
) -> dict[str, Any]:
    from cogtui.sandbox.strict.signin import check_can_sign_in, unknown_user
    from cogtui.sandbox.strict.store import find_user

    user = find_user(pool, username)
    if user is None:
        raise unknown_user(client)
    check_can_sign_in(state, pool, user)
    choices = available(pool, user)
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred and preferred in choices:
        return choose(state, pool, client, user, username, str(preferred), params)
    session = state.sessions.open(pool.id, client, user.username, "SELECT_CHALLENGE", choices=choices)
    return {
        "ChallengeName": "SELECT_CHALLENGE",
        "Session": session.token,
        "ChallengeParameters": {
            "USERNAME": str(user.username),
            "USER_ID_FOR_SRP": user_id_for_srp(pool, user),
        },
        "AvailableChallenges": choices,
    }


def choose(
    state: StrictState, pool: Any, client: Any, user: Any, typed: str, choice: str, given: dict[str, Any]
) -> dict[str, Any]:
    """Start the chosen first factor with what came with the choice (PASSWORD or SRP_A)."""
    from cogtui.sandbox.strict.signin import password_sign_in, srp_initiate

    if choice not in available(pool, user):
        raise invalid_parameter(f"{choice} is not available for this user")
    if choice == "PASSWORD":
        password = given.get("PASSWORD")
        if not password:
            raise invalid_parameter("Missing required parameter PASSWORD")
        return password_sign_in(state, pool, client, user, str(password))
    if choice == "PASSWORD_SRP":
        srp_a = given.get("SRP_A")
        if not srp_a:
            raise invalid_parameter("Missing required parameter SRP_A")
        return srp_initiate(state, pool, client, typed, str(srp_a))
    return mfa_challenge(state, pool, client, user, choice)
