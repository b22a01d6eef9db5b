"""Findings: explained observations about pools, app clients and identity pools that commonly break or
weaken sign-in.

Pure logic over the frozen models of ``cogtui.aws.models``; no Textual, no network.
"""

from cogtui.clock import duration_text
from cogtui.findings.base import SEVERITIES, Finding, Severity, by_severity, count_by_severity, summary_text
from cogtui.findings.client import allows, client_findings, machine_to_machine
from cogtui.findings.identity_pool import identity_pool_findings, role_uses
from cogtui.findings.pool import pool_findings
from cogtui.findings.role_mappings import readable_rules
from cogtui.findings.trust import RoleTrust, role_name
from cogtui.findings.urls import insecure_urls, wildcard_urls
from cogtui.findings.validity import TokenLifetime, token_lifetime, token_validity_text

__all__ = [
    "SEVERITIES",
    "Finding",
    "RoleTrust",
    "Severity",
    "TokenLifetime",
    "allows",
    "by_severity",
    "client_findings",
    "count_by_severity",
    "duration_text",
    "identity_pool_findings",
    "insecure_urls",
    "machine_to_machine",
    "pool_findings",
    "readable_rules",
    "role_name",
    "role_uses",
    "summary_text",
    "token_lifetime",
    "token_validity_text",
    "wildcard_urls",
]
