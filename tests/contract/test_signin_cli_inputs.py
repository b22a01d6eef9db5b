"""``cogtui auth sign-in``: secrets and answers from stdin or the environment, refresh, and a terminal
user who types a wrong code or presses Ctrl-C at a prompt."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from cogtui.cli.console import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.tokens.decode import decode_token
from tests.contract.test_signin_cli import frank_on_the_confidential_client, run_in_process, sign_in_args

ROOT = Path(__file__).resolve().parents[2]


def test_refresh_from_a_refresh_token_on_stdin(sandbox):
    _, info = sandbox
    code, out, err = run_in_process(
        sign_in_args(info, "demo-app", "web-spa", "alice", "--password-stdin"), f"{DEMO_PASSWORD}\n"
    )
    assert code == EXIT_OK, err
    refresh_token = json.loads(out)["RefreshToken"]
    pool = info.pool("demo-app")
    argv = [
        *sign_in_args(info, "demo-app", "web-spa", "alice")[:-2],  # no --username: refresh needs none here
        "--flow",
        "refresh",
        "--refresh-token-stdin",
        "--json",
        "--trace",
    ]
    code, out, err = run_in_process(argv, f"{refresh_token}\n")
    assert code == EXIT_OK, err
    doc = json.loads(out)
    assert [s["title"] for s in doc["steps"]] == ["InitiateAuth REFRESH_TOKEN_AUTH"]
    assert decode_token(doc["tokens"]["AccessToken"]).payload["client_id"] == pool.client("web-spa").id
    assert refresh_token not in json.dumps(doc["steps"])

    code, out, err = run_in_process([*argv[:-3]])  # --flow refresh without the token
    assert code == EXIT_USAGE and "--refresh-token-stdin" in err


def test_the_authenticator_secret_from_the_environment_and_the_secret_from_stdin(sandbox, monkeypatch):
    _, info = sandbox
    argv, secrets = frank_on_the_confidential_client(info)
    monkeypatch.setenv("FRANK_TOTP", info.user("frank").totp_secret)
    code, out, err = run_in_process([*argv, "--totp-secret-env", "FRANK_TOTP"], secrets)
    assert code == EXIT_OK, err
    assert decode_token(json.loads(out)["IdToken"]).payload["cognito:username"] == "frank"

    code, _, err = run_in_process([*argv, "--totp-secret-env", "NOT_SET_ANYWHERE"], secrets)
    assert code == EXIT_USAGE and "NOT_SET_ANYWHERE is not set" in err
    code, _, err = run_in_process([*argv, "--mfa-code", "123456", "--mfa-code-stdin"], f"{secrets}654321\n")
    assert code == EXIT_USAGE and "one way only" in err


def test_a_refused_code_is_said_before_asking_again(sandbox):
    _, info = sandbox
    argv, secrets = frank_on_the_confidential_client(info)
    code, _, err = run_in_process(argv, f"{secrets}000000\n000001\n", interactive=True)
    assert code != EXIT_OK
    first = err.index("6-digit code")
    second = err.index("6-digit code", first + 1)
    assert (
        first < err.index("✘ Refused: CodeMismatchException. The code is wrong.") < second
    )  # said, then asked


def _read_until(fd: int, words: str, timeout: float) -> str:
    seen, end = "", time.monotonic() + timeout
    while words not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 4096).decode(errors="replace")
            except OSError:
                break
    return seen


def test_ctrl_c_at_a_code_prompt_ends_the_command_at_once(sandbox):
    _, info = sandbox
    argv = sign_in_args(info, "demo-app", "legacy-password", "frank", "--flow", "password")
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cogtui", *argv],
        stdin=terminal,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        cwd=ROOT,
        start_new_session=True,
    )
    os.close(terminal)
    try:
        assert "Password" in _read_until(controller, "Password", 30)
        os.write(controller, f"{DEMO_PASSWORD}\n".encode())
        shown = _read_until(controller, "code", 30)
        assert "code" in shown, shown
        time.sleep(0.3)
        interrupted = time.monotonic()
        proc.send_signal(signal.SIGINT)  # what the terminal sends for Ctrl-C; no Enter follows
        code = proc.wait(timeout=10)
        assert time.monotonic() - interrupted < 3
        assert code == EXIT_INTERRUPTED
        assert "Traceback" not in _read_until(controller, "Traceback", 0.5)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(controller)
