"""`cogtui token verify --user-pool-id` against the sandbox over HTTP: the issuer is what the endpoint's
OpenID configuration names, the JWKS comes from the same endpoint, given by flag or by AWS_ENDPOINT_URL."""

from __future__ import annotations

import json

from cogtui.cli.token import main
from cogtui.tokens.pool_issuer import FROM_OPENID
from tests.contract.own_pool import own_pool


def verify(argv: list[str], capsys) -> tuple[int, dict[str, dict]]:
    code = main(argv)
    data = json.loads(capsys.readouterr().out)
    return code, {check["name"]: check for check in data["checks"]}


def test_sandbox_tokens_verify_by_flag_and_by_environment(sandbox, capsys, monkeypatch):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    tokens = pool.sign_in(pool.add_user())
    argv = [
        "token",
        "verify",
        tokens["IdToken"],
        "--user-pool-id",
        pool.id,
        "--client-id",
        pool.client_id,
        "--json",
    ]
    for variable in (
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_COGNITO_IDP",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    ):
        monkeypatch.delenv(variable, raising=False)
    code, checks = verify(["--endpoint-url", server.endpoint_url, *argv], capsys)
    assert code == 0, checks
    assert checks["iss"]["detail"].endswith(f"/{pool.id} (matches {FROM_OPENID})")
    assert checks["jwks"]["detail"].endswith(f"from {server.endpoint_url}/{pool.id}/.well-known/jwks.json")
    monkeypatch.setenv("AWS_ENDPOINT_URL", server.endpoint_url)
    code, checks = verify(argv, capsys)
    assert code == 0 and checks["signature"]["status"] == "pass", checks
