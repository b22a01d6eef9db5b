"""The command line at its edges, run as a real process: ids of the wrong shape, bad numbers, closed
pipes. Whatever goes wrong, a sentence and an exit code come out, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cogtui.sandbox import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def cogtui(*argv: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cogtui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def connection(info) -> list[str]:
    return ["--endpoint-url", info.endpoint_url, "--region", info.region, "--sandbox"]


def test_a_pool_id_of_the_wrong_shape_is_refused_before_any_call(sandbox):
    _, info = sandbox
    client = info.pool("demo-app").client("web-spa").id
    proc = cogtui(
        *connection(info),
        "auth",
        "sign-in",
        "--user-pool-id",
        "nope",
        "--client-id",
        client,
        "--username",
        "bob",
        "--password-stdin",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "'nope' is not a user pool id" in proc.stderr and "us-east-1_AbCdEf123" in proc.stderr


def test_an_emulator_shaped_pool_id_is_accepted(sandbox):
    _, info = sandbox
    proc = cogtui(
        *connection(info),
        "auth",
        "sign-in",
        "--user-pool-id",
        "local_Ab12Cd34",
        "--client-id",
        "nosuchclient1",
        "--username",
        "bob",
        "--password-stdin",
        "--flow",
        "password",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert proc.returncode == 1, proc.stderr  # sent, and refused by the endpoint: the shape was fine
    assert "Traceback" not in proc.stderr and "ResourceNotFoundException" in proc.stderr


def test_a_client_id_of_the_wrong_shape_is_refused(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app").id
    proc = cogtui(
        *connection(info),
        "auth",
        "sign-in",
        "--user-pool-id",
        pool,
        "--client-id",
        "not a client",
        "--username",
        "bob",
        "--password-stdin",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "'not a client' is not an app client id" in proc.stderr
