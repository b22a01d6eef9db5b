"""How a typed name maps to a user: username, case, username attributes, verified aliases."""

from __future__ import annotations

import pytest

from cogtui.auth.doctor.alias import explain_match, search_filters
from tests.unit.auth.doctor.doctor_facts import pool, user


def test_the_username_itself():
    match, near = explain_match(pool(), user("alice"), "alice")
    assert match.via == "username" and not match.case_folded and near == ""


@pytest.mark.parametrize(("sensitive", "found"), [(False, True), (True, False), (None, False)])
def test_case_follows_username_configuration(sensitive, found):
    config = {} if sensitive is None else {"UsernameConfiguration": {"CaseSensitive": sensitive}}
    the_pool = pool(**config) if config else pool(UsernameConfiguration=None)
    match, _ = explain_match(the_pool, user("alice"), "ALICE")
    assert (match is not None) is found
    if found:
        assert match.case_folded and "not case sensitive" in match.describe("ALICE", user("alice"))


def test_email_as_username_attribute_needs_no_verification():
    the_user = user("5e88-uuid", attributes={"email": "ivy@example.com"})
    match, _ = explain_match(pool(UsernameAttributes=["email"]), the_user, "ivy@example.com")
    assert match.via == "email"
    assert (
        match.describe("ivy@example.com", the_user)
        == "'ivy@example.com' is the email of the user '5e88-uuid'."
    )


def test_email_alias_only_once_verified():
    the_pool = pool(AliasAttributes=["email", "preferred_username"])
    unverified = user("bob", attributes={"email": "bob@example.com", "email_verified": "false"})
    match, near = explain_match(the_pool, unverified, "bob@example.com")
    assert match is None and "unverified email" in near
    verified = user("bob", attributes={"email": "bob@example.com", "email_verified": "true"})
    assert explain_match(the_pool, verified, "bob@example.com")[0].via == "email"
    nick = user("bob", attributes={"preferred_username": "bobby"})
    assert explain_match(the_pool, nick, "bobby")[0].via == "preferred_username"


def test_an_attribute_the_pool_does_not_sign_in_with_is_a_near_miss():
    match, near = explain_match(pool(), user("bob"), "bob@example.com")
    assert match is None and "does not sign in by email" in near


def test_phone_numbers_are_not_case_folded_and_filters_are_quoted():
    filters = search_filters(pool(), 'Al"ice')
    assert 'username = "Al\\"ice"' in filters and 'email = "al\\"ice"' in filters
    assert not any(f.startswith("phone_number") and "al" in f for f in filters[6:])
