"""A user pool's password policy in words, and which of its rules a password breaks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


def describe_policy(policy: Mapping[str, Any] | None) -> str:
    """The pool's password policy as one sentence."""
    if not policy:
        return "the pool's password policy (not readable with these credentials)"
    parts = [f"at least {policy.get('MinimumLength', 8)} characters"]
    for key, words in (
        ("RequireUppercase", "an uppercase letter"),
        ("RequireLowercase", "a lowercase letter"),
        ("RequireNumbers", "a number"),
        ("RequireSymbols", "a symbol"),
    ):
        if policy.get(key):
            parts.append(words)
    text = ", ".join(parts)
    if policy.get("PasswordHistorySize"):
        text += f"; not one of the last {policy['PasswordHistorySize']} passwords"
    return text


def password_failures(policy: Mapping[str, Any] | None, password: str) -> tuple[str, ...]:
    """The rules of ``policy`` that ``password`` breaks (the password itself is not kept anywhere)."""
    if not policy:
        return ()
    failures = []
    minimum = int(policy.get("MinimumLength") or 8)
    if len(password) < minimum:
        failures.append(f"shorter than {minimum} characters")
    if policy.get("RequireUppercase") and not any(c.isupper() for c in password):
        failures.append("no uppercase letter")
    if policy.get("RequireLowercase") and not any(c.islower() for c in password):
        failures.append("no lowercase letter")
    if policy.get("RequireNumbers") and not any(c.isdigit() for c in password):
        failures.append("no number")
    if policy.get("RequireSymbols") and not any(c in _SYMBOLS for c in password):
        failures.append("no symbol")
    return tuple(failures)
