"""The check list of one token: a row per validation check, in `CHECK_NAMES` order.

Each row is the app's one verdict row (``VerdictRow``): a glyph (✔ ✘ – !) and the check's name,
coloured by theme variables, then a one-line reason that wraps under itself. The rows are created
once and updated in place on every report.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical

from cogtui.tokens import CHECK_NAMES, ValidationReport
from cogtui.widgets.check_list import VerdictRow


class CheckList(Vertical):
    """Every check of a `ValidationReport`, in a fixed order."""

    DEFAULT_CSS = """
    CheckList { height: auto; }
    """

    def compose(self) -> ComposeResult:
        for name in CHECK_NAMES:
            yield VerdictRow(name=name)

    def show(self, report: ValidationReport | None) -> None:
        for row in self.query(VerdictRow):
            row.show(report.get(row.check_name) if report else None)

    def row(self, name: str) -> VerdictRow:
        """The row of check `name` (for tests and for focusing a failure)."""
        return next(row for row in self.query(VerdictRow) if row.check_name == name)
