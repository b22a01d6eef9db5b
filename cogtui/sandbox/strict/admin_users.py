"""Creating users and changing their attributes as Cognito does, where moto does not:

- AdminCreateUser: a temporary password is generated when none is given (one the pool's policy accepts)
  and a given one is checked against the policy; the invitation ("Your username is ... and temporary
  password is ...") goes to the outbox by each DesiredDeliveryMedium (SMS when none is named) unless
  MessageAction is SUPPRESS. MessageAction RESEND keeps the user (moto replaced it with a new one): it
  needs a FORCE_CHANGE_PASSWORD user, sets a new temporary password and sends the invitation again.
- AdminUpdateUserAttributes / AdminDeleteUserAttributes: an attribute outside the pool's schema, or one
  the schema marks as not mutable (``sub`` always), is refused with InvalidParameterException.
"""

from __future__ import annotations

import secrets
import string
from datetime import datetime
from typing import Any

from moto.cognitoidp.models import UserStatus

from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter
from cogtui.sandbox.strict.store import find_pool, find_user, status, validate_password

INVITATION = "Your username is {username} and temporary password is {password}."
RESEND_REFUSED = "Resend not possible. {username} status is not FORCE_CHANGE_PASSWORD"
NOT_IN_SCHEMA = "user.{name}: Attribute does not exist in the schema."
NOT_MUTABLE = "Cannot modify the non-mutable attribute {name}"
_SYMBOLS = "^$*.[]{}()?-!@#%&/,><:;|_~+="
_MEDIUM_ATTRIBUTE = {"EMAIL": "email", "SMS": "phone_number"}


def temporary_password(pool: Any) -> str:
    """A random password the pool's policy accepts: every character class, at least 12 characters."""
    policy = (pool.extended_config.get("Policies") or {}).get("PasswordPolicy") or {}
    length = max(int(policy.get("MinimumLength") or 8), 12)
    classes = [string.ascii_uppercase, string.ascii_lowercase, string.digits, _SYMBOLS]
    chars = [secrets.choice(c) for c in classes]
    alphabet = "".join(classes)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def _mutable(pool: Any) -> dict[str, bool]:
    """Every attribute of the pool and whether it may change: Cognito's standard attributes always
    (moto leaves them out of a pool created with a Schema of its own), then the pool's."""
    from moto.cognitoidp.models import CognitoIdpUserPoolAttribute

    names = {n: bool(s.get("Mutable", True)) for n, s in CognitoIdpUserPoolAttribute.STANDARD_SCHEMA.items()}
    for name, attribute in (getattr(pool, "schema_attributes", {}) or {}).items():
        names[name] = bool(getattr(attribute, "mutable", True))
    return names


def _check_names(pool: Any, names: list[str], changing: bool) -> None:
    """Refuse attributes outside the schema and, when ``changing`` an existing user, immutable ones."""
    schema = _mutable(pool)
    unknown = [n for n in names if n not in schema]
    if unknown:
        text = "\n".join(NOT_IN_SCHEMA.format(name=n) for n in unknown)
        raise invalid_parameter(f"Invalid user attributes: {text}\n")
    if changing:
        for name in names:
            if name == "sub" or not schema[name]:
                raise invalid_parameter(NOT_MUTABLE.format(name=name))


def _epoch(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value or 0)


def _user_json(user: Any) -> dict[str, Any]:
    return {
        "Username": user.username,
        "Attributes": list(user.attributes),
        "UserCreateDate": _epoch(user.create_date),
        "UserLastModifiedDate": _epoch(user.last_modified_date),
        "Enabled": bool(user.enabled),
        "UserStatus": status(user),
        "MFAOptions": [],
    }


def _invite(call: Call, pool: Any, user: Any, password: str) -> None:
    mediums = call.param("DesiredDeliveryMediums") or ["SMS"]
    for medium in mediums:
        destination = user.attribute_lookup.get(_MEDIUM_ATTRIBUTE.get(str(medium), ""))
        if destination:
            text = INVITATION.format(username=user.username, password=password)
            call.state.outbox.deliver(
                pool.id, user.username, str(medium), str(destination), "INVITATION", password, text
            )


def admin_create_user(call: Call) -> dict[str, Any]:
    pool = find_pool(call.required("UserPoolId"))
    username = call.required("Username")
    given = call.param("TemporaryPassword")
    if given:
        validate_password(pool, str(given))
    password = str(given) if given else temporary_password(pool)
    action = call.param("MessageAction")
    if action == "RESEND":
        user = find_user(pool, username)
        if user is None:
            raise Refusal("UserNotFoundException", "User does not exist.")
        if status(user) != "FORCE_CHANGE_PASSWORD":
            raise Refusal("UnsupportedUserStateException", RESEND_REFUSED.format(username=username))
        user.password = password
        user.status = UserStatus.FORCE_CHANGE_PASSWORD
        _invite(call, pool, user, password)
        return {"User": _user_json(user)}
    attributes = call.param("UserAttributes") or []
    _check_names(pool, [str(a.get("Name", "")) for a in attributes if isinstance(a, dict)], changing=False)
    answer = call.forward_json({**call.body, "TemporaryPassword": password})
    user = find_user(pool, str((answer.get("User") or {}).get("Username") or username))
    if user is not None and action != "SUPPRESS":
        _invite(call, pool, user, password)
    return answer


def admin_update_user_attributes(call: Call) -> dict[str, Any]:
    pool = find_pool(call.required("UserPoolId"))
    attributes = call.param("UserAttributes") or []
    _check_names(pool, [str(a.get("Name", "")) for a in attributes if isinstance(a, dict)], changing=True)
    return call.forward_json()


def admin_delete_user_attributes(call: Call) -> dict[str, Any]:
    pool = find_pool(call.required("UserPoolId"))
    _check_names(pool, [str(n) for n in call.param("UserAttributeNames") or []], changing=True)
    return call.forward_json()
