"""Prove temporary credentials: STS GetCallerIdentity signed WITH them, on the connection's endpoint.

The client is built by the connection (``client_with_credentials``) on the gateway's thread pool and
thrown away after the call; the call is recorded in the gateway's trace like any other, with the
access key id (not the secret) as its parameter. Against the sandbox the same local endpoint answers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cogtui.aws.errors import CogtuiError
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.diagnosis import Diagnosis, diagnose_error
from cogtui.identity.roles import role_name_from_caller_arn

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

__all__ = ["CallerIdentity", "ProofResult", "prove", "try_prove"]

SERVICE = "sts"
OPERATION = "GetCallerIdentity"


@dataclass(frozen=True)
class CallerIdentity:
    """Who AWS says the credentials belong to."""

    arn: str
    account: str
    user_id: str

    @property
    def role_name(self) -> str | None:
        """The IAM role name for an assumed-role ARN, else None."""
        return role_name_from_caller_arn(self.arn)


@dataclass(frozen=True)
class ProofResult:
    """The outcome of a proof: the caller, or the error and its diagnosis."""

    caller: CallerIdentity | None
    duration_ms: float
    error: CogtuiError | None = None
    diagnosis: Diagnosis | None = None

    @property
    def ok(self) -> bool:
        return self.caller is not None


async def prove(gateway: Gateway, credentials: AwsCredentials) -> CallerIdentity:
    """Call STS GetCallerIdentity with ``credentials``; raises a CogtuiError when they are refused."""
    response = await gateway.call_as(
        credentials.access_key_id, credentials.secret_key, credentials.session_token, SERVICE, OPERATION
    )
    return CallerIdentity(
        arn=str(response.get("Arn") or ""),
        account=str(response.get("Account") or ""),
        user_id=str(response.get("UserId") or ""),
    )


async def try_prove(gateway: Gateway, credentials: AwsCredentials) -> ProofResult:
    """Like ``prove`` but never raises for a refused call: the error comes with its diagnosis."""
    t0 = time.perf_counter()
    try:
        caller = await prove(gateway, credentials)
    except CogtuiError as err:
        return ProofResult(None, (time.perf_counter() - t0) * 1000, err, diagnose_error(err))
    return ProofResult(caller, (time.perf_counter() - t0) * 1000)
