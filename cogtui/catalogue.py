"""What the app knows of the account: user pools and their app clients, listed once and reused.

The command palette searches this catalogue instead of listing every pool and every pool's clients each
time it opens (1 + N calls per opening). A listing older than ``max_age_s`` is refreshed in the
background while the palette keeps showing what was known. No Textual here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from cogtui.aws.models import AppClientSummary, UserPoolSummary
from cogtui.errors import CogtuiError

CLIENT_LISTING_CONCURRENCY = 4
MAX_AGE_S = 120.0


class Catalogue:
    """User pools and app clients, with events that say when each first became known.

    ``problem`` holds the error of the last listing that failed (the pools screen explains it too).
    """

    def __init__(
        self, gateway: Any, max_age_s: float = MAX_AGE_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.gateway = gateway
        self.max_age_s = max_age_s
        self.clock = clock
        self.pools: list[UserPoolSummary] = []
        self.clients: list[tuple[UserPoolSummary, AppClientSummary]] = []
        self.pools_ready = asyncio.Event()
        self.clients_ready = asyncio.Event()
        self.problem: CogtuiError | None = None
        self.listed_at: float | None = None
        self._listing: asyncio.Task[None] | None = None

    @property
    def listing(self) -> bool:
        return self._listing is not None and not self._listing.done()

    def stale(self) -> bool:
        return self.listed_at is None or self.clock() - self.listed_at > self.max_age_s

    def ensure_fresh(self) -> None:
        """Start a listing in the background unless one runs or the last one is recent enough."""
        if not self.listing and self.stale():
            self._listing = asyncio.get_running_loop().create_task(self._list())

    def close(self) -> None:
        if self._listing is not None:
            self._listing.cancel()

    async def _list(self) -> None:
        self.problem = None
        pools: list[UserPoolSummary] = []
        try:
            async for page in self.gateway.iter_user_pools():
                pools.extend(page)
        except CogtuiError as exc:
            self.problem = exc
        self.pools = pools or self.pools  # a failed listing keeps what was known
        self.pools_ready.set()
        limit = asyncio.Semaphore(CLIENT_LISTING_CONCURRENCY)

        async def clients_of(pool: UserPoolSummary) -> list[tuple[UserPoolSummary, AppClientSummary]]:
            found: list[tuple[UserPoolSummary, AppClientSummary]] = []
            async with limit:
                try:
                    async for page in self.gateway.iter_clients(pool.id):
                        found.extend((pool, c) for c in page)
                except CogtuiError as exc:
                    self.problem = exc
            return found

        try:
            listed = await asyncio.gather(*(clients_of(p) for p in pools))
            if pools:
                self.clients = [pair for found in listed for pair in found]
        finally:
            self.clients_ready.set()
            self.listed_at = self.clock()
