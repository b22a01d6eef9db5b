"""Findings on screen: one block per finding, worst first, with a severity glyph beside its colour."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from cogtui.findings import Finding, by_severity, summary_text

GLYPHS = {"high": "✘", "medium": "!", "low": "–", "info": "i"}


class FindingItem(Vertical):
    """One finding: glyph and severity beside the title, then why and fix."""

    DEFAULT_CSS = """
    FindingItem { height: auto; margin: 0 0 1 0; }
    FindingItem > Horizontal { height: auto; }
    FindingItem .finding-severity { width: auto; min-width: 9; text-style: bold; }
    FindingItem .finding-title { width: 1fr; text-style: bold; }
    FindingItem .finding-why, FindingItem .finding-fix { color: $text-muted; padding-left: 2; }
    FindingItem.-high .finding-severity { color: $error; }
    FindingItem.-medium .finding-severity { color: $warning; }
    FindingItem.-low .finding-severity { color: $accent; }
    FindingItem.-info .finding-severity { color: $text-muted; }
    """

    def __init__(self, finding: Finding, prefix: str = "") -> None:
        super().__init__(classes=f"-{finding.severity}")
        self.finding = finding
        self.prefix = prefix

    def compose(self) -> ComposeResult:
        f = self.finding
        with Horizontal():
            yield Static(f"{GLYPHS[f.severity]} {f.severity}", classes="finding-severity", markup=False)
            title = Text(f"{self.prefix}: " if self.prefix else "", style="italic")
            title.append(f.title)
            yield Static(title, classes="finding-title")
        yield Static(Text(f"Why: {f.why}"), classes="finding-why")
        yield Static(Text(f"Fix: {f.fix}"), classes="finding-fix")


class FindingsView(VerticalScroll):
    """A scrollable list of findings; ``show`` replaces it. ``prefix`` groups findings (e.g. by client)."""

    HELP = "Findings, worst first: why each matters and what to change."
    DEFAULT_CSS = """
    FindingsView { height: 1fr; padding: 0 1; }
    FindingsView > .findings-summary { margin: 0 0 1 0; text-style: bold; }
    FindingsView > .findings-summary.-clean { color: $success; }
    FindingsView > .findings-incomplete { color: $warning; margin: 0 0 1 0; }
    """

    def __init__(self, *, waiting: str = "Looking for findings…", id: str | None = None) -> None:
        super().__init__(id=id)
        self.waiting = waiting
        self.findings: list[tuple[str, Finding]] = []
        self.incomplete: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(self.waiting, classes="findings-summary", markup=False)

    def show(
        self,
        findings: Iterable[Finding | tuple[str, Finding]],
        *,
        clean: str = "No findings.",
        incomplete: Iterable[str] = (),
    ) -> None:
        """Show ``findings`` (or ``(prefix, finding)`` pairs), worst first. ``incomplete`` names what could
        not be read: the count then says "incomplete" and each line is shown above the findings."""
        pairs = [f if isinstance(f, tuple) else ("", f) for f in findings]
        ordered = sorted(pairs, key=lambda p: p[1].rank)
        self.findings = ordered
        self.incomplete = list(incomplete)
        self.remove_children()
        widgets: list[Static | FindingItem] = []
        if self.incomplete:
            widgets += [
                Static(f"! Incomplete: {line}", classes="findings-incomplete", markup=False)
                for line in self.incomplete
            ]
        if not ordered and not self.incomplete:
            widgets.append(Static(f"✔ {clean}", classes="findings-summary -clean", markup=False))
        elif not ordered:
            widgets.append(
                Static(
                    "No findings in what could be read (incomplete).",
                    classes="findings-summary",
                    markup=False,
                )
            )
        else:
            counts = summary_text(by_severity(f for _, f in ordered))
            plural = "s" if len(ordered) != 1 else ""
            partial = " (incomplete)" if self.incomplete else ""
            widgets.append(
                Static(
                    f"{len(ordered)} finding{plural}{partial}: {counts}",
                    classes="findings-summary",
                    markup=False,
                )
            )
        widgets += [FindingItem(finding, prefix) for prefix, finding in ordered]
        self.mount_all(widgets)

    @property
    def codes(self) -> list[str]:
        return [f.code for _, f in self.findings]
