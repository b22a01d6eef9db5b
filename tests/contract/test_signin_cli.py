"""``cogtui auth sign-in`` against the sandbox: in-process for exit codes, and as a real process fed by a pipe."""

import io
import json
import subprocess
import sys
from pathlib import Path

from cogtui.cli.auth import _standalone_parser, run_auth
from cogtui.cli.console import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CliIO
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.tokens.decode import decode_token

ROOT = Path(__file__).resolve().parents[2]


def sign_in_args(info, pool_name, client_name, username, *extra):
    pool = info.pool(pool_name)
    return [
        "--endpoint-url",
        info.endpoint_url,
        "--region",
        info.region,
        "--sandbox",
        "auth",
        "sign-in",
        "--user-pool-id",
        pool.id,
        "--client-id",
        pool.client(client_name).id,
        "--username",
        username,
        *extra,
    ]


def run_in_process(argv, stdin="", interactive=False):
    out, err = io.StringIO(), io.StringIO()
    code = run_auth(
        _standalone_parser().parse_args(argv),
        CliIO(stdin=io.StringIO(stdin), stdout=out, stderr=err, interactive=interactive),
    )
    return code, out.getvalue(), err.getvalue()


def test_exit_codes(sandbox):
    _, info = sandbox
    code, out, err = run_in_process(
        sign_in_args(info, "demo-app", "web-spa", "alice", "--password-stdin"), f"{DEMO_PASSWORD}\n"
    )
    assert code == EXIT_OK, err
    assert decode_token(json.loads(out)["AccessToken"]).payload["username"] == "alice"

    code, out, err = run_in_process(
        sign_in_args(info, "demo-app", "web-spa", "erin", "--password-stdin", "--json"), f"{DEMO_PASSWORD}\n"
    )
    assert code == EXIT_REFUSED and "disabled" in err
    assert json.loads(out)["explanation"]["key"] == "user_disabled"

    code, out, err = run_in_process(sign_in_args(info, "demo-app", "web-spa", "alice"))
    assert code == EXIT_USAGE and out == ""


def frank_on_the_confidential_client(info) -> tuple[list[str], str]:
    """frank (TOTP) on the client with a secret: the arguments, and the stdin lines of secret and password."""
    argv = sign_in_args(
        info,
        "demo-app",
        "backend",
        "frank",
        "--client-secret-stdin",
        "--password-stdin",
        "--flow",
        "password",
    )
    return argv, f"{info.pool('demo-app').client('backend').secret}\n{DEMO_PASSWORD}\n"


def test_a_piped_process_reads_secret_and_password_from_stdin_and_answers_totp(sandbox):
    _, info = sandbox
    backend = info.pool("demo-app").client("backend")
    argv, secrets = frank_on_the_confidential_client(info)
    argv += ["--totp-secret", info.user("frank").totp_secret, "--json", "--trace"]
    proc = subprocess.run(
        [sys.executable, "-m", "cogtui.cli.auth", *argv],
        input=secrets,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["signed_in"] and doc["tokens"]["TokenType"] == "Bearer"
    assert [s["title"] for s in doc["steps"]] == [
        "InitiateAuth USER_PASSWORD_AUTH",
        "RespondToAuthChallenge SOFTWARE_TOKEN_MFA",
    ]
    steps_text = json.dumps(doc["steps"])
    assert (
        backend.secret not in steps_text
        and DEMO_PASSWORD not in steps_text
        and doc["tokens"]["AccessToken"] not in steps_text
    )
    assert doc["steps"][0]["hashed_username"] == {
        "value": "frank",
        "source": "USERNAME as typed (InitiateAuth)",
    }
