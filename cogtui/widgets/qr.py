"""A QR code drawn in the terminal with half-block characters, for scanning with an authenticator app.

``qr_lines(data)`` encodes ``data`` with segno and packs two module rows into one line of text:
``█`` (both dark), ``▀`` (top dark), ``▄`` (bottom dark) or a space. ``QrCode`` shows those lines.
Its colours are the one exception to the theme variables: a scanner needs dark modules on a light
quiet zone whatever the theme, so the widget is always black on white.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

__all__ = ["QrCode", "qr_lines"]

# (top dark, bottom dark) -> the character drawing both modules.
_HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
QUIET_ZONE = 2  # modules of light border around the code (the standard asks 4; scanners read 2)


def qr_lines(data: str, border: int = QUIET_ZONE) -> list[str]:
    """The QR code of ``data`` as lines of half blocks (dark = drawn), the quiet zone included."""
    import segno

    code = segno.make(data, error="l", micro=False)
    rows = [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALF_BLOCKS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[0::2], rows[1::2], strict=True)
    ]


class QrCode(Static):
    """The QR code of ``data`` (e.g. an ``otpauth://`` URI); about 23 lines for a Cognito TOTP URI."""

    DEFAULT_CSS = """
    QrCode { width: auto; height: auto; color: black; background: white; }
    """

    def __init__(self, data: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text("\n".join(qr_lines(data)), no_wrap=True), id=id, classes=classes)
        self.data = data
