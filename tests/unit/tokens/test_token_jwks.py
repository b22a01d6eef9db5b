"""JWKS sources: files and dicts, fetching over HTTP, caching, refetch rate limit, failures."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from token_factory import CLIENT_ID, GLOBAL_ISSUER, ISSUER, NOW, POOL_ID, TokenFactory

from cogtui.tokens.issuers import (
    accepted_issuers,
    infer_target,
    jwks_url_for_issuer,
    parse_cognito_issuer,
    pool_issuers,
)
from cogtui.tokens.jwks import JwksCache, JwksDocument, JwksFetchError, RemoteJwks, StaticJwks, fetch_url
from cogtui.tokens.report import Status
from cogtui.tokens.validation import validate


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Fetcher:
    """Serves successive bodies (or raises JwksFetchError for an Exception item)."""

    def __init__(self, *bodies: object) -> None:
        self.bodies = list(bodies)
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.urls.append(url)
        body = self.bodies[min(len(self.urls), len(self.bodies)) - 1]
        if isinstance(body, Exception):
            raise JwksFetchError(str(body))
        return body if isinstance(body, bytes) else json.dumps(body).encode()


# documents and static sources -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"null", "not a JSON object"),
        (b"[]", "not a JSON object"),
        (b"{}", "no 'keys' member"),
        (b'{"keys": {}}', "'keys' is not an array"),
        (b'{"keys": [1]}', "key #1 is not a JSON object"),
        (b'{"keys": [{"kid": "a"}]}', "key #1 has no 'kty' string"),
        (b'{"keys": [{"kty": "RSA", "n": 5, "e": "AQAB"}]}', "key #1 has a 'n' that is not a string"),
    ],
)
def test_malformed_jwks_is_reported(data: bytes, fragment: str) -> None:
    document = JwksDocument.parse(data, "test")
    assert document.error and fragment in document.error and document.entries == ()


def test_one_bad_key_spoils_the_jwks_like_aws_jwt_verify(factory: TokenFactory) -> None:
    jwks = factory.jwks()
    jwks["keys"].append({"kty": "RSA", "kid": 3})
    report = validate(factory.id_token(), jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.status("jwks") is Status.FAIL and "key #5 has a 'kid'" in report.get("jwks").detail
    assert report.status("kid") is Status.SKIP and not report.valid


def test_static_jwks_from_file(tmp_path, factory: TokenFactory) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(factory.jwks()))
    source = StaticJwks.from_file(path)
    lookup = source.lookup("rsa-key-1")
    assert lookup.entry is not None and lookup.entry.kid == "rsa-key-1"
    assert source.lookup("nope").entry is None and source.lookup("nope").document is not None
    with pytest.raises(OSError):
        StaticJwks.from_file(tmp_path / "missing.json")


def test_parsed_keys_are_memoized(factory: TokenFactory) -> None:
    source = StaticJwks.from_dict(factory.jwks())
    entry = source.lookup("rsa-key-1").entry
    assert entry.public_key()[0] is entry.public_key()[0]
    assert entry.fitness("RS256") is entry.fitness("RS256")


# remote: caching and refetch ------------------------------------------------------------------
def test_fetched_once_then_cached(factory: TokenFactory) -> None:
    fetcher, clock = Fetcher(factory.jwks()), Clock()
    remote = RemoteJwks("https://example.test/jwks.json", fetcher=fetcher, clock=clock)
    for _ in range(5):
        assert remote.lookup("rsa-key-1").entry is not None
    assert fetcher.urls == ["https://example.test/jwks.json"]


def test_unknown_kid_refetches_at_most_once_per_interval(factory: TokenFactory) -> None:
    rotated = factory.jwks("rsa", "attacker")
    fetcher, clock = Fetcher(factory.jwks("rsa"), rotated), Clock()
    remote = RemoteJwks("https://example.test/jwks.json", fetcher=fetcher, clock=clock, refetch_interval=30)
    assert remote.lookup("rsa-key-1").entry is not None
    clock.t += 10
    early = remote.lookup("attacker-key-1")
    assert early.entry is None and "rate limit" in early.note and remote.fetch_count == 1
    clock.t += 25
    late = remote.lookup("attacker-key-1")
    assert late.entry is not None and "fetched again" in late.note and remote.fetch_count == 2
    clock.t += 1
    assert remote.lookup("still-unknown").entry is None and remote.fetch_count == 2


def test_fetch_failure_is_an_error_then_retried_after_backoff(factory: TokenFactory) -> None:
    fetcher, clock = Fetcher(Exception("HTTP 500 from x"), factory.jwks()), Clock()
    remote = RemoteJwks("https://example.test/jwks.json", fetcher=fetcher, clock=clock, failure_backoff=5)
    first = remote.lookup("rsa-key-1")
    assert first.document is None and first.error == "HTTP 500 from x"
    assert remote.lookup("rsa-key-1").document is None and remote.fetch_count == 1
    clock.t += 5
    assert remote.lookup("rsa-key-1").entry is not None and remote.fetch_count == 2


def test_failed_refetch_keeps_the_old_keys(factory: TokenFactory) -> None:
    fetcher, clock = Fetcher(factory.jwks("rsa"), Exception("cannot reach x")), Clock()
    remote = RemoteJwks("https://example.test/jwks.json", fetcher=fetcher, clock=clock)
    remote.lookup("rsa-key-1")
    clock.t += 60
    lookup = remote.lookup("other")
    assert lookup.document is not None and "fetching again failed: cannot reach x" in lookup.note
    assert remote.lookup("rsa-key-1").entry is not None


def test_refresh_allows_an_immediate_fetch(factory: TokenFactory) -> None:
    fetcher = Fetcher(factory.jwks("rsa"))
    remote = RemoteJwks("https://example.test/jwks.json", fetcher=fetcher, clock=Clock())
    remote.lookup("x")
    remote.refresh()
    remote.lookup("x")
    assert remote.fetch_count == 2


def test_concurrent_lookups_fetch_once(factory: TokenFactory) -> None:
    started = threading.Event()

    def slow(url: str, timeout: float) -> bytes:
        started.wait(1)
        return json.dumps(factory.jwks()).encode()

    remote = RemoteJwks("https://example.test/jwks.json", fetcher=slow)
    results = []
    threads = [threading.Thread(target=lambda: results.append(remote.lookup("rsa-key-1"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join(5)
    assert len(results) == 8 and all(r.entry is not None for r in results)
    assert remote.fetch_count == 1


# per-issuer cache and emulator mapping ------------------------------------------------------
def test_cache_maps_aws_issuer_to_the_emulator_endpoint(factory: TokenFactory) -> None:
    fetcher = Fetcher(factory.jwks())
    cache = JwksCache(endpoint_url="http://127.0.0.1:5055/", fetcher=fetcher)
    report = validate(factory.id_token(), jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.valid
    assert fetcher.urls == [f"http://127.0.0.1:5055/{POOL_ID}/.well-known/jwks.json"]


def test_cache_is_per_issuer(factory: TokenFactory) -> None:
    fetcher = Fetcher(factory.jwks())
    cache = JwksCache(fetcher=fetcher)
    for iss in (ISSUER, GLOBAL_ISSUER, ISSUER):
        token = factory.id_token(iss=iss)
        assert validate(token, jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW).valid
    assert fetcher.urls == [f"{ISSUER}/.well-known/jwks.json", f"{GLOBAL_ISSUER}/.well-known/jwks.json"]


def test_cache_jwks_offline(factory: TokenFactory) -> None:
    cache = JwksCache(fetcher=Fetcher(Exception("offline")))
    cache.cache_jwks(ISSUER, factory.jwks())
    assert validate(factory.id_token(), jwks=cache, issuer=ISSUER, client_ids=[CLIENT_ID], now=NOW).valid


def test_unpinned_cognito_issuer_is_fetched(factory: TokenFactory) -> None:
    fetcher = Fetcher(factory.jwks())
    report = validate(factory.id_token(), jwks=JwksCache(fetcher=fetcher), client_ids=[CLIENT_ID], now=NOW)
    assert report.valid and report.status("iss") is Status.WARN
    assert fetcher.urls == [f"{ISSUER}/.well-known/jwks.json"]


def test_lookup_without_issuer_is_an_error() -> None:
    assert JwksCache(fetcher=Fetcher(b"{}")).lookup("kid", None).error


# real HTTP ------------------------------------------------------------------------------------
def test_fetch_over_http(jwks_server, factory: TokenFactory) -> None:
    url = jwks_server.serve(f"/{POOL_ID}/.well-known/jwks.json", factory.jwks())
    cache = JwksCache(endpoint_url=jwks_server.url)
    report = validate(factory.id_token(), jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.valid and report.get("jwks").detail == f"4 keys from {url}"
    assert jwks_server.requests == [f"/{POOL_ID}/.well-known/jwks.json"]


@pytest.mark.parametrize(
    ("status", "body", "fragment"),
    [(500, b"oops", "HTTP 500"), (404, b"", "HTTP 404"), (200, b"<html>", "not valid JSON")],
)
def test_http_failures_become_a_failed_check(
    jwks_server, factory: TokenFactory, status, body, fragment
) -> None:
    url = jwks_server.serve("/jwks.json", body, status=status)
    report = validate(
        factory.id_token(), jwks=RemoteJwks(url), issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW
    )
    assert report.status("jwks") is Status.FAIL and fragment in report.get("jwks").detail
    assert not report.valid


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(JwksFetchError, match="connection refused"):
        fetch_url(f"http://127.0.0.1:{port}/jwks.json", timeout=1)


def test_frozen_server_times_out() -> None:
    with socket.socket() as frozen:
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(1)  # the kernel accepts the connection; nobody ever answers
        port = frozen.getsockname()[1]
        with pytest.raises(JwksFetchError, match="no answer within 0.3 s"):
            fetch_url(f"http://127.0.0.1:{port}/jwks.json", timeout=0.3)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x/jwks.json", "jwks.json"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(JwksFetchError, match="not an http"):
        fetch_url(url, timeout=1)


# issuers --------------------------------------------------------------------------------------
def test_issuer_helpers() -> None:
    assert pool_issuers(POOL_ID) == (ISSUER, GLOBAL_ISSUER)
    assert (
        pool_issuers("local_abc123", "eu-west-1")[0]
        == "https://cognito-idp.eu-west-1.amazonaws.com/local_abc123"
    )
    with pytest.raises(ValueError, match="region"):
        pool_issuers("local_abc123")
    assert accepted_issuers(GLOBAL_ISSUER) == (ISSUER, GLOBAL_ISSUER)
    assert accepted_issuers(["http://localhost:9229/local_x/", POOL_ID]) == (
        "http://localhost:9229/local_x",
        ISSUER,
        GLOBAL_ISSUER,
    )
    assert accepted_issuers(None) == ()
    assert parse_cognito_issuer(GLOBAL_ISSUER) == ("us-east-1", POOL_ID)
    assert parse_cognito_issuer("https://evil.example.com/us-east-1_x") is None
    assert jwks_url_for_issuer("http://localhost:9229/local_x", "http://127.0.0.1:5000") == (
        "http://localhost:9229/local_x/.well-known/jwks.json"
    )


def test_infer_target(factory: TokenFactory) -> None:
    from_id = infer_target(factory.id_claims())
    assert (from_id.region, from_id.pool_id, from_id.client_id) == ("us-east-1", POOL_ID, CLIENT_ID)
    from_access = infer_target(factory.access_claims(iss=GLOBAL_ISSUER))
    assert (from_access.pool_id, from_access.client_id, from_access.issuer) == (
        POOL_ID,
        CLIENT_ID,
        GLOBAL_ISSUER,
    )
    local = infer_target({"iss": "http://localhost:9229/local_x", "aud": 5})
    assert (local.issuer, local.pool_id, local.client_id) == ("http://localhost:9229/local_x", None, None)
    assert infer_target(None) == infer_target({})
