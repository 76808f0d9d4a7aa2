"""Fixtures for the browser tests: one JupyterLab server and one Chromium per run.

Without Chromium the tests are skipped with one line saying how to enable them;
in CI (CI=true) a skip is a failure, since .ci/run installs Chromium.
"""

import os

import pytest
from lab import JupyterLab, launch_chromium, missing_requirement

HOW_TO_ENABLE = (
    "browser tests need Chromium and playwright: run `sudo apt-get install chromium` "
    "(Debian/Ubuntu) and `make test` again"
)


def skip_or_fail(reason, how_to_enable):
    if os.environ.get("CI") == "true":
        pytest.fail(f"in CI the browser tests must run, but {reason}")
    pytest.skip(f"{reason}: {how_to_enable}")


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
