"""Challenge sessions (expiry, reuse, retries), real error payloads and the engine's guard rails."""

import pytest
from auth_fakes import CLIENT_ID, CLIENT_SECRET, POOL_ID, auth_result

from cogtui.auth.challenges import ChallengeAnswer, QuestionKind
from cogtui.auth.context import ClientFacts, ExplainContext
from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import CHALLENGE, FAILED, SIGNED_IN, SignInSession, SignInStateError
from cogtui.aws.errors import InvalidInputError
from cogtui.aws.trace import REDACTED

S1, S2 = "AYABeSessionToken-000001", "AYABeSessionToken-000002"


class Clock:
    def __init__(self, now=1_700_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def request(**kw):
    base = {
        "pool_id": POOL_ID,
        "client_id": CLIENT_ID,
        "username": "alice",
        "password": "Passw0rd!demo",
        "flow": "password",
    }
    base.update(kw)
    return SignInRequest(**base)


def totp_challenge(idp, session=S1):
    idp.ok(
        "initiate_auth",
        {"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": session, "ChallengeParameters": {}},
    )


async def test_expires_at_follows_the_clients_session_validity_and_expiry_is_explained(idp):
    clock = Clock()
    totp_challenge(idp)
    idp.error(
        "respond_to_auth_challenge",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    session = SignInSession(idp.gateway, request(session_validity_minutes=5), clock=clock)
    step = await session.start()
    assert session.expires_at == clock.now + 300 and step.next.expires_at == clock.now + 300
    assert session.seconds_left() == 300
    clock.now += 301
    assert session.session_expired and session.seconds_left() == 0
    step = await session.answer(ChallengeAnswer(code="123456"))
    assert step.error.code == "NotAuthorizedException" and step.explanation.key == "session_expired"
    assert "5 minutes" in step.explanation.cause
    assert session.state == FAILED and step.next is None and session.expires_at is None


async def test_default_validity_is_three_minutes_and_expiry_is_detected_locally(idp):
    clock = Clock()
    totp_challenge(idp)
    idp.error("respond_to_auth_challenge", "NotAuthorizedException", "Invalid session for the user.")
    session = SignInSession(idp.gateway, request(), clock=clock)
    await session.start()
    assert session.expires_at == clock.now + 180
    clock.now += 200
    step = await session.answer(ChallengeAnswer(code="123456"))
    assert step.explanation.key == "session_expired" and "3 minutes" in step.explanation.cause


async def test_a_bogus_session_is_explained_as_invalid(idp):
    totp_challenge(idp)
    idp.error("respond_to_auth_challenge", "ResourceNotFoundException", "")
    session = SignInSession(idp.gateway, request())
    await session.start()
    step = await session.answer(ChallengeAnswer(code="123456"))
    assert step.explanation.key == "session_invalid"


async def test_replaying_a_used_session_is_explained_as_already_used(idp):
    totp_challenge(idp)
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result()})
    idp.error("respond_to_auth_challenge", "NotAuthorizedException", "Invalid session for the user.")
    session = SignInSession(idp.gateway, request())
    await session.start()
    await session.answer(ChallengeAnswer(code="123456"))
    replay = await session.replay_last()
    assert replay.title.endswith("(replayed)") and replay.request["Session"] == REDACTED
    assert replay.explanation.key == "session_already_used" and "step 2" in replay.explanation.cause
    assert session.state == SIGNED_IN  # a replay does not change the sign-in


async def test_a_wrong_code_keeps_the_question_and_the_same_session(idp):
    totp_challenge(idp)
    idp.error("respond_to_auth_challenge", "CodeMismatchException", "Invalid code received for user")
    idp.ok(
        "respond_to_auth_challenge",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "Session": S1,
            "ChallengeResponses": {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "222222"},
        },
    )
    session = SignInSession(idp.gateway, request())
    await session.start()
    step = await session.answer(ChallengeAnswer(code="111111"))
    assert step.explanation.key == "code_mismatch" and "30 seconds" in step.explanation.cause
    assert session.state == CHALLENGE and step.next.kind == QuestionKind.TOTP_CODE
    assert step.request_id == "err-respond_to_auth_challenge"
    assert (await session.answer(ChallengeAnswer(code="222222"))).signed_in


async def test_read_only_refuses_the_new_password_answer_before_any_call(idp_read_only):
    idp = idp_read_only
    idp.ok(
        "initiate_auth", {"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": S1, "ChallengeParameters": {}}
    )
    session = SignInSession(idp.gateway, request())
    await session.start()
    step = await session.answer(ChallengeAnswer(new_password="N3w!Passw0rd"))
    assert step.error.code == "ReadOnly" and step.explanation.key == "read_only"
    idp.stubber.assert_no_pending_responses()


# The refusals the sandbox produces (wrong or missing SECRET_HASH, flow not enabled, wrong password, unknown,
# unconfirmed, disabled, reset-required and locked-out users, unknown client) are explained against it over
# HTTP in tests/contract/test_strict_explanations.py; only payloads no endpoint here produces stay stubbed.
@pytest.mark.parametrize(
    ("code", "message", "secret", "key"),
    [
        (  # an older wording of the missing-hash refusal
            "NotAuthorizedException",
            f"Client {CLIENT_ID} is configured for secret but secret was not received",
            None,
            "secret_hash_missing",
        ),
        ("TooManyRequestsException", "Rate exceeded", None, "too_many_requests"),
    ],
)
async def test_initiate_auth_error_payloads_are_explained(idp, code, message, secret, key):
    idp.error("initiate_auth", code, message)
    session = SignInSession(idp.gateway, request(client_secret=secret))
    step = await session.start()
    assert step.error.code == code and step.explanation.key == key
    assert session.state == FAILED and step.next is None
    assert step.to_dict()["explanation"]["key"] == key


async def test_secret_hash_mismatch_names_the_hashed_username(idp):
    idp.error(
        "initiate_auth", "NotAuthorizedException", f"Unable to verify secret hash for client {CLIENT_ID}"
    )
    step = await SignInSession(idp.gateway, request(client_secret=CLIENT_SECRET, username="Alice")).start()
    assert "'Alice'" in step.explanation.cause and "USER_ID_FOR_SRP" in step.explanation.next_step


async def test_missing_secret_hash_is_inferred_from_the_client_facts(idp):
    idp.error("initiate_auth", "NotAuthorizedException", "")  # an emulator's empty message
    context = ExplainContext(client=ClientFacts(has_secret=True))
    step = await SignInSession(idp.gateway, request(flow="srp"), context=context).start()
    assert step.explanation.key == "secret_hash_missing"


async def test_echoed_secrets_are_scrubbed_from_error_messages(idp):
    from cogtui.auth.secret_hash import secret_hash

    sent = secret_hash("alice", CLIENT_ID, CLIENT_SECRET)
    idp.error("initiate_auth", "NotAuthorizedException", sent)  # some emulators echo the submitted hash
    step = await SignInSession(idp.gateway, request(client_secret=CLIENT_SECRET)).start()
    assert step.error.message == REDACTED and sent not in str(step.to_dict())


async def test_every_step_reaches_the_listener_in_order(idp):
    seen = []
    totp_challenge(idp)
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result()})
    session = SignInSession(idp.gateway, request(), on_step=seen.append)
    await session.start()
    await session.answer(ChallengeAnswer(code="123456"))
    assert seen == session.steps and [s.index for s in seen] == [1, 2]


async def test_guard_rails(idp):
    with pytest.raises(InvalidInputError, match="password"):
        await SignInSession(idp.gateway, request(password=None)).start()
    with pytest.raises(InvalidInputError, match="Cognito username"):
        await SignInSession(
            idp.gateway, request(flow="refresh", refresh_token="rt", username="", client_secret=CLIENT_SECRET)
        ).start()
    idp.ok("initiate_auth", {"AuthenticationResult": auth_result()})
    session = SignInSession(idp.gateway, request())
    with pytest.raises(SignInStateError):
        await session.refresh()
    await session.start()
    with pytest.raises(SignInStateError):
        await session.start()
    with pytest.raises(SignInStateError):
        await session.answer(ChallengeAnswer(code="1"))


async def test_sign_out_then_refresh_is_explained_as_a_revoked_refresh_token(idp):
    idp.ok("initiate_auth", {"AuthenticationResult": auth_result()})
    idp.ok("global_sign_out", {})
    idp.error("initiate_auth", "NotAuthorizedException", "Refresh Token has been revoked")
    session = SignInSession(idp.gateway, request())
    await session.start()
    out = await session.sign_out()
    assert out.ok and out.index == 2 and out.request["AccessToken"] == REDACTED
    step = await session.refresh()
    assert step.explanation.key == "refresh_token_invalid" and session.result is not None


async def test_standalone_refresh_flow_hashes_the_given_username(idp):
    from cogtui.auth.secret_hash import SOURCE_GIVEN, secret_hash

    idp.ok(
        "initiate_auth",
        {"AuthenticationResult": auth_result()},
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "AuthParameters": {
                "REFRESH_TOKEN": "opaque-refresh",
                "SECRET_HASH": secret_hash("sub-1", CLIENT_ID, CLIENT_SECRET),
            },
        },
    )
    req = request(
        flow="refresh",
        refresh_token="opaque-refresh",
        username="sub-1",
        password=None,
        client_secret=CLIENT_SECRET,
    )
    step = await SignInSession(idp.gateway, req).start()
    assert step.signed_in and step.hashed_username.source == SOURCE_GIVEN


async def test_a_malformed_password_verifier_fails_locally_with_an_explanation(idp):
    idp.ok(
        "initiate_auth",
        {
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": S1,
            "ChallengeParameters": {"USER_ID_FOR_SRP": "alice", "SALT": "zz"},
        },
    )
    session = SignInSession(idp.gateway, request(flow="srp"))
    step = await session.start()
    assert step.operation == "(local)" and "PASSWORD_VERIFIER" in step.error.message
    assert session.state == FAILED and step.explanation is not None


async def test_the_timeline_exports_as_redacted_json(idp):
    import json

    from cogtui.auth.steps import timeline_json

    totp_challenge(idp)
    idp.ok("respond_to_auth_challenge", {"AuthenticationResult": auth_result()})
    session = SignInSession(idp.gateway, request(client_secret=CLIENT_SECRET))
    await session.start()
    await session.answer(ChallengeAnswer(code="123456"))
    text = timeline_json(session.steps)
    doc = json.loads(text)
    assert [d["operation"] for d in doc] == ["InitiateAuth", "RespondToAuthChallenge"]
    assert doc[0]["next"]["kind"] == "totp_code" and doc[1]["signed_in"] is True
    for secret in ("Passw0rd!demo", "123456", S1, session.result.access_token, session.result.refresh_token):
        assert secret not in text
