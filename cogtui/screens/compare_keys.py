"""Ways into the comparison: mark a pool in the pools list and compare another with it (``m``, ``c``),
compare an app client with another of the same pool from the pool's client list, or pick the other side
from a list (the command palette's "Compare pool A with…" and "Compare app client A with…").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual import events

from cogtui.screens.base import ScreenMixin
from cogtui.screens.compare import CompareScreen, Side
from cogtui.screens.dialogs.choice import ChoiceScreen

MARK = "◆"  # the pool marked to compare, in its row and in the status line

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp
    from cogtui.widgets.status_line import StatusLine


def pick_and_compare(app: CogtuiApp, left: Side, candidates: Sequence[Side]) -> None:
    """Ask which of ``candidates`` to compare ``left`` with, then open the comparison."""
    others = [c for c in candidates if (c.pool_id, c.client_id) != (left.pool_id, left.client_id)]
    if not others:
        app.notify(
            f"Nothing to compare {left.full} with: there is no other.", severity="warning", markup=False
        )
        return
    options = [(str(i), c.full) for i, c in enumerate(others)]

    def chosen(value: str | None) -> None:
        if value is not None:
            app.push_screen(CompareScreen(left, others[int(value)]))

    app.push_screen(ChoiceScreen(f"Compare {left.full} with…", "Choose the other side.", options), chosen)


def compare_with_any(app: CogtuiApp, left: Side) -> None:
    """Pick the other side among every pool (or, for a client, every app client of every pool) the
    runtime's catalogue knows, then compare; the catalogue is listed in a worker if it is not yet."""

    async def pick() -> None:
        catalogue = app.runtime.catalogue
        catalogue.ensure_fresh()
        if left.client_id:
            await catalogue.clients_ready.wait()
            candidates = [Side(p.id, p.name, c.id, c.name) for p, c in catalogue.clients]
        else:
            await catalogue.pools_ready.wait()
            candidates = [Side(p.id, p.name) for p in catalogue.pools]
        pick_and_compare(app, left, candidates)

    app.run_worker(pick(), group="compare.pick", exclusive=True, exit_on_error=False)


class PoolCompareKeys(ScreenMixin):
    """Mixed into the pools list, which provides ``rows`` (pool id -> row with ``summary``),
    ``selected_pool_id()`` and ``status``: ``m`` marks the highlighted pool, ``c`` compares the
    highlighted pool with the marked one."""

    compare_mark: str | None = None
    rows: dict[str, Any]
    if TYPE_CHECKING:

        @property
        def status(self) -> StatusLine: ...

        def selected_pool_id(self) -> str | None: ...

        def update_row(self, pool_id: str) -> None: ...

    def _side(self, pool_id: str) -> Side:
        row = self.rows.get(pool_id)
        return Side(pool_id, row.summary.name if row else pool_id)

    def why_no_compare(self) -> str | None:
        selected = self.selected_pool_id()
        if self.compare_mark is None:
            return "Compare: mark a pool with m first, then highlight the other and press c."
        if selected is None or selected == self.compare_mark:
            return f"Compare: highlight another pool than the marked {self._side(self.compare_mark).label}."
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "compare":
            return None if self.why_no_compare() else True
        return True

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        """The greyed compare key says what is missing instead of staying silent."""
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled or active.binding.action != "compare":
            return
        event.stop()
        self.status.error(self.why_no_compare() or "Compare: press c again.")

    def action_mark_compare(self) -> None:
        selected = self.selected_pool_id()
        if selected is None:
            return
        previous = self.compare_mark
        if previous == selected:
            self.compare_mark = None
            self.status.info("Unmarked: nothing to compare with.")
        else:
            self.compare_mark = selected
            self.status.info(
                f"{MARK} Marked {self._side(selected).label} to compare: highlight another pool and press c."
            )
        for pool_id in {previous, selected} - {None}:  # the marker moves with the mark
            self.update_row(str(pool_id))
        self.refresh_bindings()

    def action_compare(self) -> None:
        right = self.selected_pool_id()
        if self.why_no_compare() is not None or self.compare_mark is None or right is None:
            return
        self.app.push_screen(CompareScreen(self._side(self.compare_mark), self._side(right)))
