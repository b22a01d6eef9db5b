"""Temporary lockout after repeated wrong passwords, as Cognito does it.

After five failed sign-in attempts the user is locked out for one second; each further failure doubles
the lockout, up to about 15 minutes. Attempts during a lockout are refused with "Password attempts
exceeded" and do not lengthen it. A successful sign-in clears the count.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from cogtui.sandbox.strict.clock import StrictClock
from cogtui.sandbox.strict.errors import ATTEMPTS_EXCEEDED, not_authorized

FREE_ATTEMPTS = 5
MAX_LOCKOUT_SECONDS = 900


@dataclass
class _Record:
    failures: int = 0
    locked_until: float = 0.0


class Lockout:
    def __init__(self, clock: StrictClock) -> None:
        self._clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._lock = threading.Lock()

    def check(self, pool_id: str, username: str) -> None:
        """Refuse while the user is locked out."""
        with self._lock:
            record = self._records.get((pool_id, username))
        if record and self._clock.now() < record.locked_until:
            raise not_authorized(ATTEMPTS_EXCEEDED)

    def failed(self, pool_id: str, username: str) -> None:
        with self._lock:
            record = self._records.setdefault((pool_id, username), _Record())
            record.failures += 1
            if record.failures >= FREE_ATTEMPTS:
                seconds = min(2 ** (record.failures - FREE_ATTEMPTS), MAX_LOCKOUT_SECONDS)
                record.locked_until = self._clock.now() + seconds

    def succeeded(self, pool_id: str, username: str) -> None:
        with self._lock:
            self._records.pop((pool_id, username), None)
