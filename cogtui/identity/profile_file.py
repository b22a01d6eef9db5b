"""Save credentials into an AWS shared file the way ``aws configure set`` does: one section changes.

The shared credentials file (``~/.aws/credentials``) holds ``[name]`` sections; the config file
(``~/.aws/config``) holds ``[profile name]`` sections (``[default]`` for the default profile). Saving
updates the keys cogtui writes inside ONE named section, or appends that section; every other byte of
the file stays as it was: comments, blank lines, other profiles, other keys of the same section, line
endings. ``plan_section_save`` reads the file and says what would happen ("replace section [x] in
FILE" or "add section [x] to FILE"); ``save_section`` merges again from the file as it is at that
moment and writes it atomically with mode 0600 (``write_export``). Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.export import ExportError, check_profile_name, write_export

__all__ = [
    "FILE_KINDS",
    "SectionSave",
    "credentials_values",
    "default_file",
    "describe_existing",
    "merge_section",
    "plan_section_save",
    "save_section",
    "section_name",
    "section_values",
]

FILE_KINDS = ("credentials", "config")
MAX_FILE_BYTES = 1_000_000
_HEADER = re.compile(r"^[ \t]*\[(?P<name>[^\]\r\n]*)\][ \t]*(?:[#;].*)?$")
_KEY = re.compile(r"^(?P<key>[^\s=:#;\[][^=:]*?)[ \t]*[=:]")
_EXPIRES = re.compile(r"^#[ \t]*expires[ \t]+\d{4}-\d\d-\d\dT\S*[ \t]*$")


@dataclass(frozen=True)
class SectionSave:
    """What saving one section into ``path`` does: its new text and whether the section existed."""

    path: Path
    section: str
    text: str
    replaced: bool
    created: bool

    @property
    def sentence(self) -> str:
        """'replace section [x] in FILE' or 'add section [x] to FILE'."""
        if self.replaced:
            return f"replace section [{self.section}] in {self.path}"
        return f"add section [{self.section}] to {self.path}"

    @property
    def done(self) -> str:
        """The same, once done: 'Replaced section [x] in FILE' / 'Added section [x] to FILE'."""
        if self.replaced:
            return f"Replaced section [{self.section}] in {self.path}"
        return f"Added section [{self.section}] to {self.path}"


def section_name(kind: str, profile: str) -> str:
    """The header of a profile: ``profile`` in the credentials file, ``profile NAME`` in the config file."""
    check_profile_name(profile)
    if kind == "config" and profile != "default":
        return f"profile {profile}"
    return profile


def default_file(kind: str) -> str:
    """Where the AWS tools read this kind of file: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws/."""
    if kind == "config":
        return os.environ.get("AWS_CONFIG_FILE") or "~/.aws/config"
    return os.environ.get("AWS_SHARED_CREDENTIALS_FILE") or "~/.aws/credentials"


def credentials_values(credentials: AwsCredentials) -> list[tuple[str, str]]:
    """The keys of a credentials-file profile, in the order the AWS CLI writes them."""
    return [
        ("aws_access_key_id", credentials.access_key_id),
        ("aws_secret_access_key", credentials.secret_key),
        ("aws_session_token", credentials.session_token),
    ]


def section_values(
    kind: str, credentials: AwsCredentials, command: str | None = None
) -> tuple[list[tuple[str, str]], str | None]:
    """The keys and the comment line of a profile: the credentials themselves, or a credential_process."""
    if kind == "config":
        if not command:
            raise ExportError("No command for credential_process: exchange credentials first.")
        return [("credential_process", command)], None
    expires = f"# expires {credentials.expiration_iso}" if credentials.expiration_iso else None
    return credentials_values(credentials), expires


def describe_existing(path: str | os.PathLike[str]) -> str:
    """'' when nothing is at ``path``; else what is there, e.g. 'FILE already exists (1,234 bytes, 3 sections)'."""
    target = Path(os.path.expanduser(os.fspath(path)))
    try:
        text = _read_existing(target)
    except ExportError as exc:
        if "not UTF-8" in str(exc) or "larger than" in str(exc):
            return f"{target} already exists ({target.stat().st_size:,} bytes)"
        raise
    if text is None:
        return ""
    sections = [name.strip() for line in text.splitlines() if (name := _header(line)) is not None]
    shown = f", sections {', '.join(f'[{s}]' for s in sections[:4])}" if sections else ""
    more = " and more" if len(sections) > 4 else ""
    return f"{target} already exists ({len(text.encode()):,} bytes{shown}{more})"


def _header(line: str) -> str | None:
    """The name inside ``[...]`` when ``line`` is a section header, else None."""
    match = _HEADER.match(line.rstrip("\r\n"))
    return match["name"] if match else None


def _same_section(header: str, section: str) -> bool:
    return " ".join(header.split()) == section


def _newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def merge_section(
    text: str, section: str, values: list[tuple[str, str]], *, comment: str | None = None
) -> tuple[str, bool]:
    """``text`` with ``values`` set in the first ``[section]`` (appended when absent); (new text, replaced).

    Inside the section, a line of each key (compared without case, as the AWS tools do) is rewritten
    in place; a missing key goes after the section's last key line. ``comment`` (an ``# expires ...``
    line) replaces the one cogtui wrote before. No other line changes.
    """
    nl = _newline_of(text)
    lines = text.splitlines(keepends=True)
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if (name := _header(line)) is not None and _same_section(name, section)
        ),
        None,
    )
    rendered = [f"{key} = {value}" for key, value in values] + ([comment] if comment else [])
    if start is None:
        prefix = text
        if prefix and not prefix.endswith(("\n", "\r")):
            prefix += nl
        if prefix.strip():
            prefix += nl
        return prefix + nl.join([f"[{section}]", *rendered]) + nl, False
    end = next((i for i in range(start + 1, len(lines)) if _header(lines[i]) is not None), len(lines))
    body = lines[start + 1 : end]
    wanted = {key.lower(): f"{key} = {value}" for key, value in values}
    written: set[str] = set()
    last_key = -1
    comment_at = None
    for index, line in enumerate(body):
        ending = line[len(line.rstrip("\r\n")) :]
        match = _KEY.match(line)
        key = match["key"].strip().lower() if match else None
        if key is not None:
            last_key = index
            if key in wanted and key not in written:
                body[index] = wanted[key] + ending
                written.add(key)
        elif _EXPIRES.match(line.strip()) and comment_at is None:
            comment_at = index
            body[index] = (comment + ending) if comment else ""
    missing = [wanted[key.lower()] + nl for key, _ in values if key.lower() not in written]
    if comment and comment_at is None:
        missing.append(comment + nl)
    if missing:
        at = last_key + 1
        if at > 0 and not body[at - 1].endswith(("\n", "\r")):
            body[at - 1] += nl
        elif at == 0 and not lines[start].endswith(("\n", "\r")):
            lines[start] += nl
        body[at:at] = missing
    return "".join(lines[: start + 1] + body + lines[end:]), True


def _read_existing(target: Path) -> str | None:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ExportError(f"Cannot check {target}: {exc.strerror or exc}.") from exc
    if stat.S_ISLNK(info.st_mode):
        raise ExportError(f"{target} is a symbolic link; cogtui does not write through links.")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"{target} exists and is not a regular file.")
    if info.st_size > MAX_FILE_BYTES:
        raise ExportError(f"{target} is larger than {MAX_FILE_BYTES:,} bytes; it is left as it is.")
    try:
        with open(target, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise ExportError(f"{target} is not UTF-8 text; cogtui does not rewrite it.") from None
    except OSError as exc:
        raise ExportError(f"Cannot read {target}: {exc.strerror or exc}.") from exc


def plan_section_save(
    path: str | os.PathLike[str],
    kind: str,
    profile: str,
    values: list[tuple[str, str]],
    *,
    comment: str | None = None,
) -> SectionSave:
    """Read ``path`` and merge the profile into it, without writing; raises ExportError with a plain message."""
    if kind not in FILE_KINDS:
        raise ExportError(f"Unknown file kind {kind!r}; use one of {', '.join(FILE_KINDS)}.")
    section = section_name(kind, profile)
    target = Path(os.path.expanduser(os.fspath(path)))
    existing = _read_existing(target)
    text, replaced = merge_section(existing or "", section, values, comment=comment)
    return SectionSave(target, section, text, replaced, created=existing is None)


def save_section(
    path: str | os.PathLike[str],
    kind: str,
    profile: str,
    values: list[tuple[str, str]],
    *,
    comment: str | None = None,
) -> SectionSave:
    """Merge the profile into the file as it is now and write it (0600, atomically); returns what was done."""
    plan = plan_section_save(path, kind, profile, values, comment=comment)
    if not plan.path.parent.is_dir() and _is_aws_folder(plan.path):
        try:
            plan.path.parent.mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"Cannot create {plan.path.parent}: {exc.strerror or exc}.") from exc
    write_export(plan.path, plan.text, overwrite=True)
    return plan


def _is_aws_folder(path: Path) -> bool:
    """``~/.aws`` may be created, as the AWS CLI does; no other missing folder is."""
    return path.parent == Path(os.path.expanduser("~/.aws"))
