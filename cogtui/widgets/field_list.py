"""A list of label/value rows with a cursor: copy the highlighted value (c or Enter), reveal secrets (s).

Generic: pool overview, client settings, user attributes, identity pool details. A plain ``str`` in the
list is a section heading; secret fields are masked until revealed and copy their real value.
Values are user-controlled, so they are rendered as plain text (never parsed as markup) and, unless a
field is ``multiline`` on purpose, escaped (``safe_text``): a newline or an escape sequence in an attribute
value or a username stays on its row. Copying gives the value as stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cogtui.app_type import HasCogtuiApp
from cogtui.describe.fields import Field, Row
from cogtui.text_safety import safe_text

# Field and Row are defined in cogtui.describe.fields (plain data the core builds) and shown here.
__all__ = ["EMPTY", "MASK", "NARROW_LIST", "Field", "FieldList", "Row"]

MASK = "••••••••"
EMPTY = "—"
NARROW_LIST = 90  # columns: a list narrower than this shrinks its label column to its longest label


class FieldList(HasCogtuiApp, OptionList):
    """Label/value rows. Keys: ``c``/Enter copy the highlighted value, ``s`` shows or hides secrets."""

    HELP = "c or Enter copies the highlighted value; s shows or hides secrets."
    DEFAULT_CSS = """
    FieldList { height: auto; max-height: 100%; border: none; padding: 0; background: transparent; scrollbar-gutter: stable; }
    FieldList:focus { border: none; background-tint: $foreground 3%; }
    FieldList > .option-list--option-disabled { color: $accent; text-style: bold; }
    """
    BINDINGS = [
        Binding("c", "copy", "Copy value", id="fields.copy"),
        Binding("s", "toggle_secrets", "Show/hide secret", id="fields.secrets"),
    ]

    def __init__(
        self,
        rows: Iterable[Row] = (),
        *,
        label_width: int = 26,
        empty: str = "Nothing to show.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.label_width = label_width
        self._rendered_label_column = label_width
        self.empty = empty
        self.secrets_revealed = False
        self._rows: list[Row] = list(rows)
        super().__init__(name=name, id=id, classes=classes, markup=False)
        self.add_options(self._build_options())  # after the widget exists: rendering asks for its size

    def on_mount(self) -> None:
        if self.highlighted is None:
            self.highlighted = next((i for i, r in enumerate(self._rows) if isinstance(r, Field)), None)

    # -- content -----------------------------------------------------------------------------------

    @property
    def rows(self) -> tuple[Row, ...]:
        """Everything shown, headings included, in order."""
        return tuple(self._rows)

    @property
    def fields(self) -> tuple[Field, ...]:
        """The fields shown, headings left out."""
        return tuple(r for r in self._rows if isinstance(r, Field))

    def field(self, label: str) -> Field | None:
        """The first field with this label."""
        return next((f for f in self.fields if f.label == label), None)

    def highlight(self, label: str) -> bool:
        """Move the cursor to the first field with this label; False when there is none."""
        for index, row in enumerate(self._rows):
            if isinstance(row, Field) and row.label == label:
                self.highlighted = index
                return True
        return False

    @property
    def highlighted_field(self) -> Field | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self._rows)):
            return None
        row = self._rows[self.highlighted]
        return row if isinstance(row, Field) else None

    @property
    def has_secrets(self) -> bool:
        return any(f.secret and f.value for f in self.fields)

    def set_fields(self, rows: Iterable[Row]) -> None:
        """Replace the rows, keeping the cursor on the same label when it is still there."""
        current = self.highlighted_field
        self._rows = list(rows)
        self.set_options(self._build_options())
        target = None
        if current is not None:
            target = next(
                (i for i, r in enumerate(self._rows) if isinstance(r, Field) and r.label == current.label),
                None,
            )
        if target is None:
            target = next((i for i, r in enumerate(self._rows) if isinstance(r, Field)), None)
        self.highlighted = target
        self.refresh_bindings()

    def _build_options(self) -> list[Option]:
        if not self._rows:
            return [Option(Text(self.empty, style="italic"), disabled=True)]
        return [
            Option(Text(safe_text(row), style="bold"), disabled=True)
            if isinstance(row, str)
            else Option(self._field_row(row))
            for row in self._rows
        ]

    def display_value(self, field: Field) -> str:
        if not field.value:
            return EMPTY
        if field.secret and not self.secrets_revealed:
            return MASK
        return field.value if field.multiline else safe_text(field.value)

    @property
    def _label_column(self) -> int:
        """The label width asked for; on a narrow list only as wide as the longest label, so values keep room."""
        if not self.is_mounted or self.size.width >= NARROW_LIST:
            return self.label_width
        longest = max((len(f.label) for f in self.fields), default=0)
        return max(8, min(self.label_width, longest))

    def on_resize(self) -> None:
        if self._label_column != self._rendered_label_column:
            self.set_secrets_revealed(self.secrets_revealed)  # rebuilds the rows, keeping the cursor

    def _field_row(self, field: Field) -> Table:
        self._rendered_label_column = self._label_column
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=self._rendered_label_column, overflow="fold")
        grid.add_column(ratio=1, overflow="fold")
        value = Text(self.display_value(field), style="dim" if not field.value else "")
        if field.note:
            value.append(f"  {safe_text(field.note)}", style="dim italic")
        grid.add_row(Text(safe_text(field.label), style="dim"), value)
        return grid

    # -- actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_secrets":
            return self.has_secrets
        if action == "copy":
            field = self.highlighted_field
            return True if field is not None and field.can_copy else None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()

    def action_copy(self) -> None:
        field = self.highlighted_field
        if field is None or not field.can_copy:
            return
        what = field.label if not field.secret else f"{field.label} (secret)"
        self.app.copy_to_clipboard_text(field.value, what)

    def action_toggle_secrets(self) -> None:
        self.set_secrets_revealed(not self.secrets_revealed)

    def set_secrets_revealed(self, revealed: bool) -> None:
        self.secrets_revealed = revealed
        highlighted = self.highlighted
        self.set_options(self._build_options())
        self.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def _copy_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_copy()
