"""Fixtures for the browser tests: one JupyterLab server and one Chromium per run.

Without Chromium the tests are skipped with one line saying how to enable them;
in CI (CI=true) a skip is a failure, since .ci/run installs Chromium.
"""

import sys
from pathlib import Path

import pytest

# The browser tests import their helpers (lab, notebook_page, ...) as top-level modules.
sys.path.insert(0, str(Path(__file__).parent))
from lab import JupyterLab, launch_chromium, missing_requirement, skip_or_fail  # noqa: E402

HOW_TO_ENABLE = (
    "browser tests need Chromium and playwright: run `sudo apt-get install chromium` "
    "(Debian/Ubuntu) and `make test` again"
)


@pytest.fixture(scope="session")
def browser():
    reason = missing_requirement()
    if reason:
        skip_or_fail(reason, HOW_TO_ENABLE)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lab(browser):
    server = JupyterLab()
    yield server
    server.stop()


@pytest.fixture
def page(browser, lab):
    """A fresh page in JupyterLab; afterwards every kernel stops, so one notebook's kernel
    does not slow down the next."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()
    lab.shut_down_kernels()
