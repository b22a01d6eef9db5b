"""The token endpoint's grants, revoke and userInfo: the requests Cognito's API reference describes.

A client with a secret authenticates with HTTP Basic (``Authorization: Basic
base64(urlencode(client_id):urlencode(client_secret))``); a public client sends ``client_id`` in the
body. Each function sends one request and returns its timeline step and the reply.
"""

from __future__ import annotations

import base64
import urllib.parse

from cogtui.auth.oauth.exchange import Reply, exchange_step
from cogtui.auth.oauth.explain import BASIC, NO_SECRET
from cogtui.auth.steps import Step
from cogtui.secrets import remember


def client_auth(client_id: str, client_secret: str | None) -> tuple[dict[str, str], dict[str, str], str]:
    """(headers, form fields, how the secret is sent) for a client with or without a secret."""
    if not client_secret:
        return {}, {"client_id": client_id}, NO_SECRET
    pair = f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(client_secret, safe='')}"
    basic = base64.b64encode(pair.encode()).decode()
    remember(basic)
    return {"Authorization": f"Basic {basic}"}, {}, BASIC


def token_request(
    url: str, grant: dict[str, str], client_id: str, client_secret: str | None, *, index: int, title: str
) -> tuple[Step, Reply]:
    """POST the token endpoint with ``grant`` (grant_type and its parameters)."""
    headers, fields, _ = client_auth(client_id, client_secret)
    return exchange_step(index, title, "POST", url, form={**grant, **fields}, headers=headers)


def revoke_request(
    url: str, refresh_token: str, client_id: str, client_secret: str | None, *, index: int
) -> tuple[Step, Reply]:
    headers, fields, _ = client_auth(client_id, client_secret)
    return exchange_step(
        index,
        "Revoke the refresh token",
        "POST",
        url,
        form={"token": refresh_token, **fields},
        headers=headers,
    )


def userinfo_request(url: str, access_token: str, *, index: int) -> tuple[Step, Reply]:
    remember(access_token)
    return exchange_step(
        index,
        "userInfo with the access token",
        "GET",
        url,
        headers={"Authorization": f"Bearer {access_token}"},
    )
