"""Checks on what the pool may do that cannot be read in advance: Lambda triggers and advanced security.

Pre authentication and Pre token generation triggers run at every sign-in and may refuse it; their code
is not visible through Cognito's API, so the doctor names them. Advanced security (threat protection)
decides from each attempt's risk; the user's recent sign-in events (AdminListUserAuthEvents) show what
it decided lately, and a run of failed attempts shows a likely temporary lockout.
"""

from __future__ import annotations

from typing import Any

from cogtui.auth.doctor.facts import SignInFacts
from cogtui.auth.doctor.model import DoctorCheck, Status

TRIGGERS = {
    "PreAuthentication": "Pre authentication",
    "PreTokenGeneration": "Pre token generation",
    "PreTokenGenerationConfig": "Pre token generation",
    "DefineAuthChallenge": "Define auth challenge",
    "PostAuthentication": "Post authentication",
}
LOCKOUT_AFTER = 5  # failed attempts before Cognito's temporary lockout starts


def triggers(facts: SignInFacts, flow: str) -> list[DoctorCheck]:
    assert facts.pool is not None
    config = facts.pool.lambda_config
    checks = []
    seen: set[str] = set()
    for key, name in TRIGGERS.items():
        value = config.get(key)
        arn = value.get("LambdaArn") if isinstance(value, dict) else value
        if not arn or name in seen:
            continue
        seen.add(name)
        checks.append(
            DoctorCheck(
                f"{name} trigger",
                Status.WARN,
                f"{arn.rsplit(':', 1)[-1]} runs at every sign-in: what it decides cannot be seen from here.",
                cause="A trigger that throws or times out refuses the sign-in (UserLambdaValidationException "
                "or an error naming the trigger).",
                fix="Read the function's logs for this user's attempts.",
                reads=(f"LambdaConfig.{key}",),
            )
        )
    if flow in ("custom", "custom_srp") and not config.get("DefineAuthChallenge"):
        checks.append(
            DoctorCheck(
                "custom challenge",
                Status.FAIL,
                "CUSTOM_AUTH needs Define, Create and Verify auth challenge triggers; this pool has none.",
                cause="Without a Define auth challenge trigger Cognito cannot run a custom flow.",
                fix="Add the custom-challenge triggers, or sign in with another flow.",
                refusal="InvalidParameterException: Custom auth lambda trigger is not configured for the user pool.",
                reads=("LambdaConfig.DefineAuthChallenge",),
            )
        )
    elif flow in ("custom", "custom_srp"):
        checks.append(
            DoctorCheck(
                "custom challenge",
                Status.PASS,
                "The Define auth challenge trigger decides the challenges: cannot be seen from here.",
                challenge="CUSTOM_CHALLENGE",
                reads=("LambdaConfig.DefineAuthChallenge",),
            )
        )
    return checks


def _risk(event: dict[str, Any]) -> dict[str, Any]:
    return dict(event.get("EventRisk") or {})


def advanced_security(facts: SignInFacts) -> DoctorCheck:
    reads = ("UserPoolAddOns.AdvancedSecurityMode", "AdminListUserAuthEvents")
    mode = (facts.pool.advanced_security if facts.pool else None) or "OFF"
    events = facts.auth_events
    if events is None and facts.events_note:
        return DoctorCheck("recent sign-ins", Status.SKIP, facts.events_note, reads=reads)
    if events is None:
        err = facts.unread.get("events")
        why = f"could not be read ({err.code})" if err else "are not reported by this endpoint"
        return DoctorCheck(
            "recent sign-ins",
            Status.SKIP,
            f"Advanced security {mode}; the user's sign-in events {why}.",
            reads=reads,
        )
    sign_ins = [e for e in events if e.get("EventType") in (None, "SignIn")]
    if not sign_ins:
        return DoctorCheck(
            "recent sign-ins",
            Status.PASS,
            f"Advanced security {mode}; no recent sign-in events.",
            reads=reads,
        )
    latest = sign_ins[0]
    risk = _risk(latest)
    if (
        risk.get("RiskDecision") in ("Block", "AccountTakeover")
        or latest.get("EventResponse") == "Fail"
        and risk.get("RiskLevel") == "High"
    ):
        return DoctorCheck(
            "recent sign-ins",
            Status.WARN,
            f"The latest sign-in ({latest.get('CreationDate', 'recently')}) was blocked by advanced security "
            f"(risk {risk.get('RiskLevel', 'unknown')}, decision {risk.get('RiskDecision', 'unknown')}).",
            cause="Threat protection may block the next attempt from the same place too.",
            fix="If it was the user, mark the event valid (AdminUpdateAuthEventFeedback) or review the "
            "pool's adaptive authentication settings.",
            reads=reads,
        )
    failures = 0
    for event in sign_ins:
        if event.get("EventResponse") != "Fail":
            break
        failures += 1
    if failures >= LOCKOUT_AFTER:
        return DoctorCheck(
            "recent sign-ins",
            Status.WARN,
            f"The last {failures} sign-ins failed.",
            cause="After 5 wrong passwords Cognito locks the user out for a while (doubling up to about 15 "
            "minutes): 'NotAuthorizedException: Password attempts exceeded'.",
            fix="Wait for the lockout to pass; a successful sign-in resets the count.",
            reads=reads,
        )
    return DoctorCheck(
        "recent sign-ins",
        Status.PASS,
        f"Advanced security {mode}; latest sign-in: {latest.get('EventResponse', 'unknown')}.",
        reads=reads,
    )
