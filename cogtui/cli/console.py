"""Where a command reads and writes, and the exit codes every command ends with."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

EXIT_OK, EXIT_REFUSED, EXIT_INTERRUPTED = 0, 1, 130
EXIT_USAGE = 2  # what argparse exits with for a usage error; a setting that cannot be used is one too


@dataclass
class CliIO:
    """Where the command reads and writes; ``interactive`` says whether it may prompt."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    interactive: bool | None = None
    read_secret: Callable[[str], str] | None = None

    @property
    def can_prompt(self) -> bool:
        if self.interactive is not None:
            return self.interactive
        return bool(self.stdin.isatty())


def print_json(doc: Any, out: TextIO) -> None:
    """One JSON document, indented, then flushed: a script reading the pipe gets it whole at once."""
    out.write(json.dumps(doc, indent=2, default=str) + "\n")
    out.flush()
