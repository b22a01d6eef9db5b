"""A scripted browser and OAuth client for the sandbox's OAuth endpoints: plain urllib, no redirects followed."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def json(self) -> dict:
        return json.loads(self.body)

    def location_params(self, fragment: bool = False) -> dict[str, str]:
        parts = urllib.parse.urlparse(self.location)
        return dict(urllib.parse.parse_qsl(parts.fragment if fragment else parts.query))

    def hidden(self, name: str) -> str:
        match = re.search(rf"name='{name}' value='([^']*)'", self.body)
        assert match, f"no hidden field {name!r} in the page"
        return match.group(1)


def request(url: str, form: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Reply:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=10) as response:
            return Reply(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read().decode())


def basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def authorize_params(client_id: str, redirect_uri: str, **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": "st4te",
        **extra,
    }


def sign_in(base: str, params: dict[str, str], username: str, password: str) -> Reply:
    """GET authorize, follow to the login page, POST the form: the reply is the next page or the redirect."""
    first = request(f"{base}/oauth2/authorize?{urllib.parse.urlencode(params)}")
    assert first.status == 302 and "/login?" in first.location, first
    login_page = request(first.location)
    assert (
        login_page.status == 200
        and "name='username'" in login_page.body
        and "name='password'" in login_page.body
    )
    return request(first.location, {"username": username, "password": password})
