"""The sign-in doctor's fixes: what each admin action the verdict offers will do, and running it.

``question`` words the confirmation (the action, the user AND the pool, then what happens), ``apply``
makes the call through the gateway: a user's action goes through its admin action path, a client's
(``UpdateUserPoolClient``) sends the client's current settings with the one change, because Cognito
resets every setting an update leaves out to its default. With ``--read-only`` the gateway refuses both.
"""

from __future__ import annotations

from typing import Any

from cogtui.auth.doctor.model import AdminAction, Verdict
from cogtui.aws.user_actions import ACTIONS, set_password_detail

__all__ = ["apply", "client_update", "consequence", "is_danger", "question"]

IDP = "cognito-idp"
# Settings DescribeUserPoolClient returns that UpdateUserPoolClient does not take.
_NOT_UPDATABLE = frozenset({"ClientSecret", "CreationDate", "LastModifiedDate"})

_CONSEQUENCES = {
    "AdminUpdateUserAttributes": "Cognito marks the attribute verified without sending a code: codes for "
    "MFA and password resets go there from now on. Only do this when the address or number is known to "
    "belong to the user.",
    "AdminSetUserMFAPreference": "The factor is enabled and preferred: the next sign-in asks for its code.",
    "UpdateUserPoolClient": "The app client accepts the flow from now on, for every user of the pool. "
    "Every other setting of the client is sent unchanged.",
}


def _user_action(operation: str) -> Any:
    return next((a for a in ACTIONS.values() if a.operation == operation), None)


def consequence(action: AdminAction) -> str:
    """What happens after the call, in the words the user page uses for the same call."""
    known = _user_action(action.operation)
    return known.consequence if known is not None else _CONSEQUENCES.get(action.operation, "")


def is_danger(action: AdminAction) -> bool:
    """Actions that lock a user out or replace a password: Enter never confirms them."""
    known = _user_action(action.operation)
    return bool(known.danger) if known is not None else action.on_client


def question(
    action: AdminAction, verdict: Verdict, pool_name: str = "", permanent: bool | None = None
) -> str:
    """The confirmation text, naming the call, the user (or the client) and the pool."""
    pool = f"{pool_name} ({verdict.pool_id})" if pool_name else verdict.pool_id
    user = repr(verdict.username or verdict.typed)
    if action.on_client:
        target = f"app client {verdict.client_id} of pool {pool} (so that user {user} can sign in)"
    else:
        target = f"user {user} in pool {pool}"
    detail = f" {set_password_detail(permanent)}" if permanent is not None else ""
    asked = f"{action.label}{detail}: {action.operation} on {target}?"
    said = consequence(action)
    return f"{asked}\n\n{said}" if said else asked


def client_update(described: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """UpdateUserPoolClient's parameters: the client as described, with ``changes`` applied."""
    params = {k: v for k, v in described.items() if k not in _NOT_UPDATABLE and v not in (None, [], {})}
    params.update(changes)
    return params


async def apply(
    gateway: Any, verdict: Verdict, action: AdminAction, password: str | None = None, **extra: Any
) -> None:
    """Run ``action`` for the verdict's user (or client); raises the gateway's CogtuiError on refusal."""
    if action.on_client:
        if not verdict.client_id:
            raise ValueError("a client action needs the verdict's client")
        described = await gateway.call(
            IDP, "DescribeUserPoolClient", UserPoolId=verdict.pool_id, ClientId=verdict.client_id
        )
        params = client_update(described.get("UserPoolClient", {}), action.params)
        await gateway.call(IDP, "UpdateUserPoolClient", **params)
        return
    params = {**action.params, **extra}
    if action.needs_password:
        if not password:
            raise ValueError(f"{action.operation} needs a password")
        params["Password"] = password
    await gateway.admin_action(action.operation, verdict.pool_id, verdict.username or verdict.typed, **params)
