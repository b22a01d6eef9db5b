"""``/oauth2/authorize`` and the minimal managed-login pages behind it (``/login``).

The authorize request is checked as Cognito checks it: an unknown client or a ``redirect_uri`` that is
not exactly one of the client's CallbackURLs goes to the domain's ``/error`` page
(``error=redirect_mismatch``), never to the unverified URL; once the redirect URI is trusted, other
problems go back to it as ``error=`` (``unauthorized_client``, ``unsupported_response_type``,
``invalid_scope``, ``invalid_request``). PKCE: ``code_challenge_method`` must be ``S256``, the only
method Cognito supports.

The login page is a form with ``username`` and ``password`` posted to ``/login`` with the authorize
parameters in its query string. A user with an authenticator app gets a second form (``code``); a
user with a temporary password gets one asking for ``new_password``; both carry a hidden ``session``.
Success redirects to the callback with ``code`` (or, for the implicit grant, tokens in the fragment).
"""

from __future__ import annotations

import hmac
import html
import urllib.parse
from typing import TYPE_CHECKING, Any

from cogtui.sandbox.awsjson import StartResponse
from cogtui.sandbox.oauth.http import Request, page, redirect, with_params
from cogtui.sandbox.oauth.issue import user_tokens
from cogtui.sandbox.oauth.store import AuthorizationRequest, Grant, oauth_state
from cogtui.sandbox.strict.errors import Refusal

if TYPE_CHECKING:
    from cogtui.sandbox.strict.state import StrictState

INCORRECT = "Incorrect username or password."
_RESPONSE_FLOWS = {"code": "code", "token": "implicit"}


class AuthorizeError(Exception):
    """A refused authorize request: ``to_callback`` says whether the error may go to the redirect URI."""

    def __init__(
        self, error: str, description: str, to_callback: bool, redirect_uri: str = "", state: str = ""
    ) -> None:
        super().__init__(description)
        self.error, self.description = error, description
        self.to_callback, self.redirect_uri, self.state = to_callback, redirect_uri, state


def check_authorize(pool: Any, request: Request) -> tuple[Any, AuthorizationRequest]:
    """(client, request) of a valid authorize request; AuthorizeError otherwise."""
    client = pool.clients.get(request.param("client_id"))
    redirect_uri, state = request.param("redirect_uri"), request.param("state")
    if client is None:
        raise AuthorizeError("invalid_request", "client_id is missing or unknown", to_callback=False)
    config = client.extended_config
    if not redirect_uri or redirect_uri not in (config.get("CallbackURLs") or []):
        raise AuthorizeError("redirect_mismatch", "redirect_uri is not a callback URL of the client", False)

    def refuse(error: str, description: str) -> AuthorizeError:
        return AuthorizeError(error, description, True, redirect_uri, state)

    response_type = request.param("response_type")
    if response_type not in _RESPONSE_FLOWS:
        raise refuse("unsupported_response_type", "response_type must be code or token")
    if not config.get("AllowedOAuthFlowsUserPoolClient") or _RESPONSE_FLOWS[response_type] not in (
        config.get("AllowedOAuthFlows") or []
    ):
        raise refuse(
            "unauthorized_client", f"the client is not allowed the {_RESPONSE_FLOWS[response_type]} flow"
        )
    allowed = list(config.get("AllowedOAuthScopes") or [])
    asked = request.param("scope").replace("+", " ").split()
    if any(scope not in allowed for scope in asked):
        raise refuse("invalid_scope", "a requested scope is not allowed for the client")
    challenge, method = request.param("code_challenge"), request.param("code_challenge_method")
    if (method or challenge) and (method != "S256" or not challenge or response_type != "code"):
        raise refuse("invalid_request", "PKCE needs code_challenge with code_challenge_method S256")
    return client, AuthorizationRequest(
        client_id=client.id,
        redirect_uri=redirect_uri,
        response_type=response_type,
        scopes=tuple(asked or allowed),
        state=state,
        code_challenge=challenge,
        code_challenge_method=method,
        nonce=request.param("nonce"),
    )


def refuse_authorize(start_response: StartResponse, request: Request, error: AuthorizeError) -> list[bytes]:
    if error.to_callback:
        params = {"error": error.error, "error_description": error.description, "state": error.state}
        return redirect(start_response, with_params(error.redirect_uri, params))
    params = {"error": error.error, "client_id": request.param("client_id")}
    return redirect(start_response, with_params(f"{request.base_url}/error", params))


def error_page(start_response: StartResponse, request: Request) -> list[bytes]:
    error = html.escape(request.param("error") or "invalid_request")
    body = f"<p>An error was encountered with the requested page.</p><p id='error'>{error}</p>"
    return page(start_response, "Error", body, "400 Bad Request")


def authorize(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    """GET /oauth2/authorize: check the request, then send the browser to the login page."""
    try:
        check_authorize(pool, request)
    except AuthorizeError as error:
        return refuse_authorize(start_response, request, error)
    return redirect(start_response, f"{request.base_url}/login?{urllib.parse.urlencode(request.query)}")


def _form(request: Request, fields: str, message: str = "", session: str = "") -> str:
    action = html.escape(f"{request.base_url}/login?{urllib.parse.urlencode(request.query)}", quote=True)
    error = f"<p id='error' class='error'>{html.escape(message)}</p>" if message else ""
    hidden = (
        f"<input type='hidden' name='session' value='{html.escape(session, quote=True)}'>" if session else ""
    )
    return f"{error}<form method='post' action='{action}'>{hidden}{fields}<button type='submit'>Sign in</button></form>"


_CREDENTIALS = (
    "<label>Username <input name='username' autocomplete='username'></label>"
    "<label>Password <input name='password' type='password' autocomplete='current-password'></label>"
)
_CODE = "<label>Code <input name='code' inputmode='numeric' autocomplete='one-time-code'></label>"
_NEW_PASSWORD = (
    "<label>New password <input name='new_password' type='password' autocomplete='new-password'></label>"
)


def login(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    """GET shows the sign-in form; POST checks what was typed and moves to the next step."""
    try:
        client, auth = check_authorize(pool, request)
    except AuthorizeError as error:
        return refuse_authorize(start_response, request, error)
    if request.method != "POST":
        return page(start_response, "Sign in", _form(request, _CREDENTIALS))
    if request.form.get("session"):
        return _next_step(pool, client, request, start_response)
    username, password = request.form.get("username", ""), request.form.get("password", "")
    user = pool._get_user(username) if username else None
    lockout = _strict().lockout
    refusal = ""
    if user is not None:
        try:
            lockout.check(pool.id, user.username)
        except Refusal as exc:  # "Password attempts exceeded", as the API answers
            refusal = exc.message
    if refusal:
        return page(start_response, "Sign in", _form(request, _CREDENTIALS, refusal))
    if user is None or not hmac.compare_digest(str(user.password or "").encode(), password.encode()):
        if user is not None:
            lockout.failed(pool.id, user.username)
        return page(start_response, "Sign in", _form(request, _CREDENTIALS, INCORRECT))
    lockout.succeeded(pool.id, user.username)
    refusal = _state_refusal(user)
    if refusal:
        return page(start_response, "Sign in", _form(request, _CREDENTIALS, refusal))
    return _after_password(pool, client, request, auth, user, start_response)


def _state_refusal(user: Any) -> str:
    status = str(getattr(user.status, "value", user.status))
    if not user.enabled:
        return "User is disabled."
    if status == "UNCONFIRMED":
        return "User is not confirmed."
    if status == "RESET_REQUIRED":
        return "Password reset required for the user"
    return ""


def _after_password(
    pool: Any,
    client: Any,
    request: Request,
    auth: AuthorizationRequest,
    user: Any,
    start_response: StartResponse,
) -> list[bytes]:
    status = str(getattr(user.status, "value", user.status))
    store = oauth_state(pool)
    if status == "FORCE_CHANGE_PASSWORD":
        session = store.new_pending(auth, user.username, "new_password")
        return page(start_response, "Change password", _form(request, _NEW_PASSWORD, session=session))
    mfa = _mfa_needed(pool, user)
    if mfa == "SOFTWARE_TOKEN_MFA":
        session = store.new_pending(auth, user.username, "mfa")
        return page(start_response, "Authenticator code", _form(request, _CODE, session=session))
    if mfa:
        message = f"{mfa} is required for this user; this sandbox's managed login only asks for authenticator codes."
        return page(start_response, "Sign in", _form(request, _CREDENTIALS, message))
    return _signed_in(pool, client, auth, user.username, start_response)


def _mfa_needed(pool: Any, user: Any) -> str:
    """The MFA the user must pass now ('' for none), decided as the API's sign-in decides it."""
    from cogtui.sandbox.strict.nextstep import user_mfa_methods

    mode = str(pool.mfa_config or "OFF")
    if mode == "OFF":
        return ""
    methods = user_mfa_methods(_strict(), pool, user)
    if not methods:
        return "MFA_SETUP" if mode == "ON" else ""
    preferred = user.preferred_mfa_setting
    if "SOFTWARE_TOKEN_MFA" in methods and preferred in (None, "", "SOFTWARE_TOKEN_MFA"):
        return "SOFTWARE_TOKEN_MFA"  # preferred, or one the user may choose on the page
    return str(preferred or methods[0])


def _strict() -> StrictState:
    """The strict sign-in checks' state (authenticator secrets, lockout), shared with the API."""
    from cogtui.sandbox.strict.state import strict_state

    return strict_state()


def _next_step(pool: Any, client: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    store = oauth_state(pool)
    key = request.form.get("session", "")
    grant = store.take_pending(key)
    if grant is None or grant.request.client_id != client.id:
        return page(
            start_response,
            "Sign in",
            _form(request, _CREDENTIALS, "Your session has expired. Sign in again."),
        )
    user = pool._get_user(grant.username)
    if user is None:
        return page(start_response, "Sign in", _form(request, _CREDENTIALS, INCORRECT))
    if grant.step == "new_password":
        return _set_new_password(pool, client, request, grant, user, key, start_response)
    secret = _totp_secret(pool, user)
    from cogtui.sandbox.totp import totp_matches

    if not secret or not totp_matches(secret, request.form.get("code", "")):
        store.put_back(key, grant)
        return page(start_response, "Authenticator code", _form(request, _CODE, "Code mismatch", session=key))
    return _signed_in(pool, client, grant.request, user.username, start_response)


def _set_new_password(
    pool: Any, client: Any, request: Request, grant: Grant, user: Any, key: str, start_response: StartResponse
) -> list[bytes]:
    from cogtui.sandbox.strict.store import validate_password

    new_password = request.form.get("new_password", "")
    try:
        validate_password(pool, new_password)  # the pool's policy, with the API's words
    except Refusal as exc:
        oauth_state(pool).put_back(key, grant)
        return page(
            start_response, "Change password", _form(request, _NEW_PASSWORD, exc.message, session=key)
        )
    from moto.cognitoidp.models import UserStatus

    user.password, user.status = new_password, UserStatus.CONFIRMED
    return _after_password(pool, client, request, grant.request, user, start_response)


def _totp_secret(pool: Any, user: Any) -> str | None:
    """The user's active authenticator secret, as the strict sign-in checks keep it."""
    return _strict().active_totp(pool.id, user.username)


def _signed_in(
    pool: Any, client: Any, auth: AuthorizationRequest, username: str, start_response: StartResponse
) -> list[bytes]:
    if auth.response_type == "token":  # implicit grant: tokens in the fragment, never a refresh token
        tokens = user_tokens(pool, client, username, auth.scopes, auth.nonce, refresh=False)
        params = {k: str(v) for k, v in tokens.items()} | {"state": auth.state}
        return redirect(start_response, with_params(auth.redirect_uri, params, fragment=True))
    code = oauth_state(pool).new_code(auth, username)
    return redirect(start_response, with_params(auth.redirect_uri, {"code": code, "state": auth.state}))
