"""Remembered devices: NewDeviceMetadata at sign-in, ConfirmDevice, and the admin calls on them
(AdminListDevices, AdminGetDevice, AdminForgetDevice) that moto does not implement.

A pool tracks devices when its DeviceConfiguration is set. Each sign-in on such a pool hands out a new
device key (``<region>_<uuid>``) and group key in ``AuthenticationResult.NewDeviceMetadata``; the key
becomes a device of the user once ConfirmDevice is called with the user's access token. Forgetting a
device removes it; an unknown key is ``ResourceNotFoundException "Device does not exist."``.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from cogtui.sandbox.strict.call import Call
from cogtui.sandbox.strict.errors import Refusal, invalid_parameter, resource_not_found
from cogtui.sandbox.strict.store import find_pool, find_user, user_by_access_token

DEVICE_NOT_FOUND = "Device does not exist."
USER_NOT_FOUND = "User does not exist."


@dataclass
class Device:
    key: str
    group_key: str
    name: str = ""
    confirmed: bool = False
    remembered: str = "not_remembered"
    created: float = field(default_factory=time.time)
    last_authenticated: float = field(default_factory=time.time)

    def to_api(self) -> dict[str, Any]:
        attributes = [{"Name": "device_status", "Value": self.remembered}]
        if self.name:
            attributes.append({"Name": "device_name", "Value": self.name})
        return {
            "DeviceKey": self.key,
            "DeviceAttributes": attributes,
            "DeviceCreateDate": self.created,
            "DeviceLastModifiedDate": self.last_authenticated,
            "DeviceLastAuthenticatedDate": self.last_authenticated,
        }


class DeviceBook:
    """Device keys handed out at sign-in (pending) and confirmed devices, per (pool id, username)."""

    def __init__(self) -> None:
        self._devices: dict[tuple[str, str], dict[str, Device]] = {}
        self._lock = threading.Lock()

    def new(self, pool_id: str, username: str) -> Device:
        region = pool_id.split("_", 1)[0]
        device = Device(f"{region}_{uuid.uuid4()}", f"-{uuid.uuid4().hex[:9]}")
        with self._lock:
            self._devices.setdefault((pool_id, username), {})[device.key] = device
        return device

    def get(self, pool_id: str, username: str, key: str) -> Device | None:
        with self._lock:
            return self._devices.get((pool_id, username), {}).get(key)

    def confirmed(self, pool_id: str, username: str) -> list[Device]:
        with self._lock:
            devices = list(self._devices.get((pool_id, username), {}).values())
        return sorted((d for d in devices if d.confirmed), key=lambda d: d.created)

    def forget(self, pool_id: str, username: str, key: str) -> bool:
        with self._lock:
            return self._devices.get((pool_id, username), {}).pop(key, None) is not None


_BOOK = DeviceBook()


def device_book() -> DeviceBook:
    """The process's device book (like moto's store, one per process)."""
    return _BOOK


def tracks_devices(pool: Any) -> bool:
    return bool(pool.extended_config.get("DeviceConfiguration"))


def new_device_metadata(pool: Any, user: Any) -> dict[str, str] | None:
    """NewDeviceMetadata for a sign-in on a pool that tracks devices, else None."""
    if not tracks_devices(pool):
        return None
    device = device_book().new(pool.id, user.username)
    return {"DeviceKey": device.key, "DeviceGroupKey": device.group_key}


def _admin_user(call: Call) -> tuple[Any, Any]:
    pool = find_pool(call.required("UserPoolId"))
    user = find_user(pool, call.required("Username"))
    if user is None:
        raise Refusal("UserNotFoundException", USER_NOT_FOUND)
    return pool, user


def confirm_device(call: Call) -> dict[str, Any]:
    pool, user = user_by_access_token(call.required("AccessToken"))
    device = device_book().get(pool.id, user.username, call.required("DeviceKey"))
    if device is None:
        raise resource_not_found(DEVICE_NOT_FOUND)
    verifier = call.param("DeviceSecretVerifierConfig") or {}
    if not isinstance(verifier, dict) or not verifier.get("PasswordVerifier") or not verifier.get("Salt"):
        raise invalid_parameter("DeviceSecretVerifierConfig with PasswordVerifier and Salt is required.")
    device.name = str(call.param("DeviceName") or "")
    device.confirmed = True
    remember_on_prompt = bool(
        (pool.extended_config.get("DeviceConfiguration") or {}).get("DeviceOnlyRememberedOnUserPrompt")
    )
    if not remember_on_prompt:
        device.remembered = "remembered"
    return {"UserConfirmationNecessary": remember_on_prompt}


def admin_list_devices(call: Call) -> dict[str, Any]:
    pool, user = _admin_user(call)
    return {"Devices": [d.to_api() for d in device_book().confirmed(pool.id, user.username)]}


def admin_get_device(call: Call) -> dict[str, Any]:
    pool, user = _admin_user(call)
    device = device_book().get(pool.id, user.username, call.required("DeviceKey"))
    if device is None or not device.confirmed:
        raise resource_not_found(DEVICE_NOT_FOUND)
    return {"Device": device.to_api()}


def admin_forget_device(call: Call) -> dict[str, Any]:
    pool, user = _admin_user(call)
    if not device_book().forget(pool.id, user.username, call.required("DeviceKey")):
        raise resource_not_found(DEVICE_NOT_FOUND)
    return {}
