"""The sign-in doctor: from the facts read about a pool, client and user, what the next sign-in does.

Checks run in the order Cognito evaluates a sign-in (client and flow, SECRET_HASH, the user, enabled,
status, the temporary password, then the second factor), followed by what cannot be seen in advance
(triggers, advanced security) and what the sign-in gives (groups, identity pool roles). The first
failing check decides a refusal; otherwise the first challenge decides; otherwise the user signs in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cogtui.auth.doctor import client_checks, mfa_checks, pool_checks, roles_checks, user_checks
from cogtui.auth.doctor.facts import SignInFacts
from cogtui.auth.doctor.model import DoctorCheck, Outcome, Status, Verdict

UNDECIDED = ("user pool", "user")


def _pool_check(facts: SignInFacts) -> DoctorCheck:
    reads = ("DescribeUserPool",)
    if facts.pool is not None:
        return DoctorCheck("user pool", Status.PASS, f"{facts.pool.name} ({facts.pool.id}).", reads=reads)
    err = facts.unread.get("pool")
    if err is not None and err.code == "ResourceNotFoundException":
        return DoctorCheck(
            "user pool",
            Status.FAIL,
            f"No user pool {facts.pool_id} here.",
            fix="Check the pool id and the region.",
            refusal=f"ResourceNotFoundException: User pool {facts.pool_id} does not exist.",
            reads=reads,
        )
    why = f"{err.code} — {err.message}" if err else "not read"
    return DoctorCheck(
        "user pool",
        Status.SKIP,
        f"The user pool could not be read: {why}",
        fix="Use credentials allowed to call DescribeUserPool.",
        reads=reads,
    )


def _checks(facts: SignInFacts, flow: str | None, now: datetime) -> tuple[list[DoctorCheck], str]:
    checks = [_pool_check(facts)]
    chosen_flow, chosen = client_checks.pick_flow(facts.client, flow)
    if facts.pool is None:
        return checks, chosen_flow
    if facts.client_id or facts.client:
        checks.append(client_checks.client_found(facts))
    if facts.client is not None:
        checks.append(client_checks.flow_enabled(facts.client, chosen_flow, chosen))
        checks.append(client_checks.secret(facts.client))
        if (oauth := client_checks.oauth_only(facts.client)) is not None:
            checks.append(oauth)
    checks.append(user_checks.user_found(facts))
    res = facts.resolution
    user = res.user if res is not None else None
    if user is not None:
        checks.append(user_checks.enabled(user))
        checks.append(user_checks.status(facts, user))
        if (temporary := user_checks.temporary_password(facts, user, now)) is not None:
            checks.append(temporary)
        if chosen_flow == "user_auth":
            checks.append(
                DoctorCheck(
                    "choice-based sign-in",
                    Status.PASS,
                    "USER_AUTH without a preferred challenge: Cognito lists what the user can answer.",
                    challenge="SELECT_CHALLENGE",
                    reads=("ExplicitAuthFlows",),
                )
            )
        checks.append(mfa_checks.mfa_decision(facts, user))
        checks.extend(mfa_checks.factor_checks(facts, user))
    checks.extend(pool_checks.triggers(facts, chosen_flow))
    if user is not None:
        checks.append(pool_checks.advanced_security(facts))
        checks.append(roles_checks.groups(facts))
        checks.append(roles_checks.identity_roles(facts))
    return checks, chosen_flow


def diagnose(facts: SignInFacts, flow: str | None = None, now: datetime | None = None) -> Verdict:
    """The verdict for ``facts``; ``flow`` is a sign-in engine flow name (srp, password, admin...)."""
    now = now or datetime.now(UTC)
    checks, chosen_flow = _checks(facts, flow, now)
    failed = next((c for c in checks if c.status is Status.FAIL and c.refusal), None)
    undecided = next((c for c in checks if c.name in UNDECIDED and c.status is Status.SKIP), None)
    challenge = next((c.challenge for c in checks if c.challenge), None)
    if failed is not None:
        outcome, refusal = Outcome.REFUSED, failed.refusal
    elif undecided is not None:
        outcome, refusal = Outcome.UNKNOWN, None
    elif challenge:
        outcome, refusal = Outcome.CHALLENGED, None
    else:
        outcome, refusal = Outcome.SIGNS_IN, None
    res = facts.resolution
    return Verdict(
        outcome=outcome,
        typed=facts.typed,
        username=res.user.username if res is not None and res.user is not None else None,
        pool_id=facts.pool_id,
        client_id=facts.client_id,
        flow=chosen_flow,
        checks=tuple(checks),
        challenge=challenge if outcome is Outcome.CHALLENGED else None,
        refusal=refusal,
    )
