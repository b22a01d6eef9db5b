"""Cognito ListUsers filter expressions: build them safely and explain, before calling, why one would fail.

A filter is ``attribute operator "value"``: one searchable standard attribute, ``=`` (exact) or ``^=``
(starts with), and a double-quoted value in which ``"`` and ``\\`` are escaped with a backslash.
Cognito answers a malformed filter with a terse InvalidParameterException; :func:`check_filter`
says what is wrong in plain words instead, so the message is the same on AWS and on an emulator.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# Attributes ListUsers can search on (custom attributes never are).
SEARCHABLE_ATTRIBUTES: tuple[str, ...] = (
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
)

OPERATORS: dict[str, str] = {"=": "is exactly", "^=": "starts with"}

# Values with a fixed vocabulary, offered by the filter helper.
KNOWN_VALUES: dict[str, tuple[str, ...]] = {
    "status": ("Enabled", "Disabled"),
    "cognito:user_status": (
        "UNCONFIRMED",
        "CONFIRMED",
        "FORCE_CHANGE_PASSWORD",
        "RESET_REQUIRED",
        "EXTERNAL_PROVIDER",
        "ARCHIVED",
        "COMPROMISED",
        "UNKNOWN",
    ),
}

MAX_FILTER_LENGTH = 256  # UserFilterType in the Cognito API model

_EXAMPLE = 'email ^= "ali"'
_OPERATOR_CHARS = "=^!<>~*$|&"
_ATTRIBUTE_LIST = ", ".join(SEARCHABLE_ATTRIBUTES)


@dataclass(frozen=True)
class UserFilter:
    """A parsed filter; ``value`` is unescaped."""

    attribute: str
    operator: str
    value: str

    @property
    def expression(self) -> str:
        return build_filter(self.attribute, self.operator, self.value)

    def describe(self) -> str:
        """``email starts with "ali"``: the filter in words, for a status line."""
        return f'{self.attribute} {OPERATORS[self.operator]} "{self.value}"'


class FilterError(ValueError):
    """A filter Cognito would reject; ``str()`` is the explanation."""


def escape_value(value: str) -> str:
    """Escape backslashes and double quotes for use between the value's quotes."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def build_filter(attribute: str, operator: str, value: str) -> str:
    """``build_filter("email", "^=", "ali")`` -> ``email ^= "ali"``. Raises ValueError for an
    attribute that cannot be searched, an unknown operator, or a result over Cognito's 256 characters."""
    if attribute not in SEARCHABLE_ATTRIBUTES:
        raise ValueError(_attribute_message(attribute))
    if operator not in OPERATORS:
        raise ValueError(f"Unknown operator {operator!r}: use = (is exactly) or ^= (starts with).")
    expression = f'{attribute} {operator} "{escape_value(value)}"'
    if len(expression) > MAX_FILTER_LENGTH:
        raise ValueError(
            f"The filter is {len(expression)} characters; Cognito accepts at most {MAX_FILTER_LENGTH}."
        )
    return expression


def check_filter(text: str) -> str | None:
    """None when Cognito would accept ``text`` (an empty text means "no filter"), else why not."""
    try:
        parse_filter(text)
    except FilterError as err:
        return str(err)
    return None


def parse_filter(text: str) -> UserFilter | None:
    """Parse a filter expression; None for an empty one. Raises FilterError with a plain explanation."""
    stripped = text.strip()
    if not stripped:
        return None
    if len(text) > MAX_FILTER_LENGTH:
        raise FilterError(
            f"The filter is {len(text)} characters; Cognito accepts at most {MAX_FILTER_LENGTH}."
        )
    attribute, rest = _take_attribute(stripped)
    if not attribute:
        raise FilterError(f"A filter starts with an attribute name, e.g. {_EXAMPLE}.")
    operator, rest = _take_operator(rest)
    if not operator:
        if not rest:
            guess = f'username ^= "{_guess_value(stripped)}"'
            raise FilterError(f"Not a filter: write attribute, operator and quoted value, e.g. {guess}.")
        raise FilterError(
            f"Missing operator after {attribute!r}: use = (is exactly) or ^= (starts with), e.g. {_EXAMPLE}."
        )
    if attribute not in SEARCHABLE_ATTRIBUTES:
        raise FilterError(_attribute_message(attribute))
    if operator not in OPERATORS:
        raise FilterError(
            f"Cognito does not support the operator {operator!r}: only = (is exactly) and ^= (starts with)."
        )
    value = _take_value(attribute, operator, rest)
    return UserFilter(attribute, operator, value)


# -- the scanner ----------------------------------------------------------------------------------


def _take_attribute(text: str) -> tuple[str, str]:
    end = 0
    while end < len(text) and not text[end].isspace() and text[end] not in _OPERATOR_CHARS + "\"'":
        end += 1
    return text[:end], text[end:].lstrip()


def _take_operator(text: str) -> tuple[str, str]:
    end = 0
    while end < len(text) and text[end] in _OPERATOR_CHARS:
        end += 1
    if end:
        return text[:end], text[end:].lstrip()
    word = text.split(maxsplit=1)
    if word and word[0].lower() in {"like", "contains", "in", "is", "eq", "startswith", "starts_with"}:
        return word[0], (word[1] if len(word) > 1 else "")
    return "", text


def _take_value(attribute: str, operator: str, text: str) -> str:
    example = f'{attribute} {operator} "{_guess_value(text) or "value"}"'
    if not text:
        raise FilterError(f"The value is missing: {example}.")
    if text[0] == "'":
        raise FilterError(f"Use double quotes around the value, not single quotes: {example}.")
    if text[0] != '"':
        raise FilterError(f"Put the value in double quotes: {example}.")
    chars: list[str] = []
    i = 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            chars.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            trailing = text[i + 1 :].strip()
            if trailing:
                raise FilterError(_trailing_message(trailing))
            return "".join(chars)
        chars.append(ch)
        i += 1
    raise FilterError(
        f'The closing double quote is missing (escape a quote inside the value as \\"): {example}.'
    )


def _trailing_message(trailing: str) -> str:
    words = trailing.split()
    if words and words[0].lower() in {"and", "or", "&&", "||", "&", "|"}:
        return "Cognito filters on one attribute at a time: AND / OR are not supported."
    return f'Unexpected text after the closing quote: {trailing[:20]!r} (escape a quote inside the value as \\").'


def _guess_value(text: str) -> str:
    return text.strip().strip("\"'").replace('"', "")[:40]


def _attribute_message(attribute: str) -> str:
    if attribute.startswith(("custom:", "dev:")):
        return f"Custom attributes such as {attribute} cannot be searched; searchable attributes: {_ATTRIBUTE_LIST}."
    lowered = {a.lower(): a for a in SEARCHABLE_ATTRIBUTES}
    if attribute.lower() in lowered:
        return f"Attribute names are case-sensitive: write {lowered[attribute.lower()]}, not {attribute}."
    close = difflib.get_close_matches(attribute, SEARCHABLE_ATTRIBUTES, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    return f"{attribute!r} cannot be searched.{hint} Searchable attributes: {_ATTRIBUTE_LIST}."
