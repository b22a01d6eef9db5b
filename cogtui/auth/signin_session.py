"""The sign-in state machine: start a flow, answer each challenge, end with tokens or an explained failure.

A ``SignInSession`` drives one sign-in through the gateway. ``start()`` and ``answer()`` return the
last ``Step``; every step (automatic ones included: PASSWORD_VERIFIER, device SRP, the
AssociateSoftwareToken of MFA_SETUP) is in ``steps`` and is passed to ``on_step`` as it happens, so a
screen only shows steps and asks ``step.next`` (a ``Question``). The challenge session's expiry
(``expires_at``) and reuse are tracked (challenge_machine.py) so the explanation can say "expired" or
"already used".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cogtui.auth.challenge_machine import (
    CHALLENGE,
    FAILED,
    NEW,
    RETRYABLE_CODES,
    SIGNED_IN,
    ChallengeMachine,
    SignInStateError,
)
from cogtui.auth.challenges import (
    TERMINAL_CHOICES,
    AnswerError,
    ChallengeAnswer,
    Question,
    QuestionKind,
    challenge_responses,
)
from cogtui.auth.flows import initiate_call, needs_srp
from cogtui.auth.password_policy import password_failures
from cogtui.auth.refusal_catalogue import explain
from cogtui.auth.result import SignInResult
from cogtui.auth.secret_hash import HashedUsername, refresh_username
from cogtui.auth.srp import SrpSigner
from cogtui.auth.steps import Step, call_step
from cogtui.auth.token_jobs import RefreshTokenJobs
from cogtui.auth.totp import otpauth_uri
from cogtui.aws.errors import CogtuiError, InvalidInputError

__all__ = ["CHALLENGE", "FAILED", "NEW", "RETRYABLE_CODES", "SIGNED_IN", "SignInSession", "SignInStateError"]

DEFAULT_DEVICE_NAME = "cogtui"


class SignInSession(RefreshTokenJobs, ChallengeMachine):
    """One sign-in, step by step: ``start()``, then ``answer()`` each ``step.next``. Call it from one task."""

    async def start(self) -> Step:
        """Send InitiateAuth (or AdminInitiateAuth) and follow automatic challenges."""
        if self.state != NEW:
            raise SignInStateError("This sign-in has already started.", code="AlreadyStarted")
        problems = self.request.problems()
        if problems:
            raise InvalidInputError("; ".join(problems), code="InvalidSignInRequest")
        req = self.request
        if needs_srp(req):
            self._srp = SrpSigner(req.username, req.password or "", req.pool_id, req.device)
        operation, params, hashed = initiate_call(req, self._srp)
        ctx = self._ctx(secret_hash_sent="SECRET_HASH" in params["AuthParameters"], hashed_username=hashed)
        step, response = await call_step(
            self.gateway,
            operation,
            params,
            index=self._index(),
            title=f"{operation} {req.auth_flow}",
            context=ctx,
            hashed=hashed,
        )
        return await self._after(step, response)

    async def _automatic(self, challenge: str) -> Step:
        """Answer PASSWORD_VERIFIER / DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER with the SRP maths."""
        try:
            computed = self._srp_responses(challenge)
        except (ValueError, KeyError, TypeError) as exc:  # a malformed SALT, SRP_B or SECRET_BLOCK
            return self._fail_locally(challenge, f"Cannot compute the {challenge} answer: {exc!r}.")
        if isinstance(computed, Step):
            return computed
        responses, user = computed
        hashed = self._finish_responses(responses, user)
        return await self._respond(challenge, responses, hashed)

    def _srp_responses(self, challenge: str) -> tuple[dict[str, str], HashedUsername] | Step:
        user = self._user()
        if challenge == "PASSWORD_VERIFIER":
            if self._srp is None:
                return self._fail_locally(
                    "PASSWORD_VERIFIER",
                    "Cognito asked for PASSWORD_VERIFIER but this flow did not start SRP.",
                )
            return self._srp.password_verifier(self._challenge_params, user.value), user
        if challenge == "DEVICE_SRP_AUTH":
            assert self._device is not None
            self._device_srp = SrpSigner(
                self.request.username, self.request.password or "", self.request.pool_id, self._device
            )
            return self._device_srp.device_srp_parameters(user.value), user
        if self._device_srp is None:
            return self._fail_locally(challenge, "DEVICE_PASSWORD_VERIFIER arrived before DEVICE_SRP_AUTH.")
        responses = self._device_srp.device_password_verifier(self._challenge_params)
        return responses, HashedUsername(responses.get("USERNAME", user.value), user.source)

    async def _associate(self, question: Question) -> Step:
        """MFA_SETUP: AssociateSoftwareToken with the challenge session, then ask for the first code."""
        used = self._session
        step, response = await call_step(
            self.gateway,
            "AssociateSoftwareToken",
            {"Session": self._session or ""},
            index=self._index(),
            title="AssociateSoftwareToken (MFA_SETUP)",
            context=self._ctx(),
        )
        if response is None:
            return await self._after(step, None)
        if response.get("Session"):
            if used and response["Session"] != used:
                self._used_sessions[used] = step.index
            self._session = response["Session"]
            self._session_issued_at = self._clock()
        secret = str(response.get("SecretCode") or "")
        pool = self.context.pool.name if self.context.pool else None
        issuer = self.request.pool_name or pool or "Cognito"
        label = self.request.username or self._internal_username or "user"
        self.pending = replace(
            question,
            secret=secret,
            otpauth_uri=otpauth_uri(secret, label, issuer),
            expires_at=self.expires_at,
        )
        self.state = CHALLENGE
        return self._record(step.with_(next=self.pending))

    async def _verify_and_setup(self, answer: ChallengeAnswer) -> Step:
        code = (answer.code or "").strip()
        if not code:
            raise AnswerError("the first code from the authenticator app is needed")
        used = self._session
        params = {
            "Session": self._session or "",
            "UserCode": code,
            "FriendlyDeviceName": answer.device_name or DEFAULT_DEVICE_NAME,
        }
        step, response = await call_step(
            self.gateway,
            "VerifySoftwareToken",
            params,
            index=self._index(),
            title="VerifySoftwareToken (MFA_SETUP)",
            context=self._ctx(),
        )
        if response is None:
            return await self._after(step, None)
        if response.get("Status") != "SUCCESS":
            err = CogtuiError(
                f"VerifySoftwareToken answered {response.get('Status')!r}.",
                code="EnableSoftwareTokenMFAException",
                operation="VerifySoftwareToken",
            )
            return await self._after(step.with_(error=err, explanation=explain(err, self._ctx())), None)
        if response.get("Session"):
            if used and response["Session"] != used:
                self._used_sessions[used] = step.index
            self._session = response["Session"]
            self._session_issued_at = self._clock()
        self._record(step)
        user = self._user()
        responses = {"USERNAME": user.value}
        hashed = self._finish_responses(responses, user)
        return await self._respond("MFA_SETUP", responses, hashed)

    async def _select_challenge(self, question: Question, answer: ChallengeAnswer) -> Step:
        choice = answer.choice
        if not choice:
            raise AnswerError("a choice is needed")
        if question.options and choice not in question.options:
            raise AnswerError(f"{choice} is not one of {', '.join(question.options)}")
        if choice not in TERMINAL_CHOICES:
            return self._fail_locally(
                "SELECT_CHALLENGE",
                f"{choice} cannot be completed from a terminal (it needs a browser and a passkey).",
                keep_pending=True,
                hint=f"Choose another way to sign in: {', '.join(o for o in question.options if o in TERMINAL_CHOICES)}.",
            )
        user = self._user()
        responses = {"USERNAME": user.value, "ANSWER": choice}
        if choice in ("PASSWORD", "PASSWORD_SRP"):
            password = answer.password or self.request.password
            if not password:
                raise AnswerError(f"{choice} needs the password")
            if choice == "PASSWORD":
                responses["PASSWORD"] = password
            else:
                if not self.request.pool_id:
                    raise AnswerError("PASSWORD_SRP needs the user pool id")
                self._srp = SrpSigner(self.request.username, password, self.request.pool_id, self._device)
                responses["SRP_A"] = self._srp.srp_a
        hashed = self._finish_responses(responses, user)
        return await self._respond("SELECT_CHALLENGE", responses, hashed)

    async def answer(self, answer: ChallengeAnswer) -> Step:
        """Answer the pending question. Raises AnswerError when the answer lacks what it asks for."""
        question = self.pending
        if question is None:
            raise SignInStateError("There is no challenge to answer.", code="NoPendingChallenge")
        if question.kind == QuestionKind.DEVICE:
            if answer.device is None:
                raise AnswerError("the device key, group key and device password are needed")
            self._device = answer.device
            return await self._automatic("DEVICE_SRP_AUTH")
        if question.kind == QuestionKind.MFA_SETUP:
            return await self._verify_and_setup(answer)
        if question.kind == QuestionKind.SELECT_CHALLENGE:
            return await self._select_challenge(question, answer)
        if question.kind == QuestionKind.UNSUPPORTED:
            raise AnswerError(question.prompt)
        user = self._user()
        responses = challenge_responses(question, answer, user.value)
        hashed = self._finish_responses(responses, user)
        extra: dict[str, Any] = {}
        if question.kind == QuestionKind.NEW_PASSWORD and answer.new_password:
            policy = self.context.pool.password_policy if self.context.pool else None
            extra["password_failures"] = password_failures(policy, answer.new_password)
        return await self._respond(question.challenge, responses, hashed, **extra)

    async def replay_last(self) -> Step:
        """Send the last successful RespondToAuthChallenge again, with its (now used) session.

        Shows what an app that double-submits gets; the state of this sign-in does not change.
        """
        if self._last_respond is None:
            raise SignInStateError("No challenge answer has been sent yet.", code="NothingToReplay")
        operation, params, title, hashed, challenge = self._last_respond
        session = params.get("Session")
        used = self._used_sessions.get(session) if session else None
        ctx = self.context.with_(challenge=challenge, session_used_by_step=used, hashed_username=hashed)
        step, _ = await call_step(
            self.gateway,
            operation,
            params,
            index=self._index(),
            title=f"{title} (replayed)",
            context=ctx,
            hashed=hashed,
        )
        return self._record(step)

    async def refresh(self) -> Step:
        """REFRESH_TOKEN_AUTH with this sign-in's refresh token; SECRET_HASH over cognito:username."""
        operation = "AdminInitiateAuth" if self.request.is_admin else "InitiateAuth"
        step, response = await self._refresh_call(f"{operation} REFRESH_TOKEN_AUTH")
        if response is None or not response.get("AuthenticationResult"):
            return self._record(step)
        assert self.result is not None
        self.result = SignInResult.from_api(
            response["AuthenticationResult"],
            previous_refresh_token=self.result.refresh_token,
            issued_at=self._clock(),
        )
        self.state = SIGNED_IN
        return self._record(step.with_(signed_in=True))

    async def _refresh_call(self, title: str) -> tuple[Step, dict[str, Any] | None]:
        """Send REFRESH_TOKEN_AUTH with the session's refresh token (not recorded): the step and the response."""
        if self.result is None or not self.result.refresh_token:
            raise SignInStateError("There is no refresh token yet.", code="NotSignedIn")
        req = self.request
        user = refresh_username(
            self.result.id_claims or self.result.access_claims, fallback=req.username or None
        )
        auth: dict[str, str] = {"REFRESH_TOKEN": self.result.refresh_token}
        hashed = None
        if user is not None:
            value, hashed = self._hash(user.value, user.source)
            if value:
                auth["SECRET_HASH"] = value
        if self._device is not None:
            auth["DEVICE_KEY"] = self._device.device_key
        params: dict[str, Any] = {
            "ClientId": req.client_id,
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "AuthParameters": auth,
        }
        operation = "InitiateAuth"
        if req.is_admin:
            operation = "AdminInitiateAuth"
            params["UserPoolId"] = req.pool_id
        ctx = self.context.with_(
            flow="REFRESH_TOKEN_AUTH", secret_hash_sent="SECRET_HASH" in auth, hashed_username=hashed
        )
        return await call_step(
            self.gateway, operation, params, index=self._index(), title=title, context=ctx, hashed=hashed
        )

    async def sign_out(self) -> Step:
        """GlobalSignOut with this sign-in's access token (revokes every refresh token of the user)."""
        from cogtui.auth.account import global_sign_out

        if self.result is None or not self.result.access_token:
            raise SignInStateError("There is no access token yet.", code="NotSignedIn")
        step = await global_sign_out(self.gateway, self.result.access_token, context=self.context)
        return self._record(step.with_(index=self._index()))
