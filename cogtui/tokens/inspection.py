"""What the token inspector checks tokens against, and the check itself (no Textual, no boto3).

- `guess_target`: the pool and clients to pre-fill, and where that guess comes from. Tokens from the
  last sign-in carry the pool and client they were requested for (trusted: the app asked for them).
  A pasted token only names them in its own, unverified `iss`, `aud` and `client_id` claims: fine
  to pre-fill a form, but the note says so, because a forged token names whatever suits it.
- `VerifyRequest` and `verify_pair`: both tokens validated with the rules of the form.
- `JwksProvider`: one `JwksCache` per app, and the pool's issuers as the endpoint in use says (the
  runtime says which endpoint that is, starting the sandbox first when one is asked for).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cogtui.text_safety import safe_text
from cogtui.tokens import JwksCache, JwksSource, ValidationReport, decode_token, infer_target, validate
from cogtui.tokens.jwks import KeyLookup
from cogtui.tokens.pool_issuer import ANY_POOL_ID, IssuerResolver, PoolIssuers, configured_endpoint

KINDS = ("id", "access")

NOTES = {
    "sign-in": "Pool and client of the last sign-in{who}.",
    "token": "! Read from the tokens (untrusted): type what your API expects.",
    "": "",
}


@dataclass(frozen=True)
class TargetGuess:
    """Pool (id or issuer URL) and comma-separated clients to check against; `source` is
    "sign-in", "token" or "" (nothing to go on)."""

    pool: str | None = None
    clients: str | None = None
    source: str = ""
    username: str | None = None

    @property
    def note(self) -> str:
        who = f" ({safe_text(self.username)})" if self.username else ""
        return NOTES[self.source].format(who=who)


def guess_target(id_text: str, access_text: str, signed_in: Any = None) -> TargetGuess:
    """The pool and clients for these two pasted texts; `signed_in` is the app state's Tokens."""
    if signed_in is not None and (signed_in.id_token or signed_in.access_token):
        same = id_text == (signed_in.id_token or "") and access_text == (signed_in.access_token or "")
        if same and (signed_in.pool_id or signed_in.client_id):
            return TargetGuess(signed_in.pool_id, signed_in.client_id, "sign-in", signed_in.username)
    targets = [infer_target(decode_token(text).payload) for text in (id_text, access_text) if text.strip()]
    pool = next((t.pool_id for t in targets if t.pool_id), None) or next(
        (t.issuer for t in targets if t.issuer), None
    )
    clients = ", ".join(dict.fromkeys(t.client_id for t in targets if t.client_id)) or None
    source = "token" if pool or clients else ""
    # what an unverified token names is shown escaped: a pre-filled field never holds a control character
    return TargetGuess(safe_text(pool) if pool else None, safe_text(clients) if clients else None, source)


@dataclass(frozen=True)
class VerifyRequest:
    """What to check: both pasted texts and the rules typed in the form."""

    id_text: str
    access_text: str
    issuer: str | None
    client_ids: tuple[str, ...] | None
    token_use: str
    grace_s: float

    def text(self, kind: str) -> str:
        return self.id_text if kind == "id" else self.access_text

    def expected_use(self, kind: str) -> str:
        """The token_use a field expects: its own kind ("slot"), unless the form says otherwise."""
        return kind if self.token_use == "slot" else self.token_use

    @property
    def empty(self) -> bool:
        return not self.id_text.strip() and not self.access_text.strip()


def verify_pair(
    request: VerifyRequest,
    jwks: JwksSource | None,
    now: float,
    issuer: str | PoolIssuers | None = None,
) -> dict[str, ValidationReport | None]:
    """A report for each non-empty field (may fetch the JWKS: call it off the UI thread). `issuer`
    replaces the form's Pool field once resolved (see `JwksProvider.target`)."""
    reports: dict[str, ValidationReport | None] = {}
    for kind in KINDS:
        text = request.text(kind)
        reports[kind] = (
            validate(
                text,
                jwks=jwks,
                issuer=issuer if issuer is not None else request.issuer,
                client_ids=request.client_ids,
                token_use=request.expected_use(kind),
                grace_s=request.grace_s,
                now=now,
            )
            if text.strip()
            else None
        )
    return reports


class UnresolvedPool:
    """The key source for a pool whose issuer could not be worked out: the jwks check says why."""

    needs_issuer = False

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def lookup(self, kid: str, issuer: str | None = None) -> KeyLookup:
        return KeyLookup(None, error=self.reason)


class JwksProvider:
    """The keys and issuers for the inspector: an injected key source, else the endpoint in use.

    The endpoint is the app's (`--endpoint-url`, the sandbox) or, like every AWS SDK, AWS_ENDPOINT_URL.
    A pool id in the form (of any shape) is resolved against it: the issuer its OpenID configuration
    names, or its URL followed by the pool id, and the JWKS from that same endpoint; AWS's forms on AWS.
    An issuer URL is checked as typed, its JWKS mapped to the endpoint. Thread-safe; `reset()` forgets
    every fetched key set and OpenID configuration (the screen's "retry").
    """

    def __init__(self, override: JwksSource | None = None) -> None:
        self.override = override
        self._lock = threading.Lock()
        self._cache: JwksCache | None = None
        self._resolver: IssuerResolver | None = None
        self._endpoint: str | None = None

    def _caches(
        self, endpoint_in_use: Callable[[], str | None], timeout: float
    ) -> tuple[JwksCache, IssuerResolver, str | None]:
        with self._lock:
            endpoint = configured_endpoint(endpoint_in_use())
            if self._cache is None or self._resolver is None or endpoint != self._endpoint:
                # the same read timeout as every AWS call: a frozen endpoint fails as fast
                self._cache = JwksCache(endpoint_url=endpoint, timeout=timeout)
                self._resolver = IssuerResolver(timeout=timeout)
                self._endpoint = endpoint
            return self._cache, self._resolver, endpoint

    def target(
        self,
        pool: str | None,
        endpoint_in_use: Callable[[], str | None],
        *,
        region: str | None,
        timeout: float,
    ) -> tuple[JwksSource, str | PoolIssuers | None]:
        """The key source and the issuer(s) to check against for what the Pool field holds.

        ``endpoint_in_use`` gives the endpoint calls go to (None: AWS), asked only when keys are needed;
        ``region`` and ``timeout`` are the connection's. May start the sandbox and read the endpoint's
        OpenID configuration: call it off the UI thread.
        """
        text = (pool or "").strip()
        if self.override is not None:
            return self.override, text or None
        cache, resolver, endpoint = self._caches(endpoint_in_use, timeout)
        if not ANY_POOL_ID.fullmatch(text):
            return cache, text or None
        try:
            resolved = resolver.resolve(text, endpoint, region)
        except ValueError as exc:
            return UnresolvedPool(str(exc)), text
        return cache.source_at(resolved.jwks_url), resolved

    def reset(self) -> None:
        with self._lock:
            self._cache = None
            self._resolver = None
