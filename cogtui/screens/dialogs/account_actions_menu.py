"""The menu of the user's own account calls (sign up, forgot password...), opened with ``a`` on the
sign-in screen: a ``ChoiceScreen`` whose actions needing a signed-in user are greyed out without one.

It dismisses with the action's name; ``cogtui.screens.account_actions`` then runs it.
"""

from __future__ import annotations

from textual.binding import Binding

from cogtui.screens.dialogs.choice import ChoiceScreen

__all__ = ["ACTIONS", "AccountActionsMenu"]

# (action, label, needs a signed-in user's access token)
ACTIONS: tuple[tuple[str, str, bool], ...] = (
    ("sign_up", "Sign up a new user (then confirm it)", False),
    ("confirm_sign_up", "Confirm a sign-up with its code", False),
    ("resend_code", "Resend the sign-up confirmation code", False),
    ("forgot_password", "Forgot password: send a reset code (then reset)", False),
    ("confirm_forgot_password", "Reset a password with its code", False),
    ("change_password", "Change the signed-in user's password", True),
    ("enrol_totp", "Set up an authenticator app (TOTP) for the signed-in user", True),
)


class AccountActionsMenu(ChoiceScreen):
    """Pick an account action; dismisses with its name or None."""

    DEFAULT_CSS = """
    AccountActionsMenu > .dialog-box { max-height: 90%; }
    AccountActionsMenu .choice-message { color: $text-muted; }
    AccountActionsMenu OptionList { max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="account.cancel")]
    TITLE_ID = "actions-title"
    MESSAGE_ID = "actions-note"
    LIST_ID = "actions-list"

    def __init__(self, signed_in: bool, note: str = "") -> None:
        super().__init__(
            "Account actions",
            note or "Public Cognito calls, as the app itself would make them.",
            [
                (name, label + ("" if signed_in or not needs else "  (sign in first)"))
                for name, label, needs in ACTIONS
            ],
            disabled={name for name, _, needs in ACTIONS if needs and not signed_in},
        )
        self.signed_in = signed_in
        self.note = note
