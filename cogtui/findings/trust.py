"""Findings about the trust policy of an identity pool's IAM roles (IAM GetRole).

Cognito gets credentials by calling STS AssumeRoleWithWebIdentity with a token whose ``aud`` is the
identity pool id and whose ``amr`` says ``authenticated`` or ``unauthenticated``. A role admits those
tokens when its trust policy allows ``sts:AssumeRoleWithWebIdentity`` to the federated principal
``cognito-identity.amazonaws.com`` under a ``cognito-identity.amazonaws.com:aud`` condition equal to the
identity pool id, and an ``amr`` condition for the kind of identity the role is for. A role whose policy
could not be read is reported as not checked, never as passing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import unquote

from cogtui.findings.base import Finding

ASSUME = "sts:AssumeRoleWithWebIdentity"
INVALID_CONFIG = (
    "GetCredentialsForIdentity answers InvalidIdentityPoolConfigurationException ('Invalid identity pool "
    "configuration. Check assigned IAM roles for this pool.')"
)


@dataclass(frozen=True)
class RoleTrust:
    """What IAM GetRole said about one role: its trust policy, or the error it answered."""

    arn: str
    document: Mapping[str, Any] | str | None = None
    error_code: str = ""
    error_message: str = ""

    @property
    def name(self) -> str:
        return role_name(self.arn)


def role_name(arn: str) -> str:
    """``arn:aws:iam::123456789012:role/path/Name`` -> ``Name`` (what GetRole takes)."""
    return arn.rsplit("/", 1)[-1]


def _policy(document: Mapping[str, Any] | str) -> Mapping[str, Any]:
    """The trust policy as a mapping: IAM's API sends it URL-encoded; SDKs usually decode it."""
    if isinstance(document, str):
        text = document.strip()
        loaded = json.loads(text if text.startswith("{") else unquote(text))
        return loaded if isinstance(loaded, Mapping) else {}
    return document


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _is_cognito_principal(principal: Any) -> bool:
    if not isinstance(principal, Mapping):
        return False
    return any(p.startswith("cognito-identity.") for p in _listed(principal.get("Federated")))


def _allows_assume(action: Any) -> bool:
    return any(fnmatchcase(ASSUME.lower(), a.lower()) for a in _listed(action))


def _conditions(statement: Mapping[str, Any], claim: str) -> list[tuple[str, list[str]]]:
    """(operator, values) of each condition on ``cognito-identity...:<claim>`` in the statement."""
    found: list[tuple[str, list[str]]] = []
    for operator, tests in (statement.get("Condition") or {}).items():
        if not isinstance(tests, Mapping):
            continue
        for key, values in tests.items():
            head, _, tail = str(key).lower().partition(":")
            if head.startswith("cognito-identity.") and tail == claim:
                found.append((str(operator), _listed(values)))
    return found


def _admits(condition: tuple[str, list[str]], value: str) -> bool:
    operator, values = condition
    base = operator.split(":")[-1].removesuffix("IfExists")
    if base.startswith("StringNot"):
        return all(not fnmatchcase(value, v) if "Like" in base else value != v for v in values)
    if "Like" in base:
        return any(fnmatchcase(value, v) for v in values)
    if base.startswith("String"):
        return value in values
    return False


def _trusting(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    statements = policy.get("Statement") or []
    if isinstance(statements, Mapping):
        statements = [statements]
    return [
        s
        for s in statements
        if isinstance(s, Mapping)
        and s.get("Effect") == "Allow"
        and _is_cognito_principal(s.get("Principal"))
        and _allows_assume(s.get("Action"))
    ]


def _uses(kinds: Iterable[str]) -> str:
    return " and ".join(f"the {k} role" for k in sorted(kinds))


def trust_findings(trust: RoleTrust, identity_pool_id: str, kinds: Iterable[str]) -> list[Finding]:
    """Findings about one role used by the identity pool as ``kinds`` (authenticated, unauthenticated)."""
    kinds = sorted(set(kinds))
    name = trust.name
    if trust.document is None:
        code = trust.error_code or "Unreadable"
        if code in ("NoSuchEntity", "NoSuchEntityException"):
            return [
                Finding(
                    "high",
                    f"Role {name} does not exist",
                    f"IAM GetRole answered {code}: {trust.error_message or 'not found'}. The identity pool "
                    f"uses it as {_uses(kinds)}, so {INVALID_CONFIG}. (A role of another AWS account than "
                    "the one these credentials belong to is not found either.)",
                    "Create the role, or point the identity pool at an existing one (SetIdentityPoolRoles).",
                    "identity.role_missing",
                )
            ]
        return [
            Finding(
                "info",
                f"Trust policy of role {name}: not checked ({code})",
                f"IAM GetRole could not be read: {trust.error_message or code}. Whether Cognito may assume "
                "this role is unknown.",
                "Read it with credentials allowed iam:GetRole on the role to have it checked.",
                "identity.trust_not_checked",
            )
        ]
    try:
        policy = _policy(trust.document)
    except ValueError:
        policy = {}
    statements = _trusting(policy)
    if not statements:
        return [
            Finding(
                "high",
                f"Role {name} does not trust Cognito identity pools",
                "No statement of its trust policy allows sts:AssumeRoleWithWebIdentity to the federated "
                f"principal cognito-identity.amazonaws.com, so {INVALID_CONFIG}.",
                "Add a trust statement: Principal Federated cognito-identity.amazonaws.com, Action "
                f"{ASSUME}, Condition StringEquals cognito-identity.amazonaws.com:aud = {identity_pool_id}.",
                "identity.role_not_trusted",
            )
        ]
    unguarded = [s for s in statements if not _conditions(s, "aud")]
    if unguarded:
        return [
            Finding(
                "high",
                f"Role {name} trusts every identity pool (no aud condition)",
                "Its trust policy lets cognito-identity.amazonaws.com assume it without a "
                "cognito-identity.amazonaws.com:aud condition: an identity pool in any AWS account can hand "
                "out credentials for it. IAM refuses such policies today; this one predates the rule.",
                f"Add Condition StringEquals cognito-identity.amazonaws.com:aud = {identity_pool_id}.",
                "identity.trust_without_aud",
            )
        ]
    ours = [s for s in statements if all(_admits(c, identity_pool_id) for c in _conditions(s, "aud"))]
    if not ours:
        auds = sorted({v for s in statements for _, values in _conditions(s, "aud") for v in values})
        return [
            Finding(
                "high",
                f"Role {name} trusts another identity pool",
                f"Its trust policy's cognito-identity.amazonaws.com:aud is {', '.join(auds)}, not "
                f"{identity_pool_id}, so {INVALID_CONFIG}.",
                f"Set the aud condition to {identity_pool_id} (or add it beside the other pool's id).",
                "identity.trust_other_pool",
            )
        ]
    out: list[Finding] = []
    if any(op.split(":")[-1].startswith("StringLike") for s in ours for op, _ in _conditions(s, "aud")):
        out.append(
            Finding(
                "medium",
                f"Role {name}: the aud condition is a pattern",
                "StringLike on cognito-identity.amazonaws.com:aud admits every identity pool whose id "
                "matches the pattern, not only this one.",
                f"Use StringEquals cognito-identity.amazonaws.com:aud = {identity_pool_id}.",
                "identity.trust_aud_pattern",
            )
        )
    out += _amr_findings(name, ours, kinds)
    return out


def _amr_findings(name: str, statements: list[Mapping[str, Any]], kinds: list[str]) -> list[Finding]:
    if any(not _conditions(s, "amr") for s in statements):
        authenticated = "authenticated" in kinds
        return [
            Finding(
                "medium" if authenticated else "low",
                f"Role {name}: no amr condition",
                "Its trust policy does not say which identities may assume it (a "
                "cognito-identity.amazonaws.com:amr condition), so "
                + (
                    "guests of the identity pool can assume this authenticated role through the basic "
                    "flow (GetOpenIdToken, then AssumeRoleWithWebIdentity)."
                    if authenticated
                    else "signed-in users can assume this guest role too."
                ),
                "Add Condition ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = "
                + " / ".join(kinds)
                + ".",
                "identity.trust_without_amr",
            )
        ]
    missing = [
        k for k in kinds if not any(all(_admits(c, k) for c in _conditions(s, "amr")) for s in statements)
    ]
    if not missing:
        return []
    return [
        Finding(
            "high",
            f"Role {name} refuses {' and '.join(missing)} identities",
            f"The identity pool uses it as {_uses(missing)}, but its trust policy's "
            f"cognito-identity.amazonaws.com:amr condition does not admit '{missing[0]}', so {INVALID_CONFIG}.",
            f"Make the amr condition admit '{missing[0]}' (ForAnyValue:StringLike), or use another role.",
            "identity.trust_wrong_amr",
        )
    ]
