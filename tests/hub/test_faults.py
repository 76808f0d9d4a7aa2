"""Faults in a lesson on the hub, as a student lives them, in headless Chromium.

Each test logs a student in through the hub's form and the class link, breaks
something (the student's server, the hub, the teacher's update, an idle hour),
and ends by checking that the student's edits are still there: in the files of
their home and on the page.
"""

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hub_page import (
    FIRST_NOTEBOOK,
    HubLab,
    check_explorer_responds,
    click_the_link_and_log_in,
    edit_first_answer,
    saved_sources,
    wait_for_file,
    wait_for_notebook,
)
from notebook_page import open_and_run_all

from .conftest import launched_hub

pytestmark = pytest.mark.browser

NOTEBOOK = "02_tangent_lines.ipynb"
SCREENSHOTS = Path(__file__).parent / "screenshots"
TEACHERS_HINT = "answer = ...  # hint: read the slope off the tangent at x = 1"
TEACHERS_NOTE_01 = "Teacher's note: notebook 01 is revision, skim it."


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def clone(hub, student):
    return hub.home(student) / "derivatives-course" / "notebooks"


def open_notebook(page, hub, student, notebook=NOTEBOOK):
    page.goto(hub.lab_url(student, notebook))
    wait_for_notebook(page, notebook)
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=60_000)


def click_the_link_until_the_notebook(page, hub, notebook=NOTEBOOK, timeout_s=180):
    """Click the class link to ``notebook``, again while the proxy still says the server
    is down (until the hub notices a dead server); what the student sees on the way."""
    seen = []
    deadline = time.monotonic() + timeout_s
    while True:
        page.goto(hub.link_to(notebook))
        try:
            page.wait_for_url(re.compile(re.escape(f"notebooks/{notebook}")), timeout=15_000)
            break
        except Exception:
            seen.append(page.locator("body").inner_text()[:200])
            assert time.monotonic() < deadline, f"the link never led back: {seen}"
    wait_for_notebook(page, notebook)
    return seen


def page_shows(page, text):
    page.locator(".jp-Cell").filter(has_text=text).first.wait_for(timeout=60_000)


def test_a_killed_server_comes_back_on_the_next_click_with_saved_and_autosaved_edits(hub, browser):
    student = "student03"
    page = new_page(browser)
    click_the_link_and_log_in(page, hub, student)
    open_notebook(page, hub, student)
    path = clone(hub, student) / NOTEBOOK

    # The class's autosave interval, as `make hub` sets it for every student's JupyterLab.
    overrides = hub.state / "jupyter-config" / "lab-settings" / "overrides.json"
    autosave = json.loads(overrides.read_text())["@jupyterlab/docmanager-extension:plugin"]
    interval = autosave["autosaveInterval"]

    edit_first_answer(page, "answer = 6.0  # saved with Ctrl+S")
    wait_for_file(path, "saved with Ctrl+S")
    # A second answer, not saved by hand: JupyterLab's autosave writes it within the
    # class's interval (the same setting `make hub` writes), and not at once.
    typed = time.monotonic()
    edit_first_answer(page, "answer = 7.0  # left to autosave", save=False)
    time.sleep(2)
    assert "left to autosave" not in path.read_text(), "saved at once: not the autosave"
    wait_for_file(path, "left to autosave", timeout_s=interval + 15)
    print(f"autosaved {time.monotonic() - typed:.0f} s after typing (interval {interval} s)")

    server = hub.server_process(student)
    server.send_signal(signal.SIGKILL)  # as the kernel's OOM killer would
    server.wait(timeout=30)
    assert hub.server_process(student) is None

    seen = click_the_link_until_the_notebook(page, hub)
    print(f"on the way back the student saw: {seen or 'nothing but the notebook'}")
    assert hub.server_process(student).pid != server.pid
    sources = saved_sources(path)
    assert "answer = 6.0  # saved with Ctrl+S" in sources
    assert "answer = 7.0  # left to autosave" in sources
    page_shows(page, "saved with Ctrl+S")
    page_shows(page, "left to autosave")
    page.context.close()


def kernel_pids(server):
    return {
        child.pid
        for child in server.children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline())
    }


def hub_answers(hub):
    try:
        with urllib.request.urlopen(f"{hub.url}hub/api/", timeout=2):
            return True
    except OSError:
        return False


def test_a_restarted_hub_keeps_the_students_servers_kernels_and_explorers(hub, browser):
    student = "student04"
    page = new_page(browser)
    click_the_link_and_log_in(page, hub, student)
    open_and_run_all(page, HubLab(hub, student), NOTEBOOK)
    explorer = page.locator(".explorer").first
    explorer.wait_for(timeout=30_000)
    check_explorer_responds(page, explorer)
    edit_first_answer(page, "answer = 6.0  # before the restart")
    path = clone(hub, student) / NOTEBOOK
    wait_for_file(path, "before the restart")
    prompts_before = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
    server = hub.server_process(student)
    kernels = kernel_pids(server)
    assert kernels, "no kernel runs for the notebook"

    old_hub = hub.hub_pid()
    os.kill(old_hub, signal.SIGTERM)  # the hub stops; the launcher starts it again
    deadline = time.monotonic() + 120
    through_the_proxy = []  # the student's server, asked through the proxy all along
    while hub.hub_pid() in (old_hub, None) or not hub_answers(hub):
        through_the_proxy.append(status_through_the_proxy(hub, student))
        assert time.monotonic() < deadline, "the hub did not come back"
        time.sleep(0.1)
    # The proxy outlived the hub with its routes: not one request failed meanwhile (a proxy
    # replaced by the new hub answered "no route" (404) or nothing for a moment).
    assert len(through_the_proxy) >= 5
    assert set(through_the_proxy) == {200}, through_the_proxy

    # The same server and kernels, never restarted ...
    assert hub.server_process(student).pid == server.pid
    assert kernel_pids(server) == kernels
    # ... and the explorer still answers a key press, and the kernel runs a cell with its
    # state: the run counts on where it was (a restarted kernel would count from 1).
    check_explorer_responds(page, explorer)
    last = page.locator(".jp-CodeCell").last
    last.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    highest = max(int(n) for p in prompts_before for n in re.findall(r"\[(\d+)\]", p))
    expected = f"[{highest + 1}]"
    last.locator(".jp-InputPrompt").filter(has_text=expected).wait_for(timeout=60_000)

    # A new login after the restart works too.
    newcomer = new_page(browser)
    click_the_link_and_log_in(newcomer, hub, "student05")
    assert (clone(hub, "student05") / FIRST_NOTEBOOK).is_file()
    newcomer.context.close()

    assert "answer = 6.0  # before the restart" in saved_sources(path)
    page_shows(page, "before the restart")
    # JupyterLab never lost its server, so it never said so ("Server unavailable",
    # "Directory not found"): no dialog came up over the notebook.
    if page.locator(".jp-Dialog").count():
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "hub-restart-dialog.png")
    assert page.locator(".jp-Dialog").all_inner_texts() == []
    page.context.close()


def status_through_the_proxy(hub, student):
    """The HTTP status of the student's server's /api (no login needed) through the
    class's port, or the error's name when nothing answered."""
    try:
        with urllib.request.urlopen(f"{hub.url}user/{student}/api", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


def teacher_changes_02_and_01(served, workspace):
    """The teacher's commit: a hint in notebook 02's first answer cell (the cell the
    student edits) and a note in notebook 01, pushed to the served repository."""
    teacher = workspace / "teacher"
    subprocess.run(["git", "clone", "--quiet", served.as_uri(), str(teacher)], check=True)

    def change(name, edit):
        path = teacher / "notebooks" / name
        notebook = json.loads(path.read_text())
        edit(notebook["cells"])
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")

    def hint(cells):
        cell = next(c for c in cells if "".join(c["source"]) == "answer = ...")
        cell["source"] = [TEACHERS_HINT]

    def note(cells):
        cells.insert(
            1,
            {
                "cell_type": "markdown",
                "id": "note-01",
                "metadata": {},
                "source": [TEACHERS_NOTE_01],
            },
        )

    change(NOTEBOOK, hint)
    change("01_slope.ipynb", note)
    identity = ["-c", "user.name=Teacher", "-c", "user.email=teacher@school.invalid"]
    git = ["git", "-C", str(teacher), *identity]
    subprocess.run([*git, "commit", "--quiet", "-am", "A hint in 02, a note in 01"], check=True)
    subprocess.run([*git, "push", "--quiet", "origin", "HEAD:main"], check=True)


def test_a_collision_keeps_the_students_cell_and_a_renamed_copy_brings_the_teachers(
    hub, browser, tmp_path
):
    student = "student06"
    mine = "answer = 6.0  # student06's own answer"
    page = new_page(browser)
    click_the_link_and_log_in(page, hub, student)
    open_notebook(page, hub, student)
    notebooks = clone(hub, student)
    edit_first_answer(page, mine)
    wait_for_file(notebooks / NOTEBOOK, "student06's own answer")

    teacher_changes_02_and_01(hub.served, tmp_path)
    click_the_link_until_the_notebook(page, hub)
    # nbgitpuller commits the student's work and merges with -Xours: in the cell both
    # changed, the student's version wins; the teacher's other change arrives.
    sources = saved_sources(notebooks / NOTEBOOK)
    assert mine in sources and TEACHERS_HINT not in sources
    assert TEACHERS_NOTE_01 in saved_sources(notebooks / "01_slope.ipynb")
    page_shows(page, "student06's own answer")

    # The documented way to the teacher's version: rename your copy, click the link again.
    # (The file browser's Rename does this same move in the student's home.)
    page.goto(hub.lab_url(student, FIRST_NOTEBOOK))
    wait_for_notebook(page, FIRST_NOTEBOOK)
    renamed = notebooks / "02_tangent_lines-mine.ipynb"
    (notebooks / NOTEBOOK).rename(renamed)
    click_the_link_until_the_notebook(page, hub)
    sources = saved_sources(notebooks / NOTEBOOK)
    assert TEACHERS_HINT in sources and mine not in sources
    page_shows(page, "hint: read the slope off the tangent")
    # ... and the renamed copy still holds the student's work.
    assert mine in saved_sources(renamed)
    assert TEACHERS_NOTE_01 in saved_sources(notebooks / "01_slope.ipynb")
    page.context.close()


CULL = 20  # seconds; the class's default is hub.launch.CULL (an hour)


@pytest.fixture(scope="module")
def culling_hub(tmp_path_factory):
    """A hub of its own (a short cull would stop the other tests' servers): one student."""
    state = tmp_path_factory.mktemp("culling-hub-state")
    with launched_hub(state, "--students", "1", "--cull", str(CULL)) as running:
        yield running


def test_the_culler_stops_an_idle_server_and_the_link_brings_it_back_with_the_edits(
    culling_hub, browser
):
    hub, student = culling_hub, culling_hub.student
    page = new_page(browser)
    click_the_link_and_log_in(page, hub, student)
    open_notebook(page, hub, student)
    path = clone(hub, student) / NOTEBOOK
    edit_first_answer(page, "answer = 6.0  # before going idle")
    wait_for_file(path, "before going idle")
    server = hub.server_process(student)

    page.close()  # the student closes the tab: nothing talks to the server any more
    left = time.monotonic()
    server.wait(timeout=CULL + 120)
    print(f"culled {time.monotonic() - left:.0f} s after the tab closed (cull time {CULL} s)")
    assert "Culling server" in (hub.state / "hub.log").read_text()
    assert "answer = 6.0  # before going idle" in saved_sources(path)

    page = page.context.new_page()
    click_the_link_until_the_notebook(page, hub)
    assert hub.server_process(student) is not None
    assert "answer = 6.0  # before going idle" in saved_sources(path)
    page_shows(page, "before going idle")
    page.context.close()
