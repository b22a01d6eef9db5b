"""Connection and UI settings: one frozen object built from flags, environment and an optional TOML file."""

from __future__ import annotations

import math
import os
import re
import sys
import tomllib
from collections.abc import Callable
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
    # Seconds a command-line command may take in all, retries included (None: no limit, as in the TUI).
    command_deadline: float | None = None

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_ENV_SETTINGS = {
    "COGTUI_READ_ONLY": "read_only",
    "COGTUI_SANDBOX": "sandbox",
    "COGTUI_READ_TIMEOUT": "read_timeout",
    "COGTUI_DEADLINE": "command_deadline",
}

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

# Numbers a hand-written file or variable may get wrong: (kind, smallest, largest).
_NUMBERS: dict[str, tuple[type, float, float]] = {
    "connect_timeout": (float, 0.001, 300),
    "read_timeout": (float, 0.001, 300),
    "max_attempts": (int, 1, 10),
    "max_workers": (int, 1, 64),
    "command_deadline": (float, 0.1, 3600),
    "sandbox_users": (int, 0, 1_000_000),
    "sandbox_latency_ms": (int, 0, 60_000),
}
_FLAGS = frozenset({"read_only", "sandbox"})
_KNOWN = frozenset(f.name for f in fields(Settings))


class SettingsError(ValueError):
    """A setting that cannot be used: ``where`` names the file and line, or the variable; ``key`` the setting.

    cogtui stops (exit 2) rather than guess: a timeout of "fast" silently replaced by the default would
    make every later failure harder to explain.
    """

    def __init__(self, where: str, key: str, reason: str) -> None:
        self.where, self.key, self.reason = where, key, reason
        super().__init__(f"{where}: {key}: {reason}" if key else f"{where}: {reason}")


class _Unusable(ValueError):
    """Why one value cannot be used (the caller adds where it came from)."""


def _number(name: str, value: Any) -> int | float:
    kind, smallest, largest = _NUMBERS[name]
    what = "a whole number" if kind is int else "a number"
    wanted = f"{what} from {smallest:g} to {largest:g}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Unusable(f"must be {wanted}, not {value!r}")
    try:
        number = float(value)
    except ValueError:
        raise _Unusable(f"must be {wanted}, not {value!r}") from None
    if not math.isfinite(number) or not smallest <= number <= largest:
        raise _Unusable(f"must be {wanted}, not {value!r}")
    if kind is int and not number.is_integer():
        raise _Unusable(f"must be {wanted}, not {value!r}")
    return int(number) if kind is int else number


def checked_value(name: str, value: Any) -> Any:
    """``value`` as the field's type; raises ``_Unusable`` saying what the setting accepts."""
    if name not in _KNOWN:
        raise _Unusable(f"is not a setting (known: {', '.join(sorted(_KNOWN))})")
    if name in _FLAGS:
        if isinstance(value, bool):
            return value
        text = value.strip().lower() if isinstance(value, str) else None
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise _Unusable(f"must be true or false, not {value!r}")
    if name in _NUMBERS:
        return _number(name, value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise _Unusable(f"must be non-empty text, not {value!r}")


def checked_values(values: dict[str, Any], where: Callable[[str], str]) -> dict[str, Any]:
    """Every value checked; the first that cannot be used raises ``SettingsError`` naming ``where(key)``."""
    out = {}
    for name, value in values.items():
        try:
            out[name] = checked_value(name, value)
        except _Unusable as exc:
            raise SettingsError(where(name), name, str(exc)) from None
    return out


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` (or its dashed spelling) is assigned in a TOML text."""
    pattern = re.compile(
        rf"^[ \t]*[\"']?({re.escape(key)}|{re.escape(key.replace('_', '-'))})[\"']?\s*=", re.M
    )
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_file_settings(path: Path | None = None) -> dict[str, Any]:
    """Read ``config.toml`` from the config dir (no file: no settings). A file that is not TOML, an unknown
    key or a value that cannot be used raises ``SettingsError`` naming the file, the line and the key."""
    path = path or config_dir() / "config.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(str(path), "", f"cannot be read ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(str(path), "", f"is not valid TOML: {exc}") from None
    values = {k.replace("-", "_"): v for k, v in data.items()}

    def where(key: str) -> str:
        line = _line_of(text, key)
        return f"{path}, line {line}" if line else str(path)

    return checked_values(values, where)


def build_settings(
    cli: dict[str, Any], environ: dict[str, str] | None = None, file_values: dict[str, Any] | None = None
) -> Settings:
    """Combine, lowest priority first: defaults, the TOML file, COGTUI_* variables, command-line flags.

    A value that cannot be used raises ``SettingsError`` naming where it came from.
    """
    environ = dict(os.environ) if environ is None else environ
    values = dict(file_values) if file_values is not None else load_file_settings()
    values = checked_values(values, lambda key: "the configuration file")
    variables = {name: var for var, name in _ENV_SETTINGS.items() if var in environ}
    values.update(
        checked_values({name: environ[var] for name, var in variables.items()}, variables.__getitem__)
    )
    values.update({k: v for k, v in cli.items() if v is not None and k in {f.name for f in fields(Settings)}})
    settings = Settings(**values)
    if settings.region is None:  # botocore reads AWS_DEFAULT_REGION only; the AWS SDKs also honour AWS_REGION
        env_region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
        if env_region:
            settings = replace(settings, region=env_region)
    if settings.sandbox and settings.region is None:
        settings = replace(settings, region=SANDBOX_REGION)
    return settings
