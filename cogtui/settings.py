"""Connection and UI settings: one frozen object built from flags, environment and an optional TOML file."""

from __future__ import annotations

import math
import os
import sys
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

SANDBOX_REGION = "us-east-1"


def config_dir() -> Path:
    """The platform config directory for cogtui (XDG on Linux, ~/Library on macOS, APPDATA on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "cogtui"


@dataclass(frozen=True)
class Settings:
    """Everything that decides where cogtui connects and how it behaves.

    ``region`` and ``profile`` of ``None`` mean "whatever botocore resolves" (AWS_PROFILE, AWS_REGION,
    AWS_DEFAULT_REGION, the shared config file, SSO profiles). ``endpoint_url`` of ``None`` lets botocore
    honour AWS_ENDPOINT_URL and the per-service AWS_ENDPOINT_URL_* variables.
    """

    profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    read_only: bool = False
    sandbox: bool = False
    sandbox_users: int = 0
    sandbox_latency_ms: int = 0
    connect_timeout: float = 2.0
    read_timeout: float = 4.0
    max_attempts: int = 3
    max_workers: int = 8
    theme: str = "textual-dark"

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_ENV_SETTINGS = {
    "COGTUI_READ_ONLY": "read_only",
    "COGTUI_SANDBOX": "sandbox",
    "COGTUI_READ_TIMEOUT": "read_timeout",
}


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Numbers a hand-written file or variable may get wrong: (kind, smallest, largest); beyond the largest
# a value is capped, so a frozen endpoint is still given up on within minutes.
_NUMBERS: dict[str, tuple[type, float, float]] = {
    "connect_timeout": (float, 0.001, 300),
    "read_timeout": (float, 0.001, 300),
    "max_attempts": (int, 1, 10),
    "max_workers": (int, 1, 64),
    "sandbox_users": (int, 0, 1_000_000),
    "sandbox_latency_ms": (int, 0, 60_000),
}
_FLAGS = frozenset({"read_only", "sandbox"})
_DROP = object()


def _usable(name: str, value: Any) -> Any:
    """``value`` as the field's type when it makes sense, else ``_DROP`` (the default is kept)."""
    if name in _FLAGS:
        if isinstance(value, bool):
            return value
        return _truthy(value) if isinstance(value, str) else _DROP
    if name in _NUMBERS:
        kind, smallest, largest = _NUMBERS[name]
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return _DROP
        try:
            number = float(value)
        except ValueError:
            return _DROP
        if not math.isfinite(number) or number < smallest or (kind is int and not number.is_integer()):
            return _DROP
        return kind(min(number, largest))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return _DROP


def usable_values(values: dict[str, Any]) -> dict[str, Any]:
    """Keep the values from a file or the environment that make sense (a timeout of "fast", -1 or NaN,
    ``read_only = "no"`` as text...); the others fall back to their defaults instead of breaking every call."""
    out = {}
    for name, value in values.items():
        usable = _usable(name, value)
        if usable is not _DROP:
            out[name] = usable
    return out


def load_file_settings(path: Path | None = None) -> dict[str, Any]:
    """Read ``config.toml`` from the config dir; unknown keys are ignored, a broken file is ignored."""
    path = path or config_dir() / "config.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    known = {f.name for f in fields(Settings)}
    return {k.replace("-", "_"): v for k, v in data.items() if k.replace("-", "_") in known}


def build_settings(
    cli: dict[str, Any], environ: dict[str, str] | None = None, file_values: dict[str, Any] | None = None
) -> Settings:
    """Combine, lowest priority first: defaults, the TOML file, COGTUI_* variables, command-line flags."""
    environ = dict(os.environ) if environ is None else environ
    values = usable_values(dict(file_values if file_values is not None else load_file_settings()))
    env = {name: environ[var] for var, name in _ENV_SETTINGS.items() if var in environ}
    values.update(usable_values(env))  # a variable that makes no sense leaves the file's value
    values.update({k: v for k, v in cli.items() if v is not None and k in {f.name for f in fields(Settings)}})
    settings = Settings(**values)
    if settings.region is None:  # botocore reads AWS_DEFAULT_REGION only; the AWS SDKs also honour AWS_REGION
        env_region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
        if env_region:
            settings = replace(settings, region=env_region)
    if settings.sandbox and settings.region is None:
        settings = replace(settings, region=SANDBOX_REGION)
    return settings
