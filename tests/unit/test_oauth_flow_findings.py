"""Findings of the managed-login flow: PKCE on a public client, scopes no resource server defines, and the
domain probe (answering, 404, unreachable, no domain), each firing on its configuration and quiet otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from cogtui.aws.models import AppClient, UserPool
from cogtui.findings import client_findings
from cogtui.findings.oauth_flow import probe_domain

POOL = {"Id": "us-east-1_Example", "Name": "p", "Domain": "my-prefix"}
CLIENT: dict[str, Any] = {
    "ClientId": "abc123",
    "ClientName": "spa",
    "UserPoolId": "us-east-1_Example",
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "orders/read"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "CallbackURLs": ["https://app.example.com/callback"],
    "SupportedIdentityProviders": ["COGNITO"],
}


def _client(**changes: Any) -> AppClient:
    return AppClient.from_api({**CLIENT, **changes})


def _codes(client: AppClient, resource_scopes: tuple[str, ...] | None = None) -> set[str]:
    return {f.code for f in client_findings(client, UserPool.from_api(POOL), resource_scopes)}


def test_a_public_code_client_is_noted_for_pkce():
    assert "client.code_without_pkce" in _codes(_client())


@pytest.mark.parametrize(
    "changes",
    [
        {"ClientSecret": "s3cret"},  # confidential: the code needs the secret too
        {"AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["orders/read"]},
        {"AllowedOAuthFlowsUserPoolClient": False},
    ],
)
def test_no_pkce_note_where_it_does_not_apply(changes):
    assert "client.code_without_pkce" not in _codes(_client(**changes))


def test_a_scope_no_resource_server_defines():
    findings = client_findings(_client(), UserPool.from_api(POOL), ("billing/read",))
    undefined = [f for f in findings if f.code == "client.undefined_scope"]
    assert len(undefined) == 1 and "orders/read" in undefined[0].title and "invalid_scope" in undefined[0].why
    assert "client.undefined_scope" not in _codes(_client(), ("orders/read",))
    assert "client.undefined_scope" not in _codes(_client())  # resource servers not read: not guessed


@pytest.mark.parametrize(
    ("answer", "code", "severity"),
    [
        ((302, ""), "pool.domain_answers", "info"),
        ((400, ""), "pool.domain_answers", "info"),
        ((404, ""), "pool.domain_not_found", "high"),
        (
            (0, "cannot reach my-prefix.auth.us-east-1.amazoncognito.com: Name or service not known"),
            "pool.domain_unreachable",
            "high",
        ),
    ],
)
def test_the_domain_probe(answer, code, severity):
    asked = []

    def probe(url):
        asked.append(url)
        return answer

    [finding] = probe_domain(UserPool.from_api(POOL), None, probe)
    assert (finding.code, finding.severity) == (code, severity)
    assert asked == ["https://my-prefix.auth.us-east-1.amazoncognito.com/oauth2/authorize"]
    if answer[1]:
        assert "Name or service not known" in finding.why


def test_the_probe_of_a_pool_without_a_domain_sends_nothing():
    def probe(url):
        raise AssertionError("no request without a domain")

    [finding] = probe_domain(UserPool.from_api({**POOL, "Domain": None}), None, probe)
    assert finding.code == "pool.domain_absent"


def test_the_probe_against_the_sandbox_layout():
    seen = []
    probe_domain(UserPool.from_api(POOL), "http://127.0.0.1:5000", lambda url: seen.append(url) or (302, ""))
    assert seen == ["http://127.0.0.1:5000/oauth/my-prefix/oauth2/authorize"]
