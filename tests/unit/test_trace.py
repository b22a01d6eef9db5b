"""The trace records calls with every secret redacted."""

from cogtui.aws.trace import REDACTED, Trace, redact


def test_redacts_auth_parameters_and_tokens():
    params = {
        "ClientId": "abc",
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!", "SECRET_HASH": "xyz="},
        "ChallengeResponses": {
            "SOFTWARE_TOKEN_MFA_CODE": "123456",
            "NEW_PASSWORD": "N3w!",
            "USERNAME": "alice",
        },
        "Session": "AYAB...",
        "Logins": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_x": "eyJ.payload.sig"},
        "PaginationToken": "page-2",
        "GenerateSecret": True,
    }
    out = redact(params)
    assert out["AuthParameters"] == {"USERNAME": "alice", "PASSWORD": REDACTED, "SECRET_HASH": REDACTED}
    assert out["ChallengeResponses"]["SOFTWARE_TOKEN_MFA_CODE"] == REDACTED
    assert out["ChallengeResponses"]["NEW_PASSWORD"] == REDACTED
    assert out["ChallengeResponses"]["USERNAME"] == "alice"
    assert out["Session"] == REDACTED
    assert out["Logins"] == {"cognito-idp.us-east-1.amazonaws.com/us-east-1_x": REDACTED}
    assert out["PaginationToken"] == "page-2"
    assert out["GenerateSecret"] is True
    assert params["AuthParameters"]["PASSWORD"] == "Passw0rd!"  # the original is untouched


def test_redacts_responses():
    response = {
        "AuthenticationResult": {"AccessToken": "a", "IdToken": "i", "RefreshToken": "r", "ExpiresIn": 3600},
        "Credentials": {"AccessKeyId": "AKIA", "SecretKey": "s3cr3t", "SessionToken": "tok"},
        "UserPoolClient": {"ClientId": "c", "ClientSecret": "shh"},
    }
    out = redact(response)
    assert out["AuthenticationResult"] == {
        "AccessToken": REDACTED,
        "IdToken": REDACTED,
        "RefreshToken": REDACTED,
        "ExpiresIn": 3600,
    }
    assert out["Credentials"]["SecretKey"] == REDACTED and out["Credentials"]["AccessKeyId"] == "AKIA"
    assert out["UserPoolClient"]["ClientSecret"] == REDACTED


def test_trace_records_and_notifies():
    trace = Trace(limit=3)
    seen = []
    unsubscribe = trace.subscribe(seen.append)
    for i in range(5):
        trace.record(
            service="cognito-idp",
            operation=f"Op{i}",
            params={"Password": "x"},
            started_at=0.0,
            duration_ms=1.0,
            ok=True,
        )
    assert [e.operation for e in trace.entries] == ["Op2", "Op3", "Op4"]
    assert len(seen) == 5 and seen[0].params == {"Password": REDACTED}
    assert [e.operation for e in trace.since(4)] == ["Op4"]
    unsubscribe()
    trace.record(service="sts", operation="X", params={}, started_at=0.0, duration_ms=1.0, ok=True)
    assert len(seen) == 5
