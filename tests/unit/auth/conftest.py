"""Fixtures for the sign-in engine's unit tests: a gateway whose cognito-idp client is a botocore Stubber."""

import pytest
from auth_fakes import StubbedIdp


@pytest.fixture
def idp():
    stub = StubbedIdp()
    yield stub
    stub.close()


@pytest.fixture
def idp_read_only():
    stub = StubbedIdp(read_only=True)
    yield stub
    stub.close()
