"""What the token inspector checks against: the pool and clients to pre-fill (and how far to trust them),
the key source and issuers for what the Pool field holds, with the endpoint asked only when keys are needed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from token_factory import CLIENT_ID, ISSUER, NOW, POOL_ID, TokenFactory

from cogtui.tokens.inspection import JwksProvider, UnresolvedPool, VerifyRequest, guess_target, verify_pair
from cogtui.tokens.jwks import JwksCache, RemoteJwks, StaticJwks
from cogtui.tokens.pool_issuer import PoolIssuers


@dataclass
class SignedIn:
    id_token: str | None = None
    access_token: str | None = None
    pool_id: str | None = "us-east-1_SignedIn1"
    client_id: str | None = "signedinclient"
    username: str | None = "alice"


class Endpoint:
    """The runtime's ``endpoint_in_use``: counts how often the inspector asks for it."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.asked = 0

    def __call__(self) -> str | None:
        self.asked += 1
        return self.url


@pytest.fixture(autouse=True)
def no_configured_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDP", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("case", "pool", "clients", "source", "note"),
    [
        ("last sign-in", "us-east-1_SignedIn1", "signedinclient", "sign-in", "Pool and client of the last sign-in (alice)."),
        ("pasted", POOL_ID, CLIENT_ID, "token", "! Read from the tokens (untrusted): type what your API expects."),
        ("edited after sign-in", POOL_ID, CLIENT_ID, "token", "! Read from the tokens (untrusted): type what your API expects."),
        ("nothing", None, None, "", ""),
    ],
)  # fmt: skip
def test_the_guess_says_where_it_comes_from(
    factory: TokenFactory, case: str, pool: str | None, clients: str | None, source: str, note: str
) -> None:
    id_token, access_token = factory.id_token(), factory.access_token()
    signed_in = SignedIn(id_token, access_token)
    texts = {
        "last sign-in": (id_token, access_token),
        "pasted": (id_token, ""),
        "edited after sign-in": (id_token, access_token + "x"),
        "nothing": ("", "  "),
    }[case]
    guess = guess_target(*texts, signed_in=signed_in if case != "pasted" else None)
    assert (guess.pool, guess.clients, guess.source, guess.note) == (pool, clients, source, note)


def test_an_untrusted_guess_is_escaped(factory: TokenFactory) -> None:
    token = factory.id_token(aud="client\x1b[31m")
    assert guess_target(token, "").clients == "client\\x1b[31m"


def test_an_injected_key_source_never_asks_for_the_endpoint() -> None:
    keys = StaticJwks.from_dict({"keys": []})
    endpoint = Endpoint("http://127.0.0.1:1")
    assert JwksProvider(keys).target(f" {POOL_ID} ", endpoint, region=None, timeout=1.0) == (keys, POOL_ID)
    assert endpoint.asked == 0


@pytest.mark.parametrize(
    ("pool", "url", "issuer"),
    [
        (ISSUER, "http://127.0.0.1:1", ISSUER),  # an issuer URL is checked as typed
        ("", "http://127.0.0.1:1", None),
        (ISSUER, None, ISSUER),
    ],
)
def test_an_issuer_url_is_checked_as_typed(pool: str, url: str | None, issuer: str | None) -> None:
    endpoint = Endpoint(url)
    source, target = JwksProvider().target(pool, endpoint, region="us-east-1", timeout=1.5)
    assert isinstance(source, JwksCache) and source.endpoint_url == url
    assert target == issuer and endpoint.asked == 1


def test_a_pool_id_on_aws_gets_aws_issuers() -> None:
    source, target = JwksProvider().target(POOL_ID, Endpoint(None), region=None, timeout=1.0)
    assert isinstance(target, PoolIssuers) and target.issuer == ISSUER
    assert target.jwks_url == f"{ISSUER}/.well-known/jwks.json"
    assert isinstance(source, RemoteJwks) and source.url == target.jwks_url  # that pool's key set


def test_a_pool_whose_region_cannot_be_told_says_why() -> None:
    source, target = JwksProvider().target("local_Ab12Cd34", Endpoint(None), region=None, timeout=1.0)
    assert isinstance(source, UnresolvedPool) and target == "local_Ab12Cd34"
    assert "cannot tell the region" in (source.lookup("kid").error or "")


def test_the_caches_follow_the_endpoint_and_reset() -> None:
    provider = JwksProvider()
    endpoint = Endpoint("http://127.0.0.1:1")
    first, _ = provider.target(ISSUER, endpoint, region=None, timeout=1.0)
    again, _ = provider.target(ISSUER, endpoint, region=None, timeout=1.0)
    endpoint.url = "http://127.0.0.1:2"
    moved, _ = provider.target(ISSUER, endpoint, region=None, timeout=1.0)
    provider.reset()
    fresh, _ = provider.target(ISSUER, endpoint, region=None, timeout=1.0)
    assert first is again and moved is not first and fresh is not moved
    assert [getattr(s, "endpoint_url", None) for s in (first, moved, fresh)] == [
        "http://127.0.0.1:1",
        "http://127.0.0.1:2",
        "http://127.0.0.1:2",
    ]


@pytest.mark.parametrize(
    ("token_use", "id_valid", "access_valid"),
    [("slot", True, True), ("id", True, False), ("access", False, True)],
)
def test_both_fields_are_checked_with_the_form_rules(
    factory: TokenFactory, jwks_source: StaticJwks, token_use: str, id_valid: bool, access_valid: bool
) -> None:
    request = VerifyRequest(factory.id_token(), factory.access_token(), POOL_ID, (CLIENT_ID,), token_use, 0.0)
    reports = verify_pair(request, jwks_source, NOW)
    assert {kind: report.valid for kind, report in reports.items() if report} == {
        "id": id_valid,
        "access": access_valid,
    }


def test_an_empty_field_has_no_report(factory: TokenFactory, jwks_source: StaticJwks) -> None:
    request = VerifyRequest("", factory.access_token(), POOL_ID, None, "slot", 0.0)
    reports = verify_pair(request, jwks_source, NOW)
    assert reports["id"] is None and reports["access"] is not None and reports["access"].valid
