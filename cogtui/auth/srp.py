"""SRP maths for USER_SRP_AUTH and device sign-in, taken from pycognito (not rewritten).

``SrpSigner`` holds one SRP exchange: the random ``a``/``A`` pair, the auth parameters to send, and
the PASSWORD_VERIFIER answer computed from Cognito's SALT/SRP_B/SECRET_BLOCK. pycognito's ``AWSSRP``
does the maths; it is given a placeholder client so it never builds a boto3 client of its own, and
the calls themselves go through the gateway.

Devices: pycognito also provides the DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER maths
(``process_device_challenge``) and the verifier a device registers with ConfirmDevice
(``generate_hash_device``); both are exposed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class _NoClient:
    """Stands in for boto3 inside AWSSRP: the engine makes the calls, never pycognito."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"AWSSRP tried to call {name}; the sign-in engine sends every request itself")


@dataclass(frozen=True)
class DeviceCredentials:
    """A remembered device: the keys Cognito returned in NewDeviceMetadata and the device's own password."""

    device_key: str
    device_group_key: str
    device_password: str


class SrpSigner:
    """One SRP exchange for ``username`` in ``pool_id`` (a fresh random ``a`` per instance)."""

    def __init__(
        self, username: str, password: str, pool_id: str, device: DeviceCredentials | None = None
    ) -> None:
        from pycognito.aws_srp import AWSSRP

        self.pool_id = pool_id
        kwargs: dict[str, Any] = {}
        if device is not None:
            kwargs = {
                "device_key": device.device_key,
                "device_group_key": device.device_group_key,
                "device_password": device.device_password,
            }
        # client_secret stays None: the engine adds SECRET_HASH itself, over the right username.
        self._srp = AWSSRP(
            username=username,
            password=password,
            pool_id=pool_id,
            client_id="",
            client=_NoClient(),
            **kwargs,
        )

    @property
    def srp_a(self) -> str:
        """The public value A, in hex, as Cognito expects it in SRP_A."""
        from pycognito.aws_srp import long_to_hex

        return str(long_to_hex(self._srp.large_a_value))

    def auth_parameters(self) -> dict[str, str]:
        """USERNAME and SRP_A for InitiateAuth (plus DEVICE_KEY for a remembered device)."""
        return dict(self._srp.get_auth_params())

    def password_verifier(self, challenge_parameters: Mapping[str, Any], username: str) -> dict[str, str]:
        """The PASSWORD_VERIFIER responses: TIMESTAMP, PASSWORD_CLAIM_SECRET_BLOCK and _SIGNATURE, USERNAME.

        The signature is computed over USER_ID_FOR_SRP (pycognito's rule and Cognito's); ``username`` is
        the USERNAME the response carries (the internal username Cognito returned).
        """
        params = {k: str(v) for k, v in challenge_parameters.items()}
        responses = dict(self._srp.process_challenge(params, {"USERNAME": username}))
        responses["USERNAME"] = username
        return responses

    def device_srp_parameters(self, username: str) -> dict[str, str]:
        """The DEVICE_SRP_AUTH responses: USERNAME, DEVICE_KEY and this exchange's SRP_A."""
        if self._srp.device_key is None:
            raise ValueError("no device key: DEVICE_SRP_AUTH needs a remembered device")
        return {"USERNAME": username, "DEVICE_KEY": str(self._srp.device_key), "SRP_A": self.srp_a}

    def device_password_verifier(self, challenge_parameters: Mapping[str, Any]) -> dict[str, str]:
        """The DEVICE_PASSWORD_VERIFIER responses, signed with the device password."""
        params = {k: str(v) for k, v in challenge_parameters.items()}
        return dict(self._srp.process_device_challenge(params))


def device_verifier(device_group_key: str, device_key: str) -> tuple[str, dict[str, str]]:
    """A new random device password and the DeviceSecretVerifierConfig to register with ConfirmDevice."""
    from pycognito.aws_srp import generate_hash_device

    password, config = generate_hash_device(device_group_key, device_key)
    return str(password), dict(config)
