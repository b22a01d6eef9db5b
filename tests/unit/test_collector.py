"""The app runs with the garbage collector set for a long session: what the imports made is frozen and
the collections are spaced out, before the first screen and never in the test process itself."""

from __future__ import annotations

import gc

import cogtui.app
import cogtui.cli.main as cli_main
import cogtui.runtime
from cogtui import collector
from cogtui.settings import Settings


class _FakeRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def warm_up(self, **_: object) -> None:
        return None

    def close(self) -> None:
        return None


def test_the_tui_starts_with_the_collector_tuned(monkeypatch):
    calls: list[str] = []
    seen_at_run: list[list[str]] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *t: calls.append(f"threshold {t}"))

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            seen_at_run.append(list(calls))

    monkeypatch.setattr(cogtui.runtime, "Runtime", _FakeRuntime)
    monkeypatch.setattr(cogtui.app, "make_app", lambda settings, runtime: FakeApp())
    assert cli_main._run_tui(Settings(region="us-east-1")) == 0
    expected = (
        f"threshold {(collector.YOUNG_GENERATION, collector.OLDER_GENERATIONS, collector.OLDER_GENERATIONS)}"
    )
    assert seen_at_run == [["freeze", expected]]
