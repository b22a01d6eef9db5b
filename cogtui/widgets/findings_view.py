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
    """

    def __init__(self, *, waiting: str = "Looking for findings…", id: str | None = None) -> None:
        super().__init__(id=id)
        self.waiting = waiting
        self.findings: list[tuple[str, Finding]] = []

    def compose(self) -> ComposeResult:
        yield Static(self.waiting, classes="findings-summary", markup=False)

    def show(self, findings: Iterable[Finding | tuple[str, Finding]], *, clean: str = "No findings.") -> None:
        """Show ``findings`` (or ``(prefix, finding)`` pairs), worst first."""
        pairs = [f if isinstance(f, tuple) else ("", f) for f in findings]
        ordered = sorted(pairs, key=lambda p: p[1].rank)
        self.findings = ordered
        self.remove_children()
        if not ordered:
            self.mount(Static(f"✔ {clean}", classes="findings-summary -clean", markup=False))
            return
        counts = summary_text(by_severity(f for _, f in ordered))
        widgets: list[Static | FindingItem] = [
            Static(
                f"{len(ordered)} finding{'s' if len(ordered) != 1 else ''}: {counts}",
                classes="findings-summary",
                markup=False,
            )
        ]
        widgets += [FindingItem(finding, prefix) for prefix, finding in ordered]
        self.mount_all(widgets)

    @property
    def codes(self) -> list[str]:
        return [f.code for _, f in self.findings]
