"""The WSGI layer: routes Cognito JSON requests to the strict handlers, everything else to moto.

A request is intercepted when its ``X-Amz-Target`` is ``AWSCognitoIdentityProviderService.<op>`` for
an operation in ``HANDLERS``. A handler answers with a JSON body, refuses with a ``Refusal`` (rendered
in the error shape botocore parses), or asks for the request to be handed to moto unchanged. Handlers
run one at a time: moto's store is not thread-safe either.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from cogtui.sandbox.strict import accounts, admin_users, challenges, devices, mfa, signin
from cogtui.sandbox.strict.call import Call, PassThrough, WSGIApp
from cogtui.sandbox.strict.errors import Refusal, from_moto
from cogtui.sandbox.strict.state import StrictState, strict_state

log = logging.getLogger("cogtui.sandbox")

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
CONTENT_TYPE = "application/x-amz-json-1.1"
HANDLERS: dict[str, Callable[[Call], Any]] = {
    "InitiateAuth": signin.initiate,
    "AdminInitiateAuth": signin.admin_initiate,
    "RespondToAuthChallenge": challenges.respond,
    "AdminRespondToAuthChallenge": challenges.admin_respond,
    "SignUp": accounts.sign_up,
    "ConfirmSignUp": accounts.confirm_sign_up,
    "ResendConfirmationCode": accounts.resend_confirmation_code,
    "ForgotPassword": accounts.forgot_password,
    "ConfirmForgotPassword": accounts.confirm_forgot_password,
    "AssociateSoftwareToken": mfa.associate_software_token,
    "VerifySoftwareToken": mfa.verify_software_token,
    "SetUserMFAPreference": mfa.set_user_mfa_preference,
    "AdminSetUserMFAPreference": mfa.admin_set_user_mfa_preference,
    "GetUser": mfa.get_user,
    "AdminGetUser": mfa.admin_get_user,
    "AdminCreateUser": admin_users.admin_create_user,
    "AdminUpdateUserAttributes": admin_users.admin_update_user_attributes,
    "AdminDeleteUserAttributes": admin_users.admin_delete_user_attributes,
    "ConfirmDevice": devices.confirm_device,
    "AdminListDevices": devices.admin_list_devices,
    "AdminGetDevice": devices.admin_get_device,
    "AdminForgetDevice": devices.admin_forget_device,
}
_REASONS = {200: "OK", 400: "Bad Request", 500: "Internal Server Error"}


class StrictCognito:
    """Wraps moto's WSGI app; ``state`` defaults to the process's strict state."""

    def __init__(self, app: WSGIApp, state: StrictState | None = None) -> None:
        self.app = app
        self.state = state or strict_state()
        self._lock = threading.RLock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
        handler = HANDLERS.get(target[len(TARGET_PREFIX) :]) if target.startswith(TARGET_PREFIX) else None
        if handler is None:
            return self.app(environ, start_response)
        raw = _read_body(environ)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        call = Call(self.app, environ, body if isinstance(body, dict) else {}, self.state)
        if not isinstance(body, dict):
            return self.app(call.moto_environ(), start_response)
        try:
            with self._lock:
                result = handler(call)
        except Refusal as refusal:
            return _error(start_response, refusal)
        except PassThrough as answer:
            start_response(answer.status, answer.headers)
            return [answer.body]
        except Exception as exc:  # moto's own refusals; anything else must not reach the client as a trace
            if hasattr(exc, "error_type"):
                return _error(start_response, from_moto(exc))
            log.debug("strict sandbox handler failed", exc_info=True)
            return _error(
                start_response, Refusal("InternalErrorException", "The sandbox failed: " + str(exc), 500)
            )
        if result is signin.FORWARD:
            return self.app(call.moto_environ(), start_response)
        return _json(start_response, 200, result)


def _read_body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ.get("wsgi.input")
    return stream.read(length) if stream is not None and length > 0 else b""


def _json(
    start_response: Callable[..., Any], status: int, payload: dict[str, Any], **headers: str
) -> list[bytes]:
    data = json.dumps(payload).encode()
    start_response(
        f"{status} {_REASONS.get(status, 'Error')}",
        [
            ("Content-Type", CONTENT_TYPE),
            ("Content-Length", str(len(data))),
            ("x-amzn-RequestId", str(uuid.uuid4())),
            *headers.items(),
        ],
    )
    return [data]


def _error(start_response: Callable[..., Any], refusal: Refusal) -> list[bytes]:
    payload = {"__type": refusal.code, "message": refusal.message}
    return _json(start_response, refusal.status, payload, **{"x-amzn-ErrorType": refusal.code})
