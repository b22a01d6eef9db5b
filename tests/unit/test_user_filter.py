"""ListUsers filter expressions: building with escapes, and plain messages for what Cognito would reject."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cogtui.aws.user_filter import (
    MAX_FILTER_LENGTH,
    OPERATORS,
    SEARCHABLE_ATTRIBUTES,
    UserFilter,
    build_filter,
    check_filter,
    escape_value,
    parse_filter,
)


@pytest.mark.parametrize(
    ("attribute", "operator", "value", "expected"),
    [
        ("email", "^=", "ali", 'email ^= "ali"'),
        ("cognito:user_status", "=", "UNCONFIRMED", 'cognito:user_status = "UNCONFIRMED"'),
        ("name", "=", 'Dwayne "The Rock"', 'name = "Dwayne \\"The Rock\\""'),
        ("username", "^=", "dom\\ain", 'username ^= "dom\\\\ain"'),
        ("family_name", "=", "", 'family_name = ""'),
    ],
)
def test_build_filter(attribute, operator, value, expected):
    assert build_filter(attribute, operator, value) == expected
    assert check_filter(expected) is None
    assert parse_filter(expected) == UserFilter(attribute, operator, value)


def test_escape_value_escapes_backslash_before_quote():
    assert escape_value('a\\"b') == 'a\\\\\\"b'


@pytest.mark.parametrize(
    ("attribute", "operator", "value", "match"),
    [
        ("custom:tenant_id", "=", "acme", "Custom attributes"),
        ("Email", "=", "x", "case-sensitive"),
        ("email", "!=", "x", "Unknown operator"),
        ("email", "=", "x" * MAX_FILTER_LENGTH, "at most 256"),
    ],
)
def test_build_filter_refuses(attribute, operator, value, match):
    with pytest.raises(ValueError, match=match):
        build_filter(attribute, operator, value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        'email ^= "ali"',
        'email^="ali"',
        '  status = "Disabled"  ',
        'sub = "0f4e-42"',
        'name = "say \\"hi\\""',
        'name = "back\\\\"',
        'phone_number ^= "+1555"',
    ],
)
def test_accepted(text):
    assert check_filter(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('custom:tenant_id = "acme"', "Custom attributes such as custom:tenant_id cannot be searched"),
        ('emial ^= "a"', "Did you mean email?"),
        ('Email = "a"', "write email, not Email"),
        ('locale = "en"', "'locale' cannot be searched"),
        ('email != "a"', "operator '!='"),
        ('email == "a"', "operator '=='"),
        ('email like "a"', "operator 'like'"),
        ('email "a"', "Missing operator"),
        ("email ^= ali", 'Put the value in double quotes: email ^= "ali"'),
        ("email = 'ali'", "not single quotes"),
        ('email ^= "ali', "closing double quote is missing"),
        ('name = "abc\\"', "closing double quote is missing"),
        ('email = "a" and name = "b"', "AND / OR are not supported"),
        ('name = "a"b"', "Unexpected text after the closing quote"),
        ("email =", "The value is missing"),
        ('= "x"', "starts with an attribute name"),
        ("alice", 'username ^= "alice"'),
        ('email = "' + "x" * 300 + '"', "at most 256"),
    ],
)
def test_rejected_with_a_clear_message(text, fragment):
    message = check_filter(text)
    assert message is not None
    assert fragment in message


def test_parse_describes_the_filter_in_words():
    parsed = parse_filter('cognito:user_status = "UNCONFIRMED"')
    assert parsed is not None
    assert parsed.describe() == 'cognito:user_status is exactly "UNCONFIRMED"'
    assert parse_filter("  ") is None


@given(st.text(max_size=300))
def test_any_text_gives_none_or_a_message(text):
    result = check_filter(text)
    assert result is None or (isinstance(result, str) and result)


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60).map(
        lambda s: s.replace("\x00", "")
    )
)
def test_any_text_with_quotes_and_operators(tail):
    for head in ("email ^= ", 'name = "', "status", 'cognito:user_status = "', "x ^"):
        result = check_filter(head + tail)
        assert result is None or isinstance(result, str)


@given(
    st.sampled_from(SEARCHABLE_ATTRIBUTES),
    st.sampled_from(sorted(OPERATORS)),
    st.text(max_size=300),
)
def test_build_filter_output_always_passes_check(attribute, operator, value):
    try:
        expression = build_filter(attribute, operator, value)
    except ValueError as err:
        assert "at most 256" in str(err)
        assert len(f'{attribute} {operator} "{escape_value(value)}"') > MAX_FILTER_LENGTH
        return
    assert check_filter(expression) is None
    assert parse_filter(expression) == UserFilter(attribute, operator, value)
