"""Fixtures for the hub tests: the hub that `make hub` starts (its three printed lines), Chromium.

The hub runs in a temporary state folder, with the same command `make hub`
runs. Without Chromium, playwright, JupyterHub or the npm proxy the tests are
skipped with one line saying how to enable them; in CI (CI=true) a skip is a failure.
"""

import contextlib
import os
import queue
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # reuse the browser tests' Chromium setup
sys.path.insert(0, str(Path(__file__).parent))  # hub_page: a student's steps on the hub
from lab import launch_chromium, missing_requirement  # noqa: E402

PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
# What the hub's spawner runs for each student (hub.launch.SERVER_START; this folder is
# the package "hub" to pytest, so the launcher's own module is not importable by that name).
SERVER_START = ROOT / "hub" / "start_server.py"
HOW_TO_ENABLE = "run `make test-hub` (it installs JupyterHub, nbgitpuller and the npm proxy)"


def hub_missing():
    """Why the hub can't run here, or None if it can."""
    reason = missing_requirement()
    if reason:
        return reason
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed"
    if not PROXY.exists():
        return f"{PROXY.relative_to(ROOT)} is missing"
    return None


@dataclass
class RunningHub:
    """What `make hub` printed, and where its state lives."""

    url: str
    student: str
    password: str
    link: str
    state: Path

    def home(self, student):
        return self.state / "homes" / student

    @property
    def served(self):
        """The served repository: the teacher pushes here."""
        return self.state / "served" / "derivatives-course"

    def hub_pid(self):
        """The jupyterhub process's id (a restarted hub writes a new one), None while down."""
        try:
            return int((self.state / "jupyterhub.pid").read_text())
        except (FileNotFoundError, ValueError):
            return None

    def link_to(self, notebook):
        """The class link, opening ``notebook`` (e.g. 02_tangent_lines.ipynb) instead of 00."""
        return self.link.replace("00_start_here.ipynb", notebook)

    def server_process(self, student):
        """The student's running jupyterhub-singleuser (a psutil.Process), or None.

        Found by its command (hub/start_server.py) and its working folder, the
        student's home on this hub."""
        import psutil

        home = str(self.home(student))
        for process in psutil.process_iter(["cmdline"]):
            try:
                if str(SERVER_START) in (process.info["cmdline"] or []):
                    if process.cwd() == home:
                        return process
            except psutil.Error:
                continue
        return None

    def lab_url(self, student, notebook):
        # ?reset: a clean workspace, so the notebook opened before does not reopen too.
        return f"{self.url}user/{student}/lab/tree/derivatives-course/notebooks/{notebook}?reset"


def read_printed_lines(process, count, timeout):
    """The first ``count`` lines the launcher prints, within ``timeout`` seconds."""
    lines = queue.Queue()
    reader = threading.Thread(
        target=lambda: [lines.put(process.stdout.readline().rstrip("\n")) for _ in range(count)],
        daemon=True,
    )
    reader.start()
    reader.join(timeout)
    return list(lines.queue)


@contextlib.contextmanager
def launched_hub(state, *options):
    """`make hub` (``python -m hub``) with ``options``, in ``state``; stopped on exit."""
    reason = hub_missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI the hub tests must run, but {reason}")
        pytest.skip(f"{reason}: {HOW_TO_ENABLE}")
    with open(state / "launcher.stderr", "w") as stderr:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "hub", "--state", str(state), *options],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    try:
        lines = read_printed_lines(launcher, 3, timeout=120)
        patterns = [r"hub: (http://127\.0\.0\.1:\d+/)", r"login: (\S+) (\S+)", r"link: (\S+)"]
        found = [re.fullmatch(pattern, line) for pattern, line in zip(patterns, lines)]
        if len(lines) < 3 or not all(found):
            log = (state / "hub.log").read_text()[-3000:] if (state / "hub.log").exists() else ""
            pytest.fail(f"make hub printed {lines!r}; its log ends:\n{log}")
        (url,), (student, password), (link,) = (match.groups() for match in found)
        yield RunningHub(url, student, password, link, state)
    finally:
        launcher.terminate()  # the launcher stops every server, the hub and its proxy
        launcher.wait(timeout=120)
    assert launcher.stdout.read() == "", "make hub printed more than its three lines"


@pytest.fixture(scope="session")
def hub(tmp_path_factory):
    """The hub of the student path and the fault tests: six students, the class's settings."""
    with launched_hub(tmp_path_factory.mktemp("hub-state"), "--students", "6") as running:
        yield running


@pytest.fixture(scope="session")
def browser(hub):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
