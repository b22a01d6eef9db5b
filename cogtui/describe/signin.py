"""What the sign-in form says under its fields: the app client's note and the sandbox's seeded logins.

No Textual here. ``client_note(client, problem, flow)`` says in one line whether the client has a secret,
whether it enables the chosen flow (a warning when it does not) and how long a challenge session lasts;
``sandbox_hint(info, pool)`` names a few seeded logins of the pool, what a newcomer can type at once.
"""

from __future__ import annotations

from typing import Any

from cogtui.auth.flows import AUTH_FLOWS
from cogtui.auth.rules_signin import FLOW_FLAGS
from cogtui.aws.models import AppClient

__all__ = ["client_note", "sandbox_hint"]

_TAGS = (
    (lambda u: not u.enabled, "disabled"),
    (lambda u: u.totp_secret, "TOTP"),
    (lambda u: u.state == "FORCE_CHANGE_PASSWORD", "new password"),
    (lambda u: u.state == "UNCONFIRMED", "unconfirmed"),
    (lambda u: u.state == "RESET_REQUIRED", "reset required"),
)
_HINT_ORDER = ("", "TOTP", "new password", "disabled")


def _tag(user: Any) -> str:
    return next((tag for test, tag in _TAGS if test(user)), "")


def sandbox_hint(info: Any, pool_name: str | None) -> str:
    """One line naming a few seeded logins of ``pool_name`` (or of the first pool): what to type at once."""
    if info is None:
        return "◆ Sandbox starting… F2 lists the seeded logins once it is up."
    users = [u for u in info.users if u.pool == pool_name] or [
        u for u in info.users if info.pools and u.pool == info.pools[0].name
    ]
    picked: list[str] = []
    first_password = None
    for wanted in _HINT_ORDER:
        user = next((u for u in users if _tag(u) == wanted and u.password), None)
        if user is None:
            continue
        first_password = first_password or user.password
        shown = (
            user.username
            if user.password == first_password and picked
            else f"{user.username} / {user.password}"
        )
        picked.append(f"{shown} ({wanted})" if wanted else shown)
    if not picked:
        return "◆ Sandbox: F2 lists the seeded logins."
    return "◆ Sandbox: " + " · ".join(picked) + " · F2: more"


def client_note(client: AppClient | None, problem: str, flow: str) -> tuple[str, bool]:
    """One line on the app client (secret, whether it enables the flow, session validity); True = warning."""
    if client is None:
        return problem, bool(problem)
    name = client.name or client.id
    secret = "secret filled in (Ctrl+R shows it)" if client.has_secret else "no secret"
    validity = f"challenge session {client.auth_session_validity or 3} min"
    auth_flow = AUTH_FLOWS.get(flow, "")
    flag = FLOW_FLAGS.get(auth_flow, "")
    enabled = [f.removeprefix("ALLOW_") for f in client.explicit_auth_flows]
    if flag and enabled and flag.removeprefix("ALLOW_") not in enabled:
        short = ", ".join(f.removesuffix("_AUTH") for f in enabled)
        return f"! {name} does not enable {auth_flow} (only {short}): expect a refusal · {secret}", True
    state = f"{auth_flow} enabled" if enabled else "Cognito's default flows"
    return f"✔ {name}: {secret} · {state} · {validity}", False
