"""One HTTP exchange with a pool's domain, made with urllib and recorded as a timeline ``Step``.

Redirects are never followed (a redirect is the answer: ``/login``, ``/error?error=...`` or the
callback). The step's request is the method, URL, headers and form with every secret, code, verifier
and token redacted by the trace's ``redact``; the response is the status, the ``Location``'s parameters
or the JSON body, redacted the same way. An OAuth error (a JSON ``error``, a redirect carrying
``error=``, a 401 ``invalid_token``) becomes the step's ``CogtuiError`` with Cognito's
``error_description`` as its message; a domain that does not answer becomes ``domain_unreachable``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from http.client import HTTPException
from typing import Any

from cogtui.auth.steps import Step
from cogtui.aws.errors import CogtuiError
from cogtui.aws.trace import redact
from cogtui.secrets import scrub

DOMAIN_UNREACHABLE = "domain_unreachable"
DOMAIN_NOT_FOUND = "domain_not_found"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Reply:
    """What the domain answered (``status`` 0: no answer)."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)
    problem: str = ""

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def location_params(self) -> dict[str, str]:
        return dict(
            urllib.parse.parse_qsl(urllib.parse.urlsplit(self.location).query, keep_blank_values=True)
        )

    def json(self) -> dict[str, Any]:
        try:
            found = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return {}
        return found if isinstance(found, dict) else {}


def send(
    method: str,
    url: str,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> Reply:
    """One request, no redirect followed; a transport failure is a Reply with status 0 and the problem."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    all_headers = {"Accept": "application/json", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=all_headers, method=method)
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # noqa: S310 - the pool's own http(s) URL
            return Reply(response.status, _lower(response.headers), response.read(1_000_000))
    except urllib.error.HTTPError as error:
        return Reply(error.code, _lower(error.headers), error.read(1_000_000))
    except urllib.error.URLError as error:
        return Reply(0, problem=f"cannot reach {_host(url)}: {error.reason}")
    except (TimeoutError, OSError, HTTPException, ValueError) as error:
        return Reply(0, problem=f"no answer from {_host(url)}: {error}")


def _lower(headers: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (headers or {}).items()}


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def oauth_error(reply: Reply, operation: str) -> CogtuiError | None:
    """The OAuth error a reply carries, or None when it is a success."""
    if reply.status == 0:
        return CogtuiError(message=reply.problem, code=DOMAIN_UNREACHABLE, operation=operation)
    params = reply.location_params() if reply.location else {}
    body = reply.json() if not reply.location else {}
    error = params.get("error") or str(body.get("error") or "")
    if error == "not_found" or (reply.status == 404 and not error):
        return CogtuiError(
            message="the domain answered 404 Not Found",
            code=DOMAIN_NOT_FOUND,
            operation=operation,
            http_status=404,
        )
    if not error and reply.status >= 400:
        error = (
            "invalid_token"
            if "invalid_token" in reply.headers.get("www-authenticate", "")
            else f"http_{reply.status}"
        )
    if not error:
        return None
    description = params.get("error_description") or str(body.get("error_description") or "")
    return CogtuiError(message=description, code=error, operation=operation, http_status=reply.status)


def response_summary(reply: Reply) -> dict[str, Any]:
    """The reply as the timeline shows it, redacted."""
    out: dict[str, Any] = {"status": reply.status} if reply.status else {"problem": reply.problem}
    if reply.location:
        parts = urllib.parse.urlsplit(reply.location)
        out["Location"] = urllib.parse.urlunsplit(parts._replace(query="", fragment=""))
        out["Location parameters"] = redact(reply.location_params())
    elif reply.body:
        body = reply.json()
        out["body"] = (
            redact(body)
            if body
            else f"({len(reply.body)} bytes of {reply.headers.get('content-type', 'text')})"
        )
    return out


def make_step(
    index: int,
    title: str,
    operation: str,
    request: dict[str, Any],
    response: dict[str, Any],
    started: float,
    error: CogtuiError | None = None,
    http_status: int | None = None,
    notes: tuple[str, ...] = (),
    signed_in: bool = False,
) -> Step:
    """A timeline step; ``request`` and ``response`` are redacted here (secrets remembered for scrubbing)."""
    if error is not None and error.message:
        error = replace(error, message=scrub(error.message))
    return Step(
        index=index,
        operation=operation,
        title=title,
        request=redact(request),
        response=redact(response),
        started_at=started,
        duration_ms=(time.time() - started) * 1000,
        http_status=http_status,
        error=error,
        notes=notes,
        signed_in=signed_in,
    )


def exchange_step(
    index: int,
    title: str,
    method: str,
    url: str,
    *,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[Step, Reply]:
    """Send one request and record it; the step's error is the OAuth error of the reply, if any."""
    started = time.time()
    reply = send(method, url, form, headers, timeout)
    operation = operation_name(method, url)
    parts = urllib.parse.urlsplit(url)
    request: dict[str, Any] = {"url": urllib.parse.urlunsplit(parts._replace(query=""))}
    if parts.query:
        request["query"] = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    if headers:
        request["headers"] = headers
    if form is not None:
        request["form"] = form
    step = make_step(
        index,
        title,
        operation,
        request,
        response_summary(reply),
        started,
        oauth_error(reply, operation),
        reply.status or None,
    )
    return step, reply


def operation_name(method: str, url: str) -> str:
    """``POST /oauth2/token``, ``GET /logout``: the endpoint's path below the domain."""
    path = urllib.parse.urlsplit(url).path
    if "/oauth2/" in path:
        return f"{method} /oauth2/{path.rsplit('/oauth2/', 1)[1]}"
    return f"{method} /{path.rstrip('/').rsplit('/', 1)[-1]}"
