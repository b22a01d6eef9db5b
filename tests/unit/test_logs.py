"""Debug logs: created 0600, and every secret seen by the trace is scrubbed, even from library output."""

import json
import logging
import stat

from cogtui.aws.trace import redact
from cogtui.logs import setup_logging
from cogtui.secrets import REDACTED, remember, scrub


def test_scrub_removes_remembered_values_and_their_json_form():
    remember('Pa"ss\\w0rd!')
    text = json.dumps({"PASSWORD": 'Pa"ss\\w0rd!'})
    assert 'Pa\\"ss' not in scrub(text) and REDACTED in scrub(text)
    assert scrub("nothing to hide") == "nothing to hide"


def test_short_values_are_not_scrubbed():
    remember("abc")
    assert scrub("abc def") == "abc def"


def test_choosing_the_password_factor_leaves_cognitos_own_words_readable():
    # SELECT_CHALLENGE's answer is a secret-named field; its value here is a factor's name, not a secret.
    redacted = redact({"ChallengeResponses": {"USERNAME": "alice", "ANSWER": "PASSWORD"}})
    assert redacted["ChallengeResponses"]["ANSWER"] == REDACTED  # the trace still hides the field
    message = "Resend not possible. settled status is not FORCE_CHANGE_PASSWORD"
    assert scrub(message) == message
    assert (
        scrub("USER_PASSWORD_AUTH, PASSWORD_SRP, EMAIL_OTP") == "USER_PASSWORD_AUTH, PASSWORD_SRP, EMAIL_OTP"
    )
    remember("PASSWORD-of-alice")  # a real secret that contains the word is still scrubbed
    assert scrub("sent PASSWORD-of-alice") == f"sent {REDACTED}"


def test_log_file_is_private_and_scrubbed(tmp_path):
    redact({"AuthParameters": {"PASSWORD": "Sup3rSecret!"}, "ClientSecret": "client-secret-value-123"})
    path = setup_logging(tmp_path / "logs" / "cogtui.log")
    try:
        logging.getLogger("botocore.endpoint").debug(
            'Making request with body b\'{"PASSWORD": "Sup3rSecret!"}\''
        )
        try:
            raise ValueError("bad secret client-secret-value-123")
        except ValueError:
            logging.getLogger("cogtui").exception("failure")
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                handler.close()
                root.removeHandler(handler)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "Making request" in text and "failure" in text
    assert "Sup3rSecret!" not in text and "client-secret-value-123" not in text
