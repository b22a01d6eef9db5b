"""A timeline of AWS calls: one entry per step, and the selected step's details beside the list.

Shared by the sign-in debugger and the identity-pool exchange. Steps are duck-typed; a step has
``operation``, ``title``, ``ok``, ``duration_ms``, ``request_id``, ``request`` (already redacted),
``response`` (a summary), ``error`` (a CogtuiError with ``code`` and ``message``) and an explanation
with ``cause`` and ``next_step`` (``explanation``, or ``diagnosis`` on identity-pool steps), plus
``to_dict()`` for the redacted JSON. Optional: ``index``, ``service``, ``http_status``, ``notes``,
``hashed_username`` (``value``, ``source``), ``challenge`` and ``next`` (a question with a ``prompt``).

API (all from the UI thread or an async worker running on the app's loop):

- ``Timeline(save_name="timeline.json", empty="No steps yet.")``: ``save_name`` is the path offered
  when saving, ``empty`` what the list says before the first step;
- ``add_step(step)`` appends a step and selects it, so a running flow is followed live;
- ``set_steps(steps)`` replaces every step; ``clear()`` removes them;
- ``steps`` (tuple, in order), ``selected_step`` (or None), ``select(position)`` (0-based);
- ``number_of(step)``: the number the list shows for a step (the one to quote elsewhere);
- ``to_json()``: ``[step.to_dict() for step in steps]`` as indented JSON;
- message ``Timeline.StepSelected(step)`` when the cursor moves to a step.

Keys while focused: arrows/Enter show a step's details, ``j`` copies the whole timeline as redacted
JSON, ``w`` saves it to a file the user names (mode 0600, never automatically).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cogtui.app_type import HasCogtuiApp
from cogtui.clock import format_elapsed_ms
from cogtui.screens.dialogs.save_file import save_text
from cogtui.text_safety import safe_text

__all__ = ["Timeline", "step_detail", "step_label"]

OK_STYLE = "$text-success"
FAIL_STYLE = "$text-error"
MUTED = "$text-muted"
SHORT_REQUEST_ID = 8


def _explanation(step: Any) -> Any:
    """The step's cause/next-step object: ``explanation`` (sign-in) or ``diagnosis`` (identity pools)."""
    return getattr(step, "explanation", None) or getattr(step, "diagnosis", None)


def _title_rest(step: Any) -> str:
    """The title without the operation it repeats: 'GetId (guest)' -> '(guest)'."""
    title = safe_text(getattr(step, "title", "") or "")
    operation = safe_text(getattr(step, "operation", "") or "")
    if title == operation:
        return ""
    if operation and title.startswith(operation):
        return title[len(operation) :].strip()
    return title


def step_label(step: Any, position: int) -> Content:
    """Two lines: '✔ 1 GetId  12 ms' then '(guest) · req 1a2b3c4d…'."""
    ok = bool(getattr(step, "ok", True))
    index = getattr(step, "index", None) or position + 1
    glyph, style = ("✔", OK_STYLE) if ok else ("✘", FAIL_STYLE)
    first = Content.assemble(
        (glyph, f"bold {style}"),
        f" {index} ",
        (safe_text(step.operation), "bold"),
        (f" {format_elapsed_ms(step.duration_ms)}", MUTED),
    )
    details = [_title_rest(step)] if _title_rest(step) else []
    request_id = safe_text(getattr(step, "request_id", None) or "")
    if request_id:
        short = request_id if len(request_id) <= SHORT_REQUEST_ID else request_id[:SHORT_REQUEST_ID] + "…"
        details.append(f"req {short}")
    error = getattr(step, "error", None)
    if error is not None:
        details.append(safe_text(getattr(error, "code", "") or "error"))
    second = Content.assemble("   ", (" · ".join(details), MUTED))
    return Content("\n").join([first, second])


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _json_lines(value: Any) -> str:
    """The indented JSON shown as lines: each line escaped too (JSON leaves bidi marks, C1 controls and the
    line separators as they are)."""
    return "\n".join(safe_text(line) for line in _json(value).split("\n"))


def step_detail(step: Any, position: int) -> Content:
    """Everything about one step: header, error and its explanation, notes, request, response."""
    ok = bool(getattr(step, "ok", True))
    index = getattr(step, "index", None) or position + 1
    glyph, style = ("✔", OK_STYLE) if ok else ("✘", FAIL_STYLE)
    parts: list[Content] = [
        Content.assemble((glyph, f"bold {style}"), (f" Step {index} · {safe_text(step.title)}", "bold"))
    ]
    facts = [safe_text(getattr(step, "service", "") or "")]
    status = getattr(step, "http_status", None)
    if status:
        facts.append(f"HTTP {status}")
    facts.append(format_elapsed_ms(step.duration_ms))
    parts.append(Content.styled(" · ".join(f for f in facts if f), MUTED))
    parts.append(Content.styled(f"request id {safe_text(step.request_id or '—')}", MUTED))
    error = getattr(step, "error", None)
    if error is not None:
        parts.append(Content(""))
        parts.append(
            Content.assemble(
                ("✘ ", FAIL_STYLE), (safe_text(getattr(error, "code", "Error")), f"bold {FAIL_STYLE}")
            )
        )
        parts.append(Content(safe_text(getattr(error, "message", "") or "")))
    explanation = _explanation(step)
    if explanation is not None:
        parts.append(Content.assemble(("Cause: ", "bold"), safe_text(explanation.cause)))
        parts.append(Content.assemble(("Next step: ", "bold"), safe_text(explanation.next_step)))
    parts += _extras(step)
    parts.append(Content(""))
    parts.append(Content.styled("Request (secrets redacted)", "bold"))
    parts.append(Content(_json_lines(getattr(step, "request", {}) or {})))
    response = getattr(step, "response", None)
    if response:
        parts.append(Content.styled("Response", "bold"))
        parts.append(Content(_json_lines(response)))
    return Content("\n").join(parts)


def _extras(step: Any) -> list[Content]:
    """Sign-in facts (SECRET_HASH username, challenge, what is asked next) and notes."""
    lines: list[Content] = []
    hashed = getattr(step, "hashed_username", None)
    if hashed is not None:
        lines.append(
            Content.assemble(
                ("SECRET_HASH over: ", "bold"),
                safe_text(getattr(hashed, "value", hashed)),
                (f"  ({safe_text(getattr(hashed, 'source', ''))})", MUTED),
            )
        )
    challenge = getattr(step, "challenge", None)
    if challenge:
        lines.append(Content.assemble(("Challenge: ", "bold"), safe_text(challenge)))
    asked = getattr(step, "next", None)
    if asked is not None and getattr(asked, "prompt", None):
        lines.append(Content.assemble(("Asks next: ", "bold"), safe_text(asked.prompt)))
    notes = tuple(getattr(step, "notes", ()) or ())
    if notes:
        lines.append(Content(""))
        lines += [Content.assemble(("• ", MUTED), safe_text(note)) for note in notes]
    return lines


class Timeline(HasCogtuiApp, Vertical):
    """Steps on the left (✔/✘, index, operation, title, duration, request id), details on the right."""

    HELP = "Arrows or Enter show a step's details; j copies the timeline as JSON; w saves it to a file."
    DEFAULT_CSS = """
    Timeline { height: 1fr; }
    Timeline > Horizontal { height: 1fr; }
    Timeline .timeline-steps {
        width: 45%; min-width: 38; max-width: 56; height: 1fr;
        border: none; padding: 0; background: transparent;
    }
    Timeline .timeline-steps:focus { background-tint: $foreground 3%; }
    Timeline .timeline-detail {
        width: 1fr; height: 1fr; padding: 0 1; border-left: vkey $foreground 20%;
    }
    """
    BINDINGS = [
        Binding("j", "copy_json", "Copy timeline JSON", id="timeline.copy_json"),
        Binding("w", "save", "Save timeline…", id="timeline.save"),
    ]

    class StepSelected(Message):
        """The cursor moved to ``step`` (at ``position``, 0-based)."""

        def __init__(self, timeline: Timeline, step: Any, position: int) -> None:
            super().__init__()
            self.timeline = timeline
            self.step = step
            self.position = position

        @property
        def control(self) -> Timeline:
            return self.timeline

    def __init__(
        self,
        *,
        save_name: str = "timeline.json",
        empty: str = "No steps yet.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.save_name = save_name
        self.empty = empty
        self._steps: list[Any] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(
                Option(Content.styled(self.empty, "italic"), disabled=True), classes="timeline-steps"
            )
            with VerticalScroll(classes="timeline-detail"):
                yield Static("", classes="timeline-detail-text")

    @property
    def step_list(self) -> OptionList:
        return self.query_one(".timeline-steps", OptionList)

    # -- content -------------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[Any, ...]:
        """Every step shown, in order."""
        return tuple(self._steps)

    def number_of(self, step: Any) -> int | None:
        """The number the list shows for ``step`` (or for the renumbered copy of it), None if not shown."""
        for position, shown in enumerate(self._steps):
            same = shown is step or (
                getattr(shown, "started_at", None) == getattr(step, "started_at", object())
                and shown.operation == step.operation
            )
            if same:
                return int(getattr(shown, "index", None) or position + 1)
        return None

    @property
    def selected_step(self) -> Any | None:
        highlighted = self.step_list.highlighted if self._steps else None
        if highlighted is None or not 0 <= highlighted < len(self._steps):
            return None
        return self._steps[highlighted]

    def add_step(self, step: Any) -> None:
        """Append ``step`` and select it (a running flow is followed as it goes)."""
        option_list = self.step_list
        if not self._steps:
            option_list.clear_options()
        self._steps.append(step)
        position = len(self._steps) - 1
        option_list.add_option(Option(step_label(step, position)))
        self.select(position)
        self.refresh_bindings()

    def set_steps(self, steps: Iterable[Any]) -> None:
        """Replace every step; the last one is selected."""
        self.clear()
        for step in steps:
            self.add_step(step)

    def clear(self) -> None:
        self._steps = []
        option_list = self.step_list
        option_list.clear_options()
        option_list.add_option(Option(Content.styled(self.empty, "italic"), disabled=True))
        self._show(None, 0)
        self.refresh_bindings()

    def select(self, position: int) -> None:
        """Move the cursor to the step at ``position`` (0-based) and show its details."""
        if 0 <= position < len(self._steps):
            self.step_list.highlighted = position
            self._show(self._steps[position], position)

    def to_json(self) -> str:
        """The redacted timeline: ``[step.to_dict() for step in steps]``."""
        return _json([step.to_dict() for step in self._steps]) + "\n"

    def _show(self, step: Any | None, position: int) -> None:
        text = self.query_one(".timeline-detail-text", Static)
        if step is None:
            text.update(Content.styled("Select a step to see its request, response and any error.", MUTED))
            return
        text.update(step_detail(step, position))

    @on(OptionList.OptionHighlighted, ".timeline-steps")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        position = event.option_index
        if 0 <= position < len(self._steps):
            self._show(self._steps[position], position)
            self.post_message(self.StepSelected(self, self._steps[position], position))

    @on(OptionList.OptionSelected, ".timeline-steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        position = event.option_index
        if 0 <= position < len(self._steps):
            self._show(self._steps[position], position)
            self.query_one(".timeline-detail", VerticalScroll).scroll_home(animate=False)

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy_json", "save"):
            return True if self._steps else None
        return True

    def action_copy_json(self) -> None:
        if self._steps:
            self.app.copy_to_clipboard_text(self.to_json(), "the timeline (redacted JSON)")

    def action_save(self) -> None:
        if self._steps:
            save_text(self.app, self.to_json(), what="the timeline", default_path=self.save_name)
