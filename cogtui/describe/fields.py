"""One labelled value as a screen lists it (``Field``), and a list row: a field or a section heading (``Row``).

Plain data: the explorer's describers build rows of these and ``cogtui.widgets.field_list.FieldList`` shows
them (values escaped, secrets masked until revealed, copy gives the value as stored).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Field", "Row"]


@dataclass(frozen=True)
class Field:
    """One row: ``label`` and ``value``; ``note`` is shown after the value, muted, and never copied.

    ``secret`` masks the value until revealed; ``copyable`` False (or an empty value) makes the row
    informational only. ``key`` is never shown: a screen can use it to tell what a row stands for.
    ``multiline`` shows the value's line breaks as they are (a value laid out on several lines on purpose);
    otherwise the value is shown as one escaped line.
    """

    label: str
    value: str
    secret: bool = False
    copyable: bool = True
    note: str = ""
    key: str = ""
    multiline: bool = False

    @property
    def can_copy(self) -> bool:
        return self.copyable and bool(self.value)


Row = Field | str
