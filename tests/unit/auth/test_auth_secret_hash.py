"""SECRET_HASH and the rule for which username is hashed at each stage of a sign-in."""

import pytest
from pycognito.aws_srp import AWSSRP

from cogtui.auth.secret_hash import (
    SOURCE_CHALLENGE,
    SOURCE_GIVEN,
    SOURCE_REMEMBERED,
    SOURCE_SRP,
    SOURCE_SRP_USERNAME,
    SOURCE_TOKEN,
    SOURCE_TYPED,
    HashedUsername,
    challenge_username,
    refresh_username,
    secret_hash,
)

CLIENT_ID, SECRET = "1example23456789abcdefghij", "s3cr3t-client-secret"


def test_known_value():
    # printf alice1example23456789abcdefghij | openssl dgst -sha256 -hmac s3cr3t-client-secret -binary | base64
    assert secret_hash("alice", CLIENT_ID, SECRET) == "jk3b5LkHd94ukDQL+xOHptRIqj9OmmK4cueKwB62rG0="


@pytest.mark.parametrize(
    "username", ["alice", "ivy@example.com", "+15555550102", "Zoë", "7b3c1f52-0d1e-4c6a"]
)
def test_agrees_with_pycognito(username):
    assert secret_hash(username, CLIENT_ID, SECRET) == AWSSRP.get_secret_hash(username, CLIENT_ID, SECRET)


def test_hash_depends_on_the_username_case_and_the_client():
    assert secret_hash("Alice", CLIENT_ID, SECRET) != secret_hash("alice", CLIENT_ID, SECRET)
    assert secret_hash("alice", CLIENT_ID + "x", SECRET) != secret_hash("alice", CLIENT_ID, SECRET)


def test_after_password_verifier_the_internal_username_is_hashed():
    params = {"USER_ID_FOR_SRP": "uuid-1", "USERNAME": "uuid-1", "SALT": "00"}
    assert challenge_username("PASSWORD_VERIFIER", params, None, "ivy@example.com") == HashedUsername(
        "uuid-1", SOURCE_SRP
    )
    only_srp_id = {"USER_ID_FOR_SRP": "uuid-2"}
    assert challenge_username("PASSWORD_VERIFIER", only_srp_id, None, "ivy@example.com").value == "uuid-2"


def test_later_challenges_use_what_cognito_returned_else_what_was_remembered_else_the_typed_name():
    assert challenge_username("SMS_MFA", {"USERNAME": "uuid-1"}, None, "ivy") == HashedUsername(
        "uuid-1", SOURCE_CHALLENGE
    )
    assert challenge_username("SMS_MFA", {}, "uuid-1", "ivy") == HashedUsername("uuid-1", SOURCE_REMEMBERED)
    assert challenge_username("SMS_MFA", {}, None, "ivy") == HashedUsername("ivy", SOURCE_TYPED)


def test_refresh_hashes_cognito_username_from_the_tokens():
    assert refresh_username({"cognito:username": "uuid-1", "email": "ivy@example.com"}) == HashedUsername(
        "uuid-1", SOURCE_TOKEN
    )
    assert refresh_username({"username": "uuid-2", "token_use": "access"}).value == "uuid-2"
    assert refresh_username({}, fallback="bob") == HashedUsername("bob", SOURCE_GIVEN)
    assert refresh_username(None) is None


def test_describe_names_value_and_source():
    text = HashedUsername("uuid-1", SOURCE_SRP).describe()
    assert "'uuid-1'" in text and "USER_ID_FOR_SRP" in text


def test_the_label_names_the_key_that_was_hashed():
    # An endpoint that returns the typed name as USERNAME and a UUID as USER_ID_FOR_SRP: USERNAME is sent
    # and hashed, so the label must not say USER_ID_FOR_SRP.
    params = {"USERNAME": "bob", "USER_ID_FOR_SRP": "58f0233c-uuid", "SALT": "00"}
    hashed = challenge_username("PASSWORD_VERIFIER", params, None, "bob")
    assert hashed == HashedUsername("bob", SOURCE_SRP_USERNAME)
    assert "USERNAME returned with PASSWORD_VERIFIER" in hashed.describe()
