"""Where ``cogtui auth sign-in`` takes its secrets and answers from: standard input or an environment variable.

A value on the command line is seen by ``ps`` and kept in shell history, so every secret and every
answer can also come from one line of standard input (``--X-stdin``; the lines are read in the order
of ``INPUTS``) or from an environment variable (``--X-env VAR``). The authenticator secret, the MFA
code and the custom answer keep their plain flags too (``--totp-secret``...). Only the standard
library is imported here: ``cogtui --help`` stays light.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


@dataclass(frozen=True)
class Input:
    """One secret or answer: its ``dest`` in the namespace, what to call it, and whether it has a plain flag."""

    dest: str
    label: str
    plain_flag: bool = False

    @property
    def flag(self) -> str:
        return "--" + self.dest.replace("_", "-")


INPUTS = (
    Input("client_secret", "client secret"),
    Input("password", "password"),
    Input("new_password", "new password (NEW_PASSWORD_REQUIRED)"),
    Input("refresh_token", "refresh token (--flow refresh)"),
    Input("totp_secret", "authenticator secret (base32)", plain_flag=True),
    Input("mfa_code", "MFA code", plain_flag=True),
    Input("custom_answer", "custom challenge answer", plain_flag=True),
)
STDIN_ORDER = ", ".join(i.label.split(" (")[0] for i in INPUTS)


def add_input_flags(parser: argparse.ArgumentParser, only: tuple[str, ...] | None = None) -> None:
    """``--X-stdin`` and ``--X-env VAR`` for every input, or the ``only`` ones (the plain flags are added
    by the caller)."""
    for item in INPUTS:
        if only is not None and item.dest not in only:
            continue
        parser.add_argument(
            f"{item.flag}-stdin", action="store_true", help=f"read the {item.label} from the next stdin line"
        )
        parser.add_argument(
            f"{item.flag}-env", metavar="VAR", help=f"read the {item.label} from the environment variable VAR"
        )


def read_inputs(
    args: argparse.Namespace, stdin: TextIO, environ: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every input given, by ``dest``: from its plain flag, a line of ``stdin`` or a variable (one source each)."""
    environ = os.environ if environ is None else environ
    values: dict[str, str] = {}
    for item in INPUTS:
        plain = getattr(args, item.dest, None) if item.plain_flag else None
        from_stdin = bool(getattr(args, f"{item.dest}_stdin", False))
        variable = getattr(args, f"{item.dest}_env", None)
        given = [
            flag
            for flag, on in (
                (item.flag, plain is not None),
                (f"{item.flag}-stdin", from_stdin),
                (f"{item.flag}-env", variable is not None),
            )
            if on
        ]
        if len(given) > 1:
            raise UsageError(f"{' and '.join(given)}: give the {item.label} one way only")
        if plain is not None:
            values[item.dest] = plain
        elif from_stdin:
            line = stdin.readline()
            if not line:
                raise UsageError(f"{item.flag}-stdin: standard input ended before the {item.label} line")
            values[item.dest] = line.rstrip("\r\n")
        elif variable is not None:
            if variable not in environ:
                raise UsageError(f"{item.flag}-env: the environment variable {variable} is not set")
            values[item.dest] = environ[variable]
    if "totp_secret" in values and "mfa_code" in values:
        raise UsageError("give either an authenticator secret or an MFA code, not both")
    return values
