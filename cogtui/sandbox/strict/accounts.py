"""Sign-up and password recovery with real codes: SignUp, ConfirmSignUp, ResendConfirmationCode,
ForgotPassword, ConfirmForgotPassword.

Each checks the SECRET_HASH (over the username as sent) for clients with a secret. Codes go to the
outbox, to the user's email (or phone), and are checked once: CodeMismatchException for a wrong code,
ExpiredCodeException for an old or replaced one.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.models import UserStatus

from cogtui.sandbox.strict import errors as e
from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.codes import FORGOT_PASSWORD, SIGN_UP
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter, not_authorized
from cogtui.sandbox.strict.hashcheck import require_secret_hash
from cogtui.sandbox.strict.outbox import mask_destination
from cogtui.sandbox.strict.state import StrictState
from cogtui.sandbox.strict.store import find_client, find_user, status, validate_password

NOT_FOUND = "Username/client id combination not found."
_TEXT = {
    SIGN_UP: "Your verification code is {code}.",
    FORGOT_PASSWORD: "Your password reset code is {code}.",
}


def _client_and_hash(call: Call) -> tuple[Any, Any, str]:
    pool, client = find_client(call.required("ClientId"))
    username = call.required("Username")
    require_secret_hash(client, call.param("SecretHash"), username)
    return pool, client, username


def _existing_user(pool: Any, username: str) -> Any:
    user = find_user(pool, username)
    if user is None:
        raise Refusal("UserNotFoundException", NOT_FOUND)
    return user


def _deliver(state: StrictState, pool: Any, user: Any, purpose: str) -> dict[str, str] | None:
    """Issue a code for ``purpose`` and deliver it by email, else SMS; None when the user has neither."""
    for medium, attribute in (("EMAIL", "email"), ("SMS", "phone_number")):
        destination = user.attribute_lookup.get(attribute)
        if destination:
            code = state.codes.issue(pool.id, user.username, purpose)
            text = _TEXT[purpose].format(code=code)
            state.outbox.deliver(pool.id, user.username, medium, str(destination), purpose, code, text)
            return {
                "Destination": mask_destination(medium, str(destination)),
                "DeliveryMedium": medium,
                "AttributeName": attribute,
            }
    return None


def sign_up(call: Call) -> dict[str, Any]:
    pool, _, username = _client_and_hash(call)
    answer = call.forward_json()
    user = find_user(pool, str(answer.get("UserSub") or "")) or find_user(pool, username)
    details = _deliver(call.state, pool, user, SIGN_UP) if user is not None else None
    if details:
        answer["CodeDeliveryDetails"] = details
    return answer


def confirm_sign_up(call: Call) -> dict[str, Any]:
    pool, _, username = _client_and_hash(call)
    user = _existing_user(pool, username)
    if status(user) != "UNCONFIRMED":
        raise not_authorized(f"User cannot be confirmed. Current status is {status(user)}")
    call.state.codes.redeem(pool.id, user.username, SIGN_UP, call.required("ConfirmationCode"))
    user.status = UserStatus.CONFIRMED
    return {}


def resend_confirmation_code(call: Call) -> dict[str, Any]:
    pool, _, username = _client_and_hash(call)
    user = _existing_user(pool, username)
    if status(user) != "UNCONFIRMED":
        raise invalid_parameter("User is already confirmed.")
    details = _deliver(call.state, pool, user, SIGN_UP)
    if details is None:
        raise invalid_parameter("No email or phone_number to deliver the code to.")
    return {"CodeDeliveryDetails": details}


def forgot_password(call: Call) -> dict[str, Any]:
    pool, client, username = _client_and_hash(call)
    user = find_user(pool, username)
    if user is None:
        if client.extended_config.get("PreventUserExistenceErrors") == "ENABLED":
            masked = mask_destination("EMAIL", f"{username.split('@')[0]}@example.com")
            return {
                "CodeDeliveryDetails": {
                    "Destination": masked,
                    "DeliveryMedium": "EMAIL",
                    "AttributeName": "email",
                }
            }
        raise Refusal("UserNotFoundException", NOT_FOUND)
    if not user.enabled:
        raise not_authorized(e.USER_DISABLED)
    details = _deliver(call.state, pool, user, FORGOT_PASSWORD)
    if details is None:
        raise invalid_parameter(
            "Cannot reset password for the user as there is no registered/verified email or phone_number"
        )
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(call: Call) -> dict[str, Any]:
    pool, _, username = _client_and_hash(call)
    user = _existing_user(pool, username)
    password = call.required("Password")
    validate_password(pool, password)
    call.state.codes.redeem(pool.id, user.username, FORGOT_PASSWORD, call.required("ConfirmationCode"))
    user.password = password
    if status(user) in ("RESET_REQUIRED", "FORCE_CHANGE_PASSWORD"):
        user.status = UserStatus.CONFIRMED
    call.state.lockout.succeeded(pool.id, user.username)
    return {}
