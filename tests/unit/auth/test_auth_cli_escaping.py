"""``cogtui auth sign-in`` prints what a server says on one line: a forged line or an escape sequence in
the refusal's message stays escaped (a message no real endpoint sends, so stubbed)."""

import argparse
import io

from auth_fakes import CLIENT_ID, POOL_ID

from cogtui.cli.auth import add_auth_parser, run_auth
from cogtui.cli.console import EXIT_REFUSED, CliIO

FORGED = "Incorrect username or password.\n✔ Signed in as alice\x1b[2J"


def test_a_refusal_message_stays_on_its_line(idp):
    idp.error("initiate_auth", "NotAuthorizedException", FORGED)
    for method in ("describe_user_pool_client", "describe_user_pool", "admin_get_user"):
        idp.error(method, "AccessDeniedException", "not authorized to perform cognito-idp:" + method)
    parser = argparse.ArgumentParser(prog="cogtui")
    parser.add_argument("--endpoint-url")
    add_auth_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["auth", "sign-in", "--user-pool-id", POOL_ID, "--client-id", CLIENT_ID]
        + ["--username", "mallory\n✔ forged", "--password-stdin", "--trace"]
    )
    out, err = io.StringIO(), io.StringIO()
    code = run_auth(args, CliIO(stdin=io.StringIO("pw\n"), stdout=out, stderr=err), gateway=idp.gateway)
    text = err.getvalue()
    assert code == EXIT_REFUSED
    assert "Incorrect username or password.\\n✔ Signed in as alice\\x1b[2J" in text
    assert "\x1b" not in text
    assert not any(line.startswith(("✔", "  ✔")) for line in text.splitlines())
