"""``cogtui identity credentials`` prints what an endpoint answers on one line: a forged line or an escape
sequence in the STS caller stays escaped (an answer no real endpoint gives, so stubbed)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from identity_fixtures import IDENTITY_ID, IDENTITY_POOL_ID, stubbed_gateway

from cogtui.cli.identity_credentials import Options, run_credentials

FORGED = "arn:aws:sts::123456789012:assumed-role/guest/s\n✔ Verified as the admin role\x1b[2J"


async def test_the_sts_caller_is_printed_on_its_line():
    gateway, stubbers, _ = stubbed_gateway("cognito-identity", "sts")
    ci = stubbers["cognito-identity"]
    ci.add_client_error(
        "describe_identity_pool", "AccessDeniedException", "denied", response_meta={"HTTPStatusCode": 400}
    )
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    credentials = {
        "AccessKeyId": "ASIAEXAMPLE",
        "SecretKey": "s3cr3t-key",
        "SessionToken": "session-tok",
        "Expiration": datetime(2030, 1, 1, tzinfo=UTC),
    }
    ci.add_response("get_credentials_for_identity", {"IdentityId": IDENTITY_ID, "Credentials": credentials})
    stubbers["sts"].add_response(
        "get_caller_identity", {"UserId": "AROAEXAMPLE:s", "Account": "123456789012", "Arn": FORGED}
    )
    options = Options(
        identity_pool_id=IDENTITY_POOL_ID,
        id_token=None,
        flow="enhanced",
        role_arn=None,
        role_session_name="cogtui",
        logins_key=None,
        verify=True,
        fmt="env",
        profile_name="cogtui",
        show_checks=True,
    )
    out, err = io.StringIO(), io.StringIO()
    try:
        code = await run_credentials(gateway, options, out, err)
    finally:
        gateway.close()
    text = err.getvalue()
    assert code == 0 and "AWS_ACCESS_KEY_ID=ASIAEXAMPLE" in out.getvalue()
    assert "assumed-role/guest/s\\n✔ Verified as the admin role\\x1b[2J" in text
    assert "\x1b" not in text
    assert not any(line.lstrip().startswith("✔ Verified") for line in text.splitlines())
