"""The admin actions of the user detail screen: keys, confirmation, the call, and what changed.

Every action asks first (naming the user and the pool), is greyed out with ``--read-only`` and
refused here before any prompt, and is refused again by the gateway (ReadOnlyError) should a call
get through. After a call the user is fetched again and the difference is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual import events, work
from textual.binding import Binding

from cogtui.auth.password_policy import describe_policy, password_failures
from cogtui.aws.errors import CogtuiError
from cogtui.aws.user_actions import ACTIONS, UserAction, describe_changes, set_password_detail
from cogtui.screens import user_edit_flows as more
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.password_prompt import PasswordPrompt

if TYPE_CHECKING:
    from cogtui.screens.base import CogtuiScreen
    from cogtui.screens.user_detail import UserSnapshot
    from cogtui.widgets.status_line import StatusLine

ADMIN_BINDINGS = [
    Binding("C", "confirm_signup", "Confirm sign-up", id="user.confirm_signup"),
    Binding("e", "enable", "Enable", id="user.enable"),
    Binding("d", "disable", "Disable", id="user.disable"),
    Binding("p", "reset_password", "Reset password", id="user.reset_password"),
    Binding("P", "set_password", "Set password", id="user.set_password"),
    Binding("g", "add_to_group", "Add to group", id="user.add_to_group"),
    Binding("G", "remove_from_group", "Remove from group", id="user.remove_from_group"),
    Binding("o", "global_sign_out", "Sign out everywhere", id="user.global_sign_out"),
    Binding("a", "edit_attributes", "Edit attributes", id="user.edit_attributes"),
    Binding("v", "mark_verified", "Mark verified", id="user.mark_verified"),
    Binding("m", "set_mfa", "MFA preference", id="user.set_mfa"),
    Binding("f", "forget_device", "Forget device", id="user.forget_device"),
    Binding("i", "resend_invitation", "Resend invitation", id="user.resend_invitation"),
    Binding("delete", "delete", "Delete user", id="user.delete"),
]

CANCELLED = "Cancelled: nothing changed."
RESET_FORCE_CHANGE = (
    "Reset password does not apply: {user} still has the temporary password an administrator set "
    "(FORCE_CHANGE_PASSWORD), and Cognito refuses to reset it. P (Set password) gives a new one."
)


async def password_check(gateway: Any, pool_id: str) -> Callable[[str], str | None] | None:
    """A check of a new password against the pool's policy, run before anything is sent."""
    try:
        pool = await gateway.describe_user_pool(pool_id)
    except CogtuiError:
        return None  # the policy cannot be read: Cognito checks the password itself
    policy = pool.password_policy

    def check(password: str) -> str | None:
        failures = password_failures(policy, password)
        if not failures:
            return None
        return f"Not sent: {', '.join(failures)}. The pool requires {describe_policy(policy)}."

    return check


class UserScreenParts(Protocol):
    """What UserDetailScreen gives the mixin: the user and pool, what is shown, and how to show more."""

    pool_id: str
    pool_name: str
    username: str
    snapshot: UserSnapshot | None
    deleted: bool

    @property
    def status(self) -> StatusLine: ...

    async def fetch(self) -> UserSnapshot: ...

    def show(self, snapshot: UserSnapshot) -> None: ...

    def show_change(self, text: str) -> None: ...

    def action_back(self) -> None: ...


if TYPE_CHECKING:

    class _UserScreen(UserScreenParts, CogtuiScreen):
        """The screen the mixin lives in, as the type checker sees it."""

else:
    _UserScreen = object


class UserAdminActions(_UserScreen):
    """Mixed into UserDetailScreen, which provides pool_id, pool_name, username, snapshot, status,
    fetch(), show(), show_change() and the ``deleted`` flag."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        spec = ACTIONS.get(action)
        if spec is None:
            return True
        if self.app.settings.read_only:
            return None  # shown greyed out: the action exists, but not in this mode
        if self.snapshot is None or self.deleted:
            return None
        if not spec.applies(self.snapshot.user):
            return False
        if self._unavailable(spec) is not None:
            return None  # listed, greyed: the key says why when pressed
        if action == "reset_password" and self.snapshot.user.status == "FORCE_CHANGE_PASSWORD":
            return None  # Cognito refuses it: the user has no password of their own to reset yet
        if action in ("add_to_group", "remove_from_group") and self.snapshot.groups_error is not None:
            return None  # the user's groups could not be read: which to offer is unknown
        if action == "remove_from_group" and not self.snapshot.groups:
            return None
        return True

    def _unavailable(self, action: UserAction) -> str | None:
        """Why one of the newer actions cannot be used on this user now, or None."""
        if self.snapshot is None:
            return None
        if action.unavailable is not None:
            reason = action.unavailable(self.snapshot.user)
            if reason is not None:
                return reason
        if action.name == "forget_device":
            return more.why_no_device(self.snapshot, self.username)
        return None

    def why_not(self, action: UserAction) -> str:
        """Why a dimmed admin key does nothing now, in one line."""
        if self.app.settings.read_only:
            return (
                f"⊘ read-only: {action.doing} is refused (cogtui runs with --read-only; nothing was changed)."
            )
        if self.deleted:
            return f"{self.username} was deleted: there is nothing left to act on."
        if self.snapshot is None:
            return (
                f"{action.label}: {self.username} could not be read yet, so its state is unknown (r: retry)."
            )
        if action.name in ("add_to_group", "remove_from_group") and self.snapshot.groups_error is not None:
            return f"{action.label}: the groups of {self.username} could not be read (r: retry)."
        if action.name == "reset_password" and self.snapshot.user.status == "FORCE_CHANGE_PASSWORD":
            return RESET_FORCE_CHANGE.format(user=self.username)
        reason = self._unavailable(action)
        if reason is not None:
            return reason
        if action.name == "remove_from_group":
            return f"{self.username} is in no group."
        return f"{action.label} does not apply to {self.username} now."

    def on_key(self, event: events.Key) -> None:
        """A dimmed admin key says why it does nothing instead of staying silent."""
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled:
            return
        action = ACTIONS.get(active.binding.action)
        if action is None:
            return
        event.stop()
        self.status.error(self.why_not(action))

    def action_confirm_signup(self) -> None:
        self.run_admin("confirm_signup")

    def action_enable(self) -> None:
        self.run_admin("enable")

    def action_disable(self) -> None:
        self.run_admin("disable")

    def action_reset_password(self) -> None:
        self.run_admin("reset_password")

    def action_set_password(self) -> None:
        self.run_admin("set_password")

    def action_add_to_group(self) -> None:
        self.run_admin("add_to_group")

    def action_remove_from_group(self) -> None:
        self.run_admin("remove_from_group")

    def action_global_sign_out(self) -> None:
        self.run_admin("global_sign_out")

    def action_delete(self) -> None:
        self.run_admin("delete")

    def action_edit_attributes(self) -> None:
        self.run_admin("edit_attributes")

    def action_mark_verified(self) -> None:
        self.run_admin("mark_verified")

    def action_set_mfa(self) -> None:
        self.run_admin("set_mfa")

    def action_forget_device(self) -> None:
        self.run_admin("forget_device")

    def action_resend_invitation(self) -> None:
        self.run_admin("resend_invitation")

    @property
    def pool_label(self) -> str:
        return f"{self.pool_name} ({self.pool_id})"

    @work(exclusive=True, group="user.action", exit_on_error=False)
    async def run_admin(self, name: str) -> None:
        action = ACTIONS[name]
        if self.app.settings.read_only:
            self.status.error(
                f"⊘ {action.label} refused: cogtui runs with --read-only, so nothing was changed."
            )
            return
        before = self.snapshot
        if before is None or self.deleted:
            return
        if self._unavailable(action) is not None:
            self.status.error(self.why_not(action))
            return
        asked = await self._ask_details(action, before)
        if asked is None:
            self.status.info(CANCELLED)
            return
        extra, detail = asked
        confirmed = await self.app.push_screen_wait(
            ConfirmScreen(
                f"{action.label}: {self.username}",
                action.question(self.username, self.pool_name, self.pool_id, detail),
                confirm_label=action.label,
                danger=action.danger,
                type_to_confirm=self.username if action.typed else None,
            )
        )
        if not confirmed:
            self.status.info(CANCELLED)
            return
        self.status.busy(f"{action.label}: {self.username}…")
        try:
            await more.send(self, action.operation, extra)
        except CogtuiError as err:
            if name == "reset_password" and err.code == "NotAuthorizedException":
                # "User password cannot be reset in the current state.": retrying cannot help
                self.status.error(
                    f"{err.message} Retrying cannot help: P (Set password) gives a new password."
                )
            else:
                self.status.error(err)
            self.app.notify(err.describe(), title=err.title, severity="error", markup=False)
            return
        if name == "delete":
            self._deleted(before)
            return
        await self._after(action, before, detail)

    async def _ask_details(
        self, action: UserAction, before: UserSnapshot
    ) -> tuple[dict[str, Any], str] | None:
        """The extra parameters an action needs (a password, a group); None when the user cancels."""
        if action.name == "set_password":
            check = await self._password_check()
            answer = await self.app.push_screen_wait(PasswordPrompt(self.username, self.pool_label, check))
            if answer is None:
                return None
            password, permanent = answer
            return {"Password": password, "Permanent": permanent}, set_password_detail(permanent)
        if action.name in ("add_to_group", "remove_from_group"):
            group = await self._pick_group(action, before)
            return None if group is None else ({"GroupName": group}, f"{group!r}")
        if action.name in more.MORE_ACTIONS:
            return await more.ask(self, action.name, before)
        return {}, ""

    async def _password_check(self) -> Any:
        return await password_check(self.app.gateway, self.pool_id)

    async def _pick_group(self, action: UserAction, before: UserSnapshot) -> str | None:
        current = set(before.group_names)
        if action.name == "remove_from_group":
            options = [(g.name, g.name) for g in before.groups]
        else:
            try:
                pool_groups = [g async for page in self.app.gateway.iter_groups(self.pool_id) for g in page]
            except CogtuiError as err:
                self.status.error(err)
                return None
            options = [
                (g.name, f"{g.name}  {g.description}".rstrip()) for g in pool_groups if g.name not in current
            ]
            if not options:
                self.status.info(f"{self.username} is already in every group of {self.pool_name}.")
                return None
        verb = "Remove from" if action.name == "remove_from_group" else "Add to"
        return await self.app.push_screen_wait(
            ChoiceScreen(f"{verb} group", f"User {self.username!r} in pool {self.pool_label}", options)
        )

    async def _after(self, action: UserAction, before: UserSnapshot, detail: str) -> None:
        try:
            after = await more.refreshed(self, action.name, await self.fetch())
        except CogtuiError as err:
            self.status.error(err)
            return
        self.show(after)
        changes = describe_changes(before.user, after.user, before.group_names, after.group_names)
        if action.name == "global_sign_out":
            changes.append("every refresh token revoked")
        if action.name == "set_password":
            changes.append("password replaced " + ("(permanent)" if "permanent" in detail else "(temporary)"))
        if action.name == "resend_invitation":
            changes.append("invitation sent again with a new temporary password")
        if action.name == "forget_device":
            changes.append(f"device {detail} forgotten")
        done = f"✔ {action.label} {detail}".rstrip() + f" — {self.username}: "
        text = done + ("; ".join(changes) if changes else "no visible change")
        self.show_change(text)
        self.status.ok(f"{action.label} done for {self.username}.")

    def _deleted(self, before: UserSnapshot) -> None:
        """The user is gone: back to where the detail was opened from, which drops the user's row."""
        self.deleted = True
        self.app.notify(f"Deleted {self.username} from {self.pool_label}.", markup=False)
        self.action_back()
