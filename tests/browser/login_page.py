"""The sandbox's managed-login page as a person uses it in Chromium: fields found by their labels, the
Sign in button clicked, every step awaited with an explicit wait (no fixed sleeps)."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT_S = 15


class LoginPage:
    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.wait = WebDriverWait(driver, WAIT_S)

    def open(self, url: str) -> None:
        self.driver.get(url)
        self.shows("Sign in")

    def shows(self, title: str) -> None:
        """Wait for the page whose title is ``title`` (the sign-in form, the authenticator-code form)."""
        self.wait.until(ec.title_is(title))

    @property
    def url(self) -> str:
        return self.driver.current_url

    def field(self, label: str) -> WebElement:
        xpath = f"//label[normalize-space(text())={label!r}]//input"
        return self.wait.until(ec.visibility_of_element_located((By.XPATH, xpath)))

    def submit(self, **values: str) -> None:
        """Type each value into the field labelled with its name ('new_password': 'New password'), then
        press Sign in."""
        for name, value in values.items():
            box = self.field(name.replace("_", " ").capitalize())
            box.clear()
            box.send_keys(value)
        self.driver.find_element(By.XPATH, "//button[normalize-space()='Sign in']").click()

    def error(self) -> str:
        """The error the page shows the person, once it is visible."""
        return self.wait.until(ec.visibility_of_element_located((By.ID, "error"))).text

    def callback_text(self, callback: str) -> str:
        """The text of the page at ``callback``, once the browser has been sent there."""
        self.wait.until(lambda driver: driver.current_url.startswith(callback + "?"))
        return self.wait.until(ec.visibility_of_element_located((By.TAG_NAME, "body"))).text
