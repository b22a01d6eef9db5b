"""``cogtui auth doctor`` as a real process against the sandbox: exit 0 will sign in or be challenged,
1 will be refused, 2 usage; text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cogtui.auth.doctor import Status
from cogtui.auth.doctor.client_checks import FLOW_FLAGS
from cogtui.cli.auth_doctor import DOCTOR_FLOWS, EXIT_OK, EXIT_REFUSED, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[2]


def doctor(info, pool_name, username, *extra):
    argv = [
        "--endpoint-url",
        info.endpoint_url,
        "--region",
        info.region,
        "auth",
        "doctor",
        "--user-pool-id",
        info.pool(pool_name).id,
        "--username",
        username,
        *extra,
    ]
    return subprocess.run(
        [sys.executable, "-m", "cogtui", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "AWS_ACCESS_KEY_ID": "sandbox", "AWS_SECRET_ACCESS_KEY": "sandbox"},
    )


def test_a_user_who_will_sign_in_exits_0_and_says_so(sandbox):
    _, info = sandbox
    proc = doctor(info, "demo-app", "alice", "--client-id", info.pool("demo-app").client("web-spa").id)
    assert proc.returncode == EXIT_OK, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "alice will sign in"
    flow = "auth flow: USER_SRP_AUTH: ALLOW_USER_SRP_AUTH is enabled. (no flow given: the first this client enables)"
    assert any(line.endswith(flow) for line in lines)


def test_a_challenged_user_exits_0_and_the_json_names_the_challenge(sandbox):
    _, info = sandbox
    proc = doctor(info, "demo-app", "frank", "--json")
    assert proc.returncode == EXIT_OK, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["outcome"] == "challenged" and doc["challenge"] == "SOFTWARE_TOKEN_MFA"
    assert doc["username"] == "frank" and doc["checks"][0]["name"] == "user pool"


def test_a_refused_user_exits_1_with_the_cause_fix_and_admin_action(sandbox):
    _, info = sandbox
    proc = doctor(info, "demo-app", "erin")
    assert proc.returncode == EXIT_REFUSED
    assert proc.stdout.startswith("erin will be refused: NotAuthorizedException: User is disabled.")
    assert f"{Status.FAIL.glyph} enabled: The user is disabled." in proc.stdout
    assert "    admin: AdminEnableUser (Enable the user)" in proc.stdout


def test_a_flow_the_client_does_not_enable_exits_1(sandbox):
    _, info = sandbox
    client = info.pool("demo-app").client("web-spa").id
    proc = doctor(info, "demo-app", "alice", "--client-id", client, "--flow", "password", "--json")
    assert proc.returncode == EXIT_REFUSED
    assert json.loads(proc.stdout)["refusal"].endswith("USER_PASSWORD_AUTH flow not enabled for this client")


def test_usage_errors_exit_2(sandbox):
    _, info = sandbox
    assert doctor(info, "demo-app", "   ").returncode == EXIT_USAGE
    bad = doctor(info, "demo-app", "alice", "--flow", "magic")
    assert bad.returncode == EXIT_USAGE and "invalid choice: 'magic'" in bad.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "cogtui", "auth", "doctor", "--user-pool-id", "nope", "--username", "a"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == EXIT_USAGE and "is not a user pool id" in proc.stderr


def test_the_command_line_offers_every_flow_the_doctor_knows():
    assert tuple(FLOW_FLAGS) == DOCTOR_FLOWS
