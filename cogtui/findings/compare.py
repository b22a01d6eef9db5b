"""Two configurations side by side: every setting with its value on each side, and the findings only one
side has (e.g. staging against production).

Pure logic over what the describe calls return. Pools are compared from the configuration document of
:func:`cogtui.exports.configuration.read_configuration` (the pool, its MFA settings, domains, app
clients, groups and identity providers); app clients from DescribeUserPoolClient. Nested settings are
flattened to dotted paths (``Policies.PasswordPolicy.MinimumLength``); lists of names compare as sets;
lists of named objects (schema attributes, recovery mechanisms) by their name. What identifies an
object rather than configures it (ids, ARNs, dates, user counts) is left out: it always differs.
App clients, groups and providers of two pools are matched by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cogtui.aws.models import AppClient, MfaConfig, UserPool
from cogtui.findings.base import Finding
from cogtui.findings.client import client_findings
from cogtui.findings.pool import pool_findings

SAME, DIFFERENT, LEFT_ONLY, RIGHT_ONLY = "=", "≠", "◀", "▶"
ABSENT = "—"

# Fields that name or date an object: never "configuration", always different between two of them.
_IDENTITY = frozenset(
    {
        "Id",
        "Arn",
        "Name",
        "UserPoolId",
        "ClientId",
        "ClientName",
        "ClientSecret",
        "GroupName",
        "ProviderName",
        "CreationDate",
        "LastModifiedDate",
        "EstimatedNumberOfUsers",
        "AWSAccountId",
        "CloudFrontDistribution",
        "S3Bucket",
        "Version",
        "Domain",
        "CustomDomain",
    }
)
_NAMED_KEYS = ("Name", "AttributeName", "ClientName", "GroupName", "ProviderName")


@dataclass(frozen=True)
class CompareRow:
    """One setting (or finding) and its value on each side; None where the side has no such thing."""

    section: str
    setting: str
    left: str | None
    right: str | None

    @property
    def marker(self) -> str:
        if self.left == self.right:
            return SAME
        if self.right is None:
            return LEFT_ONLY
        if self.left is None:
            return RIGHT_ONLY
        return DIFFERENT

    @property
    def same(self) -> bool:
        return self.left == self.right

    @property
    def name(self) -> str:
        return f"{self.section} · {self.setting}" if self.section else self.setting


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str) if isinstance(value, (dict, list)) else str(value)


def _named(item: Mapping[str, Any]) -> str | None:
    for key in _NAMED_KEYS:
        if isinstance(item.get(key), str):
            return str(item[key])
    return None


def flatten(value: Any, prefix: str = "", skip: frozenset[str] = _IDENTITY) -> dict[str, str]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": "1"}``. Lists of scalars become one sorted, comma-joined value;
    lists of named objects are keyed by name (``SchemaAttributes[email].Mutable``)."""
    out: dict[str, str] = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in skip or key == "ResponseMetadata":
                continue
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key), skip))
        if not value and prefix:
            out[prefix] = "{}"
        return out
    if isinstance(value, list):
        if all(isinstance(v, Mapping) and _named(v) for v in value) and value:
            for item in value:
                named = _named(item)
                rest = {k: v for k, v in item.items() if k not in _NAMED_KEYS}
                out.update(flatten(rest, f"{prefix}[{named}]", skip) or {f"{prefix}[{named}]": "present"})
            return out
        if all(not isinstance(v, (Mapping, list)) for v in value):
            out[prefix] = ", ".join(sorted(_scalar(v) for v in value)) if value else "(none)"
            return out
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{i}]", skip))
        return out
    out[prefix] = _scalar(value)
    return out


def compare_settings(
    section: str, left: Mapping[str, str] | None, right: Mapping[str, str] | None
) -> list[CompareRow]:
    """One row per setting either side has, in a stable order (the left's, then the right's own)."""
    left, right = left or {}, right or {}
    names = list(left) + [k for k in right if k not in left]
    return [CompareRow(section, k, left.get(k), right.get(k)) for k in names]


def _domains(doc: Mapping[str, Any]) -> dict[str, str]:
    """The pool's domains (prefix, then custom) by position; a pool without one has no rows of its own."""
    return flatten({str(i): d for i, d in enumerate(doc.get("Domains") or [])})


def _by_name(items: Iterable[Mapping[str, Any]] | None, key: str) -> dict[str, Mapping[str, Any]]:
    return {str(item.get(key) or "?"): item for item in items or ()}


def _matched(section: str, key: str, left: Any, right: Any) -> list[CompareRow]:
    """Objects matched by name: each one's settings, or one row when only one side has it."""
    lefts, rights = _by_name(left, key), _by_name(right, key)
    rows: list[CompareRow] = []
    for name in list(lefts) + [n for n in rights if n not in lefts]:
        label = f"{section} {name}"
        if name not in rights:
            rows.append(CompareRow(label, "(exists)", "present", None))
        elif name not in lefts:
            rows.append(CompareRow(label, "(exists)", None, "present"))
        else:
            rows.extend(compare_settings(label, flatten(lefts[name]), flatten(rights[name])))
    return rows


def _finding_rows(label: str, left: list[Finding], right: list[Finding]) -> list[CompareRow]:
    def keyed(findings: list[Finding]) -> dict[str, Finding]:
        return {f.code or f.title: f for f in findings}

    lefts, rights = keyed(left), keyed(right)
    rows = []
    for key in list(lefts) + [k for k in rights if k not in lefts]:
        finding = lefts.get(key) or rights[key]
        mark = f"[{finding.severity}] found"
        rows.append(
            CompareRow(
                f"Findings{label}",
                finding.title,
                mark if key in lefts else None,
                mark if key in rights else None,
            )
        )
    return rows


def _pool_models(doc: Mapping[str, Any]) -> tuple[UserPool | None, MfaConfig | None]:
    raw = doc.get("UserPool") or {}
    pool = UserPool.from_api(raw) if raw.get("Id") else None
    mfa = MfaConfig.from_api(doc["MfaConfig"]) if doc.get("MfaConfig") else None
    return pool, mfa


def _client_findings(raw: Mapping[str, Any], pool: UserPool | None) -> list[Finding]:
    return client_findings(AppClient.from_api(dict(raw)), pool) if raw.get("ClientId") else []


def compare_pools(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[CompareRow]:
    """Two pools' configuration documents: settings, MFA, domains, app clients, groups, identity
    providers, then the findings of each (pool and matched app clients)."""
    rows = compare_settings("Pool", flatten(left.get("UserPool") or {}), flatten(right.get("UserPool") or {}))
    rows += compare_settings(
        "MFA", flatten(left.get("MfaConfig") or {}), flatten(right.get("MfaConfig") or {})
    )
    rows += compare_settings("Domain", _domains(left), _domains(right))
    rows += _matched("App client", "ClientName", left.get("AppClients"), right.get("AppClients"))
    rows += _matched("Group", "GroupName", left.get("Groups"), right.get("Groups"))
    rows += _matched(
        "Identity provider", "ProviderName", left.get("IdentityProviders"), right.get("IdentityProviders")
    )
    (left_pool, left_mfa), (right_pool, right_mfa) = _pool_models(left), _pool_models(right)
    rows += _finding_rows(
        " · pool",
        pool_findings(left_pool, left_mfa) if left_pool else [],
        pool_findings(right_pool, right_mfa) if right_pool else [],
    )
    lefts = _by_name(left.get("AppClients"), "ClientName")
    rights = _by_name(right.get("AppClients"), "ClientName")
    for name in [n for n in lefts if n in rights]:
        rows += _finding_rows(
            f" · app client {name}",
            _client_findings(lefts[name], left_pool),
            _client_findings(rights[name], right_pool),
        )
    return rows


def compare_clients(
    left: Mapping[str, Any],
    right: Mapping[str, Any],
    left_pool: Mapping[str, Any] | None = None,
    right_pool: Mapping[str, Any] | None = None,
) -> list[CompareRow]:
    """Two app clients (DescribeUserPoolClient), with their findings; the pools (DescribeUserPool),
    when given, add the findings that depend on the pool (its domain)."""
    rows = compare_settings("", flatten(left), flatten(right))
    lp = UserPool.from_api(dict(left_pool)) if left_pool and left_pool.get("Id") else None
    rp = UserPool.from_api(dict(right_pool)) if right_pool and right_pool.get("Id") else None
    return rows + _finding_rows("", _client_findings(left, lp), _client_findings(right, rp))


def differences(rows: Iterable[CompareRow]) -> list[CompareRow]:
    return [r for r in rows if not r.same]


def summary(rows: list[CompareRow]) -> str:
    """``12 of 140 settings differ; 2 findings on one side only`` (findings and settings counted apart)."""
    settings = [r for r in rows if not r.section.startswith("Findings")]
    findings = [r for r in rows if r.section.startswith("Findings")]
    differ = len(differences(settings))
    one_sided = len(differences(findings))
    text = (
        f"{differ} of {len(settings)} settings differ" if differ else f"all {len(settings)} settings the same"
    )
    if one_sided:
        text += f"; {one_sided} finding{'s' if one_sided != 1 else ''} on one side only"
    elif findings:
        text += "; the same findings on both sides"
    return text
