"""``cogtui auth sign-in`` over a stubbed Cognito: stdin secrets, flags, prompts, JSON and exit codes."""

import argparse
import io
import json

import pytest
from auth_fakes import CLIENT_ID, CLIENT_SECRET, POOL_ID, auth_result
from botocore.stub import ANY

from cogtui.auth.secret_hash import secret_hash
from cogtui.auth.totp import totp_code
from cogtui.cli.auth import add_auth_parser, run_auth
from cogtui.cli.console import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CliIO

S1, S2 = "AYABeSessionToken-000001", "AYABeSessionToken-000002"


def parse(*argv):
    parser = argparse.ArgumentParser(prog="cogtui")
    parser.add_argument("--endpoint-url")
    add_auth_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["auth", "sign-in", "--user-pool-id", POOL_ID, "--client-id", CLIENT_ID, *argv])


def run(idp, argv, stdin="", interactive=False, secret=None):
    out, err = io.StringIO(), io.StringIO()
    cli_io = CliIO(
        stdin=io.StringIO(stdin), stdout=out, stderr=err, interactive=interactive, read_secret=secret
    )
    code = run_auth(parse(*argv), cli_io, gateway=idp.gateway)
    return code, out.getvalue(), err.getvalue()


class TotpOfNow:
    """Matches the authenticator code of this 30-second step or the next one."""

    def __init__(self, secret):
        self.secret = secret

    def __eq__(self, other):
        import time

        return other in {totp_code(self.secret, time.time() + d) for d in (-30, 0, 30)}


def test_stdin_lines_are_client_secret_password_new_password_in_that_order(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": S1,
            "ChallengeParameters": {"USER_ID_FOR_SRP": "dave"},
        },
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {
                "USERNAME": "dave",
                "PASSWORD": "Temp0rary!demo",
                "SECRET_HASH": secret_hash("dave", CLIENT_ID, CLIENT_SECRET),
            },
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result(username="dave")},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": S1,
            "ChallengeResponses": {
                "USERNAME": "dave",
                "NEW_PASSWORD": "N3w!Passw0rd",
                "SECRET_HASH": secret_hash("dave", CLIENT_ID, CLIENT_SECRET),
            },
        },
    )
    argv = [
        "--username",
        "dave",
        "--flow",
        "password",
        "--new-password-stdin",
        "--password-stdin",
        "--client-secret-stdin",
    ]
    code, out, err = run(idp, argv, stdin=f"{CLIENT_SECRET}\nTemp0rary!demo\nN3w!Passw0rd\n")
    assert code == EXIT_OK, err
    tokens = json.loads(out)
    assert set(tokens) == {"IdToken", "AccessToken", "RefreshToken", "ExpiresIn", "TokenType"}
    assert err == ""


def test_totp_secret_answers_software_token_mfa(idp):
    secret = "JBSWY3DPEHPK3PXP"
    idp.ok("initiate_auth", {"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": S1, "ChallengeParameters": {}})
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": TotpOfNow(secret)},
        },
    )
    code, out, err = run(
        idp,
        ["--username", "alice", "--flow", "password", "--password-stdin", "--totp-secret", secret],
        "pw\n",
    )
    assert code == EXIT_OK and "AccessToken" in json.loads(out)


def test_a_refused_sign_in_exits_1_with_the_explanation_on_stderr(idp):
    idp.error("initiate_auth", "NotAuthorizedException", "User is disabled.")
    # After a refusal the command reads what it may about the client, pool and user: here nothing.
    for method in ("describe_user_pool_client", "describe_user_pool", "admin_get_user"):
        idp.error(method, "AccessDeniedException", "not authorized to perform cognito-idp:" + method)
    code, out, err = run(idp, ["--username", "erin", "--password-stdin", "--json"], "pw\n")
    assert code == EXIT_REFUSED
    assert "User is disabled." in err and "AdminEnableUser" in err
    doc = json.loads(out)
    assert doc["signed_in"] is False and doc["explanation"]["key"] == "user_disabled"
    idp.stubber.assert_no_pending_responses()


def test_a_wrong_mfa_code_from_the_flags_is_not_resent(idp):
    idp.ok("initiate_auth", {"ChallengeName": "SMS_MFA", "Session": S1, "ChallengeParameters": {}})
    idp.error("respond_to_auth_challenge", "CodeMismatchException", "Invalid code received for user")
    code, out, err = run(
        idp,
        [
            "--username",
            "bob",
            "--flow",
            "password",
            "--password-stdin",
            "--mfa-code",
            "111111",
            "--json",
            "--trace",
        ],
        "pw\n",
    )
    assert code == EXIT_REFUSED and "refused the answer" in err and "code is wrong" in err
    doc = json.loads(out)
    assert doc["last_error"]["code"] == "CodeMismatchException" and len(doc["steps"]) == 2
    idp.stubber.assert_no_pending_responses()


def test_trace_prints_redacted_steps_on_stderr(idp):
    idp.ok("initiate_auth", {"AuthenticationResult": auth_result()})
    code, out, err = run(
        idp, ["--username", "alice", "--flow", "password", "--password-stdin", "--trace"], "Sup3r!Secret\n"
    )
    assert code == EXIT_OK
    assert "1. InitiateAuth USER_PASSWORD_AUTH -> tokens" in err and "request id req-initiate_auth" in err
    assert "Sup3r!Secret" not in err and "<redacted>" in err
    assert json.loads(out)["TokenType"] == "Bearer"


def test_prompts_on_a_terminal(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": S1,
            "ChallengeParameters": {
                "SALT": "0a1b",
                "SRP_B": "5e" * 64,
                "SECRET_BLOCK": "YmxvY2s=",
                "USER_ID_FOR_SRP": "alice",
                "USERNAME": "alice",
            },
        },
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": S2, "ChallengeParameters": {}},
    )
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": S2,
            "ChallengeResponses": {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "123456"},
        },
    )
    asked = []
    code, out, err = run(
        idp,
        ["--username", "alice"],
        stdin="123456\n",
        interactive=True,
        secret=lambda prompt: asked.append(prompt) or "Passw0rd!demo",
    )
    assert code == EXIT_OK and asked == ["Password: "] and "authenticator app" in err


def test_mfa_setup_needs_a_terminal_and_shows_the_secret_there(idp):
    setup = {
        "ChallengeName": "MFA_SETUP",
        "Session": S1,
        "ChallengeParameters": {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'},
    }
    idp.ok("initiate_auth", setup)
    idp.ok("associate_software_token", {"SecretCode": "JBSWY3DPEHPK3PXP", "Session": S2})
    code, _, err = run(idp, ["--username", "grace", "--flow", "password", "--password-stdin"], "pw\n")
    assert code == EXIT_REFUSED and "terminal" in err and "JBSWY3DPEHPK3PXP" not in err

    idp.ok("initiate_auth", setup)
    idp.ok("associate_software_token", {"SecretCode": "JBSWY3DPEHPK3PXP", "Session": S2})
    idp.ok(
        "verify_software_token",
        {"Status": "SUCCESS", "Session": S1},
        {"Session": S2, "UserCode": "654321", "FriendlyDeviceName": ANY},
    )
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result()})
    code, out, err = run(
        idp,
        ["--username", "grace", "--flow", "password"],
        stdin="654321\n",
        interactive=True,
        secret=lambda prompt: "pw",
    )
    assert code == EXIT_OK
    assert "JBSWY3DPEHPK3PXP" in err and "otpauth://totp/Cognito:grace?secret=JBSWY3DPEHPK3PXP" in err
    assert "█" in err or "▀" in err or "▄" in err  # the QR code drawn in the terminal


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["--username", "alice"], "", "--password-stdin"),
        (
            ["--username", "alice", "--password-stdin", "--client-secret-stdin"],
            "only-one-line\n",
            "password line",
        ),
        (["--username", "alice", "--password-stdin", "--attribute", "novalue"], "pw\n", "NAME=VALUE"),
    ],
)
def test_usage_errors_exit_2(idp, argv, stdin, message):
    code, out, err = run(idp, argv, stdin)
    assert code == EXIT_USAGE and message in err and out == ""


def test_argparse_errors_exit_2():
    parser = argparse.ArgumentParser(prog="cogtui")
    add_auth_parser(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["auth", "sign-in", "--client-id", "x"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(
            [
                "auth",
                "sign-in",
                "--user-pool-id",
                "p",
                "--client-id",
                "c",
                "--username",
                "u",
                "--mfa-code",
                "1",
                "--totp-secret",
                "S",
            ]
        )
    assert exc.value.code == 2


def test_importing_the_cli_module_stays_light():
    import subprocess
    import sys

    code = "import sys, cogtui.cli.auth; print(sorted(m for m in ('boto3', 'botocore', 'textual', 'pycognito') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_refusal_is_labelled_by_where_it_came_from():
    """Only an answer from AWS's own endpoint is "Cognito said"; an emulator or proxy is named, and a
    failure with no answer at all (no connection, a timeout) is not put in anyone's mouth."""
    from cogtui.aws.errors import EndpointError, NotAuthorizedError
    from cogtui.cli.auth_signin import said_by

    answered = NotAuthorizedError("User is disabled.", code="NotAuthorizedException", http_status=400)
    assert said_by(answered, None) == "Cognito said"
    assert said_by(answered, "http://127.0.0.1:4566") == "The endpoint http://127.0.0.1:4566 said"
    unreachable = EndpointError("Could not connect to the endpoint URL.", code="EndpointConnectionError")
    assert "Cognito" not in said_by(unreachable, None) and "no answer" in said_by(unreachable, None)
