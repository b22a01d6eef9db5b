"""The command palette searches what the app already listed: opening it again, or typing, calls nothing."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.pilot_wait import pools_listed, wait_for

LISTINGS = {"ListUserPools", "ListUserPoolClients"}


def _listings(app) -> int:
    return sum(1 for e in app.runtime.gateway.trace.entries if e.operation in LISTINGS)


async def _open_palette_and_type(app, pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*text)
    palette = app.screen
    await wait_for(
        pilot,
        lambda: any("legacy-password" in str(o.prompt) for o in palette.query_one("CommandList").options),
        "the client entry",
    )


async def test_the_palette_lists_once_and_reuses_the_catalogue(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        await _open_palette_and_type(app, pilot, "legacy")
        await wait_for(pilot, lambda: app.runtime.catalogue.clients_ready.is_set(), "the clients")
        first = _listings(app)
        assert first >= 1 + len(info.pools)  # the pools, then each pool's clients: once
        await pilot.press("escape")
        for _ in range(3):
            await _open_palette_and_type(app, pilot, "legacy-pass")
            await pilot.press("escape")
        assert _listings(app) == first


async def test_an_old_catalogue_is_refreshed_in_the_background(make_sandbox_app):
    app = make_sandbox_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pools_listed(pilot)
        catalogue = app.runtime.catalogue
        await _open_palette_and_type(app, pilot, "legacy")
        await wait_for(pilot, lambda: catalogue.listed_at is not None, "the first listing")
        await pilot.press("escape")
        first = _listings(app)
        catalogue.max_age_s = 0  # every listing is now too old
        await _open_palette_and_type(app, pilot, "legacy")  # entries shown at once from what was known
        await wait_for(pilot, lambda: _listings(app) > first, "the refresh")
