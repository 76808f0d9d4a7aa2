"""Fixtures for the website's tests: the built site served on 127.0.0.1, and Chromium.

`make test-site` builds _site/ first (`make site`). Every page opened through
`offline_page` has each request to a host other than 127.0.0.1 aborted and counted.
"""

import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_OUTPUT = ROOT / "_site"
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from lab import launch_chromium, missing_requirement  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticSite:
    """A folder served by Python's http.server on 127.0.0.1, in a thread."""

    def __init__(self, folder):
        self.folder = Path(folder)
        handler = functools.partial(QuietHandler, directory=str(self.folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server.server_port}/"

    def url(self, page):
        return self.base + page

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class OfflinePage:
    """A Chromium page that may only talk to 127.0.0.1, and remembers what went wrong."""

    def __init__(self, page):
        self.page = page
        self.outside_requests = []
        self.console_errors = []
        self.failed_responses = []
        self.requests = []
        page.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))
        page.on(
            "response",
            lambda r: r.status >= 400 and self.failed_responses.append(f"{r.status} {r.url}"),
        )

    def _route(self, route):
        self.requests.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def open(self, url):
        """Go to url and wait until its scripts, MathJax and widgets have settled."""
        self.page.goto(url, wait_until="networkidle", timeout=90_000)
        self.page.wait_for_timeout(300)
        return self.page


def require_browser():
    reason = missing_requirement()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI the site's browser tests must run, but {reason}")
        pytest.skip(f"{reason}: install Chromium (apt-get install chromium) to run them")


@pytest.fixture(scope="session")
def built_site():
    if not (SITE_OUTPUT / "index.html").exists():
        pytest.fail("_site/ is not built: run `make test-site` (it runs `make site` first)")
    return SITE_OUTPUT


@pytest.fixture(scope="session")
def site(built_site):
    server = StaticSite(built_site)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield OfflinePage(context.new_page())
    context.close()
