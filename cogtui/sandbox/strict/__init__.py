"""The strict sign-in layer of the sandbox: refuses what Amazon Cognito refuses, in Cognito's words.

A WSGI layer in front of moto. It answers the sign-in and account-recovery operations of the
``AWSCognitoIdentityProviderService`` JSON protocol itself (SRP-6a proofs, SECRET_HASH, the client's
auth flows, user states, lockout, single-use expiring challenge sessions, real TOTP / SMS / email /
confirmation codes delivered to an outbox) and hands every other request to moto unchanged. moto stays
the store of pools, clients and users; this layer keeps only what moto does not (salts, challenge
sessions, codes, authenticator secrets, failed-attempt counters), in one process-wide ``StrictState``.
"""

from __future__ import annotations

from typing import Any

from cogtui.sandbox.strict.state import StrictState, strict_state

__all__ = ["StrictCognito", "StrictState", "strict_state"]


def __getattr__(name: str) -> Any:
    """``StrictCognito`` is imported on first use: it pulls in moto, which only a running sandbox needs."""
    if name == "StrictCognito":
        from cogtui.sandbox.strict.middleware import StrictCognito

        return StrictCognito
    raise AttributeError(name)
