"""User pool ids shaped as AWS issues them: ``<region>_`` and 9 letters and digits (``us-east-1_Ab12Cd34E``).

moto names a pool ``<region>_`` and 32 hex digits, a shape no real pool has, so a screen or a test that
looked right on the sandbox could break on AWS (column widths, id checks). The suffix comes from moto's
own random generator, which the seed fixes, so ids stay the same from one run to the next.
"""

from __future__ import annotations

import string
from typing import Any

ALPHABET = string.ascii_letters + string.digits
SUFFIX_LENGTH = 9
# The moto classes patched in this process (install is idempotent).
_PATCHED: set[type] = set()


def install() -> None:
    """Patch moto's user pool constructor once (idempotent)."""
    from moto.cognitoidp.models import CognitoIdpUserPool
    from moto.moto_api._internal import mock_random

    if CognitoIdpUserPool in _PATCHED:
        return
    original = CognitoIdpUserPool.__init__

    def __init__(self: Any, account_id: str, region: str, name: str, extended_config: dict[str, Any]) -> None:
        original(self, account_id, region, name, extended_config)
        suffix = "".join(mock_random.choice(ALPHABET) for _ in range(SUFFIX_LENGTH))
        self.id = f"{region}_{suffix}"
        self.arn = self.arn.rsplit("/", 1)[0] + f"/{self.id}"

    # moto builds every pool through this constructor; the sandbox gives the pool an AWS-shaped id after it.
    CognitoIdpUserPool.__init__ = __init__  # type: ignore[method-assign]  # mypy cannot type a patch
    _PATCHED.add(CognitoIdpUserPool)
