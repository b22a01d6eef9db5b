"""The one base of every modal: a box centred on a dimmed screen, its title, its body and its buttons.

A dialog declares what differs and inherits the rest::

    class ConnectDialog(Dialog[str | None]):
        DIALOG_TITLE = "Connect"            # or pass title=... (kept as ``self.title_text``)
        VARIANT = "accent"                  # border and title colour: primary, accent, warning, error
        BUTTONS = (DialogButton("Connect", "connect-ok", "primary"), DialogButton("Cancel", "connect-no"))
        DEFAULT_CSS = "ConnectDialog .dialog-box { width: 72; }"   # only what differs from the box

        def compose_body(self) -> ComposeResult:
            yield Input(id="connect-profile")

Esc runs ``action_cancel``, which dismisses with ``NO_ANSWER`` (None unless a dialog says otherwise, e.g.
False for a yes/no question). Failed workers the dialog owns reach the app's guard, as on every screen.
The focus is the dialog's own: give ``AUTO_FOCUS`` a selector, or focus a widget in ``on_mount``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from cogtui.screens.base import SizedFromTheStart, WorkerGuard

__all__ = ["VARIANTS", "Dialog", "DialogButton"]

ResultT = TypeVar("ResultT")

VARIANTS = ("primary", "accent", "warning", "error")


@dataclass(frozen=True)
class DialogButton:
    """One button of the button row; ``focusable=False`` keeps it out of the Tab order (mouse only)."""

    label: str
    id: str
    variant: ButtonVariant = "default"
    disabled: bool = False
    focusable: bool = True

    def build(self) -> Button:
        button = Button(self.label, id=self.id, variant=self.variant, disabled=self.disabled)
        if not self.focusable:
            button.can_focus = False
        return button


class Dialog(SizedFromTheStart, WorkerGuard, ModalScreen[ResultT]):
    """A modal box: ``compose`` lays out the title, ``compose_body()`` and the ``buttons()`` row."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog-box {
        width: 80; max-width: 95%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    Dialog.-accent > .dialog-box { border: thick $accent; }
    Dialog.-warning > .dialog-box { border: thick $warning; }
    Dialog.-error > .dialog-box { border: thick $error; }
    Dialog .dialog-title { text-style: bold; color: $primary; }
    Dialog.-accent .dialog-title { color: $accent; }
    Dialog.-warning .dialog-title { color: $warning; }
    Dialog.-error .dialog-title { color: $error; }
    Dialog .dialog-keys { color: $text-muted; }
    Dialog .dialog-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    Dialog .dialog-buttons Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    DIALOG_TITLE: ClassVar[str] = ""
    """The title line, when every instance has the same (or pass ``title=``); empty: no title line."""
    TITLE_ID: ClassVar[str | None] = None
    """The id of the title line, for tests and styles that name it."""
    VARIANT: ClassVar[str] = "primary"
    """The colour of the border and title: one of ``VARIANTS``."""
    BOX: ClassVar[type[Widget]] = Vertical
    """The container of the box: ``Vertical``, or ``VerticalScroll`` for a body that may not fit."""
    BOX_ID: ClassVar[str | None] = None
    BUTTONS: ClassVar[tuple[DialogButton, ...]] = ()
    """The button row, right-aligned under the body; none by default."""
    NO_ANSWER: ClassVar[Any] = None
    """What Esc dismisses with."""

    def __init__(
        self,
        title: str | None = None,
        *,
        variant: str | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.title_text = self.DIALOG_TITLE if title is None else title
        self.variant = variant or self.VARIANT
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown dialog variant {self.variant!r}; one of {', '.join(VARIANTS)}")
        self.add_class(f"-{self.variant}")

    def heading(self) -> RenderableType | None:
        """The title line as drawn (plain text: no markup is read from a title); None draws no line."""
        return Text(self.title_text) if self.title_text else None

    def compose(self) -> ComposeResult:
        with self.BOX(id=self.BOX_ID, classes="dialog-box"):
            heading = self.heading()
            if heading is not None:
                yield Static(heading, id=self.TITLE_ID, classes="dialog-title")
            yield from self.compose_body()
            buttons = list(self.buttons())
            if buttons:
                with Horizontal(classes="dialog-buttons"):
                    for button in buttons:
                        yield button.build()

    def compose_body(self) -> ComposeResult:
        """The widgets between the title and the buttons."""
        yield from ()

    def buttons(self) -> Iterable[DialogButton]:
        """The button row; ``BUTTONS`` unless a dialog's buttons depend on how it was opened."""
        return self.BUTTONS

    def keys_line(self, text: str, id: str | None = None) -> Static:
        """A muted line that says which keys do what (e.g. "Enter saves · Esc cancels")."""
        return Static(Text(text), id=id, classes="dialog-keys")

    def action_cancel(self) -> None:
        self.dismiss(self.NO_ANSWER)
