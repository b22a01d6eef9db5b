"""A pool's issuer and JWKS as the endpoint in use says: AWS's forms on AWS, the endpoint's OpenID
configuration or its own URL anywhere else; AWS_ENDPOINT_URL honoured like --endpoint-url."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from token_factory import CLIENT_ID, ISSUER, POOL_ID, TokenFactory

from cogtui.cli.token import main
from cogtui.tokens.jwks import JwksFetchError
from cogtui.tokens.pool_issuer import (
    FROM_ENDPOINT,
    FROM_OPENID,
    IssuerResolver,
    aws_pool_issuers,
    configured_endpoint,
    is_aws_endpoint,
)

LOCAL_POOL = "local_Ab12Cd34"
FAR_FUTURE = 4_000_000_000


def verify_json(argv: list[str], capsys) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def check(data: dict, name: str) -> dict:
    return next(c for c in data["checks"] if c["name"] == name)


def serve_pool(server, factory: TokenFactory, pool: str, issuer: str | None) -> None:
    server.serve(f"/{pool}/.well-known/jwks.json", factory.jwks())
    if issuer is not None:
        document = {"issuer": issuer, "jwks_uri": f"http://localhost:9229/{pool}/.well-known/jwks.json"}
        server.serve(f"/{pool}/.well-known/openid-configuration", document)


def test_cognito_local_shape_verifies_without_region_or_issuer(jwks_server, factory, capsys) -> None:
    """Pool id `local_…`, `iss` = the endpoint's URL, an OpenID configuration with a hard-coded port."""
    serve_pool(jwks_server, factory, LOCAL_POOL, f"http://localhost:9229/{LOCAL_POOL}")
    token = factory.id_token(iss=f"{jwks_server.url}/{LOCAL_POOL}", exp=FAR_FUTURE)
    argv = ["--endpoint-url", jwks_server.url, "token", "verify", token, "--user-pool-id", LOCAL_POOL,
            "--client-id", CLIENT_ID, "--json"]  # fmt: skip
    code, data = verify_json(argv, capsys)
    assert code == 0, data["summary"]
    assert check(data, "iss")["detail"] == f"{jwks_server.url}/{LOCAL_POOL} (matches {FROM_ENDPOINT})"
    assert check(data, "jwks")["detail"].endswith(f"{jwks_server.url}/{LOCAL_POOL}/.well-known/jwks.json")
    # the JWKS comes from the endpoint in use, not from the port the OpenID configuration names
    assert f"/{LOCAL_POOL}/.well-known/jwks.json" in jwks_server.requests


def test_moto_shape_matches_the_issuer_the_endpoint_names(jwks_server, factory, capsys) -> None:
    """moto keeps AWS's host in `iss`, and its OpenID configuration says so."""
    serve_pool(jwks_server, factory, POOL_ID, ISSUER)
    token = factory.access_token(exp=FAR_FUTURE)
    argv = ["token", "verify", token, "--user-pool-id", POOL_ID, "--client-id", CLIENT_ID, "--json",
            "--endpoint-url", jwks_server.url]  # fmt: skip
    code, data = verify_json(argv, capsys)
    assert code == 0, data["summary"]
    assert check(data, "iss")["detail"] == f"{ISSUER} (matches {FROM_OPENID})"


def test_a_wrong_issuer_names_every_accepted_form(jwks_server, factory, capsys) -> None:
    serve_pool(jwks_server, factory, LOCAL_POOL, f"http://localhost:9229/{LOCAL_POOL}")
    token = factory.id_token(iss="https://evil.example.com/local_Ab12Cd34", exp=FAR_FUTURE)
    argv = ["token", "verify", token, "--user-pool-id", LOCAL_POOL, "--client-id", CLIENT_ID, "--json",
            "--endpoint-url", jwks_server.url]  # fmt: skip
    code, data = verify_json(argv, capsys)
    detail = check(data, "iss")["detail"]
    assert code == 1 and check(data, "iss")["status"] == "fail"
    assert f"http://localhost:9229/{LOCAL_POOL} ({FROM_OPENID}) or {jwks_server.url}/{LOCAL_POOL}" in detail


def test_issuer_option_takes_a_pool_id_of_any_shape(jwks_server, factory, tmp_path: Path, capsys) -> None:
    serve_pool(jwks_server, factory, LOCAL_POOL, None)
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(factory.jwks()))
    token = factory.id_token(iss=f"{jwks_server.url}/{LOCAL_POOL}", exp=FAR_FUTURE)
    argv = ["token", "verify", token, "--jwks", str(jwks), "--issuer", LOCAL_POOL, "--client-id", CLIENT_ID,
            "--endpoint-url", jwks_server.url, "--json"]  # fmt: skip
    code, data = verify_json(argv, capsys)
    assert code == 0, data["summary"]
    assert check(data, "iss")["status"] == "pass"


def test_aws_endpoint_url_is_honoured_for_the_jwks(jwks_server, factory, monkeypatch, capsys) -> None:
    serve_pool(jwks_server, factory, POOL_ID, ISSUER)
    monkeypatch.setenv("AWS_ENDPOINT_URL", jwks_server.url)
    monkeypatch.delenv("AWS_ENDPOINT_URL_COGNITO_IDP", raising=False)
    monkeypatch.delenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", raising=False)
    token = factory.id_token(exp=FAR_FUTURE)
    argv = ["token", "verify", token, "--user-pool-id", POOL_ID, "--client-id", CLIENT_ID, "--json"]
    code, data = verify_json(argv, capsys)
    assert code == 0, data["summary"]
    assert check(data, "jwks")["detail"] == f"4 keys from {jwks_server.url}/{POOL_ID}/.well-known/jwks.json"


def test_configured_endpoint_follows_the_sdk_order() -> None:
    env = {"AWS_ENDPOINT_URL": "http://all:1", "AWS_ENDPOINT_URL_COGNITO_IDP": "http://idp:2"}
    assert configured_endpoint("http://flag:3", env) == "http://flag:3"
    assert configured_endpoint(None, env) == "http://idp:2"
    assert configured_endpoint(None, {"AWS_ENDPOINT_URL": "http://all:1"}) == "http://all:1"
    assert configured_endpoint(None, {**env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}) is None
    assert configured_endpoint(None, {}) is None


def test_aws_keeps_its_own_forms_and_needs_a_region_only_for_an_id_without_one() -> None:
    assert is_aws_endpoint(None) and is_aws_endpoint("https://cognito-idp-fips.us-east-1.amazonaws.com")
    assert not is_aws_endpoint("http://127.0.0.1:9229") and not is_aws_endpoint(
        "https://amazonaws.com.evil.io"
    )
    resolved = IssuerResolver(fetcher=pytest.fail).resolve(POOL_ID)  # AWS: nothing is fetched
    assert resolved.urls == (ISSUER, ISSUER.replace("//cognito-idp", "//issuer-cognito-idp"))
    assert resolved.jwks_url == f"{ISSUER}/.well-known/jwks.json"
    assert (
        aws_pool_issuers("cn-north-1_Abc").issuer
        == "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc"
    )
    with pytest.raises(ValueError, match="cannot tell the region"):
        aws_pool_issuers(LOCAL_POOL)
    assert aws_pool_issuers(LOCAL_POOL, "eu-west-1").issuer.startswith("https://cognito-idp.eu-west-1.")


def test_the_openid_configuration_is_read_once_per_pool_and_failures_are_retried_later() -> None:
    calls: list[str] = []
    now = [0.0]
    answers = {"ok": json.dumps({"issuer": "http://localhost:9229/local_Ok1"}).encode()}

    def fetch(url: str, timeout: float) -> bytes:
        calls.append(url)
        if "local_Ok1" in url:
            return answers["ok"]
        raise JwksFetchError(f"cannot reach {url}: connection refused")

    resolver = IssuerResolver(fetcher=fetch, clock=lambda: now[0], failure_backoff=5)
    first = resolver.resolve("local_Ok1", "http://127.0.0.1:9329/")
    assert resolver.resolve("local_Ok1", "http://127.0.0.1:9329") is first and len(calls) == 1
    assert first.urls == ("http://localhost:9229/local_Ok1", "http://127.0.0.1:9329/local_Ok1")
    down = resolver.resolve("local_Down1", "http://127.0.0.1:9329")
    assert down.urls == ("http://127.0.0.1:9329/local_Down1",) and "could not be read" in down.notes[0]
    resolver.resolve("local_Down1", "http://127.0.0.1:9329")
    assert len(calls) == 2  # within the back-off
    now[0] = 6
    resolver.resolve("local_Down1", "http://127.0.0.1:9329")
    assert len(calls) == 3


@pytest.mark.parametrize("issuer", ["http://x/\n  ✔ signature", "not a url", 42])
def test_an_unusable_issuer_in_the_openid_configuration_is_not_accepted(issuer: object) -> None:
    body = json.dumps({"issuer": issuer}).encode()
    resolved = IssuerResolver(fetcher=lambda url, timeout: body).resolve(LOCAL_POOL, "http://127.0.0.1:1")
    assert resolved.urls == ("http://127.0.0.1:1/local_Ab12Cd34",)
    assert "names no usable issuer" in resolved.notes[0]
