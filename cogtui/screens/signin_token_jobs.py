"""The sign-in screen's refresh-token jobs beside ``f`` (REFRESH_TOKEN_AUTH): rotate, and revoke with its proof.

``RefreshTokenActions`` is mixed into ``SignInScreen``. ``g`` sends GetTokensFromRefreshToken (refresh
token rotation) and publishes the new tokens; an endpoint without the operation is said on the
timeline. ``v`` asks for a confirmation, sends RevokeToken, then REFRESH_TOKEN_AUTH with the revoked
token, which Cognito must refuse: both are steps on the timeline, and the outcome says whether the
refresh token is proven dead. The calls run in workers through the core (cogtui.auth.token_jobs).
"""

from __future__ import annotations

from textual import work

from cogtui.aws.errors import CogtuiError
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.signin_parts import SignInMixin


class RefreshTokenActions(SignInMixin):
    """``g`` rotates the refresh token, ``v`` revokes it and proves it dead (a mixin of SignInScreen)."""

    def action_rotate_tokens(self) -> None:
        if self.session is not None and self.result is not None:
            self.rotate_worker()

    @work(exclusive=True, group="signin.rotate", exit_on_error=False)
    async def rotate_worker(self) -> None:
        session = self.session
        if session is None:
            return
        self.status.busy("GetTokensFromRefreshToken…")
        try:
            step = await session.rotate()
        except CogtuiError as err:
            self.status.error(err)
            return
        if step.error is not None:
            self.outcome.failed(step)
            self.status.error(
                f"GetTokensFromRefreshToken refused: {step.error.code}. The timeline explains it."
            )
            return
        self.publish_tokens()
        self.outcome.signed_in(session.result, self.who(), "Rotated: new tokens for")
        self.status.ok(step.notes[-1] if step.notes else "New tokens in the app state.")

    def action_revoke_token(self) -> None:
        message = (
            f"RevokeToken revokes this sign-in's refresh token for {self.who()} and the access tokens issued "
            "with it; then REFRESH_TOKEN_AUTH with it must be refused, which proves it dead."
        )
        confirm = ConfirmScreen("Revoke the refresh token?", message, "Revoke", danger=True)
        self.app.push_screen(confirm, self._revoke_confirmed)

    def _revoke_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.revoke_worker()

    @work(exclusive=True, group="signin.revoke", exit_on_error=False)
    async def revoke_worker(self) -> None:
        if self.session is None:
            return
        self.status.busy("RevokeToken…")
        try:
            step = await self.session.revoke()
            if step.error is not None:
                self.outcome.failed(step)
                self.status.error(f"RevokeToken refused: {step.error.code}. The timeline explains it.")
                return
            self.signed_out = True
            self.refresh_bindings()
            self.status.busy("Proving it: REFRESH_TOKEN_AUTH with the revoked refresh token…")
            proof, dead = await self.session.prove_revoked()
        except CogtuiError as err:
            self.status.error(err)
            return
        if dead:
            refusal = proof.error.code if proof.error is not None else "refused"
            self.outcome.done(
                f"Revoked, and proven dead: REFRESH_TOKEN_AUTH with it was refused ({refusal}) "
                f"at step {proof.index}. Sign in again for new tokens."
            )
            self.status.ok("The refresh token is revoked and refused.")
        else:
            self.outcome.failed(proof)
            self.status.error(proof.notes[-1])
