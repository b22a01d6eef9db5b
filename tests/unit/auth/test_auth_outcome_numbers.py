"""The outcome box quotes a step by the number the timeline beside it shows, whatever the step's own index."""

from textual.app import App, ComposeResult

from cogtui.auth.steps import Step
from cogtui.aws.errors import CogtuiError
from cogtui.widgets.signin_outcome import SignInOutcome
from cogtui.widgets.timeline import Timeline


def step(index: int, operation: str, started_at: float, error: CogtuiError | None = None) -> Step:
    return Step(
        index=index,
        operation=operation,
        title=operation,
        request={},
        response={},
        started_at=started_at,
        duration_ms=1.0,
        error=error,
    )


class Pair(App[None]):
    def compose(self) -> ComposeResult:
        yield Timeline()
        yield SignInOutcome()


async def test_a_later_account_step_is_quoted_with_the_timelines_number():
    app = Pair()
    async with app.run_test(size=(100, 30)):
        timeline, outcome = app.query_one(Timeline), app.query_one(SignInOutcome)
        for n in range(1, 7):
            timeline.add_step(step(n, "InitiateAuth", 1000.0 + n))
        refused = CogtuiError("User already exists", code="UsernameExistsException", operation="SignUp")
        sign_up = step(0, "SignUp", 2000.0, error=refused)  # an account action numbers its own steps from 0
        timeline.add_step(sign_up.with_(index=len(timeline.steps) + 1))  # as the sign-in screen adds it
        outcome.failed(sign_up)
        assert outcome.plain.startswith("✘ Step 7 SignUp: UsernameExistsException")
        assert timeline.number_of(sign_up) == 7
