"""Timeline steps: one per AWS call of a sign-in (or a local refusal), with secrets redacted.

``call_step`` makes one call through the gateway and returns the ``Step`` (and the raw response for
the engine). A step carries the operation, the redacted request, a response summary (challenge and
parameters, or token summaries), timing, request id, the username SECRET_HASH was computed over, and
on failure the typed error and its explanation. ``to_dict`` is the redacted JSON for sharing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cogtui.auth.challenges import Question
from cogtui.auth.context import ExplainContext, merge_context
from cogtui.auth.explanation import Explanation
from cogtui.auth.refusal_catalogue import explain
from cogtui.auth.result import summarize_authentication_result
from cogtui.auth.secret_hash import HashedUsername
from cogtui.aws.call_step import CallStep
from cogtui.aws.errors import CogtuiError
from cogtui.aws.trace import REDACTED, redact

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

IDP = "cognito-idp"
LOCAL = "(local)"


@dataclass(frozen=True)
class Step(CallStep):
    """One entry of the sign-in timeline: a call, plus what sign-in adds (SECRET_HASH, challenge...)."""

    hashed_username: HashedUsername | None = None
    challenge: str | None = None
    explanation: Explanation | None = None
    next: Question | None = None
    signed_in: bool = False
    context: ExplainContext | None = field(default=None, repr=False, compare=False)

    def with_(self, **changes: Any) -> Step:
        return replace(self, **changes)

    def explain_with(self, facts: ExplainContext) -> Explanation | None:
        """This step's error explained again with more facts (client, pool, user) discovered since."""
        if self.error is None:
            return None
        base = self.context or ExplainContext(operation=self.operation)
        return explain(self.error, merge_context(base, facts))

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["hashed_username"] = (
            {"value": self.hashed_username.value, "source": self.hashed_username.source}
            if self.hashed_username
            else None
        )
        out["challenge"] = self.challenge
        out["signed_in"] = self.signed_in
        if self.explanation is not None:
            out["explanation"] = self.explanation.to_dict()
        if self.next is not None:
            out["next"] = self.next.to_dict()
        return out


def summarize_response(response: dict[str, Any]) -> dict[str, Any]:
    """The response as the timeline shows it: challenge and parameters, or token summaries; redacted."""
    out: dict[str, Any] = {}
    for key, value in response.items():
        if key == "ResponseMetadata":
            continue
        if key == "AuthenticationResult" and isinstance(value, dict):
            out[key] = summarize_authentication_result(value)
        elif key == "Session":
            out[key] = REDACTED if value else value
        else:
            out[key] = redact(value, key)
    return out


def _redacted_values(original: Any, redacted: Any) -> list[str]:
    """The secret strings of a request: the values ``redact`` replaced."""
    if isinstance(original, dict) and isinstance(redacted, dict):
        return [v for k in original for v in _redacted_values(original[k], redacted.get(k))]
    if isinstance(original, list | tuple) and isinstance(redacted, list | tuple):
        return [v for o, r in zip(original, redacted, strict=False) for v in _redacted_values(o, r)]
    if isinstance(original, str) and redacted == REDACTED and len(original) >= 6:
        return [original]
    return []


def scrub_error(err: CogtuiError, params: dict[str, Any]) -> CogtuiError:
    """``err`` without any secret of the request in its message (some endpoints echo tokens or hashes)."""
    message = err.message or ""
    for value in _redacted_values(params, redact(params)):
        message = message.replace(value, REDACTED)
    return err if message == (err.message or "") else replace(err, message=message)


async def call_step(
    gateway: Gateway,
    operation: str,
    params: dict[str, Any],
    *,
    index: int,
    title: str,
    context: ExplainContext,
    hashed: HashedUsername | None = None,
    notes: tuple[str, ...] = (),
    service: str = IDP,
) -> tuple[Step, dict[str, Any] | None]:
    """Call ``operation`` through the gateway; the step, and the raw response (None on failure)."""
    started = time.time()
    t0 = time.perf_counter()
    request = redact(params)
    try:
        response = await gateway.call(service, operation, **params)
    except CogtuiError as raw_err:
        err = scrub_error(raw_err, params)
        step = Step(
            index=index,
            operation=operation,
            title=title,
            request=request,
            response={"Error": {"Code": err.code, "Message": err.message}},
            started_at=started,
            duration_ms=(time.perf_counter() - t0) * 1000,
            request_id=err.request_id,
            http_status=err.http_status,
            hashed_username=hashed,
            error=err,
            explanation=explain(err, context.with_(operation=operation)),
            notes=notes,
            context=context.with_(operation=operation),
        )
        return step, None
    meta = response.get("ResponseMetadata") or {}
    step = Step(
        index=index,
        operation=operation,
        title=title,
        request=request,
        response=summarize_response(response),
        started_at=started,
        duration_ms=(time.perf_counter() - t0) * 1000,
        request_id=meta.get("RequestId") or None,
        http_status=meta.get("HTTPStatusCode"),
        hashed_username=hashed,
        challenge=response.get("ChallengeName"),
        signed_in="AuthenticationResult" in response and bool(response["AuthenticationResult"]),
        notes=notes,
    )
    return step, response


def local_step(
    index: int, title: str, error: CogtuiError, context: ExplainContext, request: dict[str, Any] | None = None
) -> Step:
    """A step refused before any call (an answer the terminal cannot give, a missing device key...)."""
    return Step(
        index=index,
        operation=LOCAL,
        title=title,
        request=redact(request or {}),
        response={},
        started_at=time.time(),
        duration_ms=0.0,
        error=error,
        explanation=explain(error, context),
        context=context,
    )


def timeline_json(steps: list[Step], indent: int | None = 2) -> str:
    """The whole timeline as redacted JSON, to copy or save and share with a teammate."""
    import json

    return json.dumps([step.to_dict() for step in steps], indent=indent, default=str)
