"""The sign-in doctor: "why can't this user sign in?" answered from the pool, the app client and the user.

``read_facts`` reads them through the gateway; ``diagnose`` (pure) returns a ``Verdict``: will sign in,
will be challenged (and for what), or will be refused (with Cognito's answer), with every check.
``examine`` does both.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cogtui.auth.doctor.client_checks import DOCTOR_FLOWS
from cogtui.auth.doctor.diagnose import diagnose
from cogtui.auth.doctor.facts import SignInFacts, read_facts
from cogtui.auth.doctor.model import AdminAction, DoctorCheck, Outcome, Status, Verdict

__all__ = [
    "DOCTOR_FLOWS",
    "AdminAction",
    "DoctorCheck",
    "Outcome",
    "SignInFacts",
    "Status",
    "Verdict",
    "diagnose",
    "examine",
    "read_facts",
]


async def examine(
    gateway: Any,
    pool_id: str,
    typed: str,
    client_id: str | None = None,
    flow: str | None = None,
    now: datetime | None = None,
) -> Verdict:
    """Read what is needed and diagnose: the verdict for ``typed`` signing in to ``pool_id``."""
    facts = await read_facts(gateway, pool_id, typed, client_id)
    return diagnose(facts, flow, now)
