"""A student's path through a real JupyterHub, in headless Chromium.

The student clicks the class link that `make hub` printed, logs in through the
hub's form, lands in JupyterLab at notebook 00 (nbgitpuller cloned the course
into their home) and runs it. Later the teacher pushes a change to notebook 03;
a student who has edited an answer in notebook 02 clicks the same link again
and gets the change, with their answer kept.
"""

import importlib.util
import json
import re
import subprocess
import time
import urllib.parse
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
from notebook_page import error_outputs, open_and_run_all

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
TEACHERS_NOTE = "Teacher's note for today: sections 1 to 4 only, section 5 is homework."
STUDENTS_ANSWER = "answer = 6.0  # my own answer"

# The explorers become anywidget widgets on the lead's explorer branch (the page
# contract in check_explorer_responds). Until then the notebooks show the old ipympl
# explorers, which that check does not know: it is expected to fail, and must pass after.
NEW_EXPLORERS = importlib.util.find_spec("anywidget") is not None


def failed_responses(page):
    """Collect every response of the page with an error status (4xx, 5xx), as (status, url)."""
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    return failed


def off_machine_requests(page):
    """Collect every request the page makes to anywhere but 127.0.0.1 (there must be none)."""
    requests = []

    def record(request):
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            requests.append(request.url)

    page.on("request", record)
    return requests


@pytest.fixture(scope="module")
def first_student(hub, browser):
    """student01 after the first click on the link, with notebook 00 run."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside = off_machine_requests(page)
    failed = failed_responses(page)
    started = time.monotonic()
    click_the_link_and_log_in(page, hub, hub.student)
    landed_after = time.monotonic() - started
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "hub-landed-in-notebook-00.png")
    landed_at = page.url
    open_and_run_all(page, HubLab(hub, hub.student), FIRST_NOTEBOOK)
    page.screenshot(path=SCREENSHOTS / "hub-notebook-00-run.png", full_page=True)
    yield {
        "page": page,
        "landed_at": landed_at,
        "landed_after": landed_after,
        "outside": outside,
        "failed": failed,
    }
    context.close()


def test_the_link_logs_the_student_in_and_opens_notebook_00_from_their_clone(hub, first_student):
    assert first_student["landed_at"].startswith(f"{hub.url}user/{hub.student}/lab/tree/")
    clone = hub.home(hub.student) / "derivatives-course"
    assert (clone / "notebooks" / FIRST_NOTEBOOK).is_file()
    git_remote = ["git", "-C", str(clone), "remote", "get-url", "origin"]
    origin = subprocess.run(git_remote, capture_output=True, text=True).stdout.strip()
    [repo] = urllib.parse.parse_qs(urllib.parse.urlsplit(hub.link).query)["repo"]
    assert origin == repo == hub.served.as_uri()
    print(f"link → notebook 00, with login and server start: {first_student['landed_after']:.1f} s")


def test_notebook_00_runs_in_the_students_server_with_interactive_plots_on(first_student):
    page = first_student["page"]
    assert error_outputs(page) == []
    outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
    assert any("✓" in text for text in outputs), outputs  # helpers.check_environment()
    assert not any("✗" in text for text in outputs), outputs


def test_the_students_pages_make_no_requests_off_this_machine(first_student):
    assert first_student["outside"] == []


def test_the_server_extensions_the_hub_turns_off_leave_nothing_broken_behind(first_student):
    """The hub's servers run without Voilà's server extension (hub/launch.py,
    SERVER_EXTENSIONS_OFF): no button in JupyterLab leads to it, and no request of the
    page goes to it, or to jupyter_lsp (which JupyterLab asks on every load), and fails."""
    page = first_student["page"]
    toolbar = page.locator(".jp-NotebookPanel-toolbar").first
    assert toolbar.is_visible()
    assert toolbar.locator(".voilaRender").count() == 0  # "Render with Voilà"
    to_them = [
        (status, url)
        for status, url in first_student["failed"]
        if re.search(r"/(lsp|voila)/", urllib.parse.urlsplit(url).path)
    ]
    assert to_them == []


@pytest.mark.xfail(
    not NEW_EXPLORERS,
    reason="notebook 00 still shows the ipympl explorer; the new page contract "
    "(.explorer, role=slider, .explorer-figure) lands with the lead's explorer branch",
    strict=True,
)
def test_the_explorer_in_notebook_00_responds_to_keys_and_the_mouse(first_student):
    page = first_student["page"]
    explorer = page.locator(".explorer").first
    explorer.wait_for(timeout=30_000)
    check_explorer_responds(page, explorer)
    page.screenshot(path=SCREENSHOTS / "hub-explorer-after-drag.png")


def teacher_pushes_a_note_to_notebook_03(served, workspace):
    """The teacher's commit: a note at the top of notebook 03, pushed to the served repository."""
    clone = workspace / "teacher"
    subprocess.run(["git", "clone", "--quiet", served.as_uri(), str(clone)], check=True)
    path = clone / "notebooks" / "03_numerical_derivatives.ipynb"
    notebook = json.loads(path.read_text())
    note = {"cell_type": "markdown", "id": "teachers-note", "metadata": {}}
    notebook["cells"].insert(1, {**note, "source": [TEACHERS_NOTE]})
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
    identity = ["-c", "user.name=Teacher", "-c", "user.email=teacher@school.invalid"]
    git = ["git", "-C", str(clone), *identity]
    subprocess.run([*git, "commit", "--quiet", "-am", "Note for today's class"], check=True)
    subprocess.run([*git, "push", "--quiet", "origin", "HEAD:main"], check=True)


def test_a_second_click_brings_the_teachers_change_and_keeps_the_students_answer(
    hub, browser, tmp_path
):
    student = "student02"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    click_the_link_and_log_in(page, hub, student)
    notebooks = hub.home(student) / "derivatives-course" / "notebooks"

    page.goto(hub.lab_url(student, "02_tangent_lines.ipynb"))
    wait_for_notebook(page, "02_tangent_lines.ipynb")
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=60_000)
    edit_first_answer(page, STUDENTS_ANSWER)
    wait_for_file(notebooks / "02_tangent_lines.ipynb", "my own answer")

    teacher_pushes_a_note_to_notebook_03(hub.served, tmp_path)
    page.goto(hub.link)  # the same link, clicked again
    wait_for_notebook(page, FIRST_NOTEBOOK)

    assert TEACHERS_NOTE in saved_sources(notebooks / "03_numerical_derivatives.ipynb")
    assert STUDENTS_ANSWER in saved_sources(notebooks / "02_tangent_lines.ipynb")
    # ... and the student sees both in JupyterLab.
    page.goto(hub.lab_url(student, "03_numerical_derivatives.ipynb"))
    page.locator(".jp-MarkdownOutput").get_by_text(TEACHERS_NOTE).wait_for(timeout=60_000)
    page.screenshot(path=SCREENSHOTS / "hub-teachers-note-in-03.png")
    page.goto(hub.lab_url(student, "02_tangent_lines.ipynb"))
    page.locator(".jp-CodeCell").filter(has_text="my own answer").first.wait_for(timeout=60_000)
    context.close()
