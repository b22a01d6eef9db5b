"""Exports started from the screens: a pool's users (streamed, with a progress bar, Esc cancels), its
findings (Markdown or JSON) and its whole configuration (one JSON file, secrets only when asked).

Each asks for the format, then the path (an existing file is replaced only after a confirmation that
says what changes), then writes with mode 0600. The long ones run in ``ExportProgress``, a modal that
owns the worker: Esc cancels it and the target file is left as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.user_filter import parse_filter
from cogtui.exports import configuration, findings, users
from cogtui.identity.export import write_export
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.export_progress import ExportProgress, Progress
from cogtui.screens.dialogs.save_file import ask_path, save_text

if TYPE_CHECKING:
    from cogtui.app import CogtuiApp
    from cogtui.screens.pool_detail import PoolDetailScreen


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.@+-]+", "_", text).strip("_") or "export"


def _choose(
    app: CogtuiApp, title: str, message: str, options: list[tuple[str, str]], then: Callable[[str], Any]
) -> None:
    def chosen(value: str | None) -> None:
        if value:
            then(value)

    app.push_screen(ChoiceScreen(title, message, options), chosen)


# -- users ------------------------------------------------------------------------------------------


def export_users(app: CogtuiApp, pool_id: str, pool_name: str, filter_expression: str | None) -> None:
    """Ask for CSV or JSON Lines and a path, then stream the listing's users into it."""
    parsed = parse_filter(filter_expression or "")
    where = f" matching {parsed.expression}" if parsed else ""
    message = (
        f"The users of {pool_name}{where}, read again page by page and written as they come "
        "(mode 0600). Esc cancels at any time and leaves the file as it was."
    )
    options = [
        ("csv", "CSV: one column per attribute of the pool"),
        ("jsonl", "JSON Lines: each user as ListUsers returns it"),
    ]

    def with_format(fmt: str) -> None:
        what = f"the users of {pool_name}{where} as {users.FORMATS[fmt]}"
        default = f"{safe_name(pool_name)}-users{users.EXTENSIONS[fmt]}"
        ask_path(
            app,
            what=what,
            default_path=default,
            chosen=lambda path, overwrite: _run_users(
                app, pool_id, filter_expression, fmt, path, overwrite, where
            ),
        )

    _choose(app, "Export users", message, options, with_format)


def _run_users(
    app: CogtuiApp,
    pool_id: str,
    filter_expression: str | None,
    fmt: str,
    path: str,
    overwrite: bool,
    where: str,
) -> None:
    gateway = app.gateway
    target = os.path.expanduser(path)

    async def job(progress: Progress) -> str:
        progress.step("Reading the pool's attributes…")
        try:
            attributes, estimate = await users.user_schema(gateway, pool_id)
        except CogtuiError:  # the listing itself says whether the pool can be read; standard columns will do
            attributes, estimate = users.STANDARD_ATTRIBUTES, None
        total = None if filter_expression else estimate
        progress.count(0, total, "users")
        done = await users.export_users(
            gateway,
            pool_id,
            path,
            fmt,
            filter_expression=filter_expression,
            attributes=attributes,
            overwrite=overwrite,
            progress=lambda n: progress.count(n, total, "users"),
        )
        left = (
            f"; {done.left_out:,} attribute values outside the pool's schema left out"
            if done.left_out
            else ""
        )
        plural = "s" if done.count != 1 else ""
        return f"{done.count:,} user{plural}{where} written to {done.path} ({users.FORMATS[fmt]}, mode 0600){left}."

    app.push_screen(
        ExportProgress(
            f"Exporting users{where} to {target}",
            job,
            cancelled=f"Users export cancelled: {target} was not written or changed.",
        )
    )


# -- findings and configuration of a pool -----------------------------------------------------------


def export_findings(app: CogtuiApp, screen: PoolDetailScreen) -> None:
    """The findings the pool detail ``screen`` shows, as Markdown or JSON."""
    pool = screen.pool
    if pool is None:
        app.notify("The pool is not loaded yet: nothing to export.", severity="warning", markup=False)
        return
    found = findings.collect(pool, screen.mfa, screen.clients or ())
    incomplete = screen.incomplete()
    options = [("markdown", "Markdown: to read, or paste into a ticket"), ("json", "JSON: for tools")]
    note = " Some of the configuration could not be read: the export says so." if incomplete else ""
    message = f"{len(found)} findings of {pool.name} and its app clients.{note}"

    def with_format(fmt: str) -> None:
        text = findings.render(fmt, pool, found, incomplete=incomplete)
        default = f"{safe_name(pool.name)}-findings{findings.EXTENSIONS[fmt]}"
        save_text(
            app, text, what=f"the findings of {pool.name} as {findings.FORMATS[fmt]}", default_path=default
        )

    _choose(app, "Export findings", message, options, with_format)


def export_configuration(app: CogtuiApp, pool_id: str, pool_name: str) -> None:
    """The pool, MFA, domains, clients, groups and providers in one JSON file; secrets only when chosen."""
    options = [
        ("plain", "Without secrets: client secrets and provider secrets are left out"),
        ("secrets", "With secrets: app client secrets and provider secrets included"),
    ]
    message = (
        f"Everything about {pool_name}: the pool, its MFA settings and domain, app clients, groups and "
        "identity providers, read now, in one JSON file (mode 0600)."
    )

    def with_choice(choice: str) -> None:
        secrets = choice == "secrets"
        what = f"the configuration of {pool_name}" + (" with its secrets" if secrets else "")
        ask_path(
            app,
            what=what,
            default_path=f"{safe_name(pool_name)}-configuration.json",
            chosen=lambda path, overwrite: _run_configuration(
                app, pool_id, pool_name, path, overwrite, secrets
            ),
        )

    _choose(app, "Export configuration", message, options, with_choice)


def _run_configuration(
    app: CogtuiApp, pool_id: str, pool_name: str, path: str, overwrite: bool, secrets: bool
) -> None:
    gateway = app.gateway

    async def job(progress: Progress) -> str:
        document = await configuration.read_configuration(
            gateway, pool_id, include_secrets=secrets, step=progress.step
        )
        target = write_export(path, configuration.to_json(document), overwrite=overwrite)
        parts = [f"The configuration of {pool_name} written to {target} (mode 0600)"]
        if document["SecretsLeftOut"]:
            parts.append(f"{len(document['SecretsLeftOut'])} secrets left out")
        if document["SecretsIncluded"]:
            parts.append("secrets included")
        if document["NotRead"]:
            parts.append(f"{len(document['NotRead'])} parts could not be read (listed under NotRead)")
        return "; ".join(parts) + "."

    target = os.path.expanduser(path)
    app.push_screen(
        ExportProgress(
            f"Exporting the configuration of {pool_name}",
            job,
            cancelled=f"Configuration export cancelled: {target} was not written or changed.",
        )
    )
