"""What the sign-in screen gives the mixins it is built from (actions, refresh-token jobs, the prediction).

``SignInParts`` names each part with its type; ``SignInMixin`` is the base those mixins inherit, which the
type checker sees as a ``CogtuiScreen`` that has these parts (at run time it is a bare ``object``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cogtui.auth.result import SignInResult
from cogtui.auth.signin_session import SignInSession
from cogtui.auth.steps import Step
from cogtui.screens.base import CogtuiScreen
from cogtui.widgets.signin_form import SignInForm
from cogtui.widgets.signin_outcome import SignInOutcome
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.timeline import Timeline


class SignInParts(Protocol):
    """The sign-in screen's state and widgets, as its mixins use them."""

    session: SignInSession | None
    running: bool
    signed_out: bool

    @property
    def form(self) -> SignInForm: ...

    @property
    def timeline(self) -> Timeline: ...

    @property
    def outcome(self) -> SignInOutcome: ...

    @property
    def status(self) -> StatusLine: ...

    @property
    def result(self) -> SignInResult | None: ...

    def add_step(self, step: Step) -> None: ...

    def who(self) -> str: ...

    def publish_tokens(self) -> None: ...


if TYPE_CHECKING:

    class SignInMixin(SignInParts, CogtuiScreen):
        """The screen a sign-in mixin lives in, as the type checker sees it."""

else:
    SignInMixin = object
