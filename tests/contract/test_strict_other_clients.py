"""Clients the sandbox did not write see the same refusals: plain urllib (the JSON protocol by hand) and the AWS CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from typing import Any

import pytest

from cogtui.sandbox import DEMO_PASSWORD


def post(endpoint: str, operation: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        endpoint,
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_urllib_gets_cognitos_json_error_shape(sandbox):
    info = sandbox[1]
    client = info.pool("demo-app").client("legacy-password")

    def sign_in(password: str) -> tuple[int, dict[str, Any]]:
        body = {
            "ClientId": client.id,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "bob", "PASSWORD": password},
        }
        return post(info.endpoint_url, "InitiateAuth", body)

    status, answer = sign_in("Wr0ng!Password")
    assert status == 400 and answer == {
        "__type": "NotAuthorizedException",
        "message": "Incorrect username or password.",
    }
    status, answer = sign_in(DEMO_PASSWORD)
    assert status == 200 and answer["AuthenticationResult"]["TokenType"] == "Bearer"


@pytest.mark.skipif(shutil.which("aws") is None, reason="the AWS CLI is not installed")
def test_the_aws_cli_is_refused_without_the_secret_hash(sandbox):
    info = sandbox[1]
    backend = info.pool("demo-app").client("backend")
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    command = [
        "aws",
        "cognito-idp",
        "initiate-auth",
        "--endpoint-url",
        info.endpoint_url,
        "--client-id",
        backend.id,
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        f"USERNAME=bob,PASSWORD={DEMO_PASSWORD}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode != 0
    assert "NotAuthorizedException" in done.stderr
    assert f"Client {backend.id} is configured with secret but SECRET_HASH was not received" in done.stderr
