"""The sign-in doctor beside the sign-in debugger: predicted before the attempt, checked after it.

While the sign-in reads its context, the doctor reads the pool, the client and the user (reads only) and
predicts the outcome for the form's user, client and flow. When the attempt ends, the endpoint's first
decisive answer is set beside the prediction, one line under the outcome: as predicted, a refusal of
what was typed, or, when an endpoint lets through what Amazon Cognito refuses, a plain warning. ``d``
opens the doctor's screen for the same user, client and flow, with every check and what fixes it.
"""

from __future__ import annotations

from typing import Any

from cogtui.auth.doctor import DOCTOR_FLOWS, Verdict, diagnose, read_facts
from cogtui.auth.doctor.reality import COGNITO, Comparison, answer_of, compare
from cogtui.aws.errors import CogtuiError
from cogtui.screens.signin_doctor import SignInDoctorScreen
from cogtui.screens.signin_parts import SignInMixin
from cogtui.tokens.pool_issuer import configured_endpoint, is_aws_endpoint

NO_DOCTOR = "– the doctor could not read the pool, client or user ({code}): nothing to compare"


class SignInPrediction(SignInMixin):
    """Mixed into SignInScreen (see ``SignInParts``)."""

    prediction: Verdict | None = None
    prediction_error: CogtuiError | None = None
    comparison: Comparison | None = None

    async def predict(self, request: Any) -> None:
        """The doctor's verdict for this attempt, read before it starts; never raises."""
        self.prediction, self.prediction_error, self.comparison = None, None, None
        if not (request.pool_id and request.username) or request.flow not in DOCTOR_FLOWS:
            return
        gateway = self.app.gateway
        try:
            facts = await read_facts(
                gateway, request.pool_id, request.username, request.client_id or None, identity=False
            )
        except CogtuiError as err:
            self.prediction_error = err
            return
        self.prediction = diagnose(facts, request.flow)

    def endpoint_name(self) -> str:
        endpoint = configured_endpoint(self.app.settings.endpoint_url)
        return COGNITO if is_aws_endpoint(endpoint) else "this endpoint"

    def show_prediction(self, session: Any) -> None:
        """One line under the outcome: the prediction beside what the endpoint did."""
        if self.prediction_error is not None:
            self.outcome.add_line(NO_DOCTOR.format(code=self.prediction_error.code))
            return
        if self.prediction is None:
            return
        self.comparison = compare(self.prediction, answer_of(session.steps), self.endpoint_name())
        self.outcome.add_line(f"Doctor: {self.comparison.line}  (d: why)")

    def action_doctor(self) -> None:
        form = self.form
        if not (form.pool_id and form.username):
            self.status.error("The doctor needs the pool and the username of the form.")
            return
        flow = form.flow if form.flow in DOCTOR_FLOWS else None
        self.app.push_screen(
            SignInDoctorScreen(
                form.pool_id, form.username, form.client_id or None, flow, pool_name=form.pool_name or ""
            )
        )
