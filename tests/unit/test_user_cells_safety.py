"""A username or attribute with a newline or an escape sequence stays on its row of the users table."""

from cogtui.aws.models import User
from cogtui.screens.user_format import user_cells


def test_user_cells_escape_what_the_user_pool_stores():
    user = User.from_api(
        {
            "Username": "mallory\n✔ alice",
            "UserStatus": "CONFIRMED",
            "Enabled": True,
            "Attributes": [
                {"Name": "email", "Value": "m@example.com\x1b[31m"},
                {"Name": "phone_number", "Value": "+1555\r0100"},
            ],
        }
    )
    cells = [str(cell) for cell in user_cells(user)]
    assert cells[0] == "mallory\\n✔ alice"
    assert cells[3] == "m@example.com\\x1b[31m"
    assert cells[4] == "+1555\\r0100"
    assert not any("\n" in c or "\r" in c or "\x1b" in c for c in cells)
