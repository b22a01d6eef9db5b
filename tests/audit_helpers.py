"""Helpers of the secrets audit: the artefacts a session produced, the secrets to look for, the search.

An ``Artefact`` is one named text (a log file, an exported trace, a screenshot, the text on a screen,
a file under the config or cache directory, the in-memory trace, the notifications). A ``Secret`` is
one value under one or more names. ``find`` looks for a secret in the forms it takes once written
down (JSON-escaped, URL-encoded, HTML-escaped) and, on screens, also for any long enough piece of it
(a field too narrow for the whole value still leaks it). ``leaks`` lists every secret found where it
is not allowed, by name and place, never by value.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

from cogtui.logs import setup_logging

SCREEN = "screen"
# On a screen a piece of this many characters of a secret is enough to call it shown.
SCREEN_FRAGMENT = 16

_TEXT = re.compile(
    r'<text[^>]*\bx="([\d.]+)"[^>]*clip-path="url\(#[\w-]*-line-(\d+)\)"[^>]*>(.*?)</text>', re.S
)


@dataclass(frozen=True)
class Artefact:
    """One thing the session produced: ``name`` says where it came from, ``kind`` how to search it."""

    name: str
    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Secret:
    """A secret value and every name it goes by (two users may share a password)."""

    names: tuple[str, ...]
    value: str

    @property
    def label(self) -> str:
        return " = ".join(self.names)


def secrets_by_value(named: Mapping[str, str | None]) -> list[Secret]:
    """One Secret per distinct non-empty value, carrying every name that has it."""
    grouped: dict[str, list[str]] = {}
    for name, value in named.items():
        if value:
            grouped.setdefault(value, []).append(name)
    return [Secret(tuple(names), value) for value, names in grouped.items()]


def svg_text(svg: str) -> str:
    """The characters a Textual SVG screenshot shows, one line per terminal row."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, row, content in _TEXT.findall(svg):
        rows.setdefault(int(row), []).append((float(x), html.unescape(content).replace("\xa0", " ")))
    return "\n".join("".join(text for _, text in sorted(rows[row])) for row in sorted(rows))


def written_forms(value: str) -> set[str]:
    """How ``value`` may look once written down: as is, JSON-escaped, URL-encoded, HTML-escaped."""
    return {value, json.dumps(value)[1:-1], quote(value, safe=""), quote_plus(value), html.escape(value)}


def screen_pieces(value: str) -> set[str]:
    """Every piece of ``value`` long enough to count as shown on a screen (the value if it is short)."""
    if len(value) <= SCREEN_FRAGMENT:
        return {value}
    return {value[i : i + SCREEN_FRAGMENT] for i in range(len(value) - SCREEN_FRAGMENT + 1)}


def find(secret: Secret, artefact: Artefact) -> bool:
    """True when ``artefact`` holds ``secret`` in any written form (or, on a screen, any piece of it)."""
    text = artefact.text
    if any(form in text for form in written_forms(secret.value)):
        return True
    if artefact.kind == SCREEN:
        flat = text.replace("\n", "")  # a value wrapped over two rows
        return any(piece in text or piece in flat for piece in screen_pieces(secret.value))
    return False


def leaks(
    artefacts: Iterable[Artefact],
    secrets: Iterable[Secret],
    allowed: Mapping[str, set[str]] | None = None,
) -> list[str]:
    """'<secret names> found in <artefact>' for every secret found where ``allowed`` does not permit it.

    ``allowed`` maps an artefact name to the secret names the user explicitly revealed or exported there.
    """
    allowed = allowed or {}
    secrets = list(secrets)
    found = []
    for artefact in artefacts:
        permitted = allowed.get(artefact.name, set())
        for secret in secrets:
            if permitted.intersection(secret.names):
                continue
            if find(secret, artefact):
                found.append(f"{secret.label} found in {artefact.name}")
    return found


def files_under(*roots: Path) -> list[Artefact]:
    """Every file under ``roots`` as an artefact (bytes decoded leniently, so binary files are searched too)."""
    out = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_bytes().decode("utf-8", "replace")
            out.append(Artefact(f"file {path.relative_to(root.parent)}", text))
    return out


def without_lines(text: str, marker: str) -> str:
    """``text`` without the lines that contain ``marker``."""
    return "\n".join(line for line in text.splitlines() if marker not in line)


@contextmanager
def debug_log(path: Path) -> Iterator[Path]:
    """cogtui's debug log file at ``path`` while the block runs; the handler and root level restored after."""
    root = logging.getLogger()
    level = root.level
    setup_logging(path)
    try:
        yield path
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                handler.close()
                root.removeHandler(handler)
        root.setLevel(level)
