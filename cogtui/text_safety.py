"""Untrusted text made safe to display: what a token, a username or an API message says is data, never layout.

A claim value, a username or an error message comes from someone else. Printed raw, a newline in it
starts a line of its own (a forged token can draw a fake "✔ signature verified" row under the real ✘),
an ESC starts a terminal escape sequence, a bidi override reverses what follows. `safe_text` escapes
every such character the way Python writes it in a string literal (`\\n`, `\\x1b`, `\\u202e`), so the value
stays on its one line and reads the same in a terminal, a TUI cell, a log or an exported report.

Escaped: the C0 and C1 control characters and DEL (newline, carriage return, tab, ESC, NEL...), the
line and paragraph separators, the bidirectional formatting characters, the invisible zero-width
space / word joiner / byte-order mark, and lone surrogates. Everything else, including emoji and
accented letters, is kept. Pure Python: no Textual, no boto3; any layer may use it.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE_CHARACTERS", "is_safe_text", "safe_text"]

UNSAFE_CHARACTERS = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 controls (newline, tab, ESC...), DEL, C1 controls (NEL, CSI...)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional formatting characters
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark: hide what follows
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (undecodable input)
    "]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
ELLIPSIS = "…"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value: object, limit: int | None = None) -> str:
    """`value` as one line of plain text: control and invisible formatting characters escaped.

    Non-strings are shown with `str()`. With `limit`, the escaped text is cut to at most that many
    characters, ending in "…" (an escape sequence is never cut in half).
    """
    text = value if isinstance(value, str) else str(value)
    if UNSAFE_CHARACTERS.search(text):
        text = UNSAFE_CHARACTERS.sub(_escape, text)
    if limit is not None and len(text) > limit:
        text = _cut(text, max(limit - 1, 0)) + ELLIPSIS
    return text


def _cut(text: str, length: int) -> str:
    """The first `length` characters, backing off so that no `\\xNN` / `\\uNNNN` escape is cut in half."""
    head = text[:length]
    tail_start = max(head.rfind("\\"), 0)
    tail = head[tail_start:]
    if tail.startswith("\\") and re.fullmatch(r"\\(x[0-9a-f]?|u[0-9a-f]{0,3})?", tail):
        return head[:tail_start]
    return head


def is_safe_text(text: str) -> bool:
    """True when `text` has nothing `safe_text` would escape (it can be shown as it is)."""
    return UNSAFE_CHARACTERS.search(text) is None
