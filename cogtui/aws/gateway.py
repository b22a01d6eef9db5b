"""The async gateway: botocore calls run in a bounded thread pool and come back as models or typed errors.

Every call is checked against --read-only, recorded in the trace (secrets redacted) and mapped to a
CogtuiError on failure. Listings are async iterators that yield one page at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from cogtui.aws.errors import CogtuiError, CredentialsError, ReadOnlyError, ServiceError, ThrottledError
from cogtui.aws.policy import is_mutating, is_public
from cogtui.aws.read_ahead import ReadAhead, has_more
from cogtui.aws.retry_events import RetryEvents
from cogtui.aws.trace import Trace, redact
from cogtui.secrets import scrub

if TYPE_CHECKING:
    from cogtui.aws.connection import Connection, ConnectionInfo


_T = TypeVar("_T")


def _snake(operation: str) -> str:
    from botocore import xform_name

    name: str = xform_name(operation)
    return name


def summarize(response: dict[str, Any]) -> dict[str, Any]:
    """A short view of a response for the trace: lists become counts, metadata is dropped."""
    out: dict[str, Any] = {}
    for key, value in response.items():
        if key == "ResponseMetadata":
            continue
        if isinstance(value, list) and len(value) > 3:
            out[key] = f"[{len(value)} items]"
        else:
            out[key] = value
    return out


def check_answer(client: Any, operation: str, response: dict[str, Any]) -> None:
    """Refuse an empty HTTP body where the JSON protocol promises an answer (a server restarting or a
    proxy cutting the answer short): botocore would parse it as ``{}``, an empty listing."""
    meta = response.get("ResponseMetadata") or {}
    if (meta.get("HTTPHeaders") or {}).get("content-length") != "0":
        return
    model = client.meta.service_model
    if not model.protocol.startswith("json"):
        return
    output = model.operation_model(operation).output_shape
    if output is None or not output.members:
        return
    status = meta.get("HTTPStatusCode")
    raise ServiceError(
        f"The endpoint sent an empty answer to {operation} (HTTP {status}, no body).",
        code="EmptyResponse",
        operation=operation,
        request_id=meta.get("RequestId") or None,
        http_status=status,
        hint="The service may be restarting, or a proxy in between cut the answer short; retry in a moment.",
    )


PAGES_AHEAD = 2  # how many pages a listing's thread may fetch before the caller takes them
HEAD_START_MAX_AGE_S = 30.0  # an older head start is dropped: the listing is fetched afresh


@dataclass(frozen=True)
class _HeadStart:
    """A listing whose first page was requested ahead of time."""

    started: float
    next_page: Callable[[], dict[str, Any] | None]
    first: Future[dict[str, Any] | None]


_CONVERTED = "cogtui:converted"  # where a fetched page carries its converted items


def _converting(
    next_page: Callable[[], dict[str, Any] | None],
    result_key: str,
    convert: Callable[[list[dict[str, Any]]], Any],
) -> Callable[[], dict[str, Any] | None]:
    """``next_page``, with each page's items also converted (on the thread that calls it)."""

    def converted() -> dict[str, Any] | None:
        page = next_page()
        if page is not None:
            page[_CONVERTED] = convert(list(page.get(result_key) or []))
        return page

    return converted


def _listing_key(
    service: str, operation: str, page_size: int | None, params: dict[str, Any]
) -> tuple[Any, ...]:
    return (service, operation, page_size, tuple(sorted((k, repr(v)) for k, v in params.items())))


def _call_failures() -> tuple[type[Exception], ...]:
    """The exceptions that mean the call failed (botocore, HTTP); evaluated only when one is raised."""
    from cogtui.aws.error_mapping import CALL_FAILURES

    return CALL_FAILURES


def _start_counting(conn: Any) -> None:
    """Count the attempts of the next call (connections that cannot count, like test doubles, are fine)."""
    start = getattr(conn, "start_counting", None)
    if start is not None:
        start()


class Gateway:
    """Async access to cognito-idp, cognito-identity and sts for the whole app.

    ``connect`` builds the Connection; it runs on a worker thread at the first call, so importing botocore
    and building clients never blocks the UI thread.
    """

    def __init__(
        self,
        connect: Callable[[], Connection],
        *,
        read_only: bool = False,
        trace: Trace | None = None,
        max_workers: int = 8,
        deadline_s: float | None = None,
    ) -> None:
        self._connect = connect
        # One overall deadline (a command-line command): every call, retries included, ends by then.
        self.deadline_s = deadline_s
        self._deadline = time.monotonic() + deadline_s if deadline_s else None
        self._connection: Connection | None = None
        self._connect_lock = threading.Lock()
        self.read_only = read_only
        self.trace = trace or Trace()
        self.retries = RetryEvents()  # every retry botocore decides, as it decides it (see retry_events)
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="cogtui-aws")
        self._head_starts: dict[tuple[Any, ...], _HeadStart] = {}
        self._readers: set[ReadAhead] = set()
        self._closed = False

    # -- connection -----------------------------------------------------------------------------------

    def _conn(self) -> Connection:
        if self._connection is None:
            with self._connect_lock:
                if self._connection is None:
                    connection = self._connect()
                    stop_at = getattr(connection, "stop_at", None)  # test doubles need not have it
                    if self._deadline is not None and stop_at is not None:
                        stop_at(self._deadline, self.deadline_s)
                    report_retries = getattr(connection, "report_retries", None)
                    if report_retries is not None:
                        report_retries(self.retries)
                    self._connection = connection
        return self._connection

    def prepare(self) -> Future[None]:
        """Start connecting on the thread pool now; the first call then finds the clients ready."""

        def connect() -> None:
            with contextlib.suppress(CogtuiError):  # reported by the first real call, which tries again
                self._conn().client("cognito-idp")

        return self._executor.submit(connect)

    async def run_sync(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Run a blocking function on the gateway's thread pool."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def connection(self) -> Connection:
        return await self.run_sync(self._conn)

    async def info(self) -> ConnectionInfo:
        return await self.run_sync(lambda: self._conn().info())

    @property
    def profile(self) -> str | None:
        return self._connection.profile if self._connection else None

    def close(self) -> None:
        """Stop the thread pool; calls still in flight end within the configured timeouts."""
        if not self._closed:
            self._closed = True
            for reader in list(self._readers):
                reader.stop()
            self._executor.shutdown(wait=False, cancel_futures=True)

    # -- calls ----------------------------------------------------------------------------------------

    def _refuse(self, service: str, operation: str, params: dict[str, Any]) -> ReadOnlyError:
        err = ReadOnlyError(
            f"{operation} changes data and cogtui runs with --read-only.",
            code="ReadOnly",
            operation=operation,
            hint="Restart without --read-only to allow changes.",
        )
        self.trace.record(
            service=service,
            operation=operation,
            params=params,
            started_at=time.time(),
            duration_ms=0.0,
            ok=False,
            error_code=err.code,
            error_message=err.message,
        )
        return err

    def _invoke(self, service: str, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        conn: Connection | None = None
        try:
            conn = self._conn()
            client = conn.client(service, unsigned=is_public(conn.service_model(service), operation))
            _start_counting(conn)
            response: dict[str, Any] = getattr(client, _snake(operation))(**params)
        except _call_failures() as exc:  # botocore and HTTP failures become typed errors; a bug stays one
            raise self._failure(exc, service, operation, conn) from exc
        check_answer(client, operation, response)
        return response

    def _failure(self, exc: Exception, service: str, operation: str, conn: Connection | None) -> CogtuiError:
        """The typed error for ``exc``, with the attempts made; after a credentials error the connection
        is dropped, so the next call (a retry after `aws sso login`) resolves the credentials again."""
        from cogtui.aws.error_mapping import map_exception

        attempts = getattr(conn, "attempts", None)
        settings = getattr(conn, "settings", None)
        err = map_exception(
            exc,
            service,
            operation,
            conn.profile if conn else None,
            attempts=attempts() if attempts else 0,
            read_timeout=getattr(settings, "read_timeout", None),
        )
        if isinstance(err, CredentialsError) and conn is not None:
            with self._connect_lock:
                if self._connection is conn:
                    self._connection = None
        return err

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call ``service.operation(**params)`` on the thread pool; returns the raw response dict."""
        if self.read_only and is_mutating(operation, params):
            raise self._refuse(service, operation, params)
        return await self._timed(service, operation, params, lambda: self._invoke(service, operation, params))

    async def call_as(
        self,
        access_key: str,
        secret_key: str,
        session_token: str,
        service: str,
        operation: str,
        **params: Any,
    ) -> dict[str, Any]:
        """Call with other credentials than the connection's (e.g. to prove temporary ones with STS).

        A throwaway client makes the call; it is traced like any other, under the access key id. A
        credentials error here is about those credentials, so the connection is kept.
        """

        def invoke() -> dict[str, Any]:
            try:
                client = self._conn().client_with_credentials(service, access_key, secret_key, session_token)
                response: dict[str, Any] = getattr(client, _snake(operation))(**params)
                return response
            except _call_failures() as exc:  # botocore and HTTP failures become typed errors; a bug stays one
                raise self._failure(exc, service, operation, None) from exc

        return await self._timed(service, operation, {"AccessKeyId": access_key, **params}, invoke)

    async def _timed(self, service: str, operation: str, params: dict[str, Any], fn: Callable[[], _T]) -> _T:
        """Run ``fn`` on the thread pool and record the call in the trace."""
        started = time.time()
        t0 = time.perf_counter()
        try:
            response = await self._within_deadline(operation, self.run_sync(fn))
        except CogtuiError as err:
            self._record(service, operation, params, started, (time.perf_counter() - t0) * 1000, error=err)
            raise
        self._record(
            service, operation, params, started, (time.perf_counter() - t0) * 1000, response=response
        )
        return response

    async def _within_deadline(self, operation: str, pending: Awaitable[_T]) -> _T:
        """Await ``pending``, giving up with a typed error when the overall deadline passes first."""
        if self._deadline is None:
            return await pending
        try:
            return await asyncio.wait_for(pending, max(0.0, self._deadline - time.monotonic()))
        except TimeoutError:
            from cogtui.aws.error_mapping import deadline_error

            raise deadline_error(operation, self.deadline_s or 0.0) from None

    def _record(
        self,
        service: str,
        operation: str,
        params: dict[str, Any],
        started: float,
        duration_ms: float,
        response: Any = None,
        error: BaseException | None = None,
    ) -> None:
        if isinstance(error, CogtuiError):
            redact(params)  # remembers this call's secrets, so an error message that echoes one is cleaned
            error.message = scrub(error.message)
            self.trace.record(
                service=service,
                operation=operation,
                params=params,
                started_at=started,
                duration_ms=duration_ms,
                ok=False,
                request_id=error.request_id,
                http_status=error.http_status,
                retries=error.retries,
                error_code=error.code,
                error_message=error.message,
            )
            return
        if error is not None:
            return
        meta = response.get("ResponseMetadata") or {} if isinstance(response, dict) else {}
        self.trace.record(
            service=service,
            operation=operation,
            params=params,
            started_at=started,
            duration_ms=duration_ms,
            ok=True,
            request_id=meta.get("RequestId") or None,
            http_status=meta.get("HTTPStatusCode"),
            retries=int(meta.get("RetryAttempts") or 0),
            summary=summarize(response) if isinstance(response, dict) else {},
        )

    async def pages(
        self,
        service: str,
        operation: str,
        result_key: str,
        *,
        page_size: int | None = None,
        starting_token: str | None = None,
        **params: Any,
    ) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Yield the items of each page as it arrives (botocore's paginator on one worker thread).

        The thread fetches up to ``PAGES_AHEAD`` pages ahead of the caller (see ``read_ahead``). A
        listing given a ``head_start`` with the same arguments begins from the page already fetched.
        Throttling that outlasts botocore's retries raises a ``ThrottledError`` whose ``resume_token``,
        given back as ``starting_token``, goes on from the page that was refused.
        """
        async for items in self._pages(
            service, operation, result_key, list, page_size, params, starting_token
        ):
            yield items

    async def converted_pages(
        self,
        service: str,
        operation: str,
        result_key: str,
        convert: Callable[[list[dict[str, Any]]], _T],
        *,
        page_size: int | None = None,
        starting_token: str | None = None,
        **params: Any,
    ) -> AsyncGenerator[_T, None]:
        """Like ``pages``, each page's items passed through ``convert`` on the fetching thread, so the
        event loop receives what it keeps (the users table's compact rows) instead of the raw dicts."""
        pages = self._pages(service, operation, result_key, convert, page_size, params, starting_token)
        async for items in pages:
            yield items

    async def _pages(
        self,
        service: str,
        operation: str,
        result_key: str,
        convert: Callable[[list[dict[str, Any]]], _T],
        page_size: int | None,
        params: dict[str, Any],
        starting_token: str | None = None,
    ) -> AsyncGenerator[_T, None]:
        head = None
        if starting_token is None:  # a resumed listing never starts from a head start's first page
            head = self._head_starts.pop(_listing_key(service, operation, page_size, params), None)
        if head is not None and time.time() - head.started > HEAD_START_MAX_AGE_S:
            head = None
        next_page = (
            head.next_page
            if head
            else self._page_reader(service, operation, page_size, params, starting_token)
        )
        reader = ReadAhead(
            asyncio.get_running_loop(),
            _converting(next_page, result_key, convert),
            depth=PAGES_AHEAD,
            first=head.first if head else None,
            first_started=head.started if head else None,
            start_token=starting_token,
        )
        self._readers.add(reader)
        self._executor.submit(reader.run)
        try:
            while True:
                fetched = await reader.get()
                converted: Any = fetched.page.pop(_CONVERTED, _CONVERTED) if fetched.page else _CONVERTED
                self._record(
                    service,
                    operation,
                    params,
                    fetched.started,
                    fetched.duration_ms,
                    fetched.page,
                    fetched.error,
                )
                if fetched.error is not None:
                    if isinstance(fetched.error, ThrottledError):
                        fetched.error.resume_token = fetched.resume_token
                    raise fetched.error
                if fetched.page is None:
                    return
                if converted is _CONVERTED:  # a head start's first page, fetched before anyone said how
                    converted = convert(list(fetched.page.get(result_key) or []))
                yield converted
                if not has_more(fetched.page):
                    return
        finally:
            reader.stop()
            self._readers.discard(reader)

    def head_start(
        self, service: str, operation: str, *, page_size: int | None = None, **params: Any
    ) -> Future[dict[str, Any] | None]:
        """Fetch the first page of a listing now, on the thread pool, before anything asks for it.

        Made at startup for the first screen's listing: the request is in flight while Textual loads and
        paints. The next ``pages()`` with the same arguments starts from that page (if it is fresh).
        """
        next_page = self._page_reader(service, operation, page_size, params)
        head = _HeadStart(time.time(), next_page, self._executor.submit(next_page))
        self._head_starts[_listing_key(service, operation, page_size, params)] = head
        return head.first

    def _page_reader(
        self,
        service: str,
        operation: str,
        page_size: int | None,
        params: dict[str, Any],
        starting_token: str | None = None,
    ) -> Callable[[], dict[str, Any] | None]:
        """A function that returns the listing's next page (None at the end) each time it is called."""
        state: dict[str, Any] = {}

        def next_page() -> dict[str, Any] | None:
            conn: Connection | None = None
            try:
                conn = self._conn()
                client = conn.client(service)
                if "it" not in state:
                    paginator = client.get_paginator(_snake(operation))
                    config: dict[str, Any] = {"PageSize": page_size} if page_size else {}
                    if starting_token:
                        config["StartingToken"] = starting_token
                    state["it"] = iter(paginator.paginate(**params, PaginationConfig=config))
                _start_counting(conn)
                page = next(state["it"], None)
            except _call_failures() as exc:  # botocore and HTTP failures become typed errors; a bug stays one
                raise self._failure(exc, service, operation, conn) from exc
            if page is not None:
                check_answer(client, operation, page)
            return page

        return next_page
