"""The identity doctor (``identity credentials --checks``) verifies real sandbox-signed ID tokens with
the token verifier's checks: the genuine token passes, a tampered one, an unsigned one and one whose
iss ends in '/' never get a clean bill."""

from __future__ import annotations

import base64
import json

import pytest

from tests.contract.test_identity_cli import _in_thread, fake_credentials, id_token, run  # noqa: F401


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def parts(token: str) -> tuple[dict, dict, str]:
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def forge(token: str, how: str) -> str:
    header, payload, signature = parts(token)
    if how == "tampered payload":
        payload["cognito:groups"] = ["admins"]
    elif how == "alg none":
        return f"{b64({**header, 'alg': 'none'})}.{b64(payload)}."
    elif how == "iss with a trailing slash":
        payload["iss"] += "/"
    return f"{b64(header)}.{b64(payload)}.{signature}"


async def test_a_genuine_sandbox_token_verifies(sandbox, id_token, fake_credentials):  # noqa: F811
    _, info = sandbox
    code, out, err = await _in_thread(run, info, "--id-token", id_token, "--checks")
    assert code == 0, err
    assert "✔ token verification: Verified" in err and "✔ token signature: verified with key" in err
    assert "✘" not in err


@pytest.mark.parametrize("how", ["tampered payload", "alg none", "iss with a trailing slash"])
async def test_a_forged_sandbox_token_is_flagged(sandbox, id_token, fake_credentials, how):  # noqa: F811
    _, info = sandbox
    code, out, err = await _in_thread(run, info, "--id-token", forge(id_token, how), "--checks")
    assert "✘ token verification: The token does not verify" in err
    expected = {
        "tampered payload": "✘ token signature",
        "alg none": "✘ token alg",
        "iss with a trailing slash": "✘ token iss",
    }
    assert expected[how] in err
    if code == 0:  # an endpoint that let it through is named as such
        assert "warning: the endpoint accepted the exchange" in err
