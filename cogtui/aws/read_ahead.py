"""Pages of a listing fetched on one worker thread, a bounded number of pages ahead of their reader.

botocore's page iterator needs each page's token before it can ask for the next, so pages come one
after another. The fetching thread asks for the next page as soon as it has parsed one, without
waiting for the event loop to get round to it: the server works on page n+1 while the app draws page
n. A semaphore keeps the thread at most ``depth`` pages ahead, so memory stays bounded however large
the pool. An error is handed over with the token of the page it stopped at (``resume_token``), so a
listing stopped by throttling can go on from there instead of starting again. No Textual here.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

Page = dict[str, Any]


@dataclass(frozen=True)
class Fetched:
    """One page as the fetching thread got it (or the error it got instead), with its timing."""

    started: float  # epoch seconds, for the trace
    duration_ms: float
    page: Page | None = None  # None past the last page
    error: BaseException | None = None
    resume_token: str | None = None  # with an error: botocore's StartingToken of the page not fetched


def resume_token(page: Page) -> str | None:
    """botocore's ``StartingToken`` for the page after ``page`` (None past the last page).

    Cognito's paginators send the same token name they take (``PaginationToken`` for ListUsers,
    ``NextToken`` for the others); botocore's own encoder makes it a token its paginator reads back.
    """
    for key in ("PaginationToken", "NextToken"):
        value = page.get(key)
        if value:
            from botocore.paginate import TokenEncoder

            return str(TokenEncoder().encode({key: value}))
    return None


def has_more(page: Page) -> bool:
    return bool(page.get("NextToken") or page.get("PaginationToken"))


class ReadAhead:
    """Run ``run()`` on a worker thread; ``await get()`` on the event loop; ``stop()`` when done reading.

    ``first`` is a first page already requested (a head start) since ``first_started``.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        next_page: Callable[[], Page | None],
        *,
        depth: int = 2,
        first: Future[Page | None] | None = None,
        first_started: float | None = None,
        start_token: str | None = None,
    ) -> None:
        self._loop = loop
        self._next_page = next_page
        self._first = first
        self._first_started = first_started
        self._queue: asyncio.Queue[Fetched] = asyncio.Queue()
        self._room = threading.Semaphore(depth)
        self._stopped = threading.Event()
        self._resume = start_token  # where the listing goes on if the next page fails

    def run(self) -> None:
        """Fetch pages until the last one, an error, or ``stop()``."""
        try:
            while self._wait_for_room():
                fetched = self._fetch()
                if not self._hand_over(fetched):
                    return
                if fetched.error is not None or fetched.page is None or not has_more(fetched.page):
                    return
        except BaseException as exc:  # never leave the reader waiting for a page that will not come
            self._hand_over(Fetched(time.time(), 0.0, error=exc))
            raise

    def _wait_for_room(self) -> bool:
        while not self._stopped.is_set():
            if self._room.acquire(timeout=0.25):
                return not self._stopped.is_set()
            if self._loop.is_closed():
                return False
        return False

    def _fetch(self) -> Fetched:
        started = time.time()
        t0 = time.perf_counter()
        first, self._first = self._first, None
        if first is not None and self._first_started is not None:
            t0 -= started - self._first_started
            started = self._first_started
        try:
            page = first.result() if first is not None else self._next_page()
        except Exception as exc:  # the gateway's typed errors, handed to the reader
            return Fetched(started, (time.perf_counter() - t0) * 1000, error=exc, resume_token=self._resume)
        if page is not None:
            self._resume = resume_token(page)
        return Fetched(started, (time.perf_counter() - t0) * 1000, page=page)

    def _hand_over(self, fetched: Fetched) -> bool:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, fetched)
        except RuntimeError:  # the event loop has closed: nobody is reading any more
            return False
        return True

    async def get(self) -> Fetched:
        """The next page (or error), in order."""
        fetched = await self._queue.get()
        self._room.release()
        return fetched

    def stop(self) -> None:
        """The reader is done: the thread ends after the page in flight (if any)."""
        self._stopped.set()
        self._room.release()
