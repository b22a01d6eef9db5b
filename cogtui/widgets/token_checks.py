"""The check list of one token: a row per validation check, in `CHECK_NAMES` order.

Each row is a glyph (✔ ✘ – !) and the check's name, coloured by theme variables, then a one-line
reason that wraps under itself. The rows are created once and updated in place on every report.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from cogtui.tokens import CHECK_NAMES, Check, ValidationReport

STATUS_CLASSES = ("-pass", "-fail", "-skip", "-warn")


class CheckRow(Horizontal):
    """One check: `✔ signature  verified with key …`."""

    DEFAULT_CSS = """
    CheckRow { height: auto; }
    CheckRow > .check-name { width: 16; }
    CheckRow > .check-detail { width: 1fr; }
    CheckRow.-pass > .check-name { color: $text-success; }
    CheckRow.-fail > .check-name { color: $text-error; text-style: bold; }
    CheckRow.-fail > .check-detail { color: $text-error; }
    CheckRow.-warn > .check-name { color: $text-warning; }
    CheckRow.-skip { color: $text-muted; }
    """

    def __init__(self, name: str) -> None:
        super().__init__(classes="-skip")
        self.check_name = name
        self.check: Check | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"– {self.check_name}", classes="check-name", markup=False)
        yield Static("", classes="check-detail", markup=False)

    def show(self, check: Check | None) -> None:
        self.check = check
        status = check.status.value if check else "skip"
        self.remove_class(*STATUS_CLASSES)
        self.add_class(f"-{status}")
        glyph = check.glyph if check else "–"
        self.query_one(".check-name", Static).update(f"{glyph} {self.check_name}")
        self.query_one(".check-detail", Static).update(check.detail if check else "")


class CheckList(Vertical):
    """Every check of a `ValidationReport`, in a fixed order."""

    DEFAULT_CSS = """
    CheckList { height: auto; }
    """

    def compose(self) -> ComposeResult:
        for name in CHECK_NAMES:
            yield CheckRow(name)

    def show(self, report: ValidationReport | None) -> None:
        for row in self.query(CheckRow):
            row.show(report.get(row.check_name) if report else None)

    def row(self, name: str) -> CheckRow:
        """The row of check `name` (for tests and for focusing a failure)."""
        return next(row for row in self.query(CheckRow) if row.check_name == name)
