"""The export formats on their own: raw JSON (masking, timestamps), users as CSV and JSON Lines, findings
as Markdown and JSON, a configuration without its secrets, and the streamed private file."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cogtui.aws.models import AppClient, UserPool
from cogtui.exports import configuration, findings, raw
from cogtui.exports.users import STANDARD_ATTRIBUTES, UserWriter, attribute_columns
from cogtui.identity.export import ExportError, private_file

CREATED = datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC)
CLIENT = {
    "UserPoolId": "us-east-1_Pool",
    "ClientName": "web",
    "ClientId": "abc123",
    "ClientSecret": "s3cr3t-value-of-the-client",
    "CreationDate": CREATED,
    "AllowedOAuthFlows": ["implicit"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "CallbackURLs": ["http://app.example.com/cb"],
}
USER = {
    "Username": "alice",
    "Attributes": [
        {"Name": "sub", "Value": "1111-2222"},
        {"Name": "email", "Value": 'alice,"the first"@example.com'},
        {"Name": "custom:tenant", "Value": "acme"},
    ],
    "UserCreateDate": CREATED,
    "UserLastModifiedDate": CREATED.astimezone(timezone(timedelta(hours=2))),
    "Enabled": True,
    "UserStatus": "CONFIRMED",
}


# -- raw JSON ---------------------------------------------------------------------------------------


def test_raw_json_masks_secrets_until_revealed_and_prints_timestamps_as_the_cli_does():
    response = {"UserPoolClient": CLIENT}
    masked = raw.to_json(response)
    assert CLIENT["ClientSecret"] not in masked
    assert json.loads(masked)["UserPoolClient"]["ClientSecret"] == raw.MASK
    assert json.loads(masked)["UserPoolClient"]["CreationDate"] == "2024-05-01T12:30:15+00:00"
    revealed = json.loads(raw.to_json(response, reveal=True))
    assert revealed["UserPoolClient"]["ClientSecret"] == CLIENT["ClientSecret"]
    assert list(revealed["UserPoolClient"]) == list(CLIENT)  # the API's key order is kept
    assert raw.count_secrets(response) == 1


def test_raw_json_masks_a_providers_secret_details():
    provider = {"IdentityProvider": {"ProviderDetails": {"client_id": "id", "client_secret": "xyz-secret"}}}
    shown = json.loads(raw.to_json(provider))["IdentityProvider"]["ProviderDetails"]
    assert shown == {"client_id": "id", "client_secret": raw.MASK}


def test_a_raw_request_is_read_only():
    with pytest.raises(ValueError, match="not a read-only call"):
        raw.RawRequest("User", raw.IDP, "AdminDeleteUser", {"UserPoolId": "p", "Username": "u"})
    assert (
        raw.user("us-east-1_P", "bob")[0].call
        == "cognito-idp AdminGetUser UserPoolId=us-east-1_P Username=bob"
    )


# -- users ------------------------------------------------------------------------------------------


def test_users_as_csv_have_fixed_columns_then_the_schema_and_quote_what_needs_it():
    out = io.StringIO()
    writer = UserWriter(out, "csv", ["sub", "email"])
    writer.write_page([USER, {**USER, "Username": "bob", "Attributes": []}])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [
        "Username",
        "UserStatus",
        "Enabled",
        "UserCreateDate",
        "UserLastModifiedDate",
        "sub",
        "email",
    ]
    assert rows[1] == [
        "alice",
        "CONFIRMED",
        "true",
        "2024-05-01T12:30:15+00:00",
        "2024-05-01T14:30:15+02:00",
        "1111-2222",
        'alice,"the first"@example.com',
    ]
    assert rows[2][:1] == ["bob"] and rows[2][5:] == ["", ""]
    assert writer.count == 2
    assert writer.left_out == 1  # custom:tenant is not a column


def test_users_as_json_lines_are_the_listusers_objects_one_a_line():
    out = io.StringIO()
    writer = UserWriter(out, "jsonl", STANDARD_ATTRIBUTES)
    writer.write_page([USER, USER])
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["Username"] == "alice"
    assert first["Attributes"][2] == {"Name": "custom:tenant", "Value": "acme"}
    assert first["UserCreateDate"] == "2024-05-01T12:30:15+00:00"


def test_csv_columns_follow_the_pools_schema_without_developer_only_attributes():
    schema = [
        {"Name": "sub"},
        {"Name": "email"},
        {"Name": "dev:x", "DeveloperOnlyAttribute": True},
        {"Name": "custom:t"},
    ]
    assert attribute_columns(schema) == ("sub", "email", "custom:t")
    assert attribute_columns([]) == STANDARD_ATTRIBUTES


def test_an_unknown_users_format_is_refused():
    with pytest.raises(ValueError, match="Unknown format"):
        UserWriter(io.StringIO(), "xml", ())


# -- findings ---------------------------------------------------------------------------------------


def _pool() -> UserPool:
    return UserPool.from_api({"Id": "us-east-1_Pool", "Name": "prod *pool*", "MfaConfiguration": "OFF"})


def test_findings_as_json_and_markdown_say_where_what_why_and_fix():
    pool = _pool()
    client = AppClient.from_api(CLIENT)
    found = findings.collect(pool, None, [client])
    assert found and any(where == "client web" for where, _ in found)
    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    document = json.loads(
        findings.render("json", pool, found, incomplete=["The MFA settings: denied"], now=now)
    )
    assert document["ExportedAt"] == "2025-01-02T03:04:05Z"
    assert document["Complete"] is False and document["NotRead"] == ["The MFA settings: denied"]
    assert len(document["Findings"]) == len(found) == sum(document["Counts"].values())
    ranks = [["high", "medium", "low", "info"].index(f["Severity"]) for f in document["Findings"]]
    assert ranks == sorted(ranks)
    assert {"Where", "Severity", "Code", "Title", "Why", "Fix"} <= set(document["Findings"][0])
    markdown = findings.render("markdown", pool, found, incomplete=["The MFA settings: denied"], now=now)
    assert markdown.startswith("# Findings for user pool prod \\*pool\\*\n")
    assert "> **Incomplete**" in markdown
    for _, finding in found:
        assert f"- Fix: {findings._md(finding.fix)}" in markdown


def test_a_pool_without_findings_says_so_in_markdown():
    text = findings.render("markdown", _pool(), [], now=datetime(2025, 1, 1, tzinfo=UTC))
    assert "No findings for this pool and its app clients." in text
    assert "- Findings: 0 (none)" in text


# -- configuration ----------------------------------------------------------------------------------


def test_a_configuration_leaves_secrets_out_and_says_where():
    left_out: list[str] = []
    document = {
        "AppClients": [CLIENT],
        "IdentityProviders": [{"ProviderDetails": {"client_secret": "x" * 8}}],
    }
    stripped = configuration.strip_secrets(document, "$", left_out)
    assert "ClientSecret" not in stripped["AppClients"][0]
    assert stripped["IdentityProviders"][0]["ProviderDetails"] == {}
    assert left_out == [
        "$.AppClients[0].ClientSecret",
        "$.IdentityProviders[0].ProviderDetails.client_secret",
    ]
    assert document["AppClients"][0]["ClientSecret"] == CLIENT["ClientSecret"]  # the original is untouched


# -- the private file -------------------------------------------------------------------------------


def test_a_private_file_is_written_piece_by_piece_with_mode_0600(tmp_path):
    with private_file(tmp_path / "out.csv") as (handle, target):
        handle.write("a\n")
        assert not target.exists()  # nothing at the target until the end
        handle.write("b\n")
    assert target.read_text() == "a\nb\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_an_interrupted_private_file_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "users.csv"
    target.write_text("the old export\n")
    with pytest.raises(KeyboardInterrupt), private_file(target, overwrite=True) as (handle, _):
        handle.write("half")
        raise KeyboardInterrupt
    assert target.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["users.csv"]  # no temporary file left behind
    with pytest.raises(ExportError, match="already exists"), private_file(target):
        pass
