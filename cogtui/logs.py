"""Optional debug logging to a file the user names (mode 0600), with every known secret scrubbed.

Each line loses the values of secret-named fields (a library quoting a request or response body before
cogtui has seen the secrets in it: botocore logs both at debug level) and every secret remembered so far.
Off by default. ``--log-file PATH`` (or COGTUI_LOG_FILE) turns it on at debug level; nothing is ever
logged to the terminal, which belongs to the UI.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cogtui.aws.trace import redact_text
from cogtui.secrets import scrub

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class ScrubbingFormatter(logging.Formatter):
    """Formats the record, then removes secret-named fields' values and every remembered secret from the
    final text (message + traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(redact_text(super().format(record)))


def setup_logging(path: str | os.PathLike[str], level: int = logging.DEBUG) -> Path:
    """Log everything at ``level`` to ``path``, created with mode 0600 (appending when it exists)."""
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)
    handler = logging.FileHandler(target, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return target
