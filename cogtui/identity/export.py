"""Export temporary credentials: shell ``export`` lines, a credentials-file profile, credential_process JSON,
a config-file ``credential_process`` entry, JSON.

These renderings hold the secret key in clear, on purpose: they are what the user asked to copy or
save. ``write_export`` creates the file with mode 0600 atomically (a private temporary file in the same
directory, then a rename) and refuses to follow a symbolic link; it is only ever called on request.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.identity.credentials import AwsCredentials

if TYPE_CHECKING:
    from cogtui.identity.exchange import ExchangeRequest

__all__ = [
    "FORMATS",
    "ExportError",
    "as_config_entry",
    "as_credential_process",
    "as_env",
    "check_profile_name",
    "process_command",
    "process_command_for",
    "as_json",
    "as_profile",
    "check_target",
    "private_file",
    "render",
    "write_export",
]

DEFAULT_PROFILE = "cogtui"
TOKEN_ENV = "COGTUI_ID_TOKEN"
_PROFILE_NAME = re.compile(r"[A-Za-z0-9_.@+=,-]{1,64}")


class ExportError(Exception):
    """An export that cannot be written, explained in one line."""


def as_env(credentials: AwsCredentials, *, region: str | None = None) -> str:
    """``export AWS_ACCESS_KEY_ID=...`` lines for a POSIX shell (values quoted when needed)."""
    lines = [
        f"export AWS_ACCESS_KEY_ID={shlex.quote(credentials.access_key_id)}",
        f"export AWS_SECRET_ACCESS_KEY={shlex.quote(credentials.secret_key)}",
        f"export AWS_SESSION_TOKEN={shlex.quote(credentials.session_token)}",
    ]
    if region:
        lines.append(f"export AWS_REGION={shlex.quote(region)}")
    if credentials.expiration_iso:
        lines.append(f"# expires {credentials.expiration_iso}")
    return "\n".join(lines) + "\n"


def check_profile_name(profile: str) -> str:
    """``profile`` if it can name a section of the AWS shared files; raises ExportError otherwise."""
    if not _PROFILE_NAME.fullmatch(profile):
        raise ExportError(
            f"{profile[:64]!r} is not a usable profile name (letters, digits and _.@+=,- only)."
        )
    return profile


def as_profile(credentials: AwsCredentials, *, profile: str = DEFAULT_PROFILE) -> str:
    """A ``[profile]`` section for the shared credentials file (~/.aws/credentials)."""
    check_profile_name(profile)
    lines = [
        f"[{profile}]",
        f"aws_access_key_id = {credentials.access_key_id}",
        f"aws_secret_access_key = {credentials.secret_key}",
        f"aws_session_token = {credentials.session_token}",
    ]
    if credentials.expiration_iso:
        lines.append(f"# expires {credentials.expiration_iso}")
    return "\n".join(lines) + "\n"


def credential_process_payload(credentials: AwsCredentials) -> dict[str, Any]:
    """The object a ``credential_process`` program prints (Version 1)."""
    payload: dict[str, Any] = {
        "Version": 1,
        "AccessKeyId": credentials.access_key_id,
        "SecretAccessKey": credentials.secret_key,
        "SessionToken": credentials.session_token,
    }
    if credentials.expiration_iso:
        payload["Expiration"] = credentials.expiration_iso
    return payload


def as_config_entry(
    credentials: AwsCredentials, *, profile: str = DEFAULT_PROFILE, command: str | None = None
) -> str:
    """A ``[profile NAME]`` section for the config file (~/.aws/config) whose credential_process runs ``command``.

    ``command`` is the cogtui command line that repeats the exchange (``process_command``); the
    section holds no secret. The credentials themselves are not used: each run gets fresh ones.
    """
    del credentials  # the entry fetches new credentials every time it runs
    if not command:
        raise ExportError("No command to run: exchange credentials first.")
    check_profile_name(profile)
    header = profile if profile == "default" else f"profile {profile}"
    return f"[{header}]\ncredential_process = {command}\n"


def process_command(
    identity_pool_id: str,
    *,
    guest: bool,
    flow: str = "enhanced",
    role_arn: str | None = None,
    logins_key: str | None = None,
    endpoint_url: str | None = None,
    region: str | None = None,
) -> str:
    """The ``cogtui identity credentials ... --format credential-process`` line that repeats an exchange.

    A token exchange reads the ID token from the environment variable TOKEN_ENV when the AWS tool runs
    it, so no token is written into the config file.
    """
    argv = ["cogtui"]
    if endpoint_url:
        argv += ["--endpoint-url", endpoint_url]
    if region:
        argv += ["--region", region]
    argv += ["identity", "credentials", "--identity-pool-id", identity_pool_id]
    argv += ["--guest"] if guest else ["--id-token-env", TOKEN_ENV]
    if logins_key and not guest:
        argv += ["--logins-key", logins_key]
    if flow != "enhanced":
        argv += ["--flow", flow]
    if role_arn:
        argv += ["--role-arn", role_arn]
    return shlex.join([*argv, "--format", "credential-process"])


def process_command_for(request: ExchangeRequest, *, endpoint_url: str | None, region: str | None) -> str:
    """``process_command`` for the exchange ``request`` made (its logins key only when not the token's own)."""
    from cogtui.identity.logins import logins_key_for_token

    key, token = next(iter(request.logins.items()), (None, None))
    derived = logins_key_for_token(token).key if token else None
    return process_command(
        request.identity_pool_id,
        guest=request.guest,
        flow=request.flow,
        role_arn=request.role_arn or request.custom_role_arn,
        logins_key=key if key != derived else None,
        endpoint_url=endpoint_url,
        region=region,
    )


def as_credential_process(credentials: AwsCredentials) -> str:
    """JSON for ``credential_process`` (Version 1, Expiration in ISO 8601 UTC)."""
    return json.dumps(credential_process_payload(credentials), indent=2) + "\n"


def as_json(credentials: AwsCredentials, *, extra: Mapping[str, Any] | None = None) -> str:
    """Plain JSON with the identity id and role, plus ``extra`` fields (e.g. the STS caller ARN)."""
    payload: dict[str, Any] = {
        "AccessKeyId": credentials.access_key_id,
        "SecretAccessKey": credentials.secret_key,
        "SessionToken": credentials.session_token,
        "Expiration": credentials.expiration_iso,
        "IdentityId": credentials.identity_id,
        "RoleArn": credentials.role_arn,
    }
    payload.update(extra or {})
    return json.dumps(payload, indent=2) + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "json": as_json,
    "env": as_env,
    "profile": as_profile,
    "credential-process": as_credential_process,
    "config": as_config_entry,
}


def render(credentials: AwsCredentials, fmt: str, **options: Any) -> str:
    """Render in one of FORMATS; options a format does not take are ignored."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ExportError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.") from None
    accepted = renderer.__kwdefaults__ or {}
    return renderer(credentials, **{k: v for k, v in options.items() if k in accepted and v is not None})


def write_export(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` with mode 0600, atomically; never through a symbolic link.

    An existing regular file is replaced only with ``overwrite``. Raises ExportError with a plain message.
    """
    with private_file(path, overwrite=overwrite) as (handle, target):
        handle.write(text)
    return target


def check_target(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """The file ``path`` names, checked before writing: not a link, a regular file only with ``overwrite``,
    in a folder that exists. Raises ExportError with a plain message."""
    target = Path(os.path.expanduser(os.fspath(path)))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ExportError(f"Cannot check {target}: {exc.strerror or exc}.") from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise ExportError(f"{target} is a symbolic link; cogtui does not write through links.")
        if not stat.S_ISREG(info.st_mode):
            raise ExportError(f"{target} exists and is not a regular file.")
        if not overwrite:
            raise ExportError(f"{target} already exists.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist.")
    return target


@contextlib.contextmanager
def private_file(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[tuple[TextIO, Path]]:
    """Write a file piece by piece, mode 0600, atomically: yields (handle, target) on a private temporary
    file in the target's folder, renamed over the target when the block ends. When the block raises (an
    error, a cancellation) the temporary file is removed and the target is left as it was."""
    target = check_target(path, overwrite=overwrite)
    fd, temporary = _private_temporary(target.parent, target.name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle, target
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        _remove_quietly(temporary)
        raise ExportError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    except BaseException:
        _remove_quietly(temporary)
        raise


def _private_temporary(directory: Path, name: str) -> tuple[int, str]:
    """A new file only this user can read, opened with O_EXCL (mkstemp) and forced to mode 0600."""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(f"Cannot create a file in {directory}: {exc.strerror or exc}.") from exc
    if hasattr(os, "fchmod"):  # missing on Windows, where mkstemp's file is already private
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
    return fd, temporary


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):  # the error that matters is the one the caller raises
        os.unlink(path)
