"""Where verification keys come from: a JWKS from a file, a dict, a URL, or per issuer.

- `StaticJwks`: a JWKS loaded once (file, JSON text or dict), for offline use.
- `RemoteJwks`: one URL fetched with urllib (3 s timeout); fetched again on an unknown `kid`, at
  most once per `refetch_interval` (30 s), like aws-jwt-verify's penalty box.
- `JwksCache`: one `RemoteJwks` per issuer, the URL derived from the issuer (and mapped to an
  emulator's `endpoint_url`). Thread-safe.

Network, HTTP and JSON failures never raise out of `lookup`: they come back in `KeyLookup.error`
and the validator turns them into a failed check.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cogtui.tokens.issuers import jwks_url_for_issuer
from cogtui.tokens.keys import JwkEntry, jwk_shape_problem

__all__ = [
    "JwksCache",
    "JwksDocument",
    "JwksFetchError",
    "JwksSource",
    "KeyLookup",
    "RemoteJwks",
    "StaticJwks",
    "fetch_url",
]

MAX_JWKS_BYTES = 1_000_000
Fetcher = Callable[[str, float], bytes]


class JwksFetchError(Exception):
    """A JWKS could not be downloaded; the message is one line, fit for a check detail."""


@dataclass(frozen=True, slots=True)
class JwksDocument:
    """A validated JWKS: its keys in order, the first key for each `kid`, or why it is unusable."""

    source: str
    entries: tuple[JwkEntry, ...]
    by_kid: dict[str, JwkEntry]
    error: str | None = None

    @classmethod
    def parse(cls, data: bytes | str | dict[str, Any], source: str) -> JwksDocument:
        """Validate like aws-jwt-verify: one malformed key makes the whole JWKS unusable."""
        if isinstance(data, (bytes, str)):
            try:
                text = data.decode("utf-8") if isinstance(data, bytes) else data
                data = json.loads(text, parse_constant=_refuse)
            except (ValueError, RecursionError) as exc:
                return cls._broken(source, f"JWKS is not valid JSON ({_first_line(exc)})")
        if not isinstance(data, dict):
            return cls._broken(source, "JWKS is not a JSON object")
        keys = data.get("keys")
        if "keys" not in data:
            return cls._broken(source, "JWKS has no 'keys' member")
        if not isinstance(keys, list):
            return cls._broken(source, "JWKS 'keys' is not an array")
        for index, jwk in enumerate(keys):
            problem = jwk_shape_problem(jwk)
            if problem:
                return cls._broken(source, f"JWKS key #{index + 1} {problem}")
        entries = tuple(JwkEntry(jwk) for jwk in keys)
        by_kid: dict[str, JwkEntry] = {}
        for entry in entries:
            if entry.kid is not None:
                by_kid.setdefault(entry.kid, entry)
        return cls(source, entries, by_kid)

    @classmethod
    def _broken(cls, source: str, error: str) -> JwksDocument:
        return cls(source, (), {}, error)

    def find(self, kid: str) -> JwkEntry | None:
        return self.by_kid.get(kid)

    def describe(self) -> str:
        count = len(self.entries)
        return f"{count} key{'s' if count != 1 else ''} from {self.source}"


@dataclass(frozen=True, slots=True)
class KeyLookup:
    """The answer to 'which key has this kid?': the JWKS (or why not), the key (or None)."""

    document: JwksDocument | None
    entry: JwkEntry | None = None
    error: str | None = None
    note: str = ""


class JwksSource(Protocol):
    """Anything that finds the JWK for a `kid`; `needs_issuer` when it is chosen per issuer."""

    needs_issuer: bool

    def lookup(self, kid: str, issuer: str | None = None) -> KeyLookup: ...


class StaticJwks:
    """A JWKS given once, for offline use; never fetched again."""

    needs_issuer = False

    def __init__(self, document: JwksDocument) -> None:
        self.document = document

    @classmethod
    def from_dict(cls, jwks: dict[str, Any], source: str = "the given JWKS") -> StaticJwks:
        return cls(JwksDocument.parse(jwks, source))

    @classmethod
    def from_json(cls, text: str | bytes, source: str = "the given JWKS") -> StaticJwks:
        return cls(JwksDocument.parse(text, source))

    @classmethod
    def from_file(cls, path: str | Path) -> StaticJwks:
        """Raises OSError when the file cannot be read; bad content is reported at lookup."""
        return cls(JwksDocument.parse(Path(path).read_bytes(), str(path)))

    def lookup(self, kid: str, issuer: str | None = None) -> KeyLookup:
        doc = self.document
        if doc.error:
            return KeyLookup(None, error=doc.error)
        return KeyLookup(doc, doc.find(kid))


def fetch_url(url: str, timeout: float) -> bytes:
    """GET `url` and return the body; any failure becomes a one-line JwksFetchError."""
    import urllib.error  # imported here: keeps `cogtui token decode` start-up fast
    import urllib.request
    from http.client import HTTPException

    if not url.startswith(("https://", "http://")):
        raise JwksFetchError(f"refusing to fetch a JWKS from {url!r}: not an http(s) URL")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            if response.status != 200:
                raise JwksFetchError(f"HTTP {response.status} from {url} (expected 200)")
            body: bytes = response.read(MAX_JWKS_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise JwksFetchError(f"HTTP {exc.code} {exc.reason} from {url}") from None
    except urllib.error.URLError as exc:
        raise JwksFetchError(f"cannot reach {url}: {_reason(exc.reason, timeout)}") from None
    except (TimeoutError, OSError, HTTPException, ValueError) as exc:
        raise JwksFetchError(f"cannot fetch {url}: {_reason(exc, timeout)}") from None
    if len(body) > MAX_JWKS_BYTES:
        raise JwksFetchError(f"JWKS from {url} is larger than {MAX_JWKS_BYTES} bytes")
    return body


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    text = str(reason) or type(reason).__name__
    return _first_line(text)


class RemoteJwks:
    """The JWKS at one URL, fetched on first use and again on an unknown kid (rate-limited)."""

    needs_issuer = False

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 3.0,
        refetch_interval: float = 30.0,
        failure_backoff: float = 5.0,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.refetch_interval = refetch_interval
        self.failure_backoff = failure_backoff
        self.fetch_count = 0
        self._fetcher = fetcher or fetch_url
        self._clock = clock
        self._lock = threading.Lock()
        self._document: JwksDocument | None = None
        self._error: str | None = None
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None

    def preload(self, jwks: dict[str, Any] | str | bytes) -> None:
        """Use this JWKS as if just fetched (offline use, tests)."""
        with self._lock:
            self._document = JwksDocument.parse(jwks, self.url)
            self._error = self._document.error
            if self._error:
                self._document = None
            self._fetched_at = self._attempted_at = self._clock()

    def refresh(self) -> None:
        """Forget the timers so the next lookup fetches again (a screen's 'retry')."""
        with self._lock:
            self._fetched_at = self._attempted_at = None

    def lookup(self, kid: str, issuer: str | None = None) -> KeyLookup:
        with self._lock:
            now = self._clock()
            if self._document is None:
                if self._attempted_at is None or now - self._attempted_at >= self.failure_backoff:
                    self._fetch(now)
                if self._document is None:
                    return KeyLookup(None, error=self._error or "JWKS not fetched yet")
            entry = self._document.find(kid)
            if entry is not None:
                return KeyLookup(self._document, entry)
            age = now - (self._attempted_at if self._attempted_at is not None else now)
            if self._attempted_at is not None and age < self.refetch_interval:
                wait = self.refetch_interval - age
                return KeyLookup(
                    self._document, note=f"not fetched again for another {wait:.0f} s (rate limit)"
                )
            previous = self._document
            self._fetch(now)
            document = self._document or previous
            if self._document is None:
                self._document = previous
                return KeyLookup(previous, note=f"fetching again failed: {self._error}")
            return KeyLookup(document, document.find(kid), note="JWKS fetched again for this kid")

    def _fetch(self, now: float) -> None:
        self._attempted_at = now
        self.fetch_count += 1
        try:
            body = self._fetcher(self.url, self.timeout)
        except JwksFetchError as exc:
            self._document, self._error = None, str(exc)
            return
        document = JwksDocument.parse(body, self.url)
        if document.error:
            self._document, self._error = None, document.error
            return
        self._document, self._error, self._fetched_at = document, None, now


class JwksCache:
    """One RemoteJwks per issuer; the URL comes from the issuer (mapped for an emulator)."""

    needs_issuer = True

    def __init__(
        self,
        *,
        endpoint_url: str | None = None,
        timeout: float = 3.0,
        refetch_interval: float = 30.0,
        failure_backoff: float = 5.0,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.endpoint_url = endpoint_url
        self._options: dict[str, Any] = {
            "timeout": timeout,
            "refetch_interval": refetch_interval,
            "failure_backoff": failure_backoff,
            "fetcher": fetcher,
            "clock": clock,
        }
        self._lock = threading.Lock()
        self._sources: dict[str, RemoteJwks] = {}

    def url_for(self, issuer: str) -> str:
        return jwks_url_for_issuer(issuer, self.endpoint_url)

    def source_for(self, issuer: str) -> RemoteJwks:
        return self.source_at(self.url_for(issuer))

    def source_at(self, url: str) -> RemoteJwks:
        """The cached key set published at `url` (a pool's JWKS URL resolved from its endpoint)."""
        with self._lock:
            source = self._sources.get(url)
            if source is None:
                source = self._sources[url] = RemoteJwks(url, **self._options)
            return source

    def cache_jwks(self, issuer: str, jwks: dict[str, Any] | str | bytes) -> None:
        """Provide the JWKS of `issuer` without fetching it."""
        self.source_for(issuer).preload(jwks)

    def lookup(self, kid: str, issuer: str | None = None) -> KeyLookup:
        if not issuer:
            return KeyLookup(None, error="no trusted issuer to fetch the JWKS for")
        return self.source_for(issuer).lookup(kid)


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _first_line(value: object) -> str:
    text = str(value).strip().splitlines()[0] if str(value).strip() else type(value).__name__
    return text if len(text) <= 120 else text[:117] + "..."
