"""Sign-in flows: what a ``SignInRequest`` asks for and the InitiateAuth call that starts it.

Flows (the ``flow`` field) and the Cognito AuthFlow each one sends:

=============  ==========================  ====================================================
flow           AuthFlow                    AuthParameters
=============  ==========================  ====================================================
srp            USER_SRP_AUTH               USERNAME, SRP_A (then PASSWORD_VERIFIER, answered here)
password       USER_PASSWORD_AUTH          USERNAME, PASSWORD
admin          ADMIN_USER_PASSWORD_AUTH    USERNAME, PASSWORD (AdminInitiateAuth: AWS credentials)
refresh        REFRESH_TOKEN_AUTH          REFRESH_TOKEN
custom         CUSTOM_AUTH                 USERNAME (the Lambda triggers decide the challenges)
custom_srp     CUSTOM_AUTH                 USERNAME, SRP_A, CHALLENGE_NAME=SRP_A (password first)
user_auth      USER_AUTH                   USERNAME [, PREFERRED_CHALLENGE [, PASSWORD | SRP_A]]
=============  ==========================  ====================================================

SECRET_HASH is added when a client secret is given, DEVICE_KEY when a remembered device is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cogtui.auth.secret_hash import SOURCE_GIVEN, SOURCE_TYPED, HashedUsername, secret_hash
from cogtui.auth.srp import DeviceCredentials, SrpSigner
from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID

AUTH_FLOWS: dict[str, str] = {
    "srp": "USER_SRP_AUTH",
    "password": "USER_PASSWORD_AUTH",
    "admin": "ADMIN_USER_PASSWORD_AUTH",
    "refresh": "REFRESH_TOKEN_AUTH",
    "custom": "CUSTOM_AUTH",
    "custom_srp": "CUSTOM_AUTH",
    "user_auth": "USER_AUTH",
}
SRP_FLOWS = frozenset({"srp", "custom_srp"})
PASSWORD_FLOWS = frozenset({"srp", "password", "admin", "custom_srp"})
USER_AUTH_CHOICES = ("PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")


@dataclass(frozen=True)
class SignInRequest:
    """What to sign in with. Secrets never appear in ``repr``.

    ``session_validity_minutes`` is the client's AuthSessionValidity when known (3 by default).
    For ``refresh``, ``username`` is the Cognito username the SECRET_HASH is computed over
    (``cognito:username``; see ``cogtui.auth.secret_hash``).
    """

    pool_id: str
    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    username: str = ""
    password: str | None = field(default=None, repr=False)
    flow: str = "srp"
    refresh_token: str | None = field(default=None, repr=False)
    preferred_challenge: str | None = None
    client_metadata: dict[str, str] | None = None
    device: DeviceCredentials | None = field(default=None, repr=False)
    session_validity_minutes: int | None = None
    pool_name: str | None = None

    @property
    def auth_flow(self) -> str:
        return AUTH_FLOWS[self.flow]

    @property
    def is_admin(self) -> bool:
        return self.flow == "admin"

    def problems(self) -> list[str]:
        """What is missing or inconsistent, as sentences (empty when the request can start)."""
        out = []
        if self.flow not in AUTH_FLOWS:
            out.append(f"unknown flow {self.flow!r}; choose one of {', '.join(AUTH_FLOWS)}")
            return out
        if not self.client_id:
            out.append("a client id is needed")
        elif problem := CLIENT_ID.problem(self.client_id):
            out.append(problem)
        if self.flow in SRP_FLOWS | {"admin"} and not self.pool_id:
            out.append(f"the {self.flow} flow needs the user pool id")
        elif self.pool_id and (problem := USER_POOL_ID.problem(self.pool_id)):
            out.append(problem)
        if self.flow == "refresh":
            if not self.refresh_token:
                out.append("the refresh flow needs a refresh token")
            if self.client_secret and not self.username:
                out.append(
                    "refreshing with a client secret needs the Cognito username (cognito:username) to hash"
                )
        elif not self.username:
            out.append("a username is needed")
        if self.flow in PASSWORD_FLOWS and not self.password:
            out.append(f"the {self.flow} flow needs a password")
        if self.flow == "user_auth" and self.preferred_challenge:
            if self.preferred_challenge not in USER_AUTH_CHOICES:
                out.append(f"unknown preferred challenge {self.preferred_challenge!r}")
            elif self.preferred_challenge in ("PASSWORD", "PASSWORD_SRP") and not self.password:
                out.append(f"PREFERRED_CHALLENGE={self.preferred_challenge} needs a password")
        return out

    def hash_for(self, username: str, source: str) -> tuple[str | None, HashedUsername | None]:
        """SECRET_HASH over ``username`` (None when the client has no secret)."""
        if not self.client_secret:
            return None, None
        return secret_hash(username, self.client_id, self.client_secret), HashedUsername(username, source)


def needs_srp(request: SignInRequest) -> bool:
    return request.flow in SRP_FLOWS or (
        request.flow == "user_auth" and request.preferred_challenge == "PASSWORD_SRP"
    )


def initiate_call(
    request: SignInRequest, srp: SrpSigner | None
) -> tuple[str, dict[str, Any], HashedUsername | None]:
    """(operation, params, hashed username) of the call that starts ``request``."""
    params: dict[str, Any] = {"ClientId": request.client_id, "AuthFlow": request.auth_flow}
    auth: dict[str, str] = {}
    if request.flow == "refresh":
        auth["REFRESH_TOKEN"] = request.refresh_token or ""
        hash_value, hashed = (
            request.hash_for(request.username, SOURCE_GIVEN) if request.username else (None, None)
        )
    else:
        auth["USERNAME"] = request.username
        hash_value, hashed = request.hash_for(request.username, SOURCE_TYPED)
        if request.flow in ("password", "admin"):
            auth["PASSWORD"] = request.password or ""
        if srp is not None:
            auth["SRP_A"] = srp.srp_a
        if request.flow == "custom_srp":
            auth["CHALLENGE_NAME"] = "SRP_A"
        if request.flow == "user_auth" and request.preferred_challenge:
            auth["PREFERRED_CHALLENGE"] = request.preferred_challenge
            if request.preferred_challenge == "PASSWORD":
                auth["PASSWORD"] = request.password or ""
    if hash_value:
        auth["SECRET_HASH"] = hash_value
    if request.device is not None:
        auth["DEVICE_KEY"] = request.device.device_key
    params["AuthParameters"] = auth
    if request.client_metadata:
        params["ClientMetadata"] = dict(request.client_metadata)
    operation = "InitiateAuth"
    if request.is_admin:
        operation = "AdminInitiateAuth"
        params["UserPoolId"] = request.pool_id
    return operation, params, hashed
