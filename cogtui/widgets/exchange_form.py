"""The inputs of an identity-pool exchange, on three compact rows: the identity pool (picked from a
list or typed), the ID token (from the sign-in or pasted), the flow and the role.

The form collects, and says what it describes: ``request()`` builds the ExchangeRequest and
``checks(...)`` runs the doctor's pre-flight on it; the screen acts on its messages. ``PoolChanged`` comes at once when a pool is
picked or Enter is pressed, and once the typing pauses otherwise; ``TokenChanged`` likewise (at once
for ``set_token``); ``OptionsChanged`` after a change of flow or role. ``flush()`` delivers what a
pending pause still holds back, so an action never works on a stale form.

``focus_first_empty()`` puts the caret in the first empty field the exchange needs (the pool id, then the
ID token unless the flow is guest), so letters typed next land in the form; when the sandbox or the last
sign-in fills the field the caret waits in, the caret moves on, and ``Filled`` says nothing is left to type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Select

from cogtui.aws.models import IdentityPool
from cogtui.identity.checks import Check, fail
from cogtui.identity.doctor import preflight
from cogtui.identity.exchange import ExchangeRequest
from cogtui.identity.logins import check_identity_pool_id
from cogtui.widgets.token_input import TokenInput

__all__ = ["FLOWS", "ExchangeForm"]

FLOWS = [("enhanced", "enhanced"), ("basic (classic)", "basic"), ("guest", "guest")]
ROLE_PLACEHOLDERS = {
    "enhanced": "custom role ARN (optional: one of cognito:roles)",
    "basic": "role ARN to assume (required)",
    "guest": "the identity pool's guest role is used",
}
TYPING_DELAY_S = 0.3


class ExchangeForm(Vertical):
    """Identity pool, ID token, flow and role; fields: #pool-select, #pool-id, #id-token, #flow, #role-arn."""

    DEFAULT_CSS = """
    ExchangeForm { height: auto; padding: 0 1; }
    ExchangeForm > Horizontal { height: 1; }
    ExchangeForm .form-label { width: 14; color: $text-muted; }
    ExchangeForm .field-label { width: auto; padding: 0 1 0 2; color: $text-muted; }
    ExchangeForm #pool-select { width: 1fr; max-width: 44; }
    ExchangeForm #pool-id { width: 1fr; margin-left: 1; }
    ExchangeForm #flow { width: 22; }
    ExchangeForm #token-roles { width: 20; }
    ExchangeForm #role-arn { width: 1fr; margin-left: 1; }
    """

    class PoolChanged(Message):
        """The identity pool id in the form (as typed, cleaned; it may be invalid)."""

        def __init__(self, text: str, force: bool = False) -> None:
            super().__init__()
            self.text = text
            self.force = force

    class TokenChanged(Message):
        """The ID token field changed (empty when cleared)."""

        def __init__(self, token: str) -> None:
            super().__init__()
            self.token = token

    class OptionsChanged(Message):
        """The flow or the role changed."""

    class Filled(Message):
        """The field the caret waited in was filled for the user and no field the exchange needs is empty."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending: dict[str, tuple[Timer, Callable[[], object]]] = {}
        self._known_pools: set[str] = set()
        self._caret: Input | None = None  # where focus_first_empty put the caret (focus lands a moment later)

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("Identity pool", classes="form-label")
            yield Select([], prompt="pick an identity pool", compact=True, id="pool-select")
            yield Input(placeholder="or type its id: <region>:<guid>", compact=True, id="pool-id")
        with Horizontal():
            yield Label("ID token", classes="form-label")
            yield TokenInput("id", id="id-token")
        with Horizontal():
            yield Label("Flow", classes="form-label")
            yield Select(FLOWS, value="enhanced", allow_blank=False, compact=True, id="flow")
            yield Label("Role", classes="field-label")
            yield Select([], prompt="token roles", compact=True, id="token-roles")
            yield Input(placeholder=ROLE_PLACEHOLDERS["enhanced"], compact=True, id="role-arn")

    # -- values ---------------------------------------------------------------------------------

    @property
    def pool_text(self) -> str:
        return self.query_one("#pool-id", Input).value

    @property
    def identity_pool_id(self) -> str:
        """The typed id, cleaned (quotes and spaces removed); validate it with check_identity_pool_id."""
        return check_identity_pool_id(self.pool_text).id

    @property
    def flow(self) -> str:
        """'enhanced', 'basic' or 'guest'."""
        return str(self.query_one("#flow", Select).value)

    @property
    def role_arn(self) -> str | None:
        return self.query_one("#role-arn", Input).value.strip() or None

    @property
    def id_token(self) -> str:
        return self.query_one("#id-token", TokenInput).value.strip()

    def request(self) -> ExchangeRequest:
        """The exchange the form describes; raises ValueError with a one-line reason."""
        parsed = check_identity_pool_id(self.pool_text)
        if not parsed.ok:
            raise ValueError(parsed.message)
        if self.flow == "guest":
            return ExchangeRequest(parsed.id)
        if not self.id_token:
            raise ValueError("no ID token: sign in (2), press l for the last sign-in, or paste one (t).")
        role = {"role_arn" if self.flow == "basic" else "custom_role_arn": self.role_arn}
        return ExchangeRequest.for_id_token(parsed.id, self.id_token, flow=self.flow, **role)

    def checks(
        self, *, pool: IdentityPool | None, region: str | None, now: float, pool_note: str = ""
    ) -> tuple[Check, ...]:
        """The doctor's pre-flight for the form, with a failure when the flow needs a token and has none."""
        flow, token = self.flow, self.id_token
        checks = preflight(
            identity_pool_id=self.identity_pool_id,
            pool=pool,
            flow="basic" if flow == "basic" else "enhanced",
            id_token=token if flow != "guest" and token else None,
            custom_role_arn=self.role_arn if flow == "enhanced" else None,
            role_arn=self.role_arn if flow == "basic" else None,
            region=region,
            now=now,
            pool_note=pool_note,
        )
        if flow == "guest" or token:
            return checks
        missing = fail(
            "ID token",
            "No ID token to exchange.",
            "Sign in (2), press l for the last sign-in, paste one (t), or choose the guest flow.",
        )
        return (checks[0], missing, *(c for c in checks[1:] if c.name != "guest access"))

    # -- filling --------------------------------------------------------------------------------

    def set_pools(self, pools: Mapping[str, str]) -> None:
        """The identity pools to pick from, ``{id: name}``; the typed id stays selected when listed."""
        self._known_pools = set(pools)
        select: Select[str] = self.query_one("#pool-select", Select)
        options = sorted(
            ((name or pool_id, pool_id) for pool_id, name in pools.items()), key=lambda o: o[0].lower()
        )
        with select.prevent(Select.Changed):
            select.set_options(options)
            if self.identity_pool_id in self._known_pools:
                select.value = self.identity_pool_id

    def select_pool(self, identity_pool_id: str) -> None:
        """Show ``identity_pool_id`` as chosen (in the list when it is listed) and announce it."""
        select: Select[str] = self.query_one("#pool-select", Select)
        if identity_pool_id in self._known_pools:
            with select.prevent(Select.Changed):
                select.value = identity_pool_id
        field = self.query_one("#pool-id", Input)
        waiting = self._caret_waits_in(field)
        with field.prevent(Input.Changed):
            field.value = identity_pool_id
        if waiting:
            field.call_after_refresh(field.action_home)  # the id shows from its region on, not its end
            self._move_on()
        self._cancel("pool")
        self.post_message(self.PoolChanged(identity_pool_id))

    def set_token(self, token: str) -> None:
        """Put ``token`` in the field and announce it at once (a token from the sign-in, not typing)."""
        field = self.query_one("#id-token", TokenInput)
        waiting = self._caret_waits_in(field)
        with field.prevent(Input.Changed):
            field.value = token
        if waiting:
            self._move_on()
        self._cancel("token")
        self.post_message(self.TokenChanged(token.strip()))

    def set_token_roles(self, roles: Iterable[str]) -> None:
        """The roles offered by the token's cognito:roles claim, picked into the role field."""
        select: Select[str] = self.query_one("#token-roles", Select)
        with select.prevent(Select.Changed):
            select.set_options([(role.rsplit("/", 1)[-1], role) for role in roles])

    def first_empty(self) -> Input | None:
        """The first empty field the exchange needs: the pool id, then the ID token (not for guests)."""
        needed = ["#pool-id"] if self.flow == "guest" else ["#pool-id", "#id-token"]
        fields = [self.query_one(selector, Input) for selector in needed]
        return next((field for field in fields if not field.value.strip()), None)

    def focus_first_empty(self) -> bool:
        """Put the caret in the first empty needed field; False (focus unchanged) when all are filled."""
        field = self.first_empty()
        if field is None:
            return False
        self._caret = field
        field.focus()
        return True

    def _caret_waits_in(self, field: Input) -> bool:
        focused = self.screen.focused
        # Focus lands a moment after focus(): until then another widget (or none) may still hold it.
        on_its_way = self._caret is field and not isinstance(focused, Input)
        return (focused is field or on_its_way) and not field.value.strip()

    def _move_on(self) -> None:
        if not self.focus_first_empty():
            self.post_message(self.Filled())

    def flush(self) -> None:
        """Deliver at once what a typing pause still holds back."""
        for key in list(self._pending):
            timer, deliver = self._pending.pop(key)
            timer.stop()
            deliver()

    # -- events ---------------------------------------------------------------------------------

    def _later(self, key: str, deliver: Callable[[], object]) -> None:
        self._cancel(key)

        def fire() -> None:
            self._pending.pop(key, None)
            deliver()

        self._pending[key] = (self.set_timer(TYPING_DELAY_S, fire, name=f"form.{key}"), deliver)

    def _cancel(self, key: str) -> None:
        pending = self._pending.pop(key, None)
        if pending is not None:
            pending[0].stop()

    @on(Select.Changed, "#pool-select")
    def _pool_picked(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.identity_pool_id:
            self.select_pool(event.value)

    @on(Input.Changed, "#pool-id")
    def _pool_typed(self, event: Input.Changed) -> None:
        event.stop()
        self._later("pool", self._announce_typed_pool)

    def _announce_typed_pool(self) -> None:
        """A typed id that is in the list is shown as picked there too."""
        if self.identity_pool_id in self._known_pools:
            select: Select[str] = self.query_one("#pool-select", Select)
            with select.prevent(Select.Changed):
                select.value = self.identity_pool_id
        self.post_message(self.PoolChanged(self.pool_text))

    @on(Input.Submitted, "#pool-id")
    def _pool_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._cancel("pool")
        self.post_message(self.PoolChanged(self.pool_text, force=True))

    @on(Input.Changed, "#id-token")
    def _token_typed(self, event: Input.Changed) -> None:
        event.stop()
        self._later("token", lambda: self.post_message(self.TokenChanged(self.id_token)))

    @on(Select.Changed, "#flow")
    def _flow_changed(self, event: Select.Changed) -> None:
        event.stop()
        guest = self.flow == "guest"
        role = self.query_one("#role-arn", Input)
        role.placeholder = ROLE_PLACEHOLDERS.get(self.flow, "")
        role.disabled = guest
        self.query_one("#token-roles", Select).disabled = guest
        self.post_message(self.OptionsChanged())

    @on(Select.Changed, "#token-roles")
    def _role_picked(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            role = self.query_one("#role-arn", Input)
            with role.prevent(Input.Changed):
                role.value = event.value
            self._cancel("role")
            self.post_message(self.OptionsChanged())

    @on(Input.Changed, "#role-arn")
    def _role_typed(self, event: Input.Changed) -> None:
        event.stop()
        self._later("role", lambda: self.post_message(self.OptionsChanged()))
