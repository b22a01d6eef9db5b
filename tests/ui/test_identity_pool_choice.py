"""On the sandbox, the Identity screen takes the seeded identity pool even when other pools exist."""

from __future__ import annotations

import boto3

from cogtui.sandbox import SANDBOX_CREDENTIALS
from cogtui.screens.identity import IdentityScreen
from tests.pilot_wait import wait_for
from tests.ui.test_identity_screen import SIZE


async def test_the_seeded_identity_pool_is_taken_among_several(make_sandbox_app, sandbox):
    _, info = sandbox
    identity = boto3.client(
        "cognito-identity",
        endpoint_url=info.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=SANDBOX_CREDENTIALS[0],
        aws_secret_access_key=SANDBOX_CREDENTIALS[1],
    )
    other = identity.create_identity_pool(IdentityPoolName="another", AllowUnauthenticatedIdentities=True)
    try:
        app = make_sandbox_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("4")
            screen = app.screen
            assert isinstance(screen, IdentityScreen)
            await wait_for(pilot, lambda: screen.form.pool_text, "an identity pool taken")
            assert screen.form.pool_text == info.identity_pool.id
    finally:
        identity.delete_identity_pool(IdentityPoolId=other["IdentityPoolId"])
