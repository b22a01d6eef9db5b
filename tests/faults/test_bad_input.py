"""Bad input, property-based: ids typed by hand, user filters, hand-written settings and challenge answers
never raise an unexpected exception; each gets a clear message (or is sent as typed and answered clearly).

Token decode/verify, ``check_filter`` on any text and pasted logins already have property tests next to
their modules (tests/unit); these add what reaches the gateway, the engine and the screens. Every
example counts towards ``EXAMPLES``, printed at the end of the run.
"""

from __future__ import annotations

import asyncio
import string
from dataclasses import fields
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cogtui.auth.challenges import (
    AnswerError,
    ChallengeAnswer,
    QuestionKind,
    challenge_responses,
    question_for,
)
from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SignInSession
from cogtui.aws.connection import client_config
from cogtui.aws.errors import CogtuiError, InvalidInputError, UnexpectedError
from cogtui.aws.user_filter import OPERATORS, SEARCHABLE_ATTRIBUTES, build_filter, check_filter
from cogtui.runtime import Runtime
from cogtui.settings import Settings, SettingsError, build_settings
from tests.faults.conftest import BAD_INPUTS

PROPERTY = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# What people paste: markup-looking text, control characters, quotes, very long ids, other scripts.
NASTY = [
    "",
    " ",
    "\t\n",
    "[/]",
    "[bold red]pool[/]",
    "[@click=app.quit]x[/]",
    "us-east-1_",
    "us-east-1_[/x]",
    '"; DROP TABLE users; --',
    "\x00\x1b[31m",
    "é_ü",
    "пул_1",
    "🔥" * 3,
    "a" * 300,
    "us-east-1:00000000-0000-0000-0000-000000000000",
    "us-east-1_AbCdEf123 ",
]
typed = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=80),
    st.text(alphabet=string.printable, max_size=60),
    st.from_regex(r"[a-z]{2}-[a-z]{4,9}-[1-3][_:][A-Za-z0-9-]{0,40}", fullmatch=True),
)


def count(what: str) -> None:
    BAD_INPUTS[what] += 1


# -- ids typed by hand, through the gateway to the sandbox -------------------------------------------


@pytest.fixture(scope="module")
def gateway(sandbox):
    _, info = sandbox
    settings_ = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True, max_attempts=1)
    runtime = Runtime(settings_, sandbox_info=info)
    yield runtime.gateway, info
    runtime.close()


def _clear(err: CogtuiError) -> None:
    assert not isinstance(err, UnexpectedError), err.describe()
    assert err.message.strip(), err.describe()
    assert "Parameter validation failed" not in err.message


async def _each_lookup(gateway: Any, pool_id: str, text: str) -> list[Any]:
    calls = [
        gateway.describe_user_pool(text),
        gateway.describe_client(pool_id, text),
        gateway.get_user(pool_id, text),
        gateway.describe_identity_pool(text),
        gateway.call(
            "cognito-idp",
            "InitiateAuth",
            ClientId=text,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": "wrong"},
        ),
    ]
    return await asyncio.gather(*calls, return_exceptions=True)


@PROPERTY
@given(text=typed)
def test_ids_typed_by_hand_give_a_clear_error(gateway, text):
    """Pool, client, user and identity-pool ids, and a client id at sign-in: a model or a typed error."""
    gw, info = gateway
    outcomes = asyncio.run(_each_lookup(gw, info.pool("demo-app").id, text))
    count("ids through the gateway")
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            assert isinstance(outcome, CogtuiError), repr(outcome)
            _clear(outcome)
            if text == "":
                assert isinstance(outcome, InvalidInputError) and "is empty" in outcome.message


def test_empty_ids_are_explained_without_a_call(gateway):
    gw, info = gateway
    before = gw.trace.last_seq
    outcomes = asyncio.run(_each_lookup(gw, info.pool("demo-app").id, ""))
    messages = {o.message for o in outcomes}
    assert messages == {
        "UserPoolId is empty: type a value.",
        "ClientId is empty: type a value.",
        "Username is empty: type a value.",
        "IdentityPoolId is empty: type a value.",
    }
    assert all(o.hint == "Nothing was sent: check the value typed." for o in outcomes)
    assert all(not e.ok and e.error_code == "ParamValidation" for e in gw.trace.since(before))


_filters = st.builds(
    build_filter,
    st.sampled_from(SEARCHABLE_ATTRIBUTES),
    st.sampled_from(sorted(OPERATORS)),
    st.text(max_size=40),
)


async def _first_page(gw: Any, pool_id: str, expression: str) -> Any:
    async for page in gw.iter_users(pool_id, expression, page_size=5):
        return page
    return []


@PROPERTY
@given(expression=st.one_of(_filters, st.text(max_size=60).filter(lambda t: check_filter(t) is None)))
def test_filters_check_filter_accepts_are_answered_clearly(gateway, expression):
    """What the local check lets through reaches Cognito: users, or its refusal as a typed error."""
    gw, info = gateway
    count("user filters sent")
    try:
        page = asyncio.run(_first_page(gw, info.pool("demo-app").id, expression))
    except CogtuiError as err:
        _clear(err)
        assert isinstance(err, InvalidInputError), err.describe()
    else:
        assert isinstance(page, list)


# -- settings written by hand ----------------------------------------------------------------------

toml_values = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["0", "-1", "nan", "inf", "1e309", " 2 ", "3.5", "yes", "no", "fast", ""]),
    st.lists(st.integers(), max_size=2),
)
NUMBERS = {"connect_timeout": 300, "read_timeout": 300, "max_attempts": 10, "max_workers": 64}


@settings(max_examples=300, deadline=None)
@given(
    file_values=st.dictionaries(st.sampled_from([f.name for f in fields(Settings)]), toml_values, max_size=6),
    env=st.dictionaries(
        st.sampled_from(["COGTUI_READ_TIMEOUT", "COGTUI_READ_ONLY", "COGTUI_SANDBOX"]), st.text(max_size=10)
    ),
)
def test_settings_written_by_hand_work_or_are_refused_by_name(file_values, env):
    """config.toml and COGTUI_* values either give a working configuration (every timeout positive and
    bounded, every flag a bool, botocore accepts it) or stop startup with a SettingsError that names the
    setting, never anything else."""
    count("settings written by hand")
    try:
        s = build_settings({}, environ=env, file_values=file_values)
    except SettingsError as refused:
        assert refused.key in file_values or refused.where in env, refused
        assert refused.reason and refused.key in str(refused)
        return
    for name, largest in NUMBERS.items():
        value = getattr(s, name)
        assert isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= largest, (
            name,
            value,
        )
    assert isinstance(s.read_only, bool) and isinstance(s.sandbox, bool)
    assert all(
        getattr(s, f) is None or (isinstance(getattr(s, f), str) and getattr(s, f))
        for f in ("profile", "region", "endpoint_url")
    )
    client_config(s)  # botocore accepts it


# -- challenge answers -----------------------------------------------------------------------------

QUESTIONS = [
    question_for("SMS_MFA", {"CODE_DELIVERY_DESTINATION": "+*******0199"}),
    question_for("SOFTWARE_TOKEN_MFA", {}),
    question_for("EMAIL_OTP", {}),
    question_for("NEW_PASSWORD_REQUIRED", {"requiredAttributes": '["userAttributes.name"]'}),
    question_for("SELECT_MFA_TYPE", {"MFAS_CAN_CHOOSE": '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'}),
    question_for("SELECT_CHALLENGE", {}, ("PASSWORD", "EMAIL_OTP", "WEB_AUTHN")),
    question_for("CUSTOM_CHALLENGE", {}),
]
maybe_text = st.one_of(st.none(), typed)
answers = st.builds(
    ChallengeAnswer,
    code=maybe_text,
    new_password=maybe_text,
    attributes=st.dictionaries(st.sampled_from(["name", "email", "[x]"]), typed, max_size=2),
    choice=st.one_of(maybe_text, st.sampled_from(["SMS_MFA", "SOFTWARE_TOKEN_MFA", "PASSWORD", "WEB_AUTHN"])),
    answer=maybe_text,
)


@settings(max_examples=300, deadline=None)
@given(question=st.sampled_from(QUESTIONS), answer=answers)
def test_any_challenge_answer_is_refused_with_a_reason_or_sent_as_strings(question, answer):
    count("challenge answers")
    try:
        responses = challenge_responses(question, answer, "alice")
    except AnswerError as exc:
        assert str(exc).strip()
        return
    assert responses["USERNAME"] == "alice"
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in responses.items())
    if question.kind == QuestionKind.SELECT_MFA:
        assert responses["ANSWER"] in question.options


class AnsweringGateway:
    """Just enough of a gateway for the engine: InitiateAuth asks ``challenge``, answers sign in."""

    def __init__(self, challenge: str, parameters: dict[str, str]) -> None:
        self.challenge, self.parameters = challenge, parameters
        self.sent: list[dict[str, Any]] = []

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        meta = {"ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 200}}
        if operation == "InitiateAuth":
            return {
                "ChallengeName": self.challenge,
                "Session": "s1",
                "ChallengeParameters": self.parameters,
                **meta,
            }
        self.sent.append(params)
        return {"AuthenticationResult": {"AccessToken": "a", "IdToken": "i", "ExpiresIn": 3600}, **meta}


ENGINE_CHALLENGES = [
    ("SOFTWARE_TOKEN_MFA", {}),
    ("SMS_MFA", {"CODE_DELIVERY_DESTINATION": "+*******0199"}),
    ("NEW_PASSWORD_REQUIRED", {"requiredAttributes": "[]", "userAttributes": "{}"}),
    ("SELECT_MFA_TYPE", {"MFAS_CAN_CHOOSE": '["SOFTWARE_TOKEN_MFA"]'}),
    ("CUSTOM_CHALLENGE", {}),
]


async def _answer_once(challenge: str, parameters: dict[str, str], answer: ChallengeAnswer) -> Any:
    gateway = AnsweringGateway(challenge, parameters)
    request = SignInRequest(
        pool_id="us-east-1_Abc", client_id="c1", username="alice", password="p", flow="password"
    )
    session = SignInSession(gateway, request)
    await session.start()
    try:
        step = await session.answer(answer)
    except AnswerError as exc:
        return exc, gateway.sent
    return step, gateway.sent


@settings(max_examples=150, deadline=None)
@given(pending=st.sampled_from(ENGINE_CHALLENGES), answer=answers)
def test_the_engine_refuses_or_sends_any_answer(pending, answer):
    """``SignInSession.answer``: an AnswerError that says what is missing (nothing sent), or one call."""
    count("challenge answers to the engine")
    outcome, sent = asyncio.run(_answer_once(*pending, answer))
    if isinstance(outcome, AnswerError):
        assert str(outcome).strip() and not sent
    else:
        assert len(sent) == 1 and outcome.error is None
        assert all(isinstance(v, str) for v in sent[0]["ChallengeResponses"].values())


@pytest.mark.parametrize("blank", ["\t", " \n ", "\u3000"])
def test_a_blank_code_is_refused_before_sending(blank):
    with pytest.raises(AnswerError):
        challenge_responses(question_for("SOFTWARE_TOKEN_MFA", {}), ChallengeAnswer(code=blank), "alice")
