"""Helpers for the managed-login tests: an app client of the test's own with its own loopback port, the
``cogtui auth login --no-browser`` process, and a scripted browser that follows the printed URL."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

from cogtui.sandbox import DEMO_PASSWORD
from tests.contract.conftest import unused_port
from tests.contract.oauth_client import Reply, request
from tests.contract.own_pool import boto

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LoginClient:
    pool_id: str
    client_id: str
    secret: str | None
    callback: str


def login_client(info, secret: bool = False, scopes=("openid", "email", "profile")) -> LoginClient:
    """A managed-login client on demo-app with a callback on a port no other test uses."""
    pool = info.pool("demo-app")
    callback = f"http://localhost:{unused_port()}/callback"
    created = boto(info.endpoint_url).create_user_pool_client(
        UserPoolId=pool.id,
        ClientName=f"login-{uuid.uuid4().hex[:8]}",
        GenerateSecret=secret,
        CallbackURLs=[callback],
        LogoutURLs=[callback.rsplit("/", 1)[0] + "/"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=list(scopes),
        AllowedOAuthFlowsUserPoolClient=True,
        SupportedIdentityProviders=["COGNITO"],
        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email", "email_verified", "name"],
    )["UserPoolClient"]
    return LoginClient(pool.id, created["ClientId"], created.get("ClientSecret"), callback)


class LoginProcess:
    """``cogtui auth login --no-browser`` as a real process; ``url`` is the line it printed after ``Open:``."""

    def __init__(self, info, client: LoginClient, *extra: str, stdin: str = "") -> None:
        argv = [sys.executable, "-m", "cogtui", "--endpoint-url", info.endpoint_url, "--region", "us-east-1"]
        argv += [
            "--sandbox",
            "auth",
            "login",
            "--user-pool-id",
            client.pool_id,
            "--client-id",
            client.client_id,
        ]
        self.proc = subprocess.Popen(
            [*argv, "--no-browser", "--timeout", "30", *extra],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.proc.stdin.write(stdin)
        self.proc.stdin.close()
        self.stderr_lines: list[str] = []
        self._opened = threading.Event()
        self.url = ""
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr_lines.append(line)
            if line.startswith("Open: ") and not self.url:
                self.url = line[len("Open: ") :].strip()
                self._opened.set()
        self._opened.set()

    def wait_for_url(self, timeout: float = 30) -> str:
        assert self._opened.wait(timeout), "no 'Open:' line on stderr"
        assert self.url, "".join(self.stderr_lines)
        return self.url

    def finish(self, timeout: float = 30) -> tuple[int, str, str]:
        out = self.proc.stdout.read()
        code = self.proc.wait(timeout)
        return code, out, "".join(self.stderr_lines)


def browse(url: str, username: str, password: str = DEMO_PASSWORD, code: str | None = None) -> Reply:
    """Be the browser: authorize, the login page, the form (and the MFA code): the redirect to the callback."""
    first = request(url)
    assert first.status == 302 and "/login?" in first.location, first
    assert "name='username'" in request(first.location).body
    reply = request(first.location, {"username": username, "password": password})
    if code is not None:
        assert reply.status == 200 and "name='code'" in reply.body, reply.body
        reply = request(first.location, {"session": reply.hidden("session"), "code": code})
    assert reply.status == 302, reply.body
    return reply


def callback_params(reply: Reply) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(reply.location).query))
