"""`cogtui token decode|verify`: exit codes, stdin, --json shape, human output, emulator mapping."""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from token_factory import CLIENT_ID, ISSUER, OTHER_CLIENT_ID, POOL_ID, TokenFactory

from cogtui.cli.token import main, run_token

ROOT = Path(__file__).resolve().parents[3]
FAR_FUTURE = 4_000_000_000


@pytest.fixture
def jwks_file(tmp_path: Path, factory: TokenFactory) -> str:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(factory.jwks()))
    return str(path)


@pytest.fixture
def fresh_token(factory: TokenFactory) -> str:
    return factory.id_token(exp=FAR_FUTURE, iat=FAR_FUTURE - 7200, auth_time=FAR_FUTURE - 7200)


def run(argv: list[str], monkeypatch, stdin: str | None = None) -> int:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_verify_valid_token_exits_0(fresh_token: str, jwks_file: str, capsys, monkeypatch) -> None:
    code = run(
        ["token", "verify", fresh_token, "--jwks", jwks_file, "--issuer", POOL_ID, "--client-id", CLIENT_ID],
        monkeypatch,
    )
    out = capsys.readouterr().out
    assert code == 0
    first, *lines = out.splitlines()
    assert first.startswith("✔ VALID · ") and "ID token" in first and "kid rsa-key-1" in first
    assert len(lines) == 17 and lines[8].split()[:2] == ["✔", "signature"]
    assert any(line.split()[:2] == ["–", "nbf"] for line in lines)


def test_verify_invalid_token_exits_1(factory: TokenFactory, jwks_file: str, capsys, monkeypatch) -> None:
    token = factory.id_token(exp=1_000)
    code = run(["token", "verify", token, "--jwks", jwks_file, "--client-id", OTHER_CLIENT_ID], monkeypatch)
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("✘ INVALID · failed: client, exp")
    assert "! iss" in out  # no --issuer given: unchecked, said so


def test_verify_json_from_stdin(fresh_token: str, jwks_file: str, capsys, monkeypatch) -> None:
    argv = [
        "token",
        "verify",
        "-",
        "--jwks",
        jwks_file,
        "--client-id",
        f"x,{CLIENT_ID}",
        "--token-use",
        "access",
        "--json",
    ]
    code = run(argv, monkeypatch, stdin=f"Bearer {fresh_token}\n")
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["valid"] is False and data["summary"] == "invalid: token_use"
    assert [c["name"] for c in data["checks"]][:3] == ["structure", "header", "header keys"]
    assert all(set(c) == {"name", "status", "detail"} for c in data["checks"])
    assert {c["status"] for c in data["checks"]} <= {"pass", "fail", "skip", "warn"}
    assert data["cleanups"] == ["removed the trailing newline", "removed the 'Bearer ' prefix"]
    assert data["kind"] == "id" and data["payload"]["aud"] == CLIENT_ID


def test_token_argument_absent_reads_stdin(fresh_token: str, jwks_file: str, capsys, monkeypatch) -> None:
    code = run(
        ["token", "verify", "--jwks", jwks_file, "--client-id", CLIENT_ID, "--json"],
        monkeypatch,
        stdin=fresh_token,
    )
    assert code == 0 and json.loads(capsys.readouterr().out)["valid"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["token", "verify", "x", "--jwks", "f.json"],  # no --client-id
        ["token", "verify", "x", "--client-id", "c"],  # no key source
        ["token", "verify", "x", "--jwks", "f", "--user-pool-id", POOL_ID, "--client-id", "c"],
        ["token", "verify", "x", "--jwks", "f", "--client-id", "c", "--token-use", "refresh"],
        ["token", "verify", "x", "--jwks", "f", "--client-id", "c", "--grace", "soon"],
        ["token"],
    ],
)
def test_argparse_usage_errors_exit_2(argv: list[str], monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run(argv, monkeypatch)
    assert exited.value.code == 2


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (
            ["token", "verify", "x", "--jwks", "/no/such/jwks.json", "--client-id", "c"],
            None,
            "cannot read the JWKS file",
        ),
        (["token", "verify", "x", "--user-pool-id", "nonsense", "--client-id", "c"], None, "region"),
        (["token", "verify", "x", "--user-pool-id", POOL_ID, "--client-id", " , "], None, "at least one"),
        (
            ["token", "verify", "x", "--user-pool-id", POOL_ID, "--client-id", "c", "--grace", "-5"],
            None,
            "negative",
        ),
        (
            ["token", "verify", "x", "--user-pool-id", POOL_ID, "--client-id", "c", "--issuer", "cognito"],
            None,
            "--issuer",
        ),
        (["token", "decode", "-"], "  \n", "no token on standard input"),
        (["token", "decode"], "", "no token on standard input"),
    ],
)
def test_bad_values_exit_2(argv, stdin, message: str, monkeypatch, capsys) -> None:
    assert run(argv, monkeypatch, stdin=stdin) == 2
    assert message in capsys.readouterr().err


def test_interactive_stdin_is_not_waited_for(monkeypatch, capsys) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["token", "decode"]) == 2
    assert "no token" in capsys.readouterr().err


def test_decode_human_output(factory: TokenFactory, capsys, monkeypatch) -> None:
    token = factory.access_token(**{"custom:plan": "gold"})
    assert run(["token", "decode", f"  {token}  "], monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.startswith("Access token (decoded, not verified) · ")
    assert "note: removed surrounding whitespace" in out
    assert "Header" in out and "Claims" in out and "Size: " in out
    assert "scope" in out and "OAuth scopes" in out
    assert "2025-06-15 16:06:40 UTC" in out  # exp shown in UTC


def test_decode_json(factory: TokenFactory, capsys, monkeypatch) -> None:
    assert run(["token", "decode", factory.id_token(), "--json"], monkeypatch) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["well_formed"] is True and data["kind"] == "id"
    assert data["header"]["alg"] == "RS256" and data["payload"]["iss"] == ISSUER
    exp = next(c for c in data["claims"] if c["name"] == "exp")
    assert exp["utc"] == "2025-06-15 16:06:40 UTC" and exp["explanation"]
    assert [limit["limit_bytes"] for limit in data["size"]["limits"]] == [10000, 4096, 8192, 10240, 16384]


def test_decode_garbage_exits_1(capsys, monkeypatch) -> None:
    assert run(["token", "decode", "abc.def"], monkeypatch) == 1
    assert "expected 3 parts" in capsys.readouterr().out
    assert run(["token", "decode", "abc.def", "--json"], monkeypatch) == 1
    assert json.loads(capsys.readouterr().out)["problems"]


def test_verify_against_emulator_endpoint(
    jwks_server, factory: TokenFactory, fresh_token: str, capsys, monkeypatch
) -> None:
    jwks_server.serve(f"/{POOL_ID}/.well-known/jwks.json", factory.jwks())
    argv = ["--endpoint-url", jwks_server.url, "token", "verify", fresh_token, "--user-pool-id", POOL_ID,
            "--client-id", CLIENT_ID, "--token-use", "id", "--json"]  # fmt: skip
    assert run(argv, monkeypatch) == 0
    data = json.loads(capsys.readouterr().out)
    jwks = next(c for c in data["checks"] if c["name"] == "jwks")
    assert jwks["detail"] == f"4 keys from {jwks_server.url}/{POOL_ID}/.well-known/jwks.json"
    assert jwks_server.requests == [
        f"/{POOL_ID}/.well-known/openid-configuration",  # names no issuer here: AWS's forms are kept
        f"/{POOL_ID}/.well-known/jwks.json",
    ]


def test_unreachable_jwks_is_a_failed_check(fresh_token: str, capsys, monkeypatch) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{probe.getsockname()[1]}"
    argv = ["--endpoint-url", endpoint, "token", "verify", fresh_token, "--user-pool-id", POOL_ID,
            "--client-id", CLIENT_ID]  # fmt: skip
    assert run(argv, monkeypatch) == 1
    out = capsys.readouterr().out
    assert (
        "✘ jwks" in out
        and f"cannot reach {endpoint}/{POOL_ID}/.well-known/jwks.json: connection refused" in out
    )


def test_wired_into_cogtuis_parser() -> None:
    """--region works before `token` (global) and after `verify` (added there by cogtui.cli.main)."""
    parser = pytest.importorskip("cogtui.cli.main").build_parser()
    argv = ["token", "verify", "t", "--user-pool-id", "local_1", "--client-id", "c"]
    args = parser.parse_args(["--region", "eu-west-1", *argv])
    assert args.region == "eu-west-1" and args.token_command == "verify"
    assert parser.parse_args([*argv, "--region", "ap-south-1"]).region == "ap-south-1"


def test_region_after_verify_gives_the_pool_region(
    jwks_server, factory: TokenFactory, monkeypatch, capsys
) -> None:
    """An endpoint that names no issuer: AWS's forms are accepted with the region given."""
    pool = "local_Abc123"
    issuer = f"https://cognito-idp.eu-west-1.amazonaws.com/{pool}"
    jwks_server.serve(f"/{pool}/.well-known/jwks.json", factory.jwks())
    token = factory.id_token(iss=issuer, exp=FAR_FUTURE)
    argv = ["token", "verify", token, "--user-pool-id", pool, "--client-id", CLIENT_ID,
            "--endpoint-url", jwks_server.url, "--region", "eu-west-1"]  # fmt: skip
    assert run(argv, monkeypatch) == 0, capsys.readouterr().out
    assert run(argv[:-2], monkeypatch) == 1  # no region: only the endpoint's own form is expected
    assert f"expected {jwks_server.url}/{pool}" in capsys.readouterr().out
    # on AWS itself, a pool id without a region prefix needs --region
    assert run(argv[:-4], monkeypatch) == 2
    assert "cannot tell the region" in capsys.readouterr().err


def test_run_token_with_explicit_streams(factory: TokenFactory) -> None:
    args = argparse.Namespace(token_command="decode", token_input="-", token_json=True)
    out = io.StringIO()
    assert run_token(args, stdin=io.StringIO(factory.id_token()), stdout=out) == 0
    assert json.loads(out.getvalue())["kind"] == "id"


def test_ascii_terminal_gets_ascii_glyphs(fresh_token: str, jwks_file: str, monkeypatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    args = argparse.Namespace(
        token_command="verify", token_input=fresh_token, token_json=False, jwks=jwks_file, user_pool_id=None,
        issuer=None, client_id=CLIENT_ID, token_use="any", grace=0, endpoint_url=None,
    )  # fmt: skip
    assert run_token(args, stdout=stream) == 0
    stream.flush()
    text = stream.buffer.getvalue().decode("ascii")
    assert text.startswith("VALID - ") and "  + signature" in text


def test_real_process_reads_stdin_and_stays_light(fresh_token: str, jwks_file: str) -> None:
    code = (
        "import sys; from cogtui.cli.token import main; rc = main(sys.argv[1:]); "
        "heavy = [m for m in ('textual', 'boto3', 'botocore') if m in sys.modules]; "
        "sys.exit(rc if not heavy else 99)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-c",
        code,
        "token",
        "verify",
        "-",
        "--jwks",
        jwks_file,
        "--client-id",
        CLIENT_ID,
        "--json",
    ]
    done = subprocess.run(argv, input=fresh_token, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["valid"] is True


def test_verify_says_when_an_id_token_is_past_the_size_sign_in_allows(
    factory: TokenFactory, jwks_file: str, capsys, monkeypatch
) -> None:
    token = factory.id_token(exp=FAR_FUTURE, **{"custom:blob": "x" * 7_800})
    argv = ["token", "verify", token, "--jwks", jwks_file, "--issuer", POOL_ID, "--client-id", CLIENT_ID]
    assert run(argv, monkeypatch) == 0  # still a valid token: the size is said, not failed
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("  ✘ size: 11,") and "over the Cognito ID token limit" in last
    assert run([*argv, "--json"], monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["size"]["status"] == "over"
