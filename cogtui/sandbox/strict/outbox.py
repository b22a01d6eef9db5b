"""The sandbox's outbox: every email and SMS Cognito would send (codes included), kept where a user can read it.

Messages are appended to ``outbox.jsonl`` (mode 0600) in a temporary directory the sandbox owns and
removes when the process exits, and the latest ones are kept in memory for the app's sandbox screen.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import tempfile
import threading
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from cogtui.clock import format_time

KEEP_IN_MEMORY = 200
OUTBOX_FILE = "outbox.jsonl"


@dataclass(frozen=True)
class OutboxMessage:
    """One delivered message: when, to whom, why, and the code it carries."""

    sent_at: str
    pool_id: str
    username: str
    medium: str  # EMAIL | SMS
    destination: str
    purpose: str  # SIGN_UP, FORGOT_PASSWORD, SMS_MFA, EMAIL_OTP, RESEND...
    code: str
    text: str


def mask_destination(medium: str, destination: str) -> str:
    """Cognito's CodeDeliveryDetails.Destination: ``a***@e***`` for an email, ``+*******0102`` for a phone."""
    if medium == "EMAIL" and "@" in destination:
        local, domain = destination.split("@", 1)
        return f"{local[:1]}***@{domain[:1]}***"
    return "+" + "*" * max(len(destination) - 5, 0) + destination[-4:]


class Outbox:
    """Append-only delivery log: a JSON-lines file plus an in-memory view of the latest messages."""

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = directory
        self._recent: deque[OutboxMessage] = deque(maxlen=KEEP_IN_MEMORY)
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The JSON-lines file (its directory is created on first use)."""
        with self._lock:
            if self._directory is None:
                self._directory = Path(tempfile.mkdtemp(prefix="cogtui-sandbox-"))
                atexit.register(shutil.rmtree, self._directory, True)
            return self._directory / OUTBOX_FILE

    def deliver(
        self, pool_id: str, username: str, medium: str, destination: str, purpose: str, code: str, text: str
    ) -> OutboxMessage:
        sent_at = format_time(datetime.now(UTC), "iso")
        message = OutboxMessage(sent_at, pool_id, username, medium, destination, purpose, code, text)
        path = self.path
        line = json.dumps(asdict(message), separators=(",", ":")) + "\n"
        with self._lock:
            self._recent.append(message)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with contextlib.closing(os.fdopen(fd, "a", encoding="utf-8")) as handle:
                handle.write(line)
        return message

    def recent(self, limit: int = KEEP_IN_MEMORY) -> list[OutboxMessage]:
        """The latest messages, newest first."""
        with self._lock:
            items = list(self._recent)
        return items[::-1][:limit]

    def latest_code(self, username: str, purpose: str | None = None) -> str | None:
        """The code of the newest message to ``username`` (for ``purpose`` when given)."""
        for message in self.recent():
            if message.username == username and (purpose is None or message.purpose == purpose):
                return message.code
        return None
