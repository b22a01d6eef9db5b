"""CUSTOM_AUTH, with the sandbox playing the pool's three Lambda triggers (a documented challenge).

Cognito runs the pool's DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse
functions; the sandbox has no Lambda, so when a pool names all three it behaves as this common
"code by email" set of triggers:

* CreateAuthChallenge sends a 6-digit code to the user's email (SMS if there is no email): it is in
  the outbox. ChallengeParameters: ``USERNAME``, ``DELIVERY_MEDIUM``, ``DESTINATION`` (masked).
* VerifyAuthChallengeResponse accepts that code as ``ANSWER``.
* DefineAuthChallenge issues tokens after a right answer, asks again (a new session, the same code)
  after a wrong one, and fails the sign-in after three wrong answers ("Incorrect username or password.").

A pool without the triggers refuses CUSTOM_AUTH as Cognito does.
"""

from __future__ import annotations

import hmac
from typing import Any

from cogtui.sandbox.strict import errors as e
from cogtui.sandbox.strict.codes import new_code
from cogtui.sandbox.strict.errors import invalid_parameter, not_authorized
from cogtui.sandbox.strict.nextstep import signed_in
from cogtui.sandbox.strict.outbox import mask_destination
from cogtui.sandbox.strict.sessions import ChallengeSession
from cogtui.sandbox.strict.state import StrictState

TRIGGERS = ("DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse")
MAX_WRONG_ANSWERS = 3
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."


def require_triggers(pool: Any) -> None:
    config = pool.extended_config.get("LambdaConfig") or {}
    if not all(config.get(name) for name in TRIGGERS):
        raise invalid_parameter(NOT_CONFIGURED)


def _challenge(
    state: StrictState, pool: Any, client: Any, user: Any, code: str, wrong: int
) -> dict[str, Any]:
    medium, attribute = ("EMAIL", "email") if user.attribute_lookup.get("email") else ("SMS", "phone_number")
    destination = str(user.attribute_lookup.get(attribute, ""))
    session = state.sessions.open(pool.id, client, user.username, "CUSTOM_CHALLENGE", code=code, wrong=wrong)
    params = {
        "USERNAME": str(user.username),
        "DELIVERY_MEDIUM": medium,
        "DESTINATION": mask_destination(medium, destination),
    }
    return {"ChallengeName": "CUSTOM_CHALLENGE", "Session": session.token, "ChallengeParameters": params}


def start(state: StrictState, pool: Any, client: Any, user: Any) -> dict[str, Any]:
    """CreateAuthChallenge: a new code, delivered, and the first CUSTOM_CHALLENGE."""
    code = new_code()
    medium, attribute = ("EMAIL", "email") if user.attribute_lookup.get("email") else ("SMS", "phone_number")
    destination = str(user.attribute_lookup.get(attribute, ""))
    text = f"Your sign-in code is {code}."
    state.outbox.deliver(pool.id, user.username, medium, destination, "CUSTOM_CHALLENGE", code, text)
    return _challenge(state, pool, client, user, code, 0)


def answer(
    state: StrictState, pool: Any, client: Any, user: Any, session: ChallengeSession, given: str | None
) -> dict[str, Any]:
    """VerifyAuthChallengeResponse, then DefineAuthChallenge's decision."""
    if not given:
        raise invalid_parameter("Missing required parameter ANSWER")
    state.sessions.consume(session)
    code = str(session.data["code"])
    if hmac.compare_digest(code.encode(), given.strip().encode()):
        return signed_in(state, pool, client, user)
    wrong = int(session.data.get("wrong", 0)) + 1
    if wrong >= MAX_WRONG_ANSWERS:
        raise not_authorized(e.INCORRECT_CREDENTIALS)
    return _challenge(state, pool, client, user, code, wrong)
