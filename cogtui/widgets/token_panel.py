"""One token's column in the inspector: verdict and countdown, problems, checks, claims, header, size.

`show(report, now)` lays out a `ValidationReport` (or the empty state); `tick(now)` only rewrites the
countdown label, the rows of the checks that read the clock and the time cells of the claims table. The panel also answers what "copy" copies:
the cleaned token, its decoded JSON, or the claim under the cursor.
"""

from __future__ import annotations

import json
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from cogtui.clock import countdown
from cogtui.text_safety import safe_text
from cogtui.tokens import (
    ClaimRow,
    ValidationReport,
    claim_rows,
    expires_in,
    header_rows,
    size_report,
)
from cogtui.tokens.validation import time_checks
from cogtui.widgets.claims_table import ClaimsTable
from cogtui.widgets.countdown import show_countdown
from cogtui.widgets.token_checks import CheckList

TITLES = {"id": "ID token", "access": "Access token"}
EXPIRING_SOON_S = 300
SIZE_GLYPHS = {"ok": ("✔", "$text-success"), "near": ("!", "$text-warning"), "over": ("✘", "$text-error")}


def verdict_content(report: ValidationReport) -> Content:
    """'✔ valid' / '! valid, 1 warning(s)' / '✘ invalid: exp, client', coloured by theme variables."""
    if report.valid:
        glyph, style = ("!", "$text-warning") if report.warnings else ("✔", "$text-success")
    else:
        glyph, style = "✘", "$text-error"
    return Content.styled(f"{glyph} {report.summary}", f"bold {style}")


def countdown_text(payload: dict[str, Any] | None, now: float) -> tuple[str, str]:
    """The countdown label and its class: '-ok', '-soon', '-expired' or '-none'."""
    left = countdown(expires_in(payload, now), EXPIRING_SOON_S)
    if left.state == "none":
        return "– no exp claim", left.css_class
    if left.state == "ok":
        return left.phrase, left.css_class
    return f"{left.glyph} {left.phrase}", left.css_class


def size_content(report: ValidationReport) -> Content:
    size = size_report(report.token)
    parts: list[Any] = [(f"{size.summary}\n", "bold")]
    for finding in size.findings:
        glyph, style = SIZE_GLYPHS[finding.status]
        limit = finding.limit
        parts.append((glyph, style))
        parts.append(
            f" {limit.name}: {finding.used_bytes:,} of {limit.limit_bytes:,} bytes ({finding.percent}%)"
            f"{' as a header line' if limit.measured_on == 'header line' else ''}\n"
        )
    if size.biggest_claims:
        biggest = ", ".join(f"{safe_text(name)} ({count:,} B)" for name, count in size.biggest_claims)
        parts.append((f"largest claims: {biggest}", "$text-muted"))
    if size.custom_claims or size.groups:
        parts.append((f"; {size.custom_claims} custom attribute(s), {size.groups} group(s)", "$text-muted"))
    return Content.assemble(*parts)


def problems_content(report: ValidationReport) -> Content:
    """Why the pasted text is not a usable token (✘), and what was cleaned from it (!)."""
    parts: list[Any] = []
    for problem in report.token.problems:
        parts += [("✘ ", "$text-error"), (safe_text(problem), "$text-error"), "\n"]
    for cleanup in report.token.cleanups:
        parts += [("! ", "$text-warning"), safe_text(cleanup), "\n"]
    return Content.assemble(*parts).rstrip()


class TokenPanel(Vertical):
    """The inspector column for the ID token (`kind="id"`) or the access token (`kind="access"`)."""

    DEFAULT_CSS = """
    TokenPanel { height: auto; }
    TokenPanel > .panel-head { height: 1; }
    TokenPanel > .panel-head > .panel-title { width: auto; text-style: bold; color: $accent; }
    TokenPanel > .panel-head > .verdict { width: auto; margin-left: 2; }
    TokenPanel .countdown { width: 1fr; text-align: right; }
    TokenPanel .countdown.-expired { color: $text-error; }
    TokenPanel .countdown.-soon { color: $text-warning; }
    TokenPanel .countdown.-none { color: $text-muted; }
    TokenPanel .section-title { margin-top: 1; text-style: bold; color: $text-muted; }
    TokenPanel .problems { height: auto; }
    TokenPanel .hint { color: $text-muted; }
    """

    def __init__(self, kind: str, **kwargs: Any) -> None:
        super().__init__(classes="-empty", **kwargs)
        self.kind = kind
        self.report: ValidationReport | None = None
        self.expired: bool | None = None

    def compose(self) -> ComposeResult:
        kind = self.kind
        with Horizontal(classes="panel-head"):
            yield Static(TITLES.get(kind, "Token"), classes="panel-title")
            yield Static("", classes="verdict")
            yield Static("", id=f"{kind}-countdown", classes="countdown", markup=False)
        yield Static(
            f"Nothing to inspect yet: paste {'an ID' if kind == 'id' else 'an access'} token above, "
            "press v to paste from the clipboard or l for the last sign-in.",
            classes="hint",
        )
        yield Static("", classes="problems")
        yield CheckList(id=f"{kind}-checks")
        yield Static("Claims", classes="section-title claims-title")
        yield ClaimsTable(id=f"{kind}-claims")
        yield Static("Header", classes="section-title header-title")
        yield ClaimsTable(id=f"{kind}-header", timed=False, name_label="Field")
        yield Static("Size", classes="section-title size-title")
        yield Static("", id=f"{kind}-size", classes="size")

    def on_mount(self) -> None:
        self.show(None, 0.0)

    # -- showing a report ---------------------------------------------------------------------

    @property
    def payload(self) -> dict[str, Any] | None:
        return self.report.token.payload if self.report else None

    def show(self, report: ValidationReport | None, now: float) -> None:
        """Lay out `report`, or the empty state for None; parts with nothing to show are hidden."""
        self.report = report
        token = report.token if report else None
        claims = claim_rows(token.payload, now) if token else ()
        header = header_rows(token.header) if token else ()
        decoded = token is not None and (token.payload is not None or token.header is not None)
        # One restyle of the panel (and its checks, claims and header) for both classes, not one each.
        self.update_classes({"-empty": report is None, "-undecoded": not decoded})
        self.query_one(".hint").display = report is None
        self.query_one(".verdict").display = report is not None
        self.query_one(CheckList).display = report is not None
        self.query_one(CheckList).show(report)
        problems = self.query_one(".problems", Static)
        problems.display = bool(token and (token.problems or token.cleanups))
        self._show_section("claims", claims, now)
        self._show_section("header", header, now)
        self.query_one(".size-title").display = decoded
        self.query_one(f"#{self.kind}-size").display = decoded
        self.query_one(f"#{self.kind}-countdown").display = token is not None and token.payload is not None
        if report is None:
            self.expired = None
            return
        self.query_one(".verdict", Static).update(verdict_content(report))
        problems.update(problems_content(report))
        if decoded:
            self.query_one(f"#{self.kind}-size", Static).update(size_content(report))
        self.tick(now)

    def _show_section(self, name: str, rows: tuple[ClaimRow, ...], now: float) -> None:
        self.query_one(f".{name}-title").display = bool(rows)
        table = self.query_one(f"#{self.kind}-{name}", ClaimsTable)
        table.display = bool(rows)
        table.show(rows, now)

    def tick(self, now: float) -> bool:
        """Refresh the countdown and time cells; True when the token just expired (or came back)."""
        if self.report is None:
            return False
        text, state = countdown_text(self.payload, now)
        show_countdown(self.query_one(f"#{self.kind}-countdown", Static), text, state)
        self.query_one(f"#{self.kind}-claims", ClaimsTable).update_times(now)
        checks = self.query_one(CheckList)
        for check in time_checks(self.report, now):  # "expires in …", "issued … ago" stay live
            row = checks.row(check.name)
            if row.check != check:
                row.show(check)
        expired = state == "-expired"
        changed = self.expired is not None and expired != self.expired
        self.expired = expired
        return changed

    # -- what copy copies ---------------------------------------------------------------------

    def token_text(self) -> str | None:
        """The token as verified (after the paste cleanups), or None."""
        return self.report.token.token if self.report and self.report.token.token else None

    def decoded_json(self) -> str | None:
        """Header and payload as indented JSON, or None when neither could be decoded."""
        token = self.report.token if self.report else None
        if token is None or (token.header is None and token.payload is None):
            return None
        return json.dumps(
            {"header": token.header, "payload": token.payload}, indent=2, ensure_ascii=False, default=repr
        )

    def selected_claim(self, table: ClaimsTable | None = None) -> ClaimRow | None:
        """The claim under the cursor of `table` (default: this panel's claims table)."""
        table = table or self.query_one(f"#{self.kind}-claims", ClaimsTable)
        return table.selected_row()
