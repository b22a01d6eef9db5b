"""Exports against the sandbox over HTTP: users streamed page by page into CSV and JSON Lines (filters,
cancelling), a pool's whole configuration with and without secrets, and raw responses."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import stat
import uuid

import pytest

from cogtui.exports import configuration, raw
from cogtui.exports.users import export_users, user_schema
from tests.contract.own_pool import boto, own_pool

UNCONFIRMED = 'cognito:user_status = "UNCONFIRMED"'


def listed(idp, pool_id: str, filter_expression: str | None = None) -> list[str]:
    """The usernames boto3's own paginator lists, to compare the export with."""
    params = {"UserPoolId": pool_id, **({"Filter": filter_expression} if filter_expression else {})}
    pages = idp.get_paginator("list_users").paginate(**params)
    return [u["Username"] for page in pages for u in page["Users"]]


async def test_every_user_of_the_large_pool_streams_into_a_private_csv(gateway, sandbox, tmp_path):
    _, info = sandbox
    pool = info.pool("demo-large")
    attributes, estimate = await user_schema(gateway, pool.id)
    counts: list[int] = []
    done = await export_users(
        gateway, pool.id, tmp_path / "users.csv", "csv", attributes=attributes, progress=counts.append
    )
    assert done.count == pool.user_count == estimate
    assert counts == sorted(counts) and counts[-1] == pool.user_count
    assert len(counts) >= pool.user_count // 60  # one report per page: it was streamed, not gathered
    with open(done.path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    idp = boto_idp(info)
    assert [r["Username"] for r in rows] == listed(idp, pool.id)
    first = idp.admin_get_user(UserPoolId=pool.id, Username=rows[0]["Username"])
    expected = {a["Name"]: a["Value"] for a in first["UserAttributes"]}
    assert {k: rows[0][k] for k in expected} == expected
    assert rows[0]["UserStatus"] == first["UserStatus"]
    assert stat.S_IMODE(os.stat(done.path).st_mode) == 0o600


async def test_a_filtered_listing_exports_only_what_cognito_matches_as_json_lines(gateway, sandbox, tmp_path):
    _, info = sandbox
    pool = info.pool("demo-large")
    done = await export_users(
        gateway, pool.id, tmp_path / "unconfirmed.jsonl", "jsonl", filter_expression=UNCONFIRMED, page_size=7
    )
    users = [json.loads(line) for line in done.path.read_text(encoding="utf-8").splitlines()]
    expected = listed(boto_idp(info), pool.id, UNCONFIRMED)
    assert 0 < len(expected) < pool.user_count
    assert [u["Username"] for u in users] == expected
    assert {u["UserStatus"] for u in users} == {"UNCONFIRMED"}
    assert all(isinstance(u["UserCreateDate"], str) and "T" in u["UserCreateDate"] for u in users)


async def test_a_cancelled_export_leaves_the_existing_file_as_it_was(gateway, sandbox, tmp_path):
    _, info = sandbox
    pool = info.pool("demo-large")
    target = tmp_path / "users.csv"
    target.write_text("yesterday's export\n")
    first_page = asyncio.Event()

    def progress(count: int) -> None:
        first_page.set()

    task = asyncio.create_task(
        export_users(gateway, pool.id, target, "csv", overwrite=True, progress=progress, page_size=10)
    )
    await asyncio.wait_for(first_page.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert target.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["users.csv"]


async def test_a_pools_configuration_leaves_secrets_out_unless_asked(gateway, sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url, secret=True)
    pool.idp.create_group(UserPoolId=pool.id, GroupName="admins", Precedence=1)
    pool.idp.create_identity_provider(
        UserPoolId=pool.id,
        ProviderName="corp",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "corp-client",
            "client_secret": "corp-provider-secret",
            "authorize_scopes": "openid",
            "oidc_issuer": "https://idp.example.com",
            "attributes_request_method": "GET",
        },
    )
    domain = f"cfg-{uuid.uuid4().hex[:8]}"
    pool.idp.create_user_pool_domain(UserPoolId=pool.id, Domain=domain)

    document = await configuration.read_configuration(gateway, pool.id)
    text = configuration.to_json(document)
    assert pool.client_secret and pool.client_secret not in text
    assert "corp-provider-secret" not in text
    assert document["SecretsLeftOut"] == [
        "$.AppClients[0].ClientSecret",
        "$.IdentityProviders[0].ProviderDetails.client_secret",
    ]
    assert document["UserPool"]["Id"] == pool.id
    assert [c["ClientId"] for c in document["AppClients"]] == [pool.client_id]
    assert [g["GroupName"] for g in document["Groups"]] == ["admins"]
    assert document["IdentityProviders"][0]["ProviderDetails"]["client_id"] == "corp-client"
    assert [d["Domain"] for d in document["Domains"]] == [domain]
    assert json.loads(text)["UserPoolId"] == pool.id

    with_secrets = await configuration.read_configuration(gateway, pool.id, include_secrets=True)
    assert with_secrets["AppClients"][0]["ClientSecret"] == pool.client_secret
    assert with_secrets["SecretsIncluded"] is True and with_secrets["SecretsLeftOut"] == []


async def test_a_raw_response_is_the_apis_own(gateway, sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url, secret=True)
    [request] = raw.app_client(pool.id, pool.client_id)
    response = await raw.read_raw(gateway, request)
    direct = pool.idp.describe_user_pool_client(UserPoolId=pool.id, ClientId=pool.client_id)
    del direct["ResponseMetadata"]
    assert response == direct
    assert (
        json.loads(raw.to_json(response, reveal=True))["UserPoolClient"]["ClientSecret"] == pool.client_secret
    )


def boto_idp(info):
    return boto(info.endpoint_url)
