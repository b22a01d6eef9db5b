"""A pool's users (the listing's server-side filter included) as CSV or JSON Lines, page by page.

``export_users`` writes each page of ListUsers as it arrives into a private temporary file, renamed over
the target at the end: memory holds a page or two whatever the pool's size, and a cancelled or failed
export leaves the target as it was. JSON Lines gives each user as ListUsers returns it (timestamps in
ISO 8601); CSV has fixed columns, then one column per attribute of the pool's schema.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.exports.raw import IDP, plain
from cogtui.identity.export import private_file

if TYPE_CHECKING:
    from pathlib import Path

    from cogtui.aws.gateway import Gateway

FORMATS = {"csv": "CSV", "jsonl": "JSON Lines"}
EXTENSIONS = {"csv": ".csv", "jsonl": ".jsonl"}
PAGE_SIZE = 60  # ListUsers' maximum
FIXED_COLUMNS = ("Username", "UserStatus", "Enabled", "UserCreateDate", "UserLastModifiedDate")
# The attributes every pool has, in the order Cognito lists its schema; used when the schema is unknown.
STANDARD_ATTRIBUTES = (
    "sub",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
)


Mapping_ = dict[str, Any]


@dataclass(frozen=True)
class UsersExported:
    """What an export wrote: the file, how many users, and attribute values no column could hold."""

    path: Path
    count: int
    left_out: int = 0


def attribute_columns(schema: Iterable[Mapping_]) -> tuple[str, ...]:
    """One column per attribute of the pool's schema (DescribeUserPool SchemaAttributes), in its order;
    developer-only attributes are left out (ListUsers never returns them)."""
    names = [a.get("Name", "") for a in schema if not a.get("DeveloperOnlyAttribute")]
    return tuple(n for n in names if n and not n.startswith("dev:")) or STANDARD_ATTRIBUTES


class UserWriter:
    """Writes users, one page at a time, in one format; counts attribute values left out of the CSV."""

    def __init__(self, handle: TextIO, fmt: str, attributes: Sequence[str]) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
        self.handle = handle
        self.fmt = fmt
        self.attributes = tuple(attributes)
        self.count = 0
        self.left_out = 0
        self._csv = csv.writer(handle, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow([*FIXED_COLUMNS, *self.attributes])

    def write_page(self, users: Sequence[Mapping_]) -> None:
        if self._csv is None:
            self.handle.writelines(
                json.dumps(plain(u), ensure_ascii=False, separators=(",", ":")) + "\n" for u in users
            )
        else:
            self._csv.writerows(self._row(u) for u in users)
        self.count += len(users)

    def _row(self, user: Mapping_) -> list[str]:
        values = {a.get("Name", ""): a.get("Value", "") for a in user.get("Attributes") or []}
        self.left_out += len(values.keys() - set(self.attributes))
        fixed = [plain(user.get(k)) for k in FIXED_COLUMNS]
        return [_cell(v) for v in fixed] + [values.get(name, "") for name in self.attributes]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


async def user_schema(gateway: Gateway, pool_id: str) -> tuple[tuple[str, ...], int | None]:
    """The pool's attribute columns and its estimated number of users (DescribeUserPool)."""
    pool = (await gateway.call(IDP, "DescribeUserPool", UserPoolId=pool_id)).get("UserPool") or {}
    return attribute_columns(pool.get("SchemaAttributes") or []), pool.get("EstimatedNumberOfUsers")


async def export_users(
    gateway: Gateway,
    pool_id: str,
    path: str | Path,
    fmt: str,
    *,
    filter_expression: str | None = None,
    attributes: Sequence[str] = STANDARD_ATTRIBUTES,
    overwrite: bool = False,
    progress: Callable[[int], Any] | None = None,
    page_size: int = PAGE_SIZE,
) -> UsersExported:
    """Stream the users ListUsers returns (with ``filter_expression``) into ``path``; ``progress(count)``
    after each page. Cancelling (or any error) removes the partial file and leaves ``path`` untouched."""
    params: dict[str, Any] = {"UserPoolId": pool_id}
    if filter_expression:
        params["Filter"] = filter_expression
    with private_file(path, overwrite=overwrite) as (handle, target):
        writer = UserWriter(handle, fmt, attributes)
        pages = gateway.pages(IDP, "ListUsers", "Users", page_size=page_size, **params)
        try:
            async for page in pages:
                writer.write_page(page)
                if progress is not None:
                    progress(writer.count)
        finally:
            await pages.aclose()
    return UsersExported(target, writer.count, writer.left_out)
