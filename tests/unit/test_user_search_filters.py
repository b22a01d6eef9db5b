"""Which palette queries search users, and the ListUsers filters each becomes."""

from __future__ import annotations

import pytest

from cogtui.aws.user_filter import parse_filter
from cogtui.aws.user_search import search_filters

SUB = "6f1c2a3b-1d2e-4f50-9a8b-7c6d5e4f3a2b"


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("alice@example.com", ['email ^= "alice@example.com"', 'username ^= "alice@example.com"']),
        ("  ali@ ", ['email ^= "ali@"', 'username ^= "ali@"']),
        ("+4420", ['phone_number ^= "+4420"']),
        (SUB, [f'sub = "{SUB}"', f'username = "{SUB}"']),
        ("user ali", ['username ^= "ali"', 'email ^= "ali"']),
        ("User   bob smith", ['username ^= "bob smith"', 'email ^= "bob smith"']),
        ('user a"b', ['username ^= "a\\"b"', 'email ^= "a\\"b"']),
    ],
)
def test_a_user_query_becomes_filters_cognito_accepts(query, filters):
    assert search_filters(query) == filters
    for expression in filters:
        assert parse_filter(expression) is not None  # each is a filter Cognito accepts


@pytest.mark.parametrize(
    "query",
    [
        "",
        "al",
        "user al",
        "user",
        "alice",
        "demo-app",
        "Region: eu-west-1",
        "+44",
        "user " + "x" * 300,
        "usera",
    ],
)
def test_other_queries_search_no_users(query):
    assert search_filters(query) == []
