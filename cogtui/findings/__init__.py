"""Findings: explained observations about pools and app clients that commonly break or weaken sign-in.

Pure logic over the frozen models of ``cogtui.aws.models``; no Textual, no network.
"""

from cogtui.findings.base import SEVERITIES, Finding, Severity, by_severity, count_by_severity, summary_text
from cogtui.findings.client import allows, client_findings, machine_to_machine
from cogtui.findings.pool import pool_findings
from cogtui.findings.urls import insecure_urls, wildcard_urls
from cogtui.findings.validity import (
    TokenLifetime,
    duration_text,
    token_lifetime,
    token_validity_text,
)

__all__ = [
    "SEVERITIES",
    "Finding",
    "Severity",
    "TokenLifetime",
    "allows",
    "by_severity",
    "client_findings",
    "count_by_severity",
    "duration_text",
    "insecure_urls",
    "machine_to_machine",
    "pool_findings",
    "summary_text",
    "token_lifetime",
    "token_validity_text",
    "wildcard_urls",
]
