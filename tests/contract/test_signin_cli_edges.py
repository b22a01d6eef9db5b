"""The command line at its edges, run as a real process: ids of the wrong shape, bad numbers, closed
pipes. Whatever goes wrong, a sentence and an exit code come out, never a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["sandbox", "--port", "99999"], "argument --port: 99999 is not a port: use 1 to 65535"),
        (["sandbox", "--port", "-1"], "argument --port: -1 is not a port"),
        (["sandbox", "--port", "eighty"], "argument --port: 'eighty' is not a port number"),
        (["sandbox", "--sandbox-users", "-5"], "argument --sandbox-users: -5 is negative: use 0 or more"),
        (["--sandbox-users", "-5", "sandbox"], "argument --sandbox-users: -5 is negative"),
        (["sandbox", "--sandbox-latency", "-1"], "argument --sandbox-latency: -1 is negative"),
    ],
)
def test_bad_numbers_are_usage_errors(argv, said):
    proc = cogtui(*argv, timeout=30)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert said in proc.stderr and "Traceback" not in proc.stderr


def run_into_a_closed_pipe(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run cogtui with stdout a pipe whose reader has already gone, as after ``| head -1``."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "cogtui", *argv],
            input=stdin,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write_end)


def test_a_closed_pipe_ends_every_command_quietly(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    signed_in = cogtui(
        *connection(info),
        "auth",
        "sign-in",
        "--user-pool-id",
        pool.id,
        "--client-id",
        pool.client("web-spa").id,
        "--username",
        "bob",
        "--password-stdin",
        stdin=f"{DEMO_PASSWORD}\n",
    )
    token = json.loads(signed_in.stdout)["IdToken"]
    commands = [
        ["token", "decode", token],
        [*connection(info), "token", "verify", token, "--user-pool-id", pool.id, "--client-id", "x"],
        ["sandbox", "--json"],  # a server that would run until Ctrl-C: it stops at the first line
    ]
    for argv in commands:
        proc = run_into_a_closed_pipe(*argv)
        assert proc.returncode == 141, (argv, proc.stderr)
        assert proc.stderr == "", (argv, proc.stderr)


@pytest.fixture
def frozen_endpoint():
    """An endpoint that accepts connections and never answers (the kernel completes the handshake)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def first_failure_after(argv: list[str], words: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run cogtui (a password on stdin); seconds until a stderr line containing ``words``, seconds until exit, and stderr."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cogtui", *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    said_at, lines = float("inf"), []
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(f"{DEMO_PASSWORD}\n")
    proc.stdin.close()
    for line in proc.stderr:
        lines.append(line)
        if words in line and said_at == float("inf"):
            said_at = time.monotonic() - started
    proc.wait(timeout=60)
    return said_at, time.monotonic() - started, "".join(lines)


def test_a_frozen_endpoint_is_explained_within_the_commands_deadline(frozen_endpoint, sandbox):
    _, info = sandbox
    env = {**os.environ, "COGTUI_READ_TIMEOUT": "1"}  # one attempt ends in 1 s, three would take 3 s per call
    common = ["--endpoint-url", frozen_endpoint, "--region", "us-east-1", "--sandbox"]
    commands = [
        [
            *common,
            "--deadline",
            "2",
            "identity",
            "credentials",
            "--identity-pool-id",
            info.identity_pool.id,
            "--guest",
        ],
        [
            *common,
            "auth",
            "sign-in",
            "--deadline",
            "2",
            "--user-pool-id",
            "us-east-1_Ab12",
            "--client-id",
            "abc123",
            "--username",
            "bob",
            "--password-stdin",
            "--flow",
            "password",
        ],
    ]
    for argv in commands:
        said_at, ended_at, stderr = first_failure_after(argv, "deadline of 2 s", env)
        assert said_at < 2 + 1.5, stderr  # the deadline, plus the interpreter's start-up
        assert ended_at < 2 + 1 + 1.5, stderr  # at most the attempt already on the wire finishes after it
        assert "--deadline" in stderr and "Traceback" not in stderr
