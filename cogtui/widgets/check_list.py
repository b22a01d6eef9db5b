"""A scrollable list of checks: a summary line, then one row per check: glyph and name, detail and fix.

Reusable for any list of verdicts shaped like the identity-pool doctor's: ``name``, ``status`` (an
enum whose value, or a string, is pass / fail / warn / skip), ``detail`` and optional ``fix``. Each
status has a glyph (✔ ✘ ! –) beside its theme colour. Text is user-influenced (token claims end up in
details), so it is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

__all__ = [
    "GLYPHS",
    "CheckListView",
    "VerdictRow",
    "check_content",
    "detail_content",
    "status_of",
    "summary_content",
]

GLYPHS = {"pass": "✔", "fail": "✘", "warn": "!", "skip": "–"}
STYLES = {"pass": "$text-success", "fail": "$text-error", "warn": "$text-warning", "skip": "$text-muted"}
ORDER = ("fail", "warn", "pass", "skip")
WORDS = {"fail": "fail", "warn": "warning", "pass": "pass", "skip": "skipped"}


def status_of(check: Any) -> str:
    """'pass', 'fail', 'warn' or 'skip' (a check not run, or None, is skipped)."""
    status = getattr(check, "status", "skip")
    value = str(getattr(status, "value", status)).lower()
    return value if value in GLYPHS else "skip"


def check_content(check: Any) -> Content:
    """'✔ name  detail' on one line, and '  Fix: …' on the next when there is one (for copying or logs)."""
    status = status_of(check)
    line = Content.assemble(
        (f"{GLYPHS[status]} {check.name}", f"bold {STYLES[status]}"), "  ", str(check.detail)
    )
    fix = getattr(check, "fix", "")
    return Content("\n").join([line, Content(f"  Fix: {fix}")]) if fix else line


def detail_content(check: Any) -> Content:
    """The detail, then the fix on its own line."""
    status = status_of(check)
    detail = Content.styled(str(check.detail), STYLES[status] if status == "fail" else "")
    fix = getattr(check, "fix", "")
    if not fix:
        return detail
    return Content("\n").join([detail, Content.assemble(("Fix: ", "bold"), (str(fix), "$text-muted"))])


def summary_content(checks: Iterable[Any]) -> Content:
    """'✘ 1 fail · ! 1 warning · ✔ 5 pass'; '✔ all 6 checks pass' when nothing is wrong."""
    counts = {status: 0 for status in ORDER}
    for check in checks:
        counts[status_of(check)] += 1
    total = sum(counts.values())
    if total == 0:
        return Content.styled("– no checks yet", "$text-muted")
    if counts["fail"] == 0 and counts["warn"] == 0:
        passed = f"all {counts['pass']} checks pass" if counts["pass"] != 1 else "the check passes"
        return Content.styled(f"✔ {passed}" + _skipped(counts), "bold $text-success")
    parts = [
        Content.styled(
            f"{GLYPHS[s]} {counts[s]} {WORDS[s]}{'s' if s == 'warn' and counts[s] > 1 else ''}",
            f"bold {STYLES[s]}",
        )
        for s in ORDER
        if counts[s]
    ]
    return Content(" · ").join(parts)


def _skipped(counts: dict[str, int]) -> str:
    return f" ({counts['skip']} skipped)" if counts["skip"] else ""


class VerdictRow(Horizontal):
    """One verdict: its glyph and name in the status colour, then the detail and fix, wrapped beside it.

    The one row of every list of checks (the token inspector's, the identity doctor's): the same name
    column and the same weight wherever it is shown. Built from a check, or from a name alone (a
    check not run yet) and filled in later with ``show``.
    """

    DEFAULT_CSS = """
    VerdictRow { height: auto; }
    VerdictRow > .check-name { width: 22; }
    VerdictRow > .check-detail { width: 1fr; }
    VerdictRow.-pass > .check-name { color: $text-success; }
    VerdictRow.-fail > .check-name { color: $text-error; text-style: bold; }
    VerdictRow.-warn > .check-name { color: $text-warning; }
    VerdictRow.-skip { color: $text-muted; }
    """

    def __init__(self, check: Any = None, *, name: str | None = None) -> None:
        super().__init__(classes=f"-{status_of(check)}")
        self.check = check
        self.check_name = name if name is not None else str(check.name)

    def compose(self) -> ComposeResult:
        yield Static(self._name_text(), classes="check-name")
        yield Static(self._detail_text(), classes="check-detail")

    def show(self, check: Any) -> None:
        """Show ``check`` (None: not run) in place."""
        self.check = check
        self.set_classes(f"-{status_of(check)}")
        self.query_one(".check-name", Static).update(self._name_text())
        self.query_one(".check-detail", Static).update(self._detail_text())

    def _name_text(self) -> Content:
        return Content(f"{GLYPHS[status_of(self.check)]} {self.check_name}")

    def _detail_text(self) -> Content:
        return detail_content(self.check) if self.check is not None else Content("")


class CheckListView(VerticalScroll):
    """``show(checks, heading)`` replaces the list; ``checks`` and ``failures`` read it back."""

    DEFAULT_CSS = """
    CheckListView { height: 1fr; padding: 0 1; }
    CheckListView > .checks-heading { color: $text-muted; }
    """

    def __init__(self, *, empty: str = "No checks yet.", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty = empty
        self.heading = ""
        self._checks: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        yield from self._rows()

    @property
    def checks(self) -> tuple[Any, ...]:
        return self._checks

    @property
    def failures(self) -> tuple[Any, ...]:
        return tuple(c for c in self._checks if status_of(c) == "fail")

    def show(self, checks: Iterable[Any], heading: str = "") -> None:
        """Replace the rows: an optional muted heading, the summary, then one row per check."""
        self._checks = tuple(checks)
        self.heading = heading
        if self.is_mounted:
            with self.app.batch_update():
                self.remove_children()
                self.mount_all(self._rows())

    def _rows(self) -> list[Static | VerdictRow]:
        rows: list[Static | VerdictRow] = []
        if self.heading:
            rows.append(Static(Content(self.heading), classes="checks-heading"))
        if not self._checks:
            rows.append(Static(Content.styled(self.empty, "italic $text-muted"), classes="checks-summary"))
            return rows
        rows.append(Static(summary_content(self._checks), classes="checks-summary"))
        rows += [VerdictRow(check) for check in self._checks]
        return rows
