"""Copying never blocks the UI: pyperclip (which starts a process) runs on a thread, the notice follows."""

import threading

import pyperclip

from tests.pilot_wait import wait_for


def _record_notices(app, monkeypatch) -> list[str]:
    notices: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        notices.append(str(message))
        return notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", recording)
    return notices


async def test_copy_runs_off_the_event_loop_and_says_what_was_copied(make_sandbox_app, monkeypatch):
    app = make_sandbox_app()
    copied: list[tuple[str, str]] = []
    release = threading.Event()

    def slow_copy(text: str) -> None:  # a clipboard helper that takes its time
        release.wait(5)
        copied.append((text, threading.current_thread().name))

    monkeypatch.setattr(pyperclip, "copy", slow_copy)
    notices = _record_notices(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        app.copy_to_clipboard_text("secret-free text", "the example")
        await pilot.press("question_mark")  # the app answers keys while the copy is pending
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen", "the help screen")
        assert copied == []
        release.set()
        await wait_for(pilot, lambda: copied, "the copy")
        assert copied[0][0] == "secret-free text"
        assert copied[0][1] != threading.main_thread().name
        await wait_for(pilot, lambda: "Copied the example to the system clipboard." in notices, "notice")


async def test_without_a_clipboard_the_terminal_copy_is_used(make_sandbox_app, monkeypatch):
    app = make_sandbox_app()

    def no_backend(text: str) -> None:
        raise pyperclip.PyperclipException("no copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_backend)
    notices = _record_notices(app, monkeypatch)
    sent: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", sent.append)
    async with app.run_test(size=(100, 30)) as pilot:
        app.copy_to_clipboard_text("abc", "the value")
        await wait_for(pilot, lambda: sent == ["abc"], "the OSC 52 copy")
        await wait_for(pilot, lambda: "Copied the value to the terminal clipboard." in notices, "notice")
