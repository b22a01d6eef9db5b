"""The bookkeeping under the sign-in state machine: steps, state, the challenge session, its expiry and reuse.

``ChallengeMachine`` records each step (and tells the listener), keeps the current challenge, its
session token and when it expires, remembers which sessions were already used, sends
RespondToAuthChallenge, and turns each response into the next state. ``SignInSession`` (signin_session.py)
adds the flows and the challenge handlers on top.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cogtui.auth.challenges import AUTOMATIC_CHALLENGES, Question, device_question, question_for
from cogtui.auth.context import ExplainContext, merge_context
from cogtui.auth.flows import SignInRequest
from cogtui.auth.refusal_catalogue import explain
from cogtui.auth.result import SignInResult
from cogtui.auth.secret_hash import HashedUsername, challenge_username, internal_username
from cogtui.auth.srp import SrpSigner
from cogtui.auth.steps import Step, call_step, local_step
from cogtui.errors import CogtuiError

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

NEW, CHALLENGE, SIGNED_IN, FAILED = "new", "challenge", "signed_in", "failed"

# Errors after which the same question may be answered again on the same session.
RETRYABLE_CODES = frozenset(
    {
        "CodeMismatchException",
        "EnableSoftwareTokenMFAException",
        "InvalidPasswordException",
        "InvalidParameterException",
        "TooManyRequestsException",
        "ThrottlingException",
        "ReadTimeout",
        "ConnectTimeout",
        "EndpointConnectionError",
    }
)


class SignInStateError(CogtuiError):
    """The session cannot do that now (answer without a question, refresh without tokens...)."""


class ChallengeMachine:
    """The bookkeeping of one sign-in: steps, state, the challenge session and its expiry, sending answers."""

    def __init__(
        self,
        gateway: Gateway,
        request: SignInRequest,
        *,
        context: ExplainContext | None = None,
        on_step: Callable[[Step], None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.gateway = gateway
        self.request = request
        base = context or ExplainContext()
        self.context = base.with_(
            flow=request.auth_flow,
            typed_username=request.username or base.typed_username,
            session_validity_minutes=request.session_validity_minutes or base.session_validity_minutes,
        )
        self.steps: list[Step] = []
        self.result: SignInResult | None = None
        self.pending: Question | None = None
        self.state = NEW
        self._on_step = on_step
        self._clock = clock
        self._session: str | None = None
        self._session_issued_at: float | None = None
        self._challenge: str | None = None
        self._challenge_params: dict[str, Any] = {}
        self._available: tuple[str, ...] = ()
        self._internal_username: str | None = None
        self._srp: SrpSigner | None = None
        self._device_srp: SrpSigner | None = None
        self._device = request.device
        self._used_sessions: dict[str, int] = {}
        self._last_respond: tuple[str, dict[str, Any], str, HashedUsername | None, str] | None = None

    # -- session validity -------------------------------------------------------------------------------

    @property
    def expires_at(self) -> float | None:
        """When the current challenge session stops being accepted (epoch seconds), if there is one."""
        if self._session_issued_at is None or self.state != CHALLENGE:
            return None
        return self._session_issued_at + self.context.validity_minutes * 60

    def seconds_left(self, now: float | None = None) -> float | None:
        expires = self.expires_at
        if expires is None:
            return None
        return max(0.0, expires - (self._clock() if now is None else now))

    @property
    def session_expired(self) -> bool:
        left = self.seconds_left()
        return left is not None and left <= 0

    def add_facts(self, facts: ExplainContext) -> None:
        """Complete the context with discovered client, pool and user facts (explanations, expiry, issuer)."""
        self.context = merge_context(self.context, facts)

    # -- internals -----------------------------------------------------------------------------------------

    def _index(self) -> int:
        return len(self.steps) + 1

    def _record(self, step: Step) -> Step:
        self.steps.append(step)
        if self._on_step is not None:
            self._on_step(step)
        return step

    def _ctx(self, **changes: Any) -> ExplainContext:
        used = self._used_sessions.get(self._session) if self._session else None
        return self.context.with_(
            challenge=self._challenge,
            session_expired=self.session_expired,
            session_used_by_step=used,
            **changes,
        )

    def _hash(self, username: str, source: str) -> tuple[str | None, HashedUsername | None]:
        return self.request.hash_for(username, source)

    def _responder(self) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {"ClientId": self.request.client_id}
        if self.request.is_admin:
            params["UserPoolId"] = self.request.pool_id
            return "AdminRespondToAuthChallenge", params
        return "RespondToAuthChallenge", params

    def _user(self) -> HashedUsername:
        return challenge_username(
            self._challenge, self._challenge_params, self._internal_username, self.request.username
        )

    def _finish_responses(self, responses: dict[str, str], user: HashedUsername) -> HashedUsername | None:
        value, hashed = self._hash(user.value, user.source)
        if value:
            responses["SECRET_HASH"] = value
        if self._device is not None:
            responses.setdefault("DEVICE_KEY", self._device.device_key)
        return hashed

    def _set_challenge(self, challenge: str, response: dict[str, Any]) -> None:
        if response.get("Session"):
            self._session = response["Session"]
            self._session_issued_at = self._clock()
        self._challenge = challenge
        self._challenge_params = dict(response.get("ChallengeParameters") or {})
        self._available = tuple(response.get("AvailableChallenges") or ())
        returned = internal_username(self._challenge_params)
        if returned:
            self._internal_username = returned
        self.state = CHALLENGE

    def _question_with_expiry(self, question: Question) -> Question:
        return replace(question, expires_at=self.expires_at)

    # -- the machine ---------------------------------------------------------------------------------------

    async def _after(
        self, step: Step, response: dict[str, Any] | None, used_session: str | None = None
    ) -> Step:
        if response is None:
            assert step.error is not None
            if self.pending is not None and step.error.code in RETRYABLE_CODES:
                self.state = CHALLENGE
                return self._record(step.with_(next=self._question_with_expiry(self.pending)))
            self.pending = None
            self.state = FAILED
            return self._record(step)
        if used_session and response.get("Session") != used_session:
            self._used_sessions[used_session] = step.index
        auth = response.get("AuthenticationResult")
        if auth:
            previous = self.result.refresh_token if self.result else self.request.refresh_token
            self.result = SignInResult.from_api(
                auth, previous_refresh_token=previous, issued_at=self._clock()
            )
            self.pending = None
            self.state = SIGNED_IN
            return self._record(step.with_(signed_in=True))
        challenge = response.get("ChallengeName")
        if not challenge:
            err = CogtuiError(
                "Cognito answered with neither tokens nor a challenge.",
                code="EmptyResponse",
                operation=step.operation,
            )
            self.pending = None
            self.state = FAILED
            return self._record(step.with_(error=err, explanation=explain(err, self._ctx())))
        self._set_challenge(challenge, response)
        if challenge == "DEVICE_SRP_AUTH" and self._device is None:
            self.pending = device_question(challenge, self.expires_at)
            return self._record(step.with_(next=self.pending))
        if challenge in AUTOMATIC_CHALLENGES:
            self.pending = None
            self._record(step)
            return await self._automatic(challenge)
        question = question_for(challenge, self._challenge_params, self._available, self.expires_at)
        assert question is not None
        if challenge == "MFA_SETUP" and (not question.options or "SOFTWARE_TOKEN_MFA" in question.options):
            self.pending = None
            self._record(step)
            return await self._associate(question)
        self.pending = question
        return self._record(step.with_(next=question))

    async def _respond(
        self,
        challenge: str,
        responses: dict[str, str],
        hashed: HashedUsername | None,
        **context: Any,
    ) -> Step:
        operation, params = self._responder()
        params["ChallengeName"] = challenge
        params["ChallengeResponses"] = responses
        if self._session:
            params["Session"] = self._session
        if self.request.client_metadata:
            params["ClientMetadata"] = dict(self.request.client_metadata)
        used = self._session
        title = f"{operation} {challenge}"
        ctx = self._ctx(secret_hash_sent="SECRET_HASH" in responses, hashed_username=hashed, **context)
        step, response = await call_step(
            self.gateway, operation, params, index=self._index(), title=title, context=ctx, hashed=hashed
        )
        if response is not None:
            self._last_respond = (operation, params, title, hashed, challenge)
        return await self._after(step, response, used_session=used)

    def _fail_locally(
        self, challenge: str, message: str, *, keep_pending: bool = False, hint: str = ""
    ) -> Step:
        err = CogtuiError(message, code="UnsupportedChallenge", operation=challenge, hint=hint)
        step = local_step(self._index(), challenge, err, self._ctx())
        if keep_pending and self.pending is not None:
            return self._record(step.with_(next=self.pending))
        self.pending = None
        self.state = FAILED
        return self._record(step)

    # -- hooks the flows implement -------------------------------------------------------------------

    async def _automatic(self, challenge: str) -> Step:
        """Answer a challenge that needs no question (SRP maths)."""
        raise NotImplementedError

    async def _associate(self, question: Question) -> Step:
        """Start MFA_SETUP (associate an authenticator with the challenge session)."""
        raise NotImplementedError
