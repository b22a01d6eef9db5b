"""Faults on the token inspector's JWKS fetch and the identity-pool exchange."""

from __future__ import annotations

import pytest

from tests.faults.faults import FAULTS, run_faults
from tests.faults.screens import IDENTITY, TOKENS

TALLY_AS = "tokens"  # the row of the faults-injected summary for tests without a screen


@pytest.mark.parametrize("screen", [TOKENS, IDENTITY], ids=str)
async def test_every_fault(screen, make_fault_app, chaos, sandbox):
    _, info = sandbox
    await run_faults(screen, FAULTS, make_fault_app(), chaos, info)
