"""Logins keys, identity pool ids and pasted raw logins: every verdict, and never an exception."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from identity_fixtures import ISSUER, KEY, USER_POOL_ID, make_token

from cogtui.identity.logins import (
    check_identity_pool_id,
    check_logins_key,
    cognito_logins_key,
    logins_key_for_issuer,
    logins_key_for_token,
)
from cogtui.identity.raw_logins import logins_summary, parse_raw_logins

SECRET_TOKEN = "tok3n-Secret-Value-xyz"


def test_key_from_cognito_issuer():
    check = logins_key_for_issuer(ISSUER)
    assert check.ok and check.key == KEY
    assert check.kind == "cognito" and check.region == "us-east-1" and check.user_pool_id == USER_POOL_ID


def test_key_from_token_and_from_issuer_variants():
    assert logins_key_for_token(make_token()).key == KEY
    assert logins_key_for_issuer(ISSUER + "/").key == KEY
    global_form = logins_key_for_issuer(f"https://issuer-cognito-idp.us-east-1.amazonaws.com/{USER_POOL_ID}")
    assert global_form.ok and global_form.key == KEY and "global" in global_form.message
    assert logins_key_for_issuer("https://accounts.google.com").key == "accounts.google.com"
    assert logins_key_for_issuer("https://login.example.com/tenant1").kind == "oidc"


@pytest.mark.parametrize(
    "issuer, fragment",
    [
        (None, "no 'iss' claim"),
        ("", "no 'iss' claim"),
    ],
)
def test_key_from_bad_issuer(issuer, fragment):
    check = logins_key_for_issuer(issuer)
    assert not check.ok and fragment in check.message


@pytest.mark.parametrize(
    "issuer, key",
    [
        ("http://127.0.0.1:9229/local_pool", "127.0.0.1:9229/local_pool"),
        ("http://localhost:9229/local_Ab12Cd34", "localhost:9229/local_Ab12Cd34"),
    ],
)
def test_an_emulators_http_issuer_is_usable_with_a_warning(issuer, key):
    check = logins_key_for_issuer(issuer)
    assert check.ok and check.key == key and check.kind == "oidc"
    assert "not https" in check.warning and "asked anyway" in check.warning


def test_a_typed_localhost_key_is_a_logins_key():
    check = check_logins_key("localhost:9229/local_Ab12Cd34")
    assert check.ok and check.key == "localhost:9229/local_Ab12Cd34"


def test_key_from_unreadable_token():
    check = logins_key_for_token("not-a-jwt")
    assert not check.ok and check.message.startswith("The token cannot be read")


def test_china_key():
    assert (
        cognito_logins_key("cn-north-1", "cn-north-1_Abc")
        == "cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc"
    )
    assert check_logins_key("cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc").ok
    wrong = check_logins_key("cognito-idp.cn-north-1.amazonaws.com/cn-north-1_Abc")
    assert not wrong.ok and wrong.suggestion == "cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc"


@pytest.mark.parametrize(
    "key, kind",
    [
        (KEY, "cognito"),
        (f"  '{KEY}'  ", "cognito"),
        ("accounts.google.com", "google"),
        ("Graph.Facebook.com", "facebook"),
        ("www.amazon.com", "amazon"),
        ("appleid.apple.com", "apple"),
        ("api.twitter.com", "twitter"),
        ("cognito-identity.amazonaws.com", "developer"),
        ("arn:aws:iam::123456789012:saml-provider/Corp", "saml"),
        ("login.example.com", "oidc"),
        ("auth.example.com/realms/main", "oidc"),
    ],
)
def test_valid_keys(key, kind):
    check = check_logins_key(key)
    assert check.ok, check.message
    assert check.kind == kind


@pytest.mark.parametrize(
    "key, fragment, suggestion",
    [
        ("", "empty", None),
        (ISSUER, "no scheme", KEY),
        ("https://!!!", "no scheme", None),
        (KEY + "/", "trailing", KEY),
        ("cognito-idp.eu-west-1.amazonaws.com/" + USER_POOL_ID, "Issuer doesn't match providerName", KEY),
        ("cognito-idp.us-east-1.amazonaws.com/", "ends with", None),
        ("cognito-idp.us-east-1.amazonaws.com/us-east-1:11111111-2222", "identity pool id", None),
        ("cognito-idp.us-east-1.amazonaws.com/notapool", "not a user pool id", None),
        ("cognito-idp.useast1.amazonaws.com/" + USER_POOL_ID, "not an AWS region", KEY),
        (
            "cognito-idp.us-east-1.amazon.com/" + USER_POOL_ID,
            "exactly",
            f"cognito-idp.us-east-1.amazonaws.com/{USER_POOL_ID}",
        ),
        ("facebook.com", "not the key", "graph.facebook.com"),
        ("google", "not the key", "accounts.google.com"),
        (
            "arn:aws:iam::123456789012:oidc-provider/login.example.com",
            "not by its IAM ARN",
            "login.example.com",
        ),
        ("arn:aws:iam::123:saml-provider/x", "not a SAML provider ARN", None),
        ("cognito idp", "contains spaces", "cognitoidp"),
        ("x" * 200, "at most 128", None),
        ("!!!", "not a logins key", None),
    ],
)
def test_invalid_keys(key, fragment, suggestion):
    check = check_logins_key(key)
    assert not check.ok
    assert fragment in check.message
    assert check.suggestion == suggestion
    if suggestion:
        assert f"Did you mean {suggestion!r}?" in check.message


def test_long_key_is_not_echoed():
    check = check_logins_key(make_token())
    assert not check.ok and make_token() not in check.message


@pytest.mark.parametrize(
    "text, ok, fragment",
    [
        ("us-east-1:11111111-2222-3333-4444-555555555555", True, "us-east-1"),
        (' "eu-west-2:0a1b2c3d-0000-1111-2222-333344445555" ', True, "eu-west-2"),
        ("", False, "empty"),
        ("us-east-1_AbCdEf123", False, "user pool id"),
        ("us-east-1:XYZ", False, "not an identity pool id"),
        ("mars-1:11111111-2222-3333-4444-555555555555", True, "not an AWS region: an emulator"),
        ("local:11111111-2222-3333-4444-555555555555", True, "not an AWS region: an emulator"),
        ("us-east-1:" + "a" * 60, False, "at most 55"),
    ],
)
def test_identity_pool_ids(text, ok, fragment):
    check = check_identity_pool_id(text)
    assert check.ok is ok
    assert fragment in check.message


def test_raw_logins_json_and_lines():
    as_json = parse_raw_logins(json.dumps({KEY: SECRET_TOKEN, "graph.facebook.com": "EAAB123"}))
    assert as_json.ok and as_json.logins == {KEY: SECRET_TOKEN, "graph.facebook.com": "EAAB123"}
    assert as_json.kinds == {KEY: "cognito", "graph.facebook.com": "facebook"}
    as_lines = parse_raw_logins(f"# my logins\n{KEY} = '{SECRET_TOKEN}'\n\naccounts.google.com=abc.def.ghi\n")
    assert as_lines.ok and as_lines.logins == {KEY: SECRET_TOKEN, "accounts.google.com": "abc.def.ghi"}
    assert logins_summary(as_lines.logins) == f"{KEY}, accounts.google.com"
    assert logins_summary({}) == "no logins (guest)"


def test_raw_logins_tokens_with_equals_and_wrapped_lines():
    parsed = parse_raw_logins("cognito-identity.amazonaws.com=abc==")
    assert parsed.logins == {"cognito-identity.amazonaws.com": "abc=="}
    wrapped = parse_raw_logins(json.dumps({"accounts.google.com": "abc\n  def"}))
    assert wrapped.logins == {"accounts.google.com": "abcdef"} and "removed whitespace" in wrapped.notes[0]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "Nothing to read"),
        ("# only a comment\n\n", "every line is empty"),
        ("{not json", "Not valid JSON (line 1"),
        ("[1, 2]", "not an object"),
        ('{"accounts.google.com": 12}', "must be a string"),
        ('{"accounts.google.com": ""}', "is empty"),
        (f"{KEY}\n", "Line 1: expected 'provider=token'"),
        (f"https://accounts.google.com={SECRET_TOKEN}", "Line 1: A logins key has no scheme"),
        (f"facebook.com={SECRET_TOKEN}", "Did you mean 'graph.facebook.com'"),
        (f"{KEY}=a\n{KEY}=b", "appears twice"),
        ("accounts.google.com=" + "x" * 50_001, "longer than 50000"),
    ],
)
def test_raw_logins_problems(text, fragment):
    parsed = parse_raw_logins(text)
    assert not parsed.ok
    assert any(fragment.lower() in p.lower() for p in parsed.problems), parsed.problems


def test_raw_logins_at_most_ten():
    text = "\n".join(f"idp{i}.example.com=token{i}" for i in range(11))
    parsed = parse_raw_logins(text)
    assert len(parsed.logins) == 11 and not parsed.ok
    assert "at most 10" in parsed.problems[-1]


def test_raw_logins_problems_never_repeat_the_token():
    parsed = parse_raw_logins(f"bad key={SECRET_TOKEN}\n{SECRET_TOKEN}\nfacebook.com={SECRET_TOKEN}")
    assert len(parsed.problems) == 3
    assert all(SECRET_TOKEN not in p for p in parsed.problems)


_pasted = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.printable, max_size=300),
    st.lists(st.tuples(st.text(max_size=60), st.text(max_size=60)), max_size=12).map(
        lambda pairs: "\n".join(f"{k}={v}" for k, v in pairs)
    ),
    st.dictionaries(
        st.text(max_size=40), st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=12
    ).map(json.dumps),
)


@settings(max_examples=300, deadline=None)
@given(_pasted)
def test_property_pasted_logins_never_raise_and_explain(text):
    parsed = parse_raw_logins(text)
    assert parsed.ok == (bool(parsed.logins) and not parsed.problems)
    for problem in parsed.problems:
        assert problem.strip() and "\n" not in problem and len(problem) < 400
    if parsed.ok:
        assert all(check_logins_key(k).ok for k in parsed.logins)
        assert all(v and not any(c.isspace() for c in v) for v in parsed.logins.values())


_token_alphabet = string.ascii_letters + string.digits + "-_."


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(alphabet=_token_alphabet, min_size=12, max_size=60))
def test_property_problems_never_contain_the_token(key, token):
    assume(token not in key)
    parsed = parse_raw_logins(f"{key.replace(chr(10), ' ').replace('=', '')}={token}")
    for problem in parsed.problems:
        assert token not in problem


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.none(), st.integers(), st.binary(max_size=20)))
def test_property_ids_and_keys_never_raise(value):
    for check in (check_identity_pool_id(value), check_logins_key(value), logins_key_for_issuer(value)):
        assert isinstance(check.ok, bool)
        assert check.message.strip() and "\n" not in check.message
    assert isinstance(logins_key_for_token(value).ok, bool)
