"""A student on the hub, as Playwright steps: the class link, the login form, a notebook.

Shared by the hub tests and the class benchmark (benchmarks/hub.py). ``hub`` is
anything with ``link``, ``password``, ``home(student)`` and ``lab_url(student, notebook)``:
the hub the tests read from `make hub`'s lines, or ``hub.launch.LocalHub``.
"""

import json
import re
import time

from notebook_page import readout_numbers

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


def eventually(condition, failure, timeout_s=10):
    """Wait until ``condition()`` holds (an explorer redraws in its next animation frame)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, failure()
        time.sleep(0.05)


def check_explorer_responds(page, explorer):
    """The explorer contract: its slider's keys and a drag on its figure move the point,
    and the readout shows the slider's value (two decimals)."""
    slider = explorer.locator("[role='slider']").first
    explorer.scroll_into_view_if_needed()

    def value(attribute="aria-valuenow"):
        return float(slider.get_attribute(attribute))

    def shown_x():
        return readout_numbers(explorer).get("x", float("nan"))

    def moves(condition, action):
        eventually(condition, lambda: f"{action}: aria-valuenow is {value()}")
        eventually(
            lambda: abs(shown_x() - value()) <= 0.005,
            lambda: f"after {action} the readout shows x = {shown_x()}, not {value()}",
        )

    start = value()
    slider.focus()
    page.keyboard.press("ArrowRight")
    moves(lambda: value() > start, "ArrowRight")
    page.keyboard.press("Home")
    moves(lambda: value() == value("aria-valuemin"), "Home")
    page.keyboard.press("End")
    moves(lambda: value() == value("aria-valuemax"), "End")

    box = explorer.locator(".explorer-figure").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.7 * box["width"], y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.3 * box["width"], y, steps=12)
    page.mouse.up()
    moves(lambda: value() < value("aria-valuemax"), "a drag to the left on the figure")


def edit_first_answer(page, new_source, save=True):
    """Replace the first `answer = ...` cell's text, as a student types it, and save
    (Ctrl+S) unless ``save`` is false: then JupyterLab's autosave saves it later."""
    cell = page.locator(".jp-CodeCell").filter(has_text="answer = ...").first
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(new_source)
    if save:
        page.keyboard.press("Control+S")


def saved_sources(notebook_path):
    return ["".join(cell["source"]) for cell in json.loads(notebook_path.read_text())["cells"]]


def wait_for_file(path, text, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while text not in path.read_text():
        assert time.monotonic() < deadline, f"{text!r} never reached {path}"
        time.sleep(0.2)
