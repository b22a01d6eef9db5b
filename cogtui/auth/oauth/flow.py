"""Managed login (authorization code + PKCE) and client credentials, end to end, one step at a time.

``OAuthSession`` reads the pool and the client (when allowed), resolves the domain's endpoints and
says the pre-flight warnings; then either

* ``begin_login`` picks the registered loopback callback, starts listening on it, probes
  ``/oauth2/authorize`` (without following the redirect, so a ``redirect_mismatch`` or a missing
  domain is said before any browser opens) and returns the URL to open; ``finish_login`` waits for the
  callback, checks ``state``, exchanges the code with the verifier and checks the ID token's ``nonce``;
* or ``client_credentials`` asks the token endpoint for an access token with the chosen scopes.

``refresh``, ``revoke`` and ``userinfo`` follow, and (after_login) ``prove_revoked`` and ``logout``. Every exchange is a ``Step`` given to ``on_step``,
every failure explained (``explain_oauth``). Blocking HTTP runs on a thread: the caller's event loop
never waits on the network.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from cogtui.auth.explanation import Explanation
from cogtui.auth.oauth.after_login import AfterLogin
from cogtui.auth.oauth.endpoints import OAuthEndpoints, domain_base, resolve_endpoints
from cogtui.auth.oauth.exchange import Reply, exchange_step, make_step
from cogtui.auth.oauth.explain import OAuthFacts, explain_oauth
from cogtui.auth.oauth.loopback import CallbackListener, Loopback, LoopbackError, pick_callback
from cogtui.auth.oauth.pkce import Pkce
from cogtui.auth.oauth.preflight import CLIENT_CREDENTIALS, MANAGED_LOGIN, preflight
from cogtui.auth.oauth.token_client import client_auth, revoke_request, token_request, userinfo_request
from cogtui.auth.oauth.urls import authorize_url
from cogtui.auth.steps import Step
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, UserPool
from cogtui.findings.oauth_flow import resource_scope_names

DEFAULT_SCOPES = ("openid",)
CALLBACK_WAIT_S = 300.0


@dataclass(frozen=True)
class OAuthRequest:
    pool_id: str
    client_id: str
    client_secret: str | None = None
    scopes: tuple[str, ...] = ()
    redirect_uri: str | None = None
    identity_provider: str | None = None


class OAuthSession(AfterLogin):
    """One OAuth sign-in against a pool's domain; ``steps`` is its timeline."""

    def __init__(
        self,
        gateway: Any,
        request: OAuthRequest,
        endpoint_url: str | None,
        on_step: Callable[[Step], None] | None = None,
    ) -> None:
        self.gateway, self.request, self.endpoint_url = gateway, request, endpoint_url
        self.on_step = on_step
        self.steps: list[Step] = []
        self.pool: UserPool | None = None
        self.client: AppClient | None = None
        self.resource_scopes: tuple[str, ...] = ()
        self.endpoints: OAuthEndpoints | None = None
        self.warnings: list[str] = []
        self.pkce: Pkce | None = None
        self.loopback: Loopback | None = None
        self.listener: CallbackListener | None = None
        self.url = ""
        self.tokens: dict[str, Any] | None = None
        self._redeemed: set[str] = set()

    # -- facts ----------------------------------------------------------------------------------

    def facts(self, **changes: Any) -> OAuthFacts:
        base = OAuthFacts(
            client_id=self.request.client_id,
            client=self.client,
            pool=self.pool,
            domain_base=self.endpoints.base if self.endpoints else "",
            redirect_uri=self.loopback.redirect_uri if self.loopback else (self.request.redirect_uri or ""),
            scopes=self.request.scopes,
            secret_sent=client_auth(self.request.client_id, self.request.client_secret)[2],
            resource_scopes=self.resource_scopes,
        )
        return replace(base, **changes)

    def _add(self, step: Step, facts: OAuthFacts | None = None) -> Step:
        step = step.with_(index=len(self.steps) + 1)
        if step.error is not None and step.explanation is None:
            step = step.with_(explanation=explain_oauth(step.error, facts or self.facts()))
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)
        return step

    def _local(
        self,
        title: str,
        code: str,
        message: str,
        facts: OAuthFacts | None = None,
        explanation: Explanation | None = None,
        **request: Any,
    ) -> Step:
        """A step refused before anything is sent; ``explanation`` (when given) replaces the catalogue's."""
        error = CogtuiError(message=message, code=code, operation="(local)")
        step = make_step(0, title, "(local)", request, {}, time.time(), error)
        return self._add(step.with_(explanation=explanation), facts)

    async def prepare(self, flow: str) -> list[str]:
        """Read the pool, the client and the resource servers (what this caller may read) and resolve
        the endpoints; the pre-flight warnings. CogtuiError when the pool has no OAuth endpoints."""
        gateway, request = self.gateway, self.request
        self.pool = await _optional(gateway.describe_user_pool(request.pool_id))
        self.client = await _optional(gateway.describe_client(request.pool_id, request.client_id))
        listed = await _optional(
            gateway.call("cognito-idp", "ListResourceServers", UserPoolId=request.pool_id, MaxResults=50)
        )
        self.resource_scopes = resource_scope_names(listed)
        if self.pool is not None:
            self.endpoints = await asyncio.to_thread(resolve_endpoints, self.pool, self.endpoint_url)
        self.warnings = preflight(
            self.pool,
            self.client,
            flow,
            self.request.scopes,
            bool(request.client_secret),
            self.resource_scopes,
            request.redirect_uri,
        )
        if self.endpoints is None:
            where = domain_base(self.pool, self.endpoint_url) if self.pool else None
            step = self._local(
                "Find the pool's OAuth endpoints",
                "domain_not_found",
                "the pool has no domain" if self.pool else f"the pool {request.pool_id} could not be read",
                pool_id=request.pool_id,
                domain=where,
            )
            raise Stopped(step)
        return self.warnings

    # -- authorization code + PKCE ------------------------------------------------------------

    async def begin_login(self) -> str:
        """Listen on the loopback callback, probe /oauth2/authorize; the URL for the browser.
        Stopped (with the failed step) when the sign-in cannot go on."""
        assert self.endpoints is not None
        callbacks = (
            self.client.callback_urls
            if self.client
            else ((self.request.redirect_uri,) if self.request.redirect_uri else ())
        )
        try:
            self.loopback = pick_callback(callbacks, self.request.redirect_uri, strict=False)
        except LoopbackError as exc:
            cause = (
                "cogtui receives the code on a loopback callback (RFC 8252), and none of the client's "
                f"CallbackURLs is one; Cognito would answer any other redirect_uri with redirect_mismatch. "
                f"Registered: {', '.join(callbacks) or '(none)'}"
            )
            step = self._local(
                "Choose the loopback callback",
                "redirect_mismatch",
                str(exc),
                explanation=Explanation("oauth_no_loopback_callback", cause, exc.explanation),
                callback_urls=list(callbacks),
            )
            raise Stopped(step) from None
        self.pkce = Pkce.new()
        scopes = self.request.scopes or _default_scopes(self.client)
        self.request = replace(self.request, scopes=scopes)
        self.url = authorize_url(
            self.endpoints,
            self.request.client_id,
            self.loopback.redirect_uri,
            scopes,
            self.pkce,
            identity_provider=self.request.identity_provider,
        )
        probe, reply = await asyncio.to_thread(
            exchange_step, 0, "Authorize request (probe, redirect not followed)", "GET", self.url
        )
        probe = self._add(probe)
        if probe.error is not None:
            raise Stopped(probe)
        self.listener = CallbackListener(self.loopback)
        try:
            self.listener.start()
        except LoopbackError as exc:
            explained = explain_oauth(CogtuiError(message=str(exc), code="callback_port_busy"), self.facts())
            step = self._local(
                "Listen on the callback",
                "callback_port_busy",
                str(exc),
                explanation=replace(explained, next_step=exc.explanation),
            )
            raise Stopped(step) from None
        return self.url

    async def finish_login(self, wait_s: float = CALLBACK_WAIT_S) -> dict[str, Any] | None:
        """Wait for the callback, check state, exchange the code, check the nonce: the tokens, or None."""
        assert self.listener is not None and self.pkce is not None and self.loopback is not None
        started = time.time()
        try:
            params = await asyncio.to_thread(self.listener.wait, wait_s)
        finally:
            self.listener.close()
        if params is None:
            self._local("Wait for the callback", "callback_timeout", f"no callback within {wait_s:.0f} s")
            return None
        callback = make_step(
            0,
            "Callback received from the browser",
            f"GET {self.loopback.path}",
            {"url": self.loopback.redirect_uri, "query": params},
            {},
            started,
        )
        if params.get("error"):
            err = CogtuiError(
                message=params.get("error_description", ""),
                code=params["error"],
                operation=callback.operation,
            )
            self._add(callback.with_(error=err))
            return None
        if params.get("state") != self.pkce.state:
            self._add(
                callback.with_(
                    error=CogtuiError(
                        message="the state returned is not the one sent",
                        code="state_mismatch",
                        operation=callback.operation,
                    )
                ).with_(explanation=_STATE_MISMATCH)
            )
            return None
        self._add(callback.with_(notes=("state matches the one sent",)))
        return await self.exchange_code(params.get("code", ""), self.pkce.verifier)

    async def exchange_code(self, code: str, verifier: str) -> dict[str, Any] | None:
        """POST /oauth2/token with grant_type=authorization_code (the code's verifier and redirect_uri)."""
        assert self.endpoints is not None and self.loopback is not None
        grant = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.loopback.redirect_uri,
            "code_verifier": verifier,
        }
        facts = self.facts(
            grant_type="authorization_code",
            code_redeemed_before=code in self._redeemed,
            verifier_sent=bool(verifier),
        )
        self._redeemed.add(code)
        step, reply = await self._token(
            grant, "Exchange the code for tokens (authorization_code + PKCE verifier)"
        )
        return self._tokens(step, reply, facts, nonce=self.pkce.nonce if self.pkce else None)

    async def _token(self, grant: dict[str, str], title: str) -> tuple[Step, Reply]:
        assert self.endpoints is not None
        request = self.request
        return await asyncio.to_thread(
            token_request,
            self.endpoints.token,
            grant,
            request.client_id,
            request.client_secret,
            index=0,
            title=title,
        )

    # -- client credentials, refresh, revoke, userInfo ---------------------------------------------

    async def client_credentials(self) -> dict[str, Any] | None:
        assert self.endpoints is not None
        grant = {"grant_type": "client_credentials"}
        if self.request.scopes:
            grant["scope"] = " ".join(self.request.scopes)
        step, reply = await self._token(grant, "Client credentials token request")
        return self._tokens(step, reply, self.facts(grant_type="client_credentials"))

    async def refresh(self, refresh_token: str) -> dict[str, Any] | None:
        grant = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        step, reply = await self._token(grant, "Refresh through /oauth2/token")
        found = self._tokens(step, reply, self.facts(grant_type="refresh_token"))
        if found is not None:
            found.setdefault("refresh_token", refresh_token)
        return found

    async def revoke(self, refresh_token: str) -> bool:
        assert self.endpoints is not None
        step, _ = await asyncio.to_thread(
            revoke_request,
            self.endpoints.revoke,
            refresh_token,
            self.request.client_id,
            self.request.client_secret,
            index=0,
        )
        return self._add(step).error is None

    async def userinfo(self, access_token: str) -> dict[str, Any] | None:
        assert self.endpoints is not None
        step, reply = await asyncio.to_thread(
            userinfo_request, self.endpoints.userinfo, access_token, index=0
        )
        return reply.json() if self._add(step).error is None else None

    def _tokens(
        self, step: Step, reply: Reply, facts: OAuthFacts, nonce: str | None = None
    ) -> dict[str, Any] | None:
        if step.error is not None:
            self._add(step, facts)
            return None
        tokens = reply.json()
        notes = list(_token_notes(tokens, self.request, self.endpoint_url))
        if nonce is not None and tokens.get("id_token"):
            from cogtui.tokens.decode import decode_token

            got = (decode_token(tokens["id_token"]).payload or {}).get("nonce")
            if got != nonce:
                err = CogtuiError(
                    message="the ID token's nonce is not the one sent",
                    code="nonce_mismatch",
                    operation=step.operation,
                )
                self._add(step.with_(error=err, explanation=_NONCE_MISMATCH))
                return None
            notes.insert(0, "ID token nonce matches the one sent")
        self._add(step.with_(notes=tuple(notes), signed_in=True))
        self.tokens = tokens
        return tokens


class Stopped(Exception):
    """The flow cannot go on; ``step`` (already on the timeline) says why."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.title)
        self.step = step


async def _optional(pending: Any) -> Any:
    """The answer, or None when this caller may not read it (the flow goes on with fewer facts)."""
    try:
        return await pending
    except CogtuiError:
        return None


def _default_scopes(client: AppClient | None) -> tuple[str, ...]:
    if client is None:
        return DEFAULT_SCOPES
    return tuple(s for s in client.oauth_scopes if "/" not in s) or client.oauth_scopes


def _token_notes(tokens: dict[str, Any], request: OAuthRequest, endpoint_url: str | None) -> list[str]:
    """One line per token: verified against the pool's keys and issuer, or what failed."""
    from cogtui.tokens.jwks import RemoteJwks
    from cogtui.tokens.pool_issuer import endpoint_pool_issuers
    from cogtui.tokens.validation import validate

    issuers = endpoint_pool_issuers(request.pool_id, endpoint_url)
    if issuers is None:
        return []
    jwks = RemoteJwks(issuers.jwks_url)
    notes = []
    for name, use in (("id_token", "id"), ("access_token", "access")):
        if not tokens.get(name):
            continue
        report = validate(tokens[name], jwks=jwks, issuer=issuers, token_use=use)
        failed = ", ".join(check.name for check in report.failures)
        notes.append(
            f"{name}: {'verified (signature, issuer, expiry)' if report.valid else 'NOT valid: ' + failed}"
        )
    return notes


_STATE_MISMATCH = Explanation(
    "oauth_state_mismatch",
    "The callback's state is not the one this sign-in sent: the callback belongs to another sign-in "
    "(an old browser tab) or was forged.",
    "Start the sign-in again and finish it in the tab it opens.",
)
_NONCE_MISMATCH = Explanation(
    "oauth_nonce_mismatch",
    "The ID token's nonce is not the one sent to /oauth2/authorize: the token was issued for another request.",
    "Discard these tokens and sign in again.",
)

__all__ = [
    "CALLBACK_WAIT_S",
    "CLIENT_CREDENTIALS",
    "MANAGED_LOGIN",
    "OAuthRequest",
    "OAuthSession",
    "Stopped",
]
