"""Two configurations side by side: flattening, matching by name, markers, findings on one side only."""

from __future__ import annotations

from cogtui.findings.compare import (
    DIFFERENT,
    LEFT_ONLY,
    RIGHT_ONLY,
    SAME,
    compare_clients,
    compare_pools,
    differences,
    flatten,
    summary,
)


def _pool(pool_id: str, name: str, min_length: int, mfa: str = "OFF", **extra) -> dict:
    return {
        "UserPoolId": pool_id,
        "ExportedAt": "2026-01-01T00:00:00Z",
        "UserPool": {
            "Id": pool_id,
            "Name": name,
            "Arn": f"arn:aws:cognito-idp:us-east-1:1:userpool/{pool_id}",
            "CreationDate": "2026-01-01",
            "EstimatedNumberOfUsers": 3,
            "MfaConfiguration": mfa,
            "Policies": {"PasswordPolicy": {"MinimumLength": min_length, "RequireSymbols": True}},
            "SchemaAttributes": [
                {"Name": "email", "Mutable": True, "Required": True},
                {"Name": "custom:tenant", "Mutable": False},
            ],
            "AutoVerifiedAttributes": ["email"],
            **extra,
        },
        "MfaConfig": {"MfaConfiguration": mfa},
        "Domains": [],
        "AppClients": [],
        "Groups": [],
        "IdentityProviders": [],
    }


def _client(client_id: str, name: str, flows: list[str], **extra) -> dict:
    return {
        "ClientId": client_id,
        "ClientName": name,
        "UserPoolId": "us-east-1_A",
        "ExplicitAuthFlows": flows,
        "CreationDate": "2026-01-01",
        **extra,
    }


def test_flatten_paths_sets_and_named_lists():
    flat = flatten(_pool("us-east-1_A", "staging", 8)["UserPool"])
    assert flat["Policies.PasswordPolicy.MinimumLength"] == "8"
    assert flat["Policies.PasswordPolicy.RequireSymbols"] == "true"
    assert flat["SchemaAttributes[custom:tenant].Mutable"] == "false"
    assert flat["AutoVerifiedAttributes"] == "email"
    assert not {"Id", "Name", "Arn", "CreationDate", "EstimatedNumberOfUsers"} & set(flat)
    assert flatten({"Flows": ["b", "a"]}) == flatten({"Flows": ["a", "b"]}) == {"Flows": "a, b"}
    assert flatten({"Flows": []}) == {"Flows": "(none)"}


def test_pools_differ_where_their_settings_do_and_ids_never_count():
    rows = compare_pools(_pool("us-east-1_A", "staging", 8), _pool("us-east-1_B", "production", 12))
    by_name = {r.name: r for r in rows}
    length = by_name["Pool · Policies.PasswordPolicy.MinimumLength"]
    assert (length.left, length.right, length.marker) == ("8", "12", DIFFERENT)
    assert by_name["Pool · Policies.PasswordPolicy.RequireSymbols"].marker == SAME
    assert not any("Arn" in r.setting or r.setting == "Id" for r in rows)
    assert [r.setting for r in differences(r for r in rows if not r.section.startswith("Findings"))] == [
        "Policies.PasswordPolicy.MinimumLength"
    ]


def test_clients_groups_and_settings_only_one_side_has():
    left = _pool("us-east-1_A", "staging", 8)
    right = _pool("us-east-1_B", "production", 8, DeletionProtection="ACTIVE")
    left["AppClients"] = [_client("a1", "web", ["ALLOW_USER_SRP_AUTH"]), _client("a2", "legacy", [])]
    right["AppClients"] = [_client("b1", "web", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH"])]
    right["Groups"] = [{"GroupName": "admins", "Precedence": 1, "UserPoolId": "us-east-1_B"}]
    left["Domains"] = [{"Domain": "staging-login", "Status": "ACTIVE", "UserPoolId": "us-east-1_A"}]
    rows = {r.name: r for r in compare_pools(left, right)}
    assert rows["Domain · 0.Status"].marker == LEFT_ONLY
    assert not any(r.setting == "" or r.setting.endswith("Domain") for r in rows.values())
    assert rows["Pool · DeletionProtection"].marker == RIGHT_ONLY
    flows = rows["App client web · ExplicitAuthFlows"]
    assert flows.left == "ALLOW_USER_SRP_AUTH" and flows.marker == DIFFERENT
    assert rows["App client legacy · (exists)"].marker == LEFT_ONLY
    assert rows["Group admins · (exists)"].marker == RIGHT_ONLY


def test_a_finding_on_one_side_only_is_a_difference():
    rows = compare_pools(_pool("us-east-1_A", "staging", 6), _pool("us-east-1_B", "production", 12, mfa="ON"))
    one_sided = [r for r in differences(rows) if r.section.startswith("Findings")]
    assert one_sided and all(r.marker in (LEFT_ONLY, RIGHT_ONLY) for r in one_sided)
    assert any(r.left and "found" in r.left and r.right is None for r in one_sided)
    assert "finding" in summary(rows) and "settings differ" in summary(rows)


def test_identical_pools_say_so():
    rows = compare_pools(_pool("us-east-1_A", "a", 8), _pool("us-east-1_B", "b", 8))
    assert differences(rows) == []
    assert summary(rows).startswith("all ") and "same findings on both sides" in summary(rows)


def test_two_app_clients_with_their_findings():
    left = _client("a1", "web", ["ALLOW_USER_SRP_AUTH"], RefreshTokenValidity=30)
    right = _client(
        "b1",
        "web",
        ["ALLOW_USER_PASSWORD_AUTH"],
        RefreshTokenValidity=30,
        AllowedOAuthFlows=["implicit"],
        AllowedOAuthFlowsUserPoolClient=True,
    )
    rows = compare_clients(left, right)
    names = {r.name: r for r in rows}
    assert names["ExplicitAuthFlows"].marker == DIFFERENT and names["RefreshTokenValidity"].marker == SAME
    assert names["AllowedOAuthFlows"].marker == RIGHT_ONLY
    assert "ClientId" not in names and "ClientName" not in names
    assert any(r.section == "Findings" and r.marker == RIGHT_ONLY for r in rows)
