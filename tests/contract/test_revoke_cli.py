"""``cogtui auth revoke`` against the sandbox: RevokeToken with the refresh token from stdin, then the proof
(REFRESH_TOKEN_AUTH refused), a client with a secret, a revocation the client does not allow, and usage
errors. Each test signs in a user of a pool of its own."""

from __future__ import annotations

import json

from cogtui.cli.console import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from tests.contract.own_pool import own_pool
from tests.contract.test_signin_cli import run_in_process


def revoke_args(info, client_id: str, *extra: str) -> list[str]:
    return [
        "--endpoint-url",
        info.endpoint_url,
        "--region",
        info.region,
        "--sandbox",
        "auth",
        "revoke",
        "--client-id",
        client_id,
        *extra,
    ]


def test_revoke_from_stdin_proves_the_refresh_token_dead(sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url)
    token = pool.sign_in(pool.add_user())["RefreshToken"]
    code, out, err = run_in_process(
        revoke_args(info, pool.client_id, "--refresh-token-stdin", "--json"), f"{token}\n"
    )
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert doc["revoked"] is True and doc["proven_dead"] is True
    assert [s["operation"] for s in doc["steps"]] == ["RevokeToken", "InitiateAuth"]
    assert doc["steps"][1]["error"]["code"] == "NotAuthorizedException"
    assert token not in out and token not in err
    assert "Refused as it must be" in err


def test_a_client_with_a_secret_hashes_the_given_username_for_the_proof(sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url, secret=True)
    username = pool.add_user()
    token = pool.sign_in(username)["RefreshToken"]
    argv = revoke_args(
        info, pool.client_id, "--client-secret-stdin", "--refresh-token-stdin", "--username", username
    )
    code, out, err = run_in_process(argv, f"{pool.client_secret}\n{token}\n")
    assert code == EXIT_OK, err
    assert json.loads(out) == {"revoked": True, "proven_dead": True}
    assert pool.client_secret not in out + err


def test_revocation_disabled_on_the_client_is_refused_and_explained(sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url, EnableTokenRevocation=False)
    token = pool.sign_in(pool.add_user())["RefreshToken"]
    code, out, err = run_in_process(revoke_args(info, pool.client_id, "--refresh-token-stdin"), f"{token}\n")
    assert code == EXIT_REFUSED
    assert json.loads(out) == {"revoked": False, "proven_dead": None}
    assert "UnsupportedOperationException" in err and "EnableTokenRevocation" in err


def test_without_the_refresh_token_it_is_a_usage_error(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    code, out, err = run_in_process(revoke_args(info, pool.client("web-spa").id))
    assert code == EXIT_USAGE and out == "" and "--refresh-token-stdin" in err
