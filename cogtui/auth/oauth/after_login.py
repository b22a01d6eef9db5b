"""After a managed login: prove a revoked refresh token dead at /oauth2/token, and sign out at /logout.

``AfterLogin`` is mixed into ``OAuthSession`` (flow.py), beside its ``refresh``, ``revoke`` and
``userinfo``. ``prove_revoked`` sends the refresh_token grant with the revoked token, which Cognito
must refuse with ``invalid_grant``; the step says whether it did. ``logout`` builds the logout URL
with one of the client's LogoutURLs (a loopback one first) and calls it without following the
redirect, so the timeline shows what the endpoint answered: the redirect to ``logout_uri``, or its
``/error`` page with ``redirect_mismatch`` when the URL is not registered.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from typing import TYPE_CHECKING, Any

from cogtui.auth.explanation import Explanation
from cogtui.auth.oauth.exchange import exchange_step
from cogtui.auth.oauth.urls import logout_url
from cogtui.aws.errors import CogtuiError

if TYPE_CHECKING:
    from cogtui.auth.oauth.endpoints import OAuthEndpoints
    from cogtui.auth.oauth.exchange import Reply
    from cogtui.auth.oauth.explain import OAuthFacts
    from cogtui.auth.steps import Step
    from cogtui.aws.models import AppClient

PROOF_TITLE = "Refresh with the revoked refresh token (must be refused)"
PROOF_DEAD = "Refused as it must be: the revoked refresh token is dead."
PROOF_ALIVE = (
    "NOT refused: this endpoint still accepts the revoked refresh token (Amazon Cognito refuses it)."
)
PROOF_INCONCLUSIVE = "Refused, but not with invalid_grant: this does not prove the refresh token dead."

_STILL_ACCEPTED = Explanation(
    "oauth_revoked_token_accepted",
    "/oauth2/revoke answered 200, yet the refresh_token grant with the same token returned tokens: the "
    "endpoint does not enforce revocation (Amazon Cognito answers invalid_grant).",
    "Do not rely on this endpoint for revocation; check it against Amazon Cognito.",
)


def pick_logout_uri(client: AppClient | None) -> str:
    """The LogoutURL to send: a loopback one first (nothing leaves this machine), else the first."""
    urls = client.logout_urls if client else ()
    local = [u for u in urls if u.startswith(("http://localhost", "http://127.0.0.1"))]
    return (local or list(urls) or [""])[0]


def explain_logout(err: CogtuiError, client: AppClient | None, sent: str) -> Explanation:
    registered = ", ".join(client.logout_urls) if client and client.logout_urls else "(none)"
    if not sent:
        return Explanation(
            "oauth_logout_no_uri",
            f"/logout needs a logout_uri that is one of the client's LogoutURLs; the client has none "
            f"(Cognito answered {err.code}).",
            "Add a sign-out URL to the app client's LogoutURLs (UpdateUserPoolClient) and log out to it.",
        )
    return Explanation(
        "oauth_logout_mismatch",
        f"Cognito compares logout_uri with the client's LogoutURLs exactly. Sent:       {sent}\n"
        f"Registered: {registered}",
        f"Add {sent} to the app client's LogoutURLs, or send one of the registered URLs.",
    )


class AfterLogin:
    """Revocation proof and logout for an ``OAuthSession`` (a mixin)."""

    client: AppClient | None
    endpoints: OAuthEndpoints | None
    request: Any

    if TYPE_CHECKING:  # provided by OAuthSession

        def facts(self, **changes: Any) -> OAuthFacts: ...

        def _add(self, step: Step, facts: OAuthFacts | None = None) -> Step: ...

        async def _token(self, grant: dict[str, str], title: str) -> tuple[Step, Reply]: ...

    async def prove_revoked(self, refresh_token: str) -> tuple[Step, bool | None]:
        """The refresh_token grant with the revoked token: True when refused with invalid_grant (dead),
        False when tokens came back, None when refused for another reason."""
        grant = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        step, _ = await self._token(grant, PROOF_TITLE)
        if step.error is None:
            err = CogtuiError(PROOF_ALIVE, code="revoked_token_accepted", operation=step.operation)
            alive = step.with_(error=err, explanation=_STILL_ACCEPTED, notes=(PROOF_ALIVE,))
            return self._add(alive), False
        dead = step.error.code == "invalid_grant"
        facts = self.facts(grant_type="refresh_token")
        return self._add(step.with_(notes=(PROOF_DEAD if dead else PROOF_INCONCLUSIVE,)), facts), (
            True if dead else None
        )

    async def logout(self) -> Step:
        """GET /logout with a registered LogoutURL (redirect not followed): what the endpoint answered."""
        assert self.endpoints is not None
        sent = pick_logout_uri(self.client)
        url = (
            logout_url(self.endpoints, self.request.client_id, sent)
            if sent
            else f"{self.endpoints.logout}?{urllib.parse.urlencode({'client_id': self.request.client_id})}"
        )
        step, reply = await asyncio.to_thread(exchange_step, 0, "Log out of managed login", "GET", url)
        if step.error is not None:
            return self._add(step.with_(explanation=explain_logout(step.error, self.client, sent)))
        note = f"The endpoint redirects to {reply.location or '(no Location)'}: the managed-login session is over."
        return self._add(step.with_(notes=(note,)))
