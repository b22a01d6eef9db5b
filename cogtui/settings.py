"""Connection and UI settings: one frozen object built from flags, environment and an optional TOML file."""

from __future__ import annotations

import contextlib
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

    ``region`` and ``profile`` of ``None`` mean "whatever boto3 resolves" (AWS_PROFILE, AWS_REGION,
    AWS_DEFAULT_REGION, the shared config file, SSO profiles). ``endpoint_url`` of ``None`` lets boto3
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


_ENV_FLAGS = {
    "COGTUI_READ_ONLY": "read_only",
    "COGTUI_SANDBOX": "sandbox",
}


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


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
    values: dict[str, Any] = dict(file_values if file_values is not None else load_file_settings())
    for var, name in _ENV_FLAGS.items():
        if var in environ:
            values[name] = _truthy(environ[var])
    if "COGTUI_READ_TIMEOUT" in environ:
        with contextlib.suppress(ValueError):
            values["read_timeout"] = float(environ["COGTUI_READ_TIMEOUT"])
    values.update({k: v for k, v in cli.items() if v is not None and k in {f.name for f in fields(Settings)}})
    settings = Settings(**values)
    if settings.region is None:  # botocore reads AWS_DEFAULT_REGION only; the AWS SDKs also honour AWS_REGION
        env_region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
        if env_region:
            settings = replace(settings, region=env_region)
    if settings.sandbox and settings.region is None:
        settings = replace(settings, region=SANDBOX_REGION)
    return settings
