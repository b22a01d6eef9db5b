"""The refusal catalogue: Cognito's error (code + message) in context -> likely cause and next step.

Rules are tried in order; the first that matches explains the error. They match on the error code
first and on Cognito's message texts only to tell apart causes that share a code (NotAuthorizedException
covers a wrong password, a disabled user, a bad SECRET_HASH and an expired session). Emulators word
their messages differently, so every rule that can also works from the context (the client has a
secret, the session was already used, an ID token was passed...). The rules live in
``rules_signin`` (the sign-in itself) and ``rules_challenges`` (codes, sessions, tokens, MFA).
"""

from __future__ import annotations

from cogtui.auth.context import ExplainContext
from cogtui.auth.explanation import Explanation, Rule
from cogtui.auth.rules_challenges import CHALLENGE_RULES
from cogtui.auth.rules_signin import CREDENTIAL_RULES, LAST_RESORT_RULES
from cogtui.aws.errors import CogtuiError

__all__ = ["RULES", "explain"]

RULES: tuple[Rule, ...] = (*CREDENTIAL_RULES, *CHALLENGE_RULES, *LAST_RESORT_RULES)


def _fallback(err: CogtuiError, ctx: ExplainContext) -> Explanation:
    return Explanation(
        "unexplained",
        f"{err.code}: {err.message}" if err.message else err.code,
        err.hint
        or "See the request and response on the timeline; the request id identifies the call for AWS support.",
    )


def explain(err: CogtuiError, ctx: ExplainContext | None = None) -> Explanation:
    """The catalogue's explanation for ``err`` in ``ctx`` (a generic one when no rule matches)."""
    ctx = ctx or ExplainContext(operation=err.operation)
    if not ctx.operation and err.operation:
        ctx = ctx.with_(operation=err.operation)
    for rule in RULES:
        found = rule(err, ctx)
        if found is not None:
            return found
    return _fallback(err, ctx)
