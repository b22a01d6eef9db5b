"""The Identity screen's doctor: the pre-flight checks of the form, then the token verifier's checks.

``IdentityDoctor`` is mixed into ``IdentityScreen``. ``refresh_checks`` shows the pre-flight (pure, at
once) followed by the verification of the ID token with the token verifier's own checks (signature
against the user pool's JWKS, alg, exact iss, token_use, expiry; ``cogtui.identity.token_verification``).
That needs the JWKS, so it runs in a worker, once per token and identity pool; until it answers, a
pending row says so and the doctor never reports that nothing predicts a refusal.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import TabbedContent

from cogtui.identity.checks import Check, Status
from cogtui.identity.token_verification import NAME, verify_id_token_async
from cogtui.tokens.jwks import JwksCache, JwksSource
from cogtui.widgets.check_list import CheckListView, status_of
from cogtui.widgets.exchange_form import FLOWS

__all__ = ["PENDING", "IdentityDoctor"]

PENDING = Check(NAME, Status.SKIP, "⋯ checking the signature against the user pool's JWKS…")


class IdentityDoctor:
    """Checks for the Identity screen; expects ``form``, ``pool``, ``clock``, ``status`` and ``show_tab``."""

    verification: tuple[Check, ...] | None = None
    _verified_for: tuple[str, str | None] | None = None
    _jwks: JwksSource | None = None
    _jwks_endpoint: str | None = None

    @property
    def verified_token(self) -> str | None:
        """The token the verification shown is (or is being) run for."""
        return self._verified_for[0] if self._verified_for is not None else None

    @property
    def verifying(self) -> bool:
        """True while the token's verification for the current token and pool has not answered."""
        return self._verified_for is not None and self.verification is None

    def refresh_checks(self) -> tuple[Check, ...]:
        screen: Any = self
        form = screen.form
        checks = form.checks(
            pool=screen.pool, region=screen.connection_region, now=screen.clock(), pool_note=screen.pool_note
        )
        token = form.id_token if form.flow != "guest" else ""
        if token:
            key = (token, screen.pool.id if screen.pool is not None else None)
            if key != self._verified_for:
                self._verified_for, self.verification = key, None
                self.verify_token(token, screen.pool)
            checks = (*checks, *(self.verification or (PENDING,)))
        else:
            self._verified_for, self.verification = None, None
        flow = {value: label for label, value in FLOWS}.get(form.flow, form.flow)
        heading = (
            f"Pre-flight of the {flow} flow against the identity pool's settings, then the token verified."
        )
        screen.query_one(CheckListView).show(checks, heading)
        failures = sum(1 for c in checks if status_of(c) == "fail")
        label = f"Checks ✘{failures}" if failures else ("Checks ⋯" if self.verifying else "Checks ✔")
        screen.query_one(TabbedContent).get_tab("checks").label = label
        return checks

    @work(exclusive=True, group="identity.verify", exit_on_error=False)
    async def verify_token(self, token: str, pool: Any) -> None:
        screen: Any = self
        settings = screen.app.runtime.settings
        if self._jwks is None or self._jwks_endpoint != settings.endpoint_url:
            # one key cache per endpoint, kept while the screen lives; the JWKS is fetched in a thread
            self._jwks = JwksCache(endpoint_url=settings.endpoint_url, timeout=settings.read_timeout)
            self._jwks_endpoint = settings.endpoint_url
        checks = await verify_id_token_async(token, pool=pool, jwks=self._jwks, now=screen.clock())
        if self._verified_for == (token, pool.id if pool is not None else None):
            self.verification = checks
            self.refresh_checks()

    def action_check(self) -> None:
        screen: Any = self
        screen.form.flush()
        failures = [c for c in self.refresh_checks() if status_of(c) == "fail"]
        screen.show_tab("checks")
        if failures:
            n = len(failures)
            screen.status.error(f"{n} check{'s' if n != 1 else ''} predict a refusal: {failures[0].name}.")
        elif self.verifying:
            screen.status.busy("Verifying the token against the user pool's JWKS…")
        else:
            screen.status.ok("No check predicts a refusal. x runs the exchange.")
