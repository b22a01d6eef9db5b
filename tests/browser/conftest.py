"""Fixtures for the browser tests: a headless Chromium per test, and a user pool of the test's own with a
managed-login domain, an app client whose callback is a free loopback port, and its users."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from cogtui.sandbox.totp import totp_now
from tests.browser.chromium import skip_or_fail_without_browser, start_chromium
from tests.contract.conftest import unused_port
from tests.contract.oauth_login import LoginClient
from tests.contract.own_pool import PASSWORD, OwnPool, own_pool


def pytest_runtest_setup(item):
    """Before any fixture starts: skip a browser test when Chromium cannot run (fail under CI)."""
    if item.get_closest_marker("browser"):
        skip_or_fail_without_browser()


@pytest.fixture
def page(tmp_path):
    """The login page in a headless Chromium with a fresh profile, quit after the test."""
    from tests.browser.login_page import LoginPage  # selenium only once the browser is known to run

    driver = start_chromium(tmp_path / "chromium-profile")
    try:
        yield LoginPage(driver)
    finally:
        driver.quit()


@dataclass
class LoginPool:
    """A pool with a domain and an authorization-code client, as a web app would set it up."""

    pool: OwnPool
    client: LoginClient
    password: str = PASSWORD

    def add_user(self) -> str:
        return self.pool.add_user(email=f"{uuid.uuid4().hex[:8]}@example.com")

    def add_totp_user(self) -> tuple[str, str]:
        """A user enrolled with an authenticator app through the API: (username, TOTP secret)."""
        idp, username = self.pool.idp, self.add_user()
        access = self.pool.sign_in(username)["AccessToken"]
        secret = idp.associate_software_token(AccessToken=access)["SecretCode"]
        idp.verify_software_token(AccessToken=access, UserCode=totp_now(secret), FriendlyDeviceName="phone")
        idp.admin_set_user_mfa_preference(
            UserPoolId=self.pool.id,
            Username=username,
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
        )
        return username, secret


@pytest.fixture
def login_pool(sandbox):
    _, info = sandbox
    pool = own_pool(info.endpoint_url)
    idp = pool.idp
    idp.set_user_pool_mfa_config(
        UserPoolId=pool.id, SoftwareTokenMfaConfiguration={"Enabled": True}, MfaConfiguration="OPTIONAL"
    )
    domain = f"login-{uuid.uuid4().hex[:10]}"
    idp.create_user_pool_domain(UserPoolId=pool.id, Domain=domain)
    callback = f"http://localhost:{unused_port()}/callback"
    client = idp.create_user_pool_client(
        UserPoolId=pool.id,
        ClientName="web",
        CallbackURLs=[callback],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile"],
        AllowedOAuthFlowsUserPoolClient=True,
        SupportedIdentityProviders=["COGNITO"],
        ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    yield LoginPool(pool, LoginClient(pool.id, client["ClientId"], None, callback))
    idp.delete_user_pool_domain(UserPoolId=pool.id, Domain=domain)
    idp.delete_user_pool(UserPoolId=pool.id)
