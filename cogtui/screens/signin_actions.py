"""What the sign-in screen does with a signed-in user: publish the tokens, refresh, sign out, replay, account.

``SignedInActions`` is mixed into ``SignInScreen`` (it uses its ``session``, ``form``, ``timeline``,
``outcome``, ``status`` and flags). The tokens go to the app state for the token inspector and the
identity-pool screen; ``f`` refreshes them (REFRESH_TOKEN_AUTH), ``o`` signs out everywhere after a
confirmation, ``p`` replays the last challenge answer to show what a double submit gets, and ``a``
opens the account actions (cogtui.screens.account_actions), whose calls land on the same timeline.
"""

from __future__ import annotations

from typing import Any

from textual import work

from cogtui.aws.errors import CogtuiError
from cogtui.screens.account_actions import AccountTarget, run_account_action
from cogtui.screens.dialogs.account_actions_menu import AccountActionsMenu
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.signin_parts import SignInMixin


class SignedInActions(SignInMixin):
    """The screen's actions once a sign-in has tokens (a mixin of SignInScreen, see ``SignInParts``)."""

    def who(self) -> str:
        result = self.result
        name = (result.cognito_username if result else None) or self.form.username
        return name or "the user"

    def publish_tokens(self) -> None:
        """The tokens into the app state, for the token inspector and the identity-pool screen."""
        result = self.result
        if result is None or self.session is None:
            return
        request = self.session.request
        self.app.update_state(tokens=result.app_tokens(request.pool_id, request.client_id, self.who()))

    # -- after signing in -----------------------------------------------------------------------

    def action_refresh_tokens(self) -> None:
        if self.result is not None and not self.running:
            self.refresh_worker()

    @work(exclusive=True, group="signin.refresh", exit_on_error=False)
    async def refresh_worker(self) -> None:
        assert self.session is not None
        self.status.busy("REFRESH_TOKEN_AUTH…")
        try:
            step = await self.session.refresh()
        except CogtuiError as err:
            self.status.error(err)
            return
        if step.error is not None:
            self.outcome.failed(step)
            self.status.error(f"The refresh was refused: {step.error.code}.")
            return
        self.publish_tokens()
        self.outcome.signed_in(self.session.result, self.who(), "Refreshed: new tokens for")
        self.status.ok("Refreshed: the app state has the new ID and access tokens (t inspects them).")

    def action_sign_out(self) -> None:
        message = (
            f"GlobalSignOut revokes every refresh token of {self.who()} on every device; "
            "the access token stops working for user APIs."
        )
        confirm = ConfirmScreen("Sign out everywhere?", message, "Sign out", danger=True)
        self.app.push_screen(confirm, self._sign_out_confirmed)

    def _sign_out_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.sign_out_worker()

    @work(exclusive=True, group="signin.sign_out", exit_on_error=False)
    async def sign_out_worker(self) -> None:
        if self.session is None:
            return
        self.status.busy("GlobalSignOut…")
        try:
            step = await self.session.sign_out()
        except CogtuiError as err:
            self.status.error(err)
            return
        if step.error is not None:
            self.outcome.failed(step)
            self.status.error(f"Sign-out refused: {step.error.code}.")
            return
        self.signed_out = True
        self.refresh_bindings()
        self.outcome.done(
            f"Signed out everywhere: every refresh token of {self.who()} is revoked. "
            "The tokens stay in the inspector (t) to compare; sign in again for new ones."
        )
        self.status.ok("Signed out.")

    def action_replay(self) -> None:
        self.replay_worker()

    @work(exclusive=True, group="signin.replay", exit_on_error=False)
    async def replay_worker(self) -> None:
        if self.session is None:
            return
        try:
            step = await self.session.replay_last()
        except CogtuiError as err:
            self.status.error(err.message)
            return
        if step.error is not None:
            self.outcome.failed(step)
        self.status.info("Replayed the last answer with its (already used) session.")

    def action_account(self) -> None:
        signed_in = bool(self.result and self.result.access_token and not self.signed_out)
        note = f"As app client {self.form.client_name or self.form.client_id or '(none yet)'}."
        self.app.push_screen(AccountActionsMenu(signed_in, note), self._account_picked)

    def _account_picked(self, action: str | None) -> None:
        if action:
            self.account_worker(action)

    @work(exclusive=True, group="signin.account", exit_on_error=False)
    async def account_worker(self, action: str) -> None:
        form, result = self.form, self.result
        if not form.client_id:
            self.status.error("Pick or type an app client first.")
            return
        target = AccountTarget(
            client_id=form.client_id,
            client_secret=form.client_secret,
            username=form.username,
            access_token=result.access_token if result and not self.signed_out else None,
            pool_name=form.pool_name,
            context=self.session.context if self.session else None,
        )
        self.status.busy("Account action…")
        await run_account_action(self.app, action, target, self.account_step)
        self.status.info("Account action finished; the timeline has its calls.")

    def account_step(self, step: Any) -> None:
        self.add_step(step)
        if step.error is not None:
            self.outcome.failed(step)
        else:
            self.outcome.done(f"{step.title} succeeded (step {len(self.timeline.steps)}).")
