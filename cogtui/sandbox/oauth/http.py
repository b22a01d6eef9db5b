"""The HTTP side of the OAuth endpoints: a parsed request, and the answers (JSON, redirect, HTML page)."""

from __future__ import annotations

import base64
import binascii
import html
import json
import urllib.parse
from dataclasses import dataclass
from typing import Any

from cogtui.sandbox.awsjson import StartResponse, read_body

_NO_STORE = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]


@dataclass(frozen=True)
class Request:
    """One request to a domain's endpoints: ``path`` is what follows ``/oauth/<domain>``."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    base_url: str  # this domain's OAuth base, e.g. http://127.0.0.1:5000/oauth/demo-app-abc

    def param(self, name: str) -> str:
        """A parameter from the form body, else the query string ('' if absent)."""
        return self.form.get(name) or self.query.get(name) or ""

    def basic_credentials(self) -> tuple[str, str] | None:
        """(client id, secret) from an ``Authorization: Basic`` header, None if there is none or it is garbled."""
        value = self.headers.get("authorization", "")
        if not value.lower().startswith("basic "):
            return None
        try:
            decoded = base64.b64decode(value[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, sep, secret = decoded.partition(":")
        return (urllib.parse.unquote(client_id), urllib.parse.unquote(secret)) if sep else None

    def bearer(self) -> str | None:
        value = self.headers.get("authorization", "")
        return value[7:].strip() or None if value.lower().startswith("bearer ") else None


def _single_values(pairs: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in pairs:
        values.setdefault(key, value)
    return values


def parse_request(environ: dict[str, Any], path: str, base_url: str) -> Request:
    query = _single_values(
        urllib.parse.parse_qsl(str(environ.get("QUERY_STRING") or ""), keep_blank_values=True)
    )
    form: dict[str, str] = {}
    content_type = str(environ.get("CONTENT_TYPE") or "")
    if environ.get("REQUEST_METHOD") == "POST" and content_type.startswith(
        "application/x-www-form-urlencoded"
    ):
        body = read_body(environ).decode("utf-8", "replace")
        form = _single_values(urllib.parse.parse_qsl(body, keep_blank_values=True))
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    return Request(str(environ.get("REQUEST_METHOD") or "GET"), path, query, form, headers, base_url)


def json_reply(
    start_response: StartResponse,
    payload: dict[str, Any],
    status: str = "200 OK",
    extra_headers: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json;charset=UTF-8"), ("Content-Length", str(len(body)))]
    start_response(status, headers + _NO_STORE + (extra_headers or []))
    return [body]


def oauth_error(start_response: StartResponse, error: str, status: str = "400 Bad Request") -> list[bytes]:
    """The token endpoint's error body, as Cognito sends it: ``{"error": "<code>"}``."""
    return json_reply(start_response, {"error": error}, status)


def redirect(
    start_response: StartResponse, location: str, extra_headers: list[tuple[str, str]] | None = None
) -> list[bytes]:
    start_response(
        "302 Found", [("Location", location), ("Content-Length", "0"), *_NO_STORE, *(extra_headers or [])]
    )
    return [b""]


def with_params(url: str, params: dict[str, str], fragment: bool = False) -> str:
    """``url`` with ``params`` added to its query (or, for the implicit grant, as its fragment)."""
    encoded = urllib.parse.urlencode({k: v for k, v in params.items() if v})
    if fragment:
        return f"{url}#{encoded}"
    return f"{url}{'&' if '?' in url else '?'}{encoded}"


def page(start_response: StartResponse, title: str, body_html: str, status: str = "200 OK") -> list[bytes]:
    document = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body_html}</body></html>"
    ).encode()
    headers = [("Content-Type", "text/html;charset=UTF-8"), ("Content-Length", str(len(document)))]
    start_response(status, headers + _NO_STORE)
    return [document]
