"""A pool's findings (the pool's own and each app client's) as Markdown or JSON, to hand to a colleague.

Both say which pool, when, how many of each severity, and what could not be read (the findings are then
incomplete); each finding keeps where it was found, its stable code, why it matters and the fix.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cogtui.clock import format_time
from cogtui.findings import (
    SEVERITIES,
    Finding,
    client_findings,
    count_by_severity,
    pool_findings,
    summary_text,
)

if TYPE_CHECKING:
    from cogtui.aws.models import AppClient, MfaConfig, UserPool

FORMATS = {"markdown": "Markdown", "json": "JSON"}
EXTENSIONS = {"markdown": ".md", "json": ".json"}
Located = tuple[str, Finding]  # ("pool" or "client NAME", the finding)


def collect(pool: UserPool, mfa: MfaConfig | None, clients: Sequence[AppClient]) -> list[Located]:
    """The pool's findings, then each client's, each with where it was found."""
    found: list[Located] = [("pool", f) for f in pool_findings(pool, mfa)]
    for client in clients:
        found += [(f"client {client.name}", f) for f in client_findings(client, pool)]
    return found


def _stamp(now: datetime | None) -> str:
    return format_time(now or datetime.now(UTC), "iso")


def as_json(
    pool: UserPool, found: Sequence[Located], *, incomplete: Sequence[str] = (), now: datetime | None = None
) -> str:
    worst_first = sorted(found, key=lambda pair: pair[1].rank)
    document: dict[str, Any] = {
        "UserPool": {"Id": pool.id, "Name": pool.name, "Region": pool.region},
        "ExportedAt": _stamp(now),
        "Counts": count_by_severity(f for _, f in found),
        "Complete": not incomplete,
        "NotRead": list(incomplete),
        "Findings": [
            {
                "Where": where,
                "Severity": f.severity,
                "Code": f.code,
                "Title": f.title,
                "Why": f.why,
                "Fix": f.fix,
            }
            for where, f in worst_first
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _md(text: str) -> str:
    """Text that Markdown shows as written (no stray emphasis, links or headings)."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def as_markdown(
    pool: UserPool, found: Sequence[Located], *, incomplete: Sequence[str] = (), now: datetime | None = None
) -> str:
    lines = [
        f"# Findings for user pool {_md(pool.name)}",
        "",
        f"- Pool id: `{pool.id}` ({pool.region})",
        f"- Exported: {_stamp(now)}",
        f"- Findings: {len(found)} ({summary_text(f for _, f in found)})",
        "",
    ]
    if incomplete:
        lines += ["> **Incomplete**: some of the configuration could not be read.", ">"]
        lines += [f"> - {_md(line)}" for line in incomplete]
        lines.append("")
    if not found:
        lines += ["No findings for this pool and its app clients.", ""]
    for severity in SEVERITIES:
        of_severity = [(w, f) for w, f in found if f.severity == severity]
        if not of_severity:
            continue
        lines += [f"## {severity.capitalize()} ({len(of_severity)})", ""]
        for where, f in of_severity:
            code = f" `{f.code}`" if f.code else ""
            lines += [
                f"### {_md(f.title)}",
                "",
                f"- Where: {_md(where)}{code}",
                f"- Why: {_md(f.why)}",
                f"- Fix: {_md(f.fix)}",
                "",
            ]
    return "\n".join(lines)


def render(
    fmt: str,
    pool: UserPool,
    found: Sequence[Located],
    *,
    incomplete: Sequence[str] = (),
    now: datetime | None = None,
) -> str:
    if fmt == "markdown":
        return as_markdown(pool, found, incomplete=incomplete, now=now)
    if fmt == "json":
        return as_json(pool, found, incomplete=incomplete, now=now)
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
