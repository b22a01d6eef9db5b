"""The details the newer user actions ask for before their confirmation, and the calls they make.

Edit attributes (a form of the attributes the schema lets change), mark verified (which contact),
MFA preference (the factors the pool offers and the user has set up, the others with the reason),
forget a device (one of the remembered devices), resend the invitation; and creating a user from the
users list. Each asker returns ``(extra, detail)`` for the confirmation, or None when the user cancels.
Must be awaited inside a worker, since they wait for dialogs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.user_actions import CREATE_USER
from cogtui.aws.user_edits import (
    VERIFIED_FLAGS,
    NewUser,
    attribute_edit,
    attribute_fields,
    locked_in,
    mfa_label,
    mfa_options,
    mfa_params,
    unverified,
    verify_params,
)
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.user_forms import AttributeForm, CreateUserDialog

if TYPE_CHECKING:
    from cogtui.screens.user_detail import UserSnapshot

Asked = tuple[dict[str, Any], str] | None
MORE_ACTIONS = frozenset(
    {"edit_attributes", "mark_verified", "set_mfa", "forget_device", "resend_invitation"}
)
_LABELS = {"email": "email", "phone_number": "phone number"}


def remembered_devices(snapshot: UserSnapshot) -> list[dict[str, Any]] | None:
    """The devices read for the user, or None when they could not be read (or are not reported)."""
    return snapshot.devices if isinstance(snapshot.devices, list) else None


def why_no_device(snapshot: UserSnapshot, username: str) -> str | None:
    if not snapshot.extras_loaded:
        return f"The devices of {username} are still being read."
    devices = remembered_devices(snapshot)
    if devices is None:
        return f"The devices of {username} could not be read here, so there is none to forget."
    if not devices:
        return f"{username} has no remembered device."
    return None


async def ask(screen: Any, name: str, before: UserSnapshot) -> Asked:
    """The extra parameters and the confirmation's detail for one of ``MORE_ACTIONS``."""
    user, gateway = before.user, screen.app.gateway
    if name == "edit_attributes":
        pool = await _optional(gateway.describe_user_pool(screen.pool_id))
        fields = attribute_fields(user, pool)
        values = await screen.app.push_screen_wait(AttributeForm(screen.username, screen.pool_label, fields))
        if values is None:
            return None
        edit = attribute_edit({f.name: f.value for f in fields}, values)
        refused = locked_in(edit, pool)
        if refused:
            screen.status.error("Not sent: " + "; ".join(refused))
            return None
        return {"edit": edit}, edit.describe()
    if name == "mark_verified":
        targets = unverified(user)
        if len(targets) > 1:
            options = [(a, f"{_LABELS[a]} {user.attributes[a]}") for a in targets]
            picked = await screen.app.push_screen_wait(
                ChoiceScreen(
                    "Mark verified", f"User {screen.username!r} in pool {screen.pool_label}", options
                )
            )
            if picked is None:
                return None
            targets = [picked]
        attribute = targets[0]
        detail = f"{_LABELS[attribute]} {user.attributes[attribute]!r} ({VERIFIED_FLAGS[attribute]} = true)"
        return verify_params(attribute), detail
    if name == "set_mfa":
        pool_mfa = await _optional(gateway.get_mfa_config(screen.pool_id))
        current = f"Now: methods {', '.join(user.mfa_settings) or 'none'}; preferred {user.preferred_mfa or 'none'}."
        if pool_mfa is None:
            current += " The pool's MFA settings could not be read: Cognito checks them itself."
        factors = mfa_options(user, pool_mfa)
        choice = await screen.app.push_screen_wait(
            ChoiceScreen(
                f"MFA of {screen.username!r} in pool {screen.pool_label}",
                current,
                [(o.value, o.label if o.reason is None else f"✘ {o.label}: {o.reason}") for o in factors],
                disabled=[o.value for o in factors if o.reason is not None],
            )
        )
        return None if choice is None else (mfa_params(choice), mfa_label(choice))
    if name == "forget_device":
        devices = remembered_devices(before) or []
        options = [(str(d.get("DeviceKey", "")), _device_label(d)) for d in devices]
        key = await screen.app.push_screen_wait(
            ChoiceScreen("Forget device", f"User {screen.username!r} in pool {screen.pool_label}", options)
        )
        if key is None:
            return None
        label = next((label for value, label in options if value == key), key)
        return {"DeviceKey": key}, repr(label)
    if name == "resend_invitation":
        mediums = tuple(
            m for m, attr in (("EMAIL", "email"), ("SMS", "phone_number")) if user.attributes.get(attr)
        )
        detail = "by " + " and ".join("email" if m == "EMAIL" else "SMS" for m in mediums) if mediums else ""
        extra: dict[str, Any] = {"MessageAction": "RESEND"}
        if mediums:
            extra["DesiredDeliveryMediums"] = list(mediums)
        return extra, detail
    return {}, ""


async def send(screen: Any, operation: str, extra: dict[str, Any]) -> None:
    """The call(s): an attribute edit may set some attributes and delete others."""
    gateway = screen.app.gateway
    edit = extra.get("edit")
    if edit is None:
        await gateway.admin_action(operation, screen.pool_id, screen.username, **extra)
        return
    if edit.updates:
        await gateway.update_user_attributes(screen.pool_id, screen.username, edit.updates)
    if edit.deletes:
        await gateway.delete_user_attributes(screen.pool_id, screen.username, edit.deletes)


async def refreshed(screen: Any, name: str, after: UserSnapshot) -> UserSnapshot:
    """The snapshot fetched after an action, with the devices read again when one was forgotten."""
    if name != "forget_device":
        return after
    devices = await _optional(screen.app.gateway.user_devices(screen.pool_id, screen.username))
    return replace(after, devices=devices)


def _device_label(device: dict[str, Any]) -> str:
    attrs = {a.get("Name"): a.get("Value", "") for a in device.get("DeviceAttributes") or []}
    name = attrs.get("device_name") or "device"
    return f"{name}  {device.get('DeviceKey', '')}"


async def _optional(call: Any) -> Any:
    try:
        return await call
    except CogtuiError:
        return None


# -- creating a user (from the users list) -------------------------------------------------------


async def create_user(screen: Any, pool_id: str, pool_name: str) -> str | None:
    """Ask, confirm and create a user in the pool; the new username, or None. In a worker only."""
    app = screen.app
    pool_label = f"{pool_name} ({pool_id})"
    if app.settings.read_only:
        screen.status.error(
            f"⊘ {CREATE_USER.label} refused: cogtui runs with --read-only, so nothing was changed."
        )
        return None
    pool = await _optional(app.gateway.describe_user_pool(pool_id))
    note = ""
    if pool is not None and pool.username_attributes:
        note = f"Users sign in with {' or '.join(pool.username_attributes)}: type that as the username."
    new: NewUser | None = await app.push_screen_wait(CreateUserDialog(pool_label, note))
    if new is None:
        screen.status.info("Cancelled: nothing changed.")
        return None
    confirmed = await app.push_screen_wait(
        ConfirmScreen(
            f"{CREATE_USER.label}: {new.username}",
            CREATE_USER.question(new.username, pool_name, pool_id, new.describe()),
            confirm_label=CREATE_USER.label,
        )
    )
    if not confirmed:
        screen.status.info("Cancelled: nothing changed.")
        return None
    screen.status.busy(f"Creating {new.username}…")
    try:
        user = await app.gateway.create_user(
            pool_id,
            new.username,
            new.attributes,
            temporary_password=new.temporary_password or None,
            delivery=new.delivery,
            suppress=new.suppress,
        )
    except CogtuiError as err:
        screen.status.error(err)
        app.notify(err.describe(), title=err.title, severity="error", markup=False)
        return None
    screen.status.ok(f"✔ Created {user.username} in {pool_label}: {user.status}.")
    return user.username


def explain_greyed_create(screen: Any, event: Any) -> None:
    """On the users list: the greyed New-user key says why instead of staying silent."""
    active = screen.active_bindings.get(event.key)
    if active is None or active.enabled or active.binding.action != "create_user":
        return
    event.stop()
    screen.status.error(
        f"⊘ read-only: {CREATE_USER.doing} is refused (cogtui runs with --read-only; nothing was changed)."
    )


def start_create_user(screen: Any, pool_id: str, pool_name: str) -> None:
    """Run the create flow in the screen's worker; the list reloads to show the new user."""

    async def flow() -> None:
        created = await create_user(screen, pool_id, pool_name)
        if created is not None:
            screen.app.notify(f"Created {created} in {pool_name} ({pool_id}).", markup=False)
            screen.action_reload()

    screen.run_worker(flow(), exclusive=True, group="users.create", exit_on_error=False)
