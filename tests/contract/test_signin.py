"""The sign-in engine against the sandbox over HTTP: every flow and challenge the emulator can produce.

Tests that change a user (new password, TOTP enrolment, sign-out) create their own user first, so
the seeded users stay as documented for the rest of the session. The sandbox checks TOTP codes;
it does not check SRP proofs (tests/unit/auth/test_auth_srp.py checks those).
"""

import json
import time
import uuid

import pytest

from cogtui.auth import account
from cogtui.auth.challenges import ChallengeAnswer, QuestionKind
from cogtui.auth.context import discover_context
from cogtui.auth.flows import SignInRequest
from cogtui.auth.secret_hash import SOURCE_TOKEN, SOURCE_TYPED
from cogtui.auth.signin_session import CHALLENGE, FAILED, SIGNED_IN, SignInSession
from cogtui.auth.totp import seconds_remaining, totp_code
from cogtui.sandbox import DEMO_PASSWORD, TEMPORARY_PASSWORD
from cogtui.sandbox.strict import strict_state
from tests.contract.conftest import make_gateway

IDP = "cognito-idp"
NEW_PASSWORD = "N3w!Passw0rd-x"


def fresh_code(secret: str) -> str:
    """The current authenticator code, waiting out the end of a 30 s step so it is still valid on arrival."""
    if seconds_remaining() < 2:
        time.sleep(seconds_remaining())
    return totp_code(secret)


def wrong_code(secret: str) -> str:
    now = int(time.time())
    valid = {totp_code(secret, now + d) for d in (-30, 0, 30)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


async def new_user(gateway, pool_id: str, *, confirmed: bool = True) -> str:
    name = f"t-{uuid.uuid4().hex[:10]}"
    await gateway.call(
        IDP,
        "AdminCreateUser",
        UserPoolId=pool_id,
        Username=name,
        TemporaryPassword=TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": f"{name}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
    )
    if confirmed:
        await gateway.call(
            IDP,
            "AdminSetUserPassword",
            UserPoolId=pool_id,
            Username=name,
            Password=DEMO_PASSWORD,
            Permanent=True,
        )
    return name


def req(pool, client, username, password=DEMO_PASSWORD, **kw):
    return SignInRequest(
        pool_id=pool.id,
        client_id=client.id,
        client_secret=client.secret,
        username=username,
        password=password,
        **kw,
    )


async def test_srp_on_the_public_client(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    session = SignInSession(gateway, req(pool, pool.client("web-spa"), "alice"))
    step = await session.start()
    assert session.state == SIGNED_IN and step.signed_in
    assert [s.title for s in session.steps] == [
        "InitiateAuth USER_SRP_AUTH",
        "RespondToAuthChallenge PASSWORD_VERIFIER",
    ]
    assert session.steps[0].response["ChallengeParameters"]["USER_ID_FOR_SRP"]
    assert all(s.request_id and s.duration_ms > 0 for s in session.steps)
    assert session.result.access_claims["username"] == "alice" and session.result.cognito_username == "alice"
    timeline = json.dumps([s.to_dict() for s in session.steps])
    assert session.result.access_token not in timeline and session.result.refresh_token not in timeline


async def test_password_sign_in_on_the_confidential_client_with_secret_hash_then_refresh(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    session = SignInSession(gateway, req(pool, backend, "bob", flow="password"))
    step = await session.start()
    assert (
        step.signed_in and step.hashed_username.value == "bob" and step.hashed_username.source == SOURCE_TYPED
    )
    old_access = session.result.access_token
    refreshed = await session.refresh()
    assert refreshed.signed_in and refreshed.hashed_username.source == SOURCE_TOKEN
    assert session.result.access_token != old_access and session.result.refresh_token


async def test_refresh_hashed_over_the_wrong_username_is_refused(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    signed_in = SignInSession(gateway, req(pool, backend, "bob", flow="password"))
    await signed_in.start()
    wrong = SignInRequest(
        pool_id=pool.id,
        client_id=backend.id,
        client_secret=backend.secret,
        username="bob@example.com",
        flow="refresh",
        refresh_token=signed_in.result.refresh_token,
    )
    step = await SignInSession(gateway, wrong).start()
    assert step.error.code == "NotAuthorizedException"
    assert "SECRET_HASH" in step.explanation.cause and "bob@example.com" in step.explanation.cause
    assert backend.secret not in json.dumps(step.to_dict())


async def test_a_missing_secret_hash_is_explained_with_the_clients_facts(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    facts = await discover_context(gateway, pool.id, backend.id, "alice")
    assert (
        facts.client.has_secret
        and facts.user.status == "CONFIRMED"
        and facts.pool.password_policy["MinimumLength"] == 10
    )
    no_secret = SignInRequest(pool_id=pool.id, client_id=backend.id, username="alice", password=DEMO_PASSWORD)
    step = await SignInSession(gateway, no_secret, context=facts).start()
    assert step.error.code == "NotAuthorizedException" and step.explanation.key == "secret_hash_missing"


async def test_new_password_required_for_a_force_change_password_user(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    name = await new_user(gateway, pool.id, confirmed=False)
    facts = await discover_context(gateway, pool.id, pool.client("web-spa").id, name)
    assert facts.user.status == "FORCE_CHANGE_PASSWORD"
    session = SignInSession(
        gateway, req(pool, pool.client("web-spa"), name, TEMPORARY_PASSWORD), context=facts
    )
    step = await session.start()
    assert step.next.kind == QuestionKind.NEW_PASSWORD and session.state == CHALLENGE
    weak = await session.answer(ChallengeAnswer(new_password="weakpass"))
    assert weak.error.code == "InvalidPasswordException" and weak.explanation.key == "invalid_password"
    assert (
        "at least 10 characters" in weak.explanation.cause and "no uppercase letter" in weak.explanation.cause
    )
    assert weak.next.kind == QuestionKind.NEW_PASSWORD
    done = await session.answer(ChallengeAnswer(new_password=NEW_PASSWORD))
    assert done.signed_in
    again = SignInSession(gateway, req(pool, pool.client("backend"), name, NEW_PASSWORD, flow="password"))
    assert (await again.start()).signed_in


async def test_new_password_required_on_the_confidential_client(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    name = await new_user(gateway, pool.id, confirmed=False)
    session = SignInSession(
        gateway, req(pool, pool.client("backend"), name, TEMPORARY_PASSWORD, flow="password")
    )
    step = await session.start()
    assert step.next.kind == QuestionKind.NEW_PASSWORD
    done = await session.answer(ChallengeAnswer(new_password=NEW_PASSWORD))
    assert done.signed_in and done.hashed_username.value == name


async def test_read_only_refuses_to_set_a_new_password(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    writer = make_gateway(info.endpoint_url)
    read_only = make_gateway(info.endpoint_url, read_only=True)
    try:
        name = await new_user(writer, pool.id, confirmed=False)
        session = SignInSession(read_only, req(pool, pool.client("web-spa"), name, TEMPORARY_PASSWORD))
        await session.start()
        step = await session.answer(ChallengeAnswer(new_password=NEW_PASSWORD))
        assert step.explanation.key == "read_only"
        user = await writer.call(IDP, "AdminGetUser", UserPoolId=pool.id, Username=name)
        assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    finally:
        writer.close()
        read_only.close()


async def test_totp_enrolment_then_software_token_mfa_with_real_and_wrong_codes(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    name = await new_user(gateway, pool.id)
    first = SignInSession(gateway, req(pool, pool.client("backend"), name, flow="password"))
    await first.start()
    access = first.result.access_token
    step, secret = await account.associate_software_token(gateway, access)
    assert step.ok and secret
    rejected = await account.verify_software_token(gateway, access, wrong_code(secret))
    # Cognito refuses a wrong code at enrolment with EnableSoftwareTokenMFAException, not CodeMismatchException.
    assert rejected.error.code == "EnableSoftwareTokenMFAException"
    assert rejected.explanation.key == "code_mismatch"
    assert (await account.verify_software_token(gateway, access, fresh_code(secret), "phone")).ok
    assert (await account.set_mfa_preference(gateway, access, preferred="totp")).ok

    session = SignInSession(gateway, req(pool, pool.client("web-spa"), name))
    step = await session.start()
    assert step.challenge == "SOFTWARE_TOKEN_MFA" and step.next.kind == QuestionKind.TOTP_CODE
    wrong = await session.answer(ChallengeAnswer(code=wrong_code(secret)))
    assert wrong.error.code == "CodeMismatchException" and wrong.next.kind == QuestionKind.TOTP_CODE
    right = await session.answer(ChallengeAnswer(code=fresh_code(secret)))
    assert right.signed_in and session.state == SIGNED_IN
    replay = await session.replay_last()
    assert replay.error is not None and replay.explanation.key == "session_already_used"


async def test_software_token_mfa_for_the_seeded_totp_user_with_secret_hash(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    frank = info.user("frank")
    session = SignInSession(gateway, req(pool, pool.client("backend"), "frank", flow="srp"))
    step = await session.start()
    assert step.next.kind == QuestionKind.TOTP_CODE
    done = await session.answer(ChallengeAnswer(code=fresh_code(frank.totp_secret)))
    assert done.signed_in and done.hashed_username.value == "frank"


async def test_mfa_setup_on_the_mfa_required_pool(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-mfa-required")
    name = await new_user(gateway, pool.id)
    session = SignInSession(gateway, req(pool, pool.client("web-spa"), name, pool_name=pool.name))
    step = await session.start()
    assert [s.operation for s in session.steps] == [
        "InitiateAuth",
        "RespondToAuthChallenge",
        "AssociateSoftwareToken",
    ]
    question = step.next
    assert question.kind == QuestionKind.MFA_SETUP and "SOFTWARE_TOKEN_MFA" in question.options
    assert question.otpauth_uri.startswith(
        f"otpauth://totp/demo-mfa-required:{name}?secret={question.secret}"
    )
    assert question.secret not in json.dumps(step.to_dict())
    wrong = await session.answer(ChallengeAnswer(code=wrong_code(question.secret)))
    assert wrong.error.code == "EnableSoftwareTokenMFAException" and wrong.next.kind == QuestionKind.MFA_SETUP
    done = await session.answer(ChallengeAnswer(code=fresh_code(question.secret), device_name="phone"))
    assert done.signed_in
    assert [s.operation for s in session.steps][-2:] == ["VerifySoftwareToken", "RespondToAuthChallenge"]
    later = SignInSession(gateway, req(pool, pool.client("web-spa"), name))
    assert (await later.start()).challenge == "SOFTWARE_TOKEN_MFA"


async def test_global_sign_out_revokes_the_refresh_token(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    name = await new_user(gateway, pool.id)
    session = SignInSession(gateway, req(pool, pool.client("legacy-password"), name, flow="password"))
    await session.start()
    assert (await session.refresh()).signed_in
    assert (await session.sign_out()).ok
    step = await session.refresh()
    assert step.error.code == "NotAuthorizedException" and step.explanation.key == "refresh_token_invalid"


@pytest.mark.parametrize(
    ("username", "client_name", "code", "key", "status"),
    [
        ("erin", "web-spa", "NotAuthorizedException", "user_disabled", "CONFIRMED"),
        ("carol", "web-spa", "UserNotConfirmedException", "user_not_confirmed", "UNCONFIRMED"),
        # legacy-password leaves PreventUserExistenceErrors at LEGACY: an unknown user is named as such.
        ("nobody-here", "legacy-password", "UserNotFoundException", "user_not_found", None),
    ],
)
async def test_refused_users_are_explained(gateway, sandbox, username, client_name, code, key, status):
    _, info = sandbox
    pool = info.pool("demo-app")
    client = pool.client(client_name)
    facts = await discover_context(gateway, pool.id, client.id, username)
    assert (facts.user.status if facts.user and facts.user.exists else None) == status
    flow = "password" if client_name == "legacy-password" else "srp"
    session = SignInSession(gateway, req(pool, client, username, flow=flow), context=facts)
    step = await session.start()
    assert session.state == FAILED and step.error.code == code and step.explanation.key == key


async def test_sign_up_confirm_forgot_and_change_password(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    spa = pool.client("web-spa")
    name = f"t-{uuid.uuid4().hex[:10]}"
    signed_up = await account.sign_up(
        gateway, spa.id, name, DEMO_PASSWORD, attributes={"email": f"{name}@example.com"}
    )
    assert signed_up.ok and signed_up.response["UserConfirmed"] is False
    refused = await SignInSession(gateway, req(pool, spa, name)).start()
    assert refused.explanation.key == "user_not_confirmed"
    outbox = strict_state().outbox
    assert not (await account.confirm_sign_up(gateway, spa.id, name, "not-the-code")).ok
    assert (await account.confirm_sign_up(gateway, spa.id, name, outbox.latest_code(name, "SIGN_UP"))).ok
    assert (await account.forgot_password(gateway, spa.id, name)).ok
    code = outbox.latest_code(name, "FORGOT_PASSWORD")
    assert (await account.confirm_forgot_password(gateway, spa.id, name, code, NEW_PASSWORD)).ok
    session = SignInSession(gateway, req(pool, spa, name, NEW_PASSWORD))
    await session.start()
    assert session.state == SIGNED_IN
    changed = await account.change_password(gateway, session.result.access_token, NEW_PASSWORD, DEMO_PASSWORD)
    assert changed.ok
    wrong_token = await account.get_user(gateway, session.result.id_token)
    assert wrong_token.explanation.key == "id_token_as_access_token"
    assert session.result.id_token not in json.dumps(wrong_token.to_dict())
    me = await account.get_user(gateway, session.result.access_token)
    assert me.ok and me.response["Username"] == name
