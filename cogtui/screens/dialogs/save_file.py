"""Save text to a file the user names: a path prompt, a confirmation before overwriting, mode 0600.

``save_text(app, text, what=..., default_path=...)`` asks for the path (``PathPrompt``), asks again
before replacing an existing file (``ConfirmScreen``), then writes with ``write_export``: a private
temporary file renamed into place, mode 0600, never through a symbolic link. Nothing is written
unless the user confirms a path. Success and failure are reported with a notification.

``save_profile(app, kind=..., ...)`` saves ONE section of an AWS shared file (credentials or config)
the way ``aws configure set`` does: ``ProfilePrompt`` asks for the file and the profile name, the
confirmation says "replace section [x] in FILE" or "add section [x] to FILE", and every other byte of
the file is kept (``cogtui.identity.profile_file``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from cogtui.clock import format_time
from cogtui.identity.export import ExportError, write_export
from cogtui.identity.profile_file import plan_section_save, save_section
from cogtui.screens.dialogs.base import Dialog
from cogtui.screens.dialogs.confirm import ConfirmScreen

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp

__all__ = ["PathPrompt", "ProfilePrompt", "ask_path", "replacing", "save_profile", "save_text"]

Values = list[tuple[str, str]]


class PathPrompt(Dialog[str | None]):
    """Asks for a file path; Enter dismisses with it (stripped), Esc with None."""

    DEFAULT_CSS = """
    PathPrompt > .dialog-box { width: 76; }
    PathPrompt #path-message { margin: 1 0; }
    PathPrompt #path-keys { margin-top: 1; }
    """
    TITLE_ID = "path-title"

    def __init__(self, title: str, message: str, default: str = "") -> None:
        super().__init__(title)
        self.message = message
        self.default = default

    def compose_body(self) -> ComposeResult:
        yield Static(Text(self.message), id="path-message")
        yield Input(self.default, placeholder="path of the file", id="path-input")
        yield self.keys_line("Enter saves · Esc cancels · ~ is your home folder", id="path-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


def _write(
    app: CogtuiApp, path: str, text: str, what: str, overwrite: bool, done: Callable[[Path], Any] | None
) -> None:
    try:
        target = write_export(path, text, overwrite=overwrite)
    except ExportError as exc:
        app.notify(str(exc), title=f"Cannot save {what}", severity="error", markup=False)
        return
    app.notify(f"Saved {what} to {target} (mode 0600).", markup=False)
    if done is not None:
        done(target)


def save_text(
    app: CogtuiApp,
    text: str,
    *,
    what: str,
    default_path: str = "",
    message: str = "",
    done: Callable[[Path], Any] | None = None,
) -> None:
    """Ask for a path, confirm an overwrite, write ``text`` with mode 0600; ``done(path)`` after a save."""
    ask_path(
        app,
        what=what,
        default_path=default_path,
        message=message,
        chosen=lambda path, overwrite: _write(app, path, text, what, overwrite, done),
    )


def replacing(target: str, what: str) -> str:
    """What replacing the existing file ``target`` changes, said before it is done."""
    try:
        info = os.stat(target)
    except OSError:
        return f"{target} already exists. Replace it with {what}?"
    changed = format_time(info.st_mtime, "minute")
    return (
        f"{target} already exists ({info.st_size:,} bytes, last changed {changed}). Its whole content "
        f"will be replaced by {what}, mode 0600; the old content cannot be recovered."
    )


def ask_path(
    app: CogtuiApp,
    *,
    what: str,
    chosen: Callable[[str, bool], Any],
    default_path: str = "",
    message: str = "",
) -> None:
    """Ask where to save ``what``; an existing file is replaced only after a confirmation that says what
    changes. ``chosen(path, overwrite)`` is called once the user has agreed; nothing happens on Esc."""

    def answered(path: str | None) -> None:
        if not path:
            return
        target = os.path.expanduser(path)
        if os.path.lexists(target):

            def confirmed(yes: bool | None) -> None:
                if yes:
                    chosen(path, True)

            app.push_screen(
                ConfirmScreen("Replace the file?", replacing(target, what), "Replace", danger=True), confirmed
            )
            return
        chosen(path, False)

    prompt = message or (
        f"Where should {what} be saved? The file is created with mode 0600 (only you can read it); "
        f"a relative path starts in {os.getcwd()}."
    )
    app.push_screen(PathPrompt(f"Save {what}", prompt, default_path), answered)


class ProfilePrompt(Dialog[tuple[str, str] | None]):
    """Asks for a file and a profile name; Enter in either field dismisses with both, Esc with None."""

    DEFAULT_CSS = """
    ProfilePrompt > .dialog-box { width: 76; }
    ProfilePrompt #profile-message { margin: 1 0; }
    ProfilePrompt .profile-label { color: $text-muted; }
    ProfilePrompt #profile-keys { margin-top: 1; }
    """
    TITLE_ID = "profile-title"

    def __init__(self, title: str, message: str, default_path: str, default_profile: str) -> None:
        super().__init__(title)
        self.message = message
        self.default_path = default_path
        self.default_profile = default_profile

    def compose_body(self) -> ComposeResult:
        yield Static(Text(self.message), id="profile-message")
        yield Static("File", classes="profile-label")
        yield Input(self.default_path, placeholder="path of the file", id="path-input")
        yield Static("Profile name", classes="profile-label")
        yield Input(self.default_profile, placeholder="profile name", id="profile-input")
        yield self.keys_line(
            "Enter goes on · Tab moves · Esc cancels · ~ is your home folder", id="profile-keys"
        )

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = self.query_one("#path-input", Input).value.strip()
        profile = self.query_one("#profile-input", Input).value.strip()
        if not path or not profile:
            missing = self.query_one("#path-input" if not path else "#profile-input", Input)
            missing.focus()
            self.app.notify("Give the file and the profile name.", severity="warning", markup=False)
            return
        self.dismiss((path, profile))


def save_profile(
    app: CogtuiApp,
    *,
    kind: str,
    what: str,
    values: Values,
    comment: str | None = None,
    default_path: str,
    default_profile: str = "cogtui",
) -> None:
    """Ask for the file and profile, confirm "replace/add section [x] ...", then merge and write (0600)."""

    def chosen(answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        path, profile = answer
        try:
            plan = plan_section_save(path, kind, profile, values, comment=comment)
        except ExportError as exc:
            app.notify(str(exc), title=f"Cannot save {what}", severity="error", markup=False)
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = save_section(path, kind, profile, values, comment=comment)
            except ExportError as exc:
                app.notify(str(exc), title=f"Cannot save {what}", severity="error", markup=False)
                return
            app.notify(f"{done.done} (mode 0600).", markup=False)

        details = (
            "A new file, mode 0600." if plan.created else "Every other line of the file stays; mode 0600."
        )
        app.push_screen(
            ConfirmScreen(
                f"Save {what}?",
                f"{plan.sentence}\n\n{details}",
                "Replace section" if plan.replaced else "Add section",
                danger=plan.replaced,
            ),
            confirmed,
        )

    message = (
        f"Which file and profile? Only the section of that profile changes, as with 'aws configure set'; "
        f"a relative path starts in {os.getcwd()}."
    )
    app.push_screen(ProfilePrompt(f"Save {what}", message, default_path, default_profile), chosen)
