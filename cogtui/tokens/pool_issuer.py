"""The issuer a user pool's tokens carry, and where its JWKS is, as the endpoint in use says.

On AWS (no endpoint, or an `amazonaws.com` one) a pool's issuer is
`https://cognito-idp.<region>.amazonaws.com/<pool>` (aws-jwt-verify also accepts the
`issuer-cognito-idp.` global form); the region is the pool id's prefix, or the one given.

Any other endpoint is asked: its `<endpoint>/<pool>/.well-known/openid-configuration` names the
issuer (cached per endpoint and pool), and the endpoint's own URL followed by the pool id is accepted
too, because emulators differ: moto keeps AWS's host in `iss` (and says so in its OpenID
configuration); cognito-local signs with `http://<its host:port>/<pool>` while its OpenID configuration
names a hard-coded default port. Only when the endpoint names no issuer are AWS's forms accepted as
well (with the region of the id or the one given). The JWKS comes from that same endpoint. No region or issuer is ever
cut out of a pool id's shape when the endpoint can tell: `local_Ab12Cd34` is as good an id as any.

`configured_endpoint` applies the AWS SDKs' rule for the endpoint: `--endpoint-url`, else
`AWS_ENDPOINT_URL_COGNITO_IDP`, else `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`).
No Textual, no boto3: the OpenID configuration is read with urllib (`jwks.fetch_url`).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cogtui.text_safety import is_safe_text, safe_text
from cogtui.tokens.issuers import pool_region
from cogtui.tokens.jwks import Fetcher, JwksFetchError, fetch_url

__all__ = [
    "ANY_POOL_ID",
    "IssuerForm",
    "IssuerResolver",
    "PoolIssuers",
    "aws_pool_issuers",
    "configured_endpoint",
    "endpoint_pool_issuers",
    "is_aws_endpoint",
]

# Any user pool id: AWS's `<region>_<id>`, cognito-local's `local_<id>`, or another emulator's.
ANY_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
AWS_REGIONAL = "AWS's regional issuer"
AWS_GLOBAL = "AWS's global issuer"
FROM_OPENID = "the endpoint's OpenID configuration"
FROM_ENDPOINT = "the endpoint URL followed by the pool id"
MAX_ISSUER_LENGTH = 2048


@dataclass(frozen=True, slots=True)
class IssuerForm:
    """One accepted `iss` value and where it comes from (said when a token matches it)."""

    url: str
    source: str


@dataclass(frozen=True, slots=True)
class PoolIssuers:
    """The issuers to accept for one pool, in order of preference, and the URL of its JWKS."""

    pool_id: str
    forms: tuple[IssuerForm, ...]
    jwks_url: str
    endpoint_url: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(form.url for form in self.forms)

    @property
    def issuer(self) -> str:
        """The issuer to show first: the one the endpoint names, or AWS's regional form."""
        return self.forms[0].url

    @property
    def sources(self) -> dict[str, str]:
        return {form.url: form.source for form in self.forms}

    def describe(self) -> str:
        """One line: where these issuers come from (for a form note or an overview)."""
        where = f"from {self.endpoint_url}" if self.endpoint_url else "AWS"
        return f"{where}: {', '.join(f'{form.url} ({form.source})' for form in self.forms)}"


def is_aws_endpoint(endpoint_url: str | None) -> bool:
    """True for no endpoint (AWS itself) or an AWS host (`*.amazonaws.com`, `*.amazonaws.com.cn`)."""
    if not endpoint_url:
        return True
    host = (urlsplit(endpoint_url).hostname or "").lower()
    return host.endswith((".amazonaws.com", ".amazonaws.com.cn"))


def configured_endpoint(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The endpoint the AWS SDKs would use for Cognito user pools: the flag, else the environment."""
    if explicit and explicit.strip():
        return explicit.strip()
    env = os.environ if environ is None else environ
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").strip().lower() == "true":
        return None
    for name in ("AWS_ENDPOINT_URL_COGNITO_IDP", "AWS_ENDPOINT_URL"):
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def aws_pool_issuers(pool_id: str, region: str | None = None) -> PoolIssuers:
    """AWS's issuers of a pool; the region is the id's prefix, else `region`. ValueError if neither."""
    if not ANY_POOL_ID.fullmatch(pool_id):
        raise ValueError(f"not a user pool id: {safe_text(pool_id)!r} (expected <region>_<id>)")
    region = pool_region(pool_id) or (region.strip() if region else None)
    if not region:
        raise ValueError(
            f"cannot tell the region of user pool {pool_id!r}: give the region, "
            "or the endpoint URL of the emulator it lives on"
        )
    suffix = ".amazonaws.com.cn" if region.startswith("cn-") else ".amazonaws.com"
    regional = f"https://cognito-idp.{region}{suffix}/{pool_id}"
    return PoolIssuers(
        pool_id,
        (
            IssuerForm(regional, AWS_REGIONAL),
            IssuerForm(f"https://issuer-cognito-idp.{region}{suffix}/{pool_id}", AWS_GLOBAL),
        ),
        jwks_url=f"{regional}/.well-known/jwks.json",
    )


class IssuerResolver:
    """Resolves pools to their issuers; a custom endpoint's OpenID configuration is read once per pool.

    A failed read is tried again after `failure_backoff` seconds. Thread-safe.
    """

    def __init__(
        self,
        *,
        timeout: float = 3.0,
        failure_backoff: float = 5.0,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeout = timeout
        self.failure_backoff = failure_backoff
        self.fetch_count = 0
        self._fetcher = fetcher or fetch_url
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[PoolIssuers, float | None]] = {}

    def resolve(
        self, pool_id: str, endpoint_url: str | None = None, region: str | None = None
    ) -> PoolIssuers:
        """The pool's issuers and JWKS URL. ValueError for a malformed id, or an AWS pool without region."""
        pool_id = pool_id.strip()
        if is_aws_endpoint(endpoint_url):
            return aws_pool_issuers(pool_id, region)
        if not ANY_POOL_ID.fullmatch(pool_id):
            raise ValueError(f"not a user pool id: {safe_text(pool_id)!r} (expected <prefix>_<id>)")
        endpoint = str(endpoint_url).rstrip("/")
        key = (endpoint, pool_id)
        with self._lock:
            cached = self._cache.get(key)
            now = self._clock()
            if cached is not None and (cached[1] is None or now - cached[1] < self.failure_backoff):
                return cached[0]
            resolved, unreachable = self._ask(endpoint, pool_id, region)
            self._cache[key] = (resolved, now if unreachable else None)
            return resolved

    def _ask(self, endpoint: str, pool_id: str, region: str | None) -> tuple[PoolIssuers, bool]:
        base = f"{endpoint}/{pool_id}"
        url = f"{base}/.well-known/openid-configuration"
        forms: list[IssuerForm] = []
        notes: list[str] = []
        unreachable = False
        self.fetch_count += 1
        try:
            named = _issuer_in(self._fetcher(url, self.timeout))
        except JwksFetchError as exc:
            named, unreachable = None, True
            notes.append(f"the OpenID configuration could not be read ({exc}): {base} is expected")
        except ValueError as exc:
            named = None
            notes.append(f"{url} names no usable issuer ({exc}): {base} is expected")
        if named:
            forms.append(IssuerForm(named.rstrip("/"), FROM_OPENID))
        if base not in [form.url for form in forms]:
            forms.append(IssuerForm(base, FROM_ENDPOINT))
        if named is None and (pool_region(pool_id) or region):
            # the endpoint cannot tell: an emulator that keeps AWS's host in `iss` (as moto does) still works
            aws = aws_pool_issuers(pool_id, region)
            forms += [
                IssuerForm(form.url, f"{form.source}, as the endpoint names none") for form in aws.forms
            ]
        resolved = PoolIssuers(
            pool_id, tuple(forms), f"{base}/.well-known/jwks.json", endpoint_url=endpoint, notes=tuple(notes)
        )
        return resolved, unreachable


def _issuer_in(body: bytes) -> str:
    """The `issuer` member of an OpenID configuration document; ValueError when there is none."""
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValueError("not JSON") from None
    issuer = document.get("issuer") if isinstance(document, dict) else None
    if not isinstance(issuer, str) or not issuer.startswith(("https://", "http://")):
        raise ValueError("no http(s) issuer member")
    if len(issuer) > MAX_ISSUER_LENGTH or not is_safe_text(issuer):
        raise ValueError("the issuer member is not a plain URL")
    return issuer


_SHARED = IssuerResolver()


def endpoint_pool_issuers(
    pool_id: str, endpoint_url: str | None = None, region: str | None = None
) -> PoolIssuers | None:
    """A pool's issuers and JWKS URL for the endpoint in use (the flag's, else AWS_ENDPOINT_URL*),
    from one cache shared by every screen; None when it cannot be told (an AWS pool id with no region
    in it and none given). May read the endpoint's OpenID configuration: call it off the UI thread."""
    try:
        return _SHARED.resolve(pool_id, configured_endpoint(endpoint_url), region)
    except ValueError:
        return None
