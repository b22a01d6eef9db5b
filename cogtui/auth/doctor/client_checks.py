"""Checks on the app client: it exists, it enables the flow, it needs a SECRET_HASH, it is OAuth-only.

Flows use the sign-in engine's names (srp, password, admin, custom, custom_srp, user_auth). A client
whose ExplicitAuthFlows is empty allows SRP, custom and refresh, as Cognito does; the legacy flag names
(USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY) count as their ALLOW_ forms.
"""

from __future__ import annotations

from cogtui.auth.doctor.facts import SignInFacts
from cogtui.auth.doctor.model import AdminAction, DoctorCheck, Status
from cogtui.auth.flows import AUTH_FLOWS
from cogtui.aws.models import AppClient

FLOW_FLAGS: dict[str, tuple[str, ...]] = {
    "srp": ("ALLOW_USER_SRP_AUTH",),
    "password": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"),
    "admin": ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"),
    "custom": ("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"),
    "custom_srp": ("ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"),
    "user_auth": ("ALLOW_USER_AUTH",),
}
DOCTOR_FLOWS = tuple(FLOW_FLAGS)
DEFAULT_FLAGS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
PREFERRED_ORDER = ("srp", "password", "admin", "user_auth", "custom")


def client_flags(client: AppClient) -> tuple[str, ...]:
    return client.explicit_auth_flows or DEFAULT_FLAGS


def enables(client: AppClient, flow: str) -> bool:
    flags = client_flags(client)
    return any(flag in flags for flag in FLOW_FLAGS[flow])


def pick_flow(client: AppClient | None, flow: str | None) -> tuple[str, str]:
    """(flow, how it was chosen): the given one, else the first this client enables, else SRP."""
    if flow:
        return flow, ""
    if client is not None:
        for candidate in PREFERRED_ORDER:
            if enables(client, candidate):
                return (
                    candidate,
                    "no flow given: the first this client enables",
                )
    return "srp", "no flow given"


def client_found(facts: SignInFacts) -> DoctorCheck:
    reads = ("DescribeUserPoolClient",)
    if facts.client is not None:
        return DoctorCheck(
            "app client",
            Status.PASS,
            f"{facts.client.name or facts.client.id} ({facts.client.id}).",
            reads=reads,
        )
    err = facts.unread.get("client")
    if err is not None and err.code == "ResourceNotFoundException":
        return DoctorCheck(
            "app client",
            Status.FAIL,
            f"No app client {facts.client_id} in this pool.",
            cause="Cognito refuses a sign-in through a client it does not know.",
            fix="Copy the client id from the pool's app clients.",
            refusal=f"ResourceNotFoundException: User pool client {facts.client_id} does not exist.",
            reads=reads,
        )
    if err is not None:
        detail = f"The app client could not be read: {err.code} — {err.message}"
    else:
        detail = "No app client given: the client's flows, secret and OAuth settings are not checked."
    return DoctorCheck(
        "app client", Status.SKIP, detail, fix="Pass the app client id to check them.", reads=reads
    )


def flow_enabled(client: AppClient, flow: str, chosen: str) -> DoctorCheck:
    auth_flow = AUTH_FLOWS[flow]
    flag = FLOW_FLAGS[flow][0]
    reads = ("ExplicitAuthFlows",)
    flags = client_flags(client)
    if enables(client, flow):
        detail = f"{auth_flow}: {flag} is enabled." + (f" ({chosen})" if chosen else "")
        return DoctorCheck("auth flow", Status.PASS, detail, reads=reads)
    refusal = (
        "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"
        if flow == "password"
        else "InvalidParameterException: Auth flow not enabled for this client"
    )
    new_flags = sorted({*flags, flag})
    return DoctorCheck(
        "auth flow",
        Status.FAIL,
        f"{auth_flow} is not enabled on this client (it allows {', '.join(flags)}).",
        cause="Cognito refuses a flow the app client does not enable, before looking at the user.",
        fix=f"Add {flag} to the client's ExplicitAuthFlows, or sign in with a flow it enables.",
        refusal=refusal,
        action=AdminAction(
            "UpdateUserPoolClient",
            f"Enable {flag} on the client",
            {"ExplicitAuthFlows": new_flags},
            on_client=True,
        ),
        reads=reads,
    )


def secret(client: AppClient) -> DoctorCheck:
    reads = ("DescribeUserPoolClient.ClientSecret",)
    if not client.has_secret:
        return DoctorCheck(
            "client secret", Status.PASS, "The client has no secret: no SECRET_HASH needed.", reads=reads
        )
    return DoctorCheck(
        "client secret",
        Status.WARN,
        "The client has a secret: every sign-in call must carry SECRET_HASH.",
        cause="Without it Cognito answers NotAuthorizedException 'Client … is configured for secret but "
        "secret was not received'; a wrong one, 'Unable to verify secret hash for client …'.",
        fix="Compute SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)) over the name as typed; "
        "apps that cannot keep a secret (browsers, phones) need a client without one.",
        reads=reads,
    )


def oauth_only(client: AppClient) -> DoctorCheck | None:
    """None for clients without OAuth; otherwise how the hosted UI relates to the API flows."""
    reads = ("AllowedOAuthFlows", "AllowedOAuthFlowsUserPoolClient", "ExplicitAuthFlows")
    if not (client.oauth_enabled and client.oauth_flows):
        return None
    api_flows = [f for f in client_flags(client) if f not in ("ALLOW_REFRESH_TOKEN_AUTH",)]
    if client.oauth_flows == ("client_credentials",):
        return DoctorCheck(
            "OAuth",
            Status.FAIL,
            "A client_credentials client: machines get tokens with its secret, no user signs in.",
            cause="The client-credentials grant has no user.",
            fix="Use an app client meant for users.",
            refusal="client_credentials clients have no user sign-in",
            reads=reads,
        )
    if not api_flows:
        return DoctorCheck(
            "OAuth",
            Status.WARN,
            f"OAuth-only: users sign in through managed login ({', '.join(client.oauth_flows)} grant); "
            "no API sign-in flow is enabled.",
            fix="Sign in through the hosted UI, or enable an API flow on the client.",
            reads=reads,
        )
    return DoctorCheck(
        "OAuth",
        Status.PASS,
        f"The client also signs users in through managed login ({', '.join(client.oauth_flows)} grant).",
        reads=reads,
    )
