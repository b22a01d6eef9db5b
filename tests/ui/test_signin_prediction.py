"""The sign-in doctor beside a failed sign-in: the prediction made before the attempt is set beside what
the strict sandbox answered, under the explained failure, and d opens the doctor for the same user,
client and flow. An endpoint that grants what Cognito refuses is shown with scripted sign-in answers
(the strict sandbox never grants it). Wrong passwords are tried on a user of the test's own (they count towards a lockout)."""

from __future__ import annotations

from textual.widgets import Static

from cogtui.auth.doctor import Outcome
from cogtui.auth.doctor.reality import Agreement
from cogtui.sandbox import DEMO_PASSWORD
from cogtui.screens.signin_doctor import SignInDoctorScreen
from tests.snapshots.test_signin_snapshots import settle, sign_in, tokens
from tests.ui.test_signin_doctor import doctor_shown
from tests.ui.test_signin_screen import SIZE, choose, finished, log_in, new_user, open_signin


async def test_a_refused_sign_in_shows_the_doctors_verdict_and_d_opens_it(make_sandbox_app, sandbox):
    _, info = sandbox
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_signin(pilot)
        await log_in(pilot, "erin", info.user("erin").password)
        await finished(pilot, screen)
        assert screen.outcome.state == "failed"
        assert screen.comparison.agreement is Agreement.AGREES
        doctor_line = screen.outcome.plain.splitlines()[1]
        assert doctor_line == (
            "Doctor: ✔ as the doctor predicted: erin will be refused: NotAuthorizedException: "
            "User is disabled.  (d: why)"
        )
        client_id, flow = screen.form.client_id, screen.form.flow
        await pilot.press("d")
        doctor = await doctor_shown(pilot)
        assert isinstance(doctor, SignInDoctorScreen)
        assert (doctor.typed, doctor.client_id, doctor.flow) == ("erin", client_id, flow)
        assert doctor.verdict.outcome is Outcome.REFUSED
        assert "erin will be refused" in str(doctor.query_one("#doctor-verdict", Static).render())


async def own_user_signs_in(pilot, sandbox, password: str):
    """A new user of the test's own signs in with ``password`` (USER_PASSWORD_AUTH on backend)."""
    pool = sandbox[1].pool("demo-app")
    name = await new_user(pilot.app.gateway, pool.id)
    screen = await open_signin(pilot)
    await choose(pilot, screen, pool, pool.client("backend"), flow="password")
    await log_in(pilot, name, password)
    await finished(pilot, screen)
    return screen, name


async def test_a_wrong_password_is_what_was_typed_not_what_the_doctor_found(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, name = await own_user_signs_in(pilot, sandbox, "Not-the-Passw0rd!")
        assert screen.prediction.outcome is Outcome.SIGNS_IN
        assert screen.comparison.agreement is Agreement.TYPED
        doctor_line = screen.outcome.plain.splitlines()[1]
        assert doctor_line.startswith("Doctor: – refused with NotAuthorizedException: ")
        assert f"the doctor found nothing against it ({name} will sign in)" in doctor_line


async def test_a_successful_sign_in_confirms_the_prediction(make_sandbox_app, sandbox):
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, name = await own_user_signs_in(pilot, sandbox, DEMO_PASSWORD)
        assert screen.outcome.state == "ok"
        assert screen.outcome.plain.splitlines()[1] == (
            f"Doctor: ✔ as the doctor predicted: {name} will sign in  (d: why)"
        )


async def test_an_endpoint_that_signs_a_disabled_user_in_is_named_plainly(make_sandbox_app, sandbox):
    """The strict sandbox refuses erin: the sign-in calls are answered with tokens, as an emulator
    that skips the check does."""
    _, info = sandbox
    script = [
        (
            "InitiateAuth",
            lambda p, c: {"ChallengeParameters": {}, "AuthenticationResult": tokens("erin", p, c)},
        )
    ]
    app = make_sandbox_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await sign_in(pilot, info, username="erin", flow="password", client="backend", script=script)
        await settle(pilot, screen)
        assert screen.outcome.state == "ok"
        assert screen.comparison.agreement is Agreement.GRANTED
        assert screen.outcome.plain.splitlines()[1] == (
            "Doctor: ✘ this endpoint signed erin in with USER_PASSWORD_AUTH; Amazon Cognito would refuse it "
            "(NotAuthorizedException: User is disabled.)  (d: why)"
        )
