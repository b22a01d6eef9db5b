"""The modal that runs a long export with a progress bar: Esc cancels its worker, and the target file is
left as it was (``cogtui.screens.exports`` starts it once the format and the path are chosen). The
partial file is removed as the cancelled job unwinds, so the modal closes only once the job has ended:
what the user comes back to is the folder as it was."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from cogtui.aws.errors import CogtuiError
from cogtui.identity.export import ExportError
from cogtui.screens.dialogs.base import Dialog

__all__ = ["ExportProgress", "Job", "Progress"]


class Progress:
    """What a running export reports: a count against a total (None: unknown), or a step in words."""

    def __init__(self, screen: ExportProgress) -> None:
        self.screen = screen

    def count(self, done: int, total: int | None, unit: str) -> None:
        bar = self.screen.query_one(ProgressBar)
        bar.update(total=max(total, done) if total else None, progress=done)
        of = f" of about {total:,}" if total else ""
        self.screen.say(f"{done:,}{of} {unit} written…  (Esc cancels)")

    def step(self, text: str) -> None:
        self.screen.say(f"{text}  (Esc cancels)")


Job = Callable[[Progress], Awaitable[str]]


class ExportProgress(Dialog[str | None]):
    """Runs ``job`` with a progress bar; dismisses with its summary, or None when cancelled."""

    DEFAULT_CSS = """
    ExportProgress ProgressBar { margin: 1 0; }
    ExportProgress #export-status.-error { color: $error; }
    """
    TITLE_ID = "export-title"

    def __init__(self, title: str, job: Job, *, cancelled: str) -> None:
        super().__init__(title)
        self.job = job
        self.cancelled_text = cancelled
        self.running = False
        self.cancelling = False
        self.summary: str | None = None
        self._job: Worker[None] | None = None

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, id="export-bar")
        yield Static("⋯ Starting…  (Esc cancels)", id="export-status", markup=False)

    def on_mount(self) -> None:
        self.running = True
        self._job = self.run_job()

    def say(self, text: str) -> None:
        self.query_one("#export-status", Static).update(Text(text))

    @work(exclusive=True, group="export.run", exit_on_error=False)
    async def run_job(self) -> None:
        try:
            summary = await self.job(Progress(self))
        except (CogtuiError, ExportError) as err:
            self.running = False
            message = err.message if isinstance(err, CogtuiError) else str(err)
            self.query_one("#export-status", Static).add_class("-error")
            self.say(f"✘ {message}  Nothing was written.  (Esc closes)")
            return
        self.running = False
        self.summary = summary
        self.app.notify(summary, title="Exported", markup=False)
        self.dismiss(summary)

    def action_cancel(self) -> None:
        if self.cancelling:  # already on its way out
            return
        if not self.running or self._job is None:
            self.dismiss(None)
            return
        self.running, self.cancelling = False, True
        self.say("⋯ Cancelling…")
        self._job.cancel()
        self._dismiss_once_ended(self._job)

    @work(group="export.cancel", exit_on_error=False)
    async def _dismiss_once_ended(self, job: Worker[None]) -> None:
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await job.wait()  # the job removes its partial file as it unwinds
        self.app.notify(self.cancelled_text, title="Export cancelled", markup=False)
        self.dismiss(None)
