"""The API side of a refresh token's life, beside REFRESH_TOKEN_AUTH: rotate it, revoke it, prove it dead.

``RefreshTokenJobs`` is mixed into ``SignInSession`` (signin_session.py); each job is one timeline step:

* ``rotate`` sends GetTokensFromRefreshToken (ClientId, RefreshToken, ClientSecret when the client has
  one, DeviceKey of a remembered device). With refresh-token rotation on, Cognito answers a new
  refresh token and voids the one sent (after the client's grace period); without it, new ID and
  access tokens only. An endpoint that lacks the operation (the sandbox's moto answers a bare HTTP
  500) is said as such: "This endpoint does not support GetTokensFromRefreshToken".
* ``revoke`` sends RevokeToken (Token, ClientId, ClientSecret): the refresh token and every access
  token issued with it stop working.
* ``prove_revoked`` sends REFRESH_TOKEN_AUTH with the revoked token: Cognito must refuse it. The
  step says whether it did.

Every failure is explained like a sign-in failure; RevokeToken's own errors (revocation disabled on
the client, a JWT instead of a refresh token, the wrong client or secret) are explained here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cogtui.auth.explanation import Explanation
from cogtui.auth.result import SignInResult
from cogtui.auth.steps import Step, call_step
from cogtui.aws.cognito_gateway import NOT_IMPLEMENTED_CODES
from cogtui.aws.errors import CogtuiError, ServiceError, UnsupportedOperationError

if TYPE_CHECKING:
    from cogtui.auth.context import ExplainContext
    from cogtui.auth.flows import SignInRequest

ROTATE = "GetTokensFromRefreshToken"
REVOKE = "RevokeToken"
PROOF_TITLE = "InitiateAuth REFRESH_TOKEN_AUTH with the revoked refresh token (must be refused)"
PROOF_DEAD = "Refused as it must be: the revoked refresh token is dead."
PROOF_ALIVE = (
    "NOT refused: this endpoint still accepts the revoked refresh token (Amazon Cognito refuses it)."
)
PROOF_INCONCLUSIVE = "Refused, but not because of the refresh token: this does not prove it dead."
REVOKED_NOTE = "RevokeToken answered 200: the refresh token and the access tokens issued with it are revoked."

_REVOKE_ERRORS = {
    "UnsupportedOperationException": (
        "revocation_disabled",
        "Token revocation is off for this app client (EnableTokenRevocation false), so RevokeToken "
        "cannot revoke its refresh tokens.",
        "Turn EnableTokenRevocation on (UpdateUserPoolClient); until then only GlobalSignOut ends the "
        "user's sessions.",
    ),
    "UnsupportedTokenTypeException": (
        "revoke_wrong_token",
        "RevokeToken takes a refresh token; an ID or access token (a JWT) was sent.",
        "Send the refresh token of the sign-in: its access tokens are revoked with it.",
    ),
    "UnauthorizedException": (
        "revoke_wrong_client",
        "Cognito did not accept the client for this token: the refresh token was issued to another app "
        "client, or the client has a secret and it was missing or wrong (RevokeToken takes ClientSecret "
        "itself, not a SECRET_HASH).",
        "Revoke with the app client that issued the token, and send its ClientSecret when it has one.",
    ),
}
_STILL_ACCEPTED = Explanation(
    "revoked_token_accepted",
    "RevokeToken answered 200, yet REFRESH_TOKEN_AUTH with the same refresh token returned tokens: the "
    "endpoint does not enforce revocation (Amazon Cognito refuses a revoked refresh token with "
    "NotAuthorizedException).",
    "Do not rely on this endpoint for revocation; check it against Amazon Cognito.",
)


def unsupported(step: Step, operation: str) -> Step:
    """``step`` said as "this endpoint does not support ``operation``" when the endpoint lacks it."""
    err = step.error
    if err is None or isinstance(err, UnsupportedOperationError):
        return step
    if not (isinstance(err, ServiceError) and err.code in NOT_IMPLEMENTED_CODES):
        return step
    said = UnsupportedOperationError(
        f"This endpoint does not support {operation}.",
        code=err.code,
        operation=operation,
        http_status=err.http_status,
        request_id=err.request_id,
        hint="Asking again will not help: local emulators implement only part of Cognito. Use an "
        "endpoint that implements it (Amazon Cognito itself) for this.",
    )
    explanation = Explanation(
        "endpoint_unsupported",
        f"This endpoint does not support {operation}: it answered HTTP {err.http_status or err.code} "
        "without an AWS error, as emulators do for operations they lack.",
        said.hint,
    )
    return step.with_(error=said, explanation=explanation)


def revoke_explained(step: Step) -> Step:
    """RevokeToken's own errors explained (the sign-in catalogue does not know them)."""
    if step.error is None or step.error.code not in _REVOKE_ERRORS:
        return step
    key, cause, next_step = _REVOKE_ERRORS[step.error.code]
    return step.with_(explanation=Explanation(key, cause, next_step))


class RefreshTokenJobs:
    """Rotate, revoke and prove dead the session's refresh token (a mixin of ``SignInSession``)."""

    gateway: Any
    request: SignInRequest
    context: ExplainContext
    result: SignInResult | None
    _device: Any

    if TYPE_CHECKING:  # provided by ChallengeMachine and SignInSession

        def _index(self) -> int: ...

        def _record(self, step: Step) -> Step: ...

        async def _refresh_call(self, title: str) -> tuple[Step, dict[str, Any] | None]: ...

    def hold_refresh_token(self, refresh_token: str) -> None:
        """Start from a refresh token alone (no sign-in first): what ``auth revoke`` does."""
        self.result = SignInResult(refresh_token=refresh_token)

    def _refresh_token(self) -> str:
        from cogtui.auth.challenge_machine import SignInStateError

        token = self.result.refresh_token if self.result else None
        if not token:
            raise SignInStateError("There is no refresh token yet.", code="NotSignedIn")
        return token

    def _client_params(self, token_key: str) -> dict[str, Any]:
        params: dict[str, Any] = {"ClientId": self.request.client_id, token_key: self._refresh_token()}
        if self.request.client_secret:
            params["ClientSecret"] = self.request.client_secret
        return params

    async def rotate(self) -> Step:
        """GetTokensFromRefreshToken: new tokens (and a new refresh token when rotation is on)."""
        params = self._client_params("RefreshToken")
        if self._device is not None:
            params["DeviceKey"] = self._device.device_key
        step, response = await call_step(
            self.gateway,
            ROTATE,
            params,
            index=self._index(),
            title=f"{ROTATE} (refresh-token rotation)",
            context=self.context.with_(flow="REFRESH_TOKEN_AUTH"),
        )
        auth = (response or {}).get("AuthenticationResult")
        if not auth:
            return self._record(unsupported(step, ROTATE))
        sent = params["RefreshToken"]
        rotated = bool(auth.get("RefreshToken")) and auth.get("RefreshToken") != sent
        self.result = SignInResult.from_api(auth, previous_refresh_token=sent)
        note = (
            "A new refresh token came back: rotation is on, the one sent is void after the grace period."
            if rotated
            else "No new refresh token: rotation is off for this client; the refresh token sent stays valid."
        )
        return self._record(step.with_(signed_in=True, notes=(*step.notes, note)))

    async def revoke(self) -> Step:
        """RevokeToken with the session's refresh token."""
        step, _ = await call_step(
            self.gateway,
            REVOKE,
            self._client_params("Token"),
            index=self._index(),
            title=f"{REVOKE} (the refresh token and its access tokens)",
            context=self.context,
        )
        step = revoke_explained(unsupported(step, REVOKE))
        if step.error is None:
            step = step.with_(notes=(*step.notes, REVOKED_NOTE))
        return self._record(step)

    async def prove_revoked(self) -> tuple[Step, bool | None]:
        """REFRESH_TOKEN_AUTH with the revoked token: the step, and whether the token is dead: True when
        refused for the refresh token, False when accepted, None when refused for another reason (a
        wrong SECRET_HASH, say), which proves nothing.

        The session's tokens stay as they were either way: an endpoint that answers is wrong, the user
        did not sign in again."""
        step, _ = await self._refresh_call(PROOF_TITLE)
        if step.error is not None:
            dead = step.explanation is not None and step.explanation.key == "refresh_token_invalid"
            note = PROOF_DEAD if dead else PROOF_INCONCLUSIVE
            return self._record(step.with_(notes=(*step.notes, note))), (True if dead else None)
        err = CogtuiError(PROOF_ALIVE, code="RevokedTokenAccepted", operation=step.operation)
        alive = step.with_(
            signed_in=False, error=err, explanation=_STILL_ACCEPTED, notes=(*step.notes, PROOF_ALIVE)
        )
        return self._record(alive), False
