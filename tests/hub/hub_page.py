"""A student on the hub, as Playwright steps: the class link, the login form, a notebook.

Shared by the hub tests and the class benchmark (benchmarks/hub.py). ``hub`` is
anything with ``link``, ``password``, ``home(student)`` and ``lab_url(student, notebook)``:
the hub the tests read from `make hub`'s lines, or ``hub.launch.LocalHub``.
"""

import json
import re

FIRST_NOTEBOOK = "00_start_here.ipynb"


class HubLab:
    """One student's JupyterLab on the hub, in the shape notebook_page's helpers expect."""

    def __init__(self, hub, student):
        self.hub, self.student = hub, student

    def url(self, notebook, port=None):
        # ``port`` (a delaying proxy of the browser benchmark) has no place on the hub.
        assert port is None, "the hub's notebooks are opened through the hub itself"
        return self.hub.lab_url(self.student, notebook)


def render_every_cell(hub, student):
    """The student's JupyterLab setting (in their home) for no virtual scrolling, as in
    tests/browser: every cell and output stays on the page, for a test to read."""
    settings = hub.home(student) / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    tracker = settings / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))


def click_the_link_and_log_in(page, hub, student):
    """The first click on the class link: the hub's login form, then nbgitpuller, then the lab."""
    render_every_cell(hub, student)
    page.goto(hub.link)
    page.get_by_label("Username:").fill(student)
    page.get_by_label("Password:").fill(hub.password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_notebook(page, FIRST_NOTEBOOK)


def wait_for_notebook(page, notebook, timeout_s=180):
    """Wait until JupyterLab shows ``notebook`` from the clone (spawn and sync take a while)."""
    path = f"lab/tree/derivatives-course/notebooks/{notebook}"
    page.wait_for_url(re.compile(re.escape(path)), timeout=timeout_s * 1000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
