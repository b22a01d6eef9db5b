"""The modal that runs a long export with a progress bar: Esc cancels its worker, and the target file is
left as it was (``cogtui.screens.exports`` starts it once the format and the path are chosen)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import ProgressBar, Static

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
        self.summary: str | None = None

    def compose_body(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=False, id="export-bar")
        yield Static("⋯ Starting…  (Esc cancels)", id="export-status", markup=False)

    def on_mount(self) -> None:
        self.running = True
        self.run_job()

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
        if self.running:
            self.running = False
            self.workers.cancel_group(self, "export.run")
            self.app.notify(self.cancelled_text, title="Export cancelled", markup=False)
        self.dismiss(None)
