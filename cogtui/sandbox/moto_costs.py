"""Two of moto's costs that say nothing about Cognito, paid once instead of over and over.

- moto's server routes each request by asking whether a host names one of its services, which it
  answers by listing its own package folder (``list_of_moto_modules``: a ``listdir`` and an ``isdir``
  per service, on every request). The folder does not change while the sandbox runs: it is listed once.
- Every new user pool parses the same private RSA key from moto's resources (``RSAKey.import_key``,
  tens of milliseconds). The sandbox signs with keys of its own (``keys``), so moto's key is never
  used; it is parsed once and shared.

``install()`` is idempotent and changes nothing the API answers. No Textual here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

_INSTALLED: set[str] = set()


class _KeyImports:
    """joserfc's ``RSAKey.import_key``, remembering the key parsed from each JWK dict."""

    def __init__(self, rsa_key: Any) -> None:
        self._rsa_key = rsa_key
        self._parsed: dict[str, Any] = {}

    def import_key(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(value, dict):
            return self._rsa_key.import_key(value, *args, **kwargs)
        marker = json.dumps(value, sort_keys=True)
        key = self._parsed.get(marker)
        if key is None:
            key = self._parsed[marker] = self._rsa_key.import_key(value)
        return key


def install() -> None:
    """Apply both (once per process)."""
    if "installed" in _INSTALLED:
        return
    from moto import backends
    from moto.cognitoidp import models

    modules = tuple(backends.list_of_moto_modules())

    def list_of_moto_modules() -> Iterable[str]:
        return modules

    backends.list_of_moto_modules = list_of_moto_modules
    jwk = getattr(models, "jwk", None)
    if jwk is not None and hasattr(jwk, "RSAKey"):
        setattr(models, "jwk", SimpleNamespace(RSAKey=_KeyImports(jwk.RSAKey)))  # noqa: B010 (not exported)
    _INSTALLED.add("installed")
