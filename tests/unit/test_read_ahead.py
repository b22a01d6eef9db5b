"""The read-ahead behind every listing: order, errors handed to the reader, a bounded lead, a clean stop."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from cogtui.aws.errors import CogtuiError
from cogtui.aws.read_ahead import ReadAhead


class FakePages:
    """``count`` pages with tokens between them; page ``fail_at`` raises instead."""

    def __init__(self, count: int, fail_at: int | None = None, error: Exception | None = None) -> None:
        self.count = count
        self.fail_at = fail_at
        self.error = error or CogtuiError("page failed", code="Boom")
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self) -> dict | None:
        with self.lock:
            index = self.calls
            self.calls += 1
        if index == self.fail_at:
            raise self.error
        if index >= self.count:
            return None
        page: dict = {"Items": [index]}
        if index < self.count - 1:
            page["NextToken"] = f"t{index + 1}"
        return page


@pytest.fixture
def pool():
    executor = ThreadPoolExecutor(max_workers=2)
    yield executor
    executor.shutdown(wait=True)


async def read_all(reader: ReadAhead) -> list[int]:
    items: list[int] = []
    try:
        while True:
            fetched = await reader.get()
            if fetched.error is not None:
                raise fetched.error
            if fetched.page is None:
                return items
            items.extend(fetched.page["Items"])
            if "NextToken" not in fetched.page:
                return items
    finally:
        reader.stop()


async def test_pages_arrive_in_order_until_the_last_one(pool):
    pages = FakePages(25)
    reader = ReadAhead(asyncio.get_running_loop(), pages)
    done = pool.submit(reader.run)
    assert await read_all(reader) == list(range(25))
    done.result(timeout=5)
    assert pages.calls == 25  # nothing asked past the page without a token


async def test_an_error_reaches_the_reader_after_the_pages_before_it(pool):
    pages = FakePages(10, fail_at=4)
    reader = ReadAhead(asyncio.get_running_loop(), pages)
    pool.submit(reader.run)
    seen: list[int] = []
    with pytest.raises(CogtuiError, match="page failed"):
        while True:
            fetched = await reader.get()
            if fetched.error is not None:
                raise fetched.error
            seen.extend(fetched.page["Items"])
    assert seen == [0, 1, 2, 3]


async def test_an_unexpected_exception_is_handed_over_too(pool):
    """A bug in a page function must not leave the reader waiting for ever."""
    pages = FakePages(10, fail_at=0, error=KeyError("boom"))
    reader = ReadAhead(asyncio.get_running_loop(), pages)
    pool.submit(reader.run)
    fetched = await asyncio.wait_for(reader.get(), timeout=5)
    assert isinstance(fetched.error, KeyError)


async def test_the_thread_stays_at_most_depth_pages_ahead_of_a_slow_reader(pool):
    pages = FakePages(10_000)
    reader = ReadAhead(asyncio.get_running_loop(), pages, depth=2)
    done = pool.submit(reader.run)
    first = await reader.get()
    assert first.page["Items"] == [0]
    for _ in range(50):  # give the thread every chance to run away
        await asyncio.sleep(0.01)
    assert pages.calls == 3  # the page taken, and two ahead of it
    reader.stop()
    done.result(timeout=5)  # the thread ends once the reader stops
    assert pages.calls == 3


async def test_a_head_start_is_the_first_page_and_is_not_fetched_again(pool):
    pages = FakePages(3)
    first: Future = Future()
    first.set_result({"Items": ["early"], "NextToken": "t1"})
    pages.calls = 1  # the head start already asked for page 0
    reader = ReadAhead(asyncio.get_running_loop(), pages, first=first, first_started=123.0)
    pool.submit(reader.run)
    fetched = await reader.get()
    assert fetched.page["Items"] == ["early"] and fetched.started == 123.0
    rest = await read_all(reader)
    assert rest == [1, 2]
