"""The administrator's actions on one user: what each does, when it applies, and what changed afterwards.

Pure data and functions (no I/O): the user detail screen reads the catalogue to build its keys and
confirmations, and calls :func:`describe_changes` on the user fetched before and after an action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cogtui.aws.models import User
from cogtui.aws.user_edits import unverified


@dataclass(frozen=True)
class UserAction:
    """One admin action. ``danger`` actions lock users out or lose data: Enter never confirms them."""

    name: str
    operation: str
    label: str
    template: str  # the question, with {user}, {pool} and {detail}
    consequence: str
    danger: bool
    applies: Callable[[User], bool]
    doing: str = ""  # the action as a gerund, for "read-only: deleting a user is refused"
    typed: bool = False  # irreversible: the username must be typed to confirm
    # Why the action cannot be used on this user now (shown on its greyed key), or None when it can.
    unavailable: Callable[[User], str | None] | None = None

    def question(self, username: str, pool_name: str, pool_id: str, detail: str = "") -> str:
        """The confirmation text: the action, the user AND the pool, then what will happen."""
        asked = self.template.format(user=repr(username), pool=f"{pool_name} ({pool_id})", detail=detail)
        return f"{asked}\n\n{self.consequence}"


def _always(_: User) -> bool:
    return True


def _no_external(u: User) -> str | None:
    if u.status == "EXTERNAL_PROVIDER":
        return f"{u.username} signs in through an external provider: Cognito keeps no such setting for it."
    return None


def _nothing_to_verify(u: User) -> str | None:
    if unverified(u):
        return None
    if not u.email and not u.phone:
        return f"{u.username} has no email or phone_number to mark verified."
    return f"The email and phone number of {u.username} are already verified."


def _not_invited(u: User) -> str | None:
    if u.status == "FORCE_CHANGE_PASSWORD":
        return None
    return (
        f"Resend invitation does not apply: {u.username} is {u.status}, and Cognito resends only to users "
        "who have not signed in yet (FORCE_CHANGE_PASSWORD)."
    )


ACTIONS: dict[str, UserAction] = {
    a.name: a
    for a in (
        UserAction(
            "confirm_signup",
            "AdminConfirmSignUp",
            "Confirm sign-up",
            "Confirm the sign-up of user {user} in pool {pool}?",
            "The user becomes CONFIRMED without entering the emailed or texted code.",
            danger=False,
            applies=lambda u: u.status == "UNCONFIRMED",
            doing="confirming a sign-up",
        ),
        UserAction(
            "enable",
            "AdminEnableUser",
            "Enable",
            "Enable user {user} in pool {pool}?",
            "The user can sign in again.",
            danger=False,
            applies=lambda u: not u.enabled,
            doing="enabling a user",
        ),
        UserAction(
            "disable",
            "AdminDisableUser",
            "Disable",
            "Disable user {user} in pool {pool}?",
            "The user can no longer sign in or refresh tokens, and Cognito revokes their access tokens "
            "(its own API calls with them fail). ID tokens, and access tokens an app checks locally, "
            "keep working until they expire.",
            danger=True,
            applies=lambda u: u.enabled,
            doing="disabling a user",
        ),
        UserAction(
            "reset_password",
            "AdminResetUserPassword",
            "Reset password",
            "Reset the password of user {user} in pool {pool}?",
            "The current password stops working (status RESET_REQUIRED): the user must choose a new one "
            "with the code Cognito sends to their verified e-mail address or phone number. Cognito refuses "
            "this when the pool has no account recovery set up.",
            danger=True,
            applies=lambda u: u.status != "EXTERNAL_PROVIDER",
            doing="resetting a password",
        ),
        UserAction(
            "set_password",
            "AdminSetUserPassword",
            "Set password",
            "Set a new password {detail} for user {user} in pool {pool}?",
            "The user's password is replaced. Permanent: the status becomes CONFIRMED. Temporary: the "
            "status becomes FORCE_CHANGE_PASSWORD and the next sign-in asks for a new password "
            "(NEW_PASSWORD_REQUIRED). Sessions already signed in are not ended: o signs out everywhere.",
            danger=True,
            applies=lambda u: u.status != "EXTERNAL_PROVIDER",
            doing="setting a password",
        ),
        UserAction(
            "add_to_group",
            "AdminAddUserToGroup",
            "Add to group",
            "Add user {user} of pool {pool} to group {detail}?",
            "Tokens issued from now on list the group in cognito:groups.",
            danger=False,
            applies=_always,
            doing="adding a user to a group",
        ),
        UserAction(
            "remove_from_group",
            "AdminRemoveUserFromGroup",
            "Remove from group",
            "Remove user {user} of pool {pool} from group {detail}?",
            "Tokens issued from now on no longer list the group in cognito:groups.",
            danger=False,
            applies=_always,
            doing="removing a user from a group",
        ),
        UserAction(
            "global_sign_out",
            "AdminUserGlobalSignOut",
            "Sign out everywhere",
            "Sign user {user} of pool {pool} out of every device?",
            "Cognito revokes every refresh token of the user and stops accepting their access tokens in "
            "its own API calls. Tokens an app checks locally stay valid until they expire, and a managed "
            "login (hosted UI) session cookie is not cleared.",
            danger=True,
            applies=_always,
            doing="signing a user out everywhere",
        ),
        UserAction(
            "edit_attributes",
            "AdminUpdateUserAttributes",
            "Edit attributes",
            "Change the attributes of user {user} in pool {pool}: {detail}?",
            "Tokens issued from now on carry the new values; tokens already issued keep the old ones. "
            "A changed email or phone number is no longer verified (Cognito may send a code to it), and an "
            "emptied field deletes the attribute (AdminDeleteUserAttributes).",
            danger=False,
            applies=_always,
            doing="editing attributes",
        ),
        UserAction(
            "mark_verified",
            "AdminUpdateUserAttributes",
            "Mark verified",
            "Mark the {detail} of user {user} in pool {pool} as verified?",
            "Cognito treats it as confirmed by the user: it can receive password-reset codes and, where the "
            "pool allows, be used to sign in. No message is sent.",
            danger=False,
            applies=_always,
            doing="marking an email or phone verified",
            unavailable=_nothing_to_verify,
        ),
        UserAction(
            "set_mfa",
            "AdminSetUserMFAPreference",
            "MFA preference",
            "Set the MFA of user {user} in pool {pool}: {detail}?",
            "It applies from the user's next sign-in; sessions already signed in are not affected.",
            danger=False,
            applies=_always,
            doing="setting an MFA preference",
            unavailable=_no_external,
        ),
        UserAction(
            "forget_device",
            "AdminForgetDevice",
            "Forget device",
            "Forget the device {detail} of user {user} in pool {pool}?",
            "The device is no longer remembered: its next sign-in counts as a new device, asked for MFA "
            "again where the pool skips it only on remembered devices.",
            danger=True,
            applies=_always,
            doing="forgetting a device",
        ),
        UserAction(
            "resend_invitation",
            "AdminCreateUser",
            "Resend invitation",
            "Resend the invitation to user {user} of pool {pool} {detail}?",
            "Cognito sends the welcome message again with a new temporary password (the old one stops "
            "working) and restarts the time the user has to sign in with it.",
            danger=False,
            applies=_always,
            doing="resending an invitation",
            unavailable=_not_invited,
        ),
        UserAction(
            "delete",
            "AdminDeleteUser",
            "Delete",
            "Delete user {user} from pool {pool}?",
            "The user and all their attributes are deleted. This cannot be undone.",
            danger=True,
            applies=_always,
            doing="deleting a user",
            typed=True,
        ),
    )
}


CREATE_USER = UserAction(
    "create_user",
    "AdminCreateUser",
    "Create user",
    "Create user {user} in pool {pool} with {detail}?",
    "The user starts as FORCE_CHANGE_PASSWORD: at the first sign-in they must choose a new password "
    "(NEW_PASSWORD_REQUIRED), within the pool's temporary-password validity.",
    danger=False,
    applies=_always,
    doing="creating a user",
)


def set_password_detail(permanent: bool) -> str:
    if permanent:
        return "(permanent: the user signs in with it directly)"
    return "(temporary: the user must choose a new one at the next sign-in)"


def describe_changes(
    before: User,
    after: User | None,
    groups_before: tuple[str, ...] = (),
    groups_after: tuple[str, ...] = (),
) -> list[str]:
    """What differs between two snapshots of a user, one line each (``after`` None = deleted)."""
    if after is None:
        return [f"{before.username} was deleted"]
    changes: list[str] = []
    if before.status != after.status:
        changes.append(f"status {before.status} → {after.status}")
    if before.enabled != after.enabled:
        changes.append("enabled → disabled" if before.enabled else "disabled → enabled")
    for name in sorted(set(before.attributes) | set(after.attributes)):
        old, new = before.attributes.get(name), after.attributes.get(name)
        if old != new:
            changes.append(
                f"{name}: {old if old is not None else '(none)'} → {new if new is not None else '(none)'}"
            )
    if before.mfa_settings != after.mfa_settings or before.preferred_mfa != after.preferred_mfa:
        changes.append("MFA settings changed")
    added = sorted(set(groups_after) - set(groups_before))
    removed = sorted(set(groups_before) - set(groups_after))
    if added:
        changes.append("added to " + ", ".join(added))
    if removed:
        changes.append("removed from " + ", ".join(removed))
    return changes
