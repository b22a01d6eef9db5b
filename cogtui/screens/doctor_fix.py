"""Fix it from the doctor: f runs an admin action the verdict offers, then the doctor runs again.

With several actions the person picks one; an action that sets a password asks for it (masked, checked
against the pool's policy before anything is sent). Every action asks first, naming the user (or the
app client) and the pool, in the confirmation the user page uses; with ``--read-only`` it is refused
here, and again by the gateway should a call get through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import work

from cogtui.auth.doctor import AdminAction, Verdict
from cogtui.auth.doctor.remedy import apply, is_danger, question
from cogtui.aws.errors import CogtuiError
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.password_prompt import PasswordPrompt
from cogtui.screens.user_admin import CANCELLED, password_check
from cogtui.widgets.status_line import StatusLine

READ_ONLY = "⊘ {label} refused: cogtui runs with --read-only, so nothing was changed."


class DoctorScreenParts(Protocol):
    """What SignInDoctorScreen gives the mixin: the pool, the verdict, its status line and the doctor."""

    pool_id: str
    pool_name: str
    verdict: Verdict | None

    @property
    def status(self) -> StatusLine: ...

    async def diagnose(self, done: str = "") -> None: ...


if TYPE_CHECKING:

    class _DoctorScreen(DoctorScreenParts, CogtuiScreen):
        """The screen the mixin lives in, as the type checker sees it."""

else:
    _DoctorScreen = object


class DoctorFixes(_DoctorScreen):
    """Mixed into SignInDoctorScreen (see ``DoctorScreenParts``)."""

    async def _pick(self, verdict: Verdict) -> AdminAction | None:
        actions = verdict.actions
        if len(actions) == 1:
            return actions[0]
        who = verdict.username or verdict.typed
        picked = await self.app.push_screen_wait(
            ChoiceScreen(
                "Fix it",
                f"What the doctor offers for {who!r} in pool {self.pool_name or self.pool_id}:",
                [(str(i), f"{a.label}  ({a.operation})") for i, a in enumerate(actions)],
            )
        )
        return None if picked is None else actions[int(picked)]

    async def _password(self, verdict: Verdict, action: AdminAction) -> tuple[str, bool] | None:
        check = await password_check(self.app.gateway, self.pool_id)
        label = f"{self.pool_name} ({self.pool_id})" if self.pool_name else self.pool_id
        permanent = bool(action.params.get("Permanent", False))
        return await self.app.push_screen_wait(
            PasswordPrompt(verdict.username or verdict.typed, label, check, permanent=permanent)
        )

    @work(exclusive=True, group="doctor.fix", exit_on_error=False)
    async def run_fix(self) -> None:
        verdict = self.verdict
        if verdict is None:
            self.status.info("The doctor has not answered yet.")
            return
        if not verdict.actions:
            self.status.info("Nothing to fix from here: no check offers an admin action.")
            return
        if self.app.settings.read_only:
            labels = ", ".join(a.label for a in verdict.actions)
            self.status.error(READ_ONLY.format(label=labels))
            return
        action = await self._pick(verdict)
        if action is None:
            self.status.info(CANCELLED)
            return
        password, extra, permanent = None, {}, None
        if action.needs_password:
            answer = await self._password(verdict, action)
            if answer is None:
                self.status.info(CANCELLED)
                return
            password, permanent = answer
            extra = {"Permanent": permanent}
        who = verdict.username or verdict.typed
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(
                f"{action.label}: {who}",
                question(action, verdict, self.pool_name, permanent),
                confirm_label=action.label,
                danger=is_danger(action),
            )
        )
        if not confirmed:
            self.status.info(CANCELLED)
            return
        self.status.busy(f"{action.label}: {who}…")
        try:
            await apply(self.app.gateway, verdict, action, password, **extra)
        except CogtuiError as err:
            self.status.error(err)
            return
        done = f"{action.label} ({action.operation}) done for {who}."
        await self.diagnose(done)
