"""Headless Chromium from Debian's packages (``chromium``, ``chromium-driver``), driven by Selenium.

Outside CI a machine without them skips the browser tests with the reason; with
``COGTUI_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails them instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REQUIRE_ENV = "COGTUI_REQUIRE_BROWSER"
# Headless, and quiet: no sandbox (root on CI machines), no QUIC, no first-run or background traffic.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1024,768",
)


def missing() -> str:
    """Why the browser tests cannot run here, or '' when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    absent = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if absent:
        return f"{' and '.join(absent)} missing (apt-get install chromium chromium-driver)"
    return ""


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def skip_or_fail_without_browser() -> None:
    reason = missing()
    if reason and required():
        pytest.fail(f"{REQUIRE_ENV} is set but the browser cannot run: {reason}", pytrace=False)
    if reason:
        pytest.skip(f"no headless Chromium: {reason}")


def start_chromium(profile_dir: Path) -> Any:
    """A headless Chromium (a Selenium WebDriver) with a fresh profile in ``profile_dir``; the caller
    quits it. The driver is given, so Selenium Manager never looks for one on the network."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    service = Service(executable_path=str(CHROMEDRIVER), log_output=os.devnull)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    return driver
