"""Findings about an app client's callback and sign-out URLs: plain http, wildcards and fragments.

Cognito redirects only to a URL registered character for character (no patterns), over https except
for localhost, and a redirect URI must not carry a fragment.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from cogtui.aws.models import AppClient
from cogtui.findings.base import Finding

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def wildcard_urls(urls: tuple[str, ...]) -> list[str]:
    """URLs with a ``*``: Cognito matches redirect_uri exactly, so a wildcard is never a pattern."""
    return [url for url in urls if "*" in url]


def insecure_urls(urls: tuple[str, ...]) -> list[str]:
    """The ``http://`` URLs that do not point at this machine (localhost is fine for development)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme.lower() == "http" and (parts.hostname or "").lower() not in LOCAL_HOSTS:
            out.append(url)
    return out


def url_findings(client: AppClient) -> list[Finding]:
    """Callback and sign-out URLs: plain http, wildcards, fragments."""
    out: list[Finding] = []
    wildcards = wildcard_urls(client.callback_urls)
    if wildcards:
        out.append(
            Finding(
                "high",
                "Wildcard in callback URL: " + ", ".join(wildcards),
                "Cognito does not support wildcards: it accepts a redirect_uri only when it equals a "
                "registered callback URL character for character, so the '*' is never a pattern. The "
                "hosted UI answers 'redirect_mismatch' for the app's real URLs, and anyone reading the "
                "setting may believe every page of that host is allowed.",
                "List every exact callback URL the app uses in CallbackURLs (up to 100).",
                "client.wildcard_callback",
            )
        )
    fragments = [url for url in client.callback_urls if "#" in url]
    if fragments:
        out.append(
            Finding(
                "medium",
                "Callback URL with a fragment: " + ", ".join(fragments),
                "A redirect URI must not include a fragment component (OAuth 2.0, and Cognito's "
                "CallbackURLs rules); tokens of the implicit grant are returned in the fragment.",
                "Remove the '#...' part from CallbackURLs.",
                "client.fragment_callback",
            )
        )
    logout_wildcards = wildcard_urls(client.logout_urls)
    if logout_wildcards:
        out.append(
            Finding(
                "low",
                "Wildcard in sign-out URL: " + ", ".join(logout_wildcards),
                "Cognito matches logout_uri exactly, so the '*' is never a pattern and sign-out "
                "redirects to the app's real pages fail.",
                "List every exact sign-out URL in LogoutURLs.",
                "client.wildcard_logout",
            )
        )
    callbacks = insecure_urls(client.callback_urls)
    if callbacks:
        out.append(
            Finding(
                "high",
                "Callback URL over plain http: " + ", ".join(callbacks),
                "Authorization codes and tokens travel to this URL; over http anyone on the network path "
                "can read them. Cognito accepts http only for localhost.",
                "Serve the callback over https and update CallbackURLs.",
                "client.http_callback",
            )
        )
    logouts = insecure_urls(client.logout_urls)
    if logouts:
        out.append(
            Finding(
                "low",
                "Sign-out URL over plain http: " + ", ".join(logouts),
                "The redirect after sign-out can be tampered with on the network path.",
                "Use https in LogoutURLs.",
                "client.http_logout",
            )
        )
    return out
