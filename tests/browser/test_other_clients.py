"""Notebook 02's tangent explorer in the other front ends teachers use: Jupyter
Notebook 7, and Voilà (the notebook as a page, code hidden, for a projector).

In each, as a learner would: the arrow keys on the focused slider move the point (and
stay with the explorer: the notebook around it must not take them), a drag moves it,
the readout keeps slope = 2x, and the picture is the picture of a fresh explorer that
Python moved to the same place (no leftover tangent). Both front ends are served by
one Jupyter server with a token, on 127.0.0.1 (Voilà is its server extension).
"""

import time
from pathlib import Path

import pytest
from lab import JupyterLab
from notebook_checks import slope_is_two_x
from notebook_page import (
    differing_share,
    drag_on_figure,
    explorers,
    figure_picture,
    readout_numbers,
    readout_text,
    sliders,
    wait_for_change,
    wait_until_settled,
    widget_errors,
)
from test_notebooks_in_lab import STALE_PIXELS, add_fresh_explorers_cell, same_spacing

NOTEBOOK = "02_tangent_lines.ipynb"
SCREENSHOTS = Path(__file__).parent / "screenshots"
# Raised by Notebook 7's own keyboard-shortcuts extension while its settings load, on
# any page (its file browser too, with no notebook open): jupyter/notebook#7862.
UPSTREAM_PAGE_ERRORS = ("Cannot read properties of undefined (reading 'schema')",)


@pytest.fixture(scope="module")
def server(browser):
    server = JupyterLab(front_end="notebook")
    server.explorer_count = add_fresh_explorers_cell(server, NOTEBOOK, follow=True)
    yield server
    server.stop()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    page.close()
    server.shut_down_kernels()


def kernel_is_idle(server, timeout_s=60):
    """Wait until the page's kernel has started and is idle (asked of the server)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(k["execution_state"] == "idle" for k in server.get("/api/kernels")):
            return
        time.sleep(0.5)
    raise TimeoutError(f"no idle kernel after {timeout_s} s")


def run_all_in_notebook7(page, server):
    """Open the notebook in Notebook 7 and run all its cells; the last cell (the copies)
    has run once the page shows its explorers."""
    page.goto(server.url(NOTEBOOK))
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
    kernel_is_idle(server)
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")


def open_in_voila(page, server):
    page.goto(server.voila_url(NOTEBOOK), timeout=180_000)


def keys_stay_with_the_explorer(page, explorer):
    """ArrowRight twice and ArrowLeft once on the focused slider: x moves 0.01 on, and
    focus stays on the slider, which stays in view."""
    slider = sliders(explorer).first
    slider.scroll_into_view_if_needed()
    slider.focus()
    start = readout_numbers(explorer)["x"]
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
        before = readout_text(explorer)
        page.keyboard.press(key)
        wait_for_change(explorer, before)
        assert slider.evaluate("(node) => node === document.activeElement"), (
            f"after {key}, focus left the explorer's slider"
        )
    box, height = slider.bounding_box(), page.viewport_size["height"]
    assert 0 <= box["y"] <= height - box["height"], "the page scrolled the slider away"
    numbers = readout_numbers(explorer)
    assert numbers["x"] == pytest.approx(start + 0.01), numbers
    assert slope_is_two_x(numbers, None), numbers


def looks_like_a_fresh_copy_moved_there(page, explorer, copy, name):
    shown = wait_until_settled(explorer)
    copy.scroll_into_view_if_needed()  # Notebook 7 renders only the cells in view
    deadline = time.monotonic() + 15
    while same_spacing(readout_text(copy)) != same_spacing(shown):
        assert time.monotonic() < deadline, (readout_text(copy), shown)
        time.sleep(0.05)
    page.mouse.move(0, 0)  # no hover, no focus ring in either picture
    page.evaluate("document.activeElement && document.activeElement.blur()")
    moved, fresh = figure_picture(explorer), figure_picture(copy)
    share = differing_share(moved, fresh)
    SCREENSHOTS.mkdir(exist_ok=True)
    explorer.screenshot(path=SCREENSHOTS / f"{name}-02-tangent.png")
    assert share <= STALE_PIXELS, f"{share:.2%} of the pixels differ from a fresh explorer"


@pytest.mark.browser
@pytest.mark.parametrize("front_end", ["notebook7", "voila"])
def test_the_tangent_explorer_follows_keys_and_mouse(server, page, front_end):
    if front_end == "notebook7":
        run_all_in_notebook7(page, server)
    else:
        open_in_voila(page, server)
    count = server.explorer_count
    found = explorers(page)
    found.nth(2 * count - 1).wait_for(state="attached", timeout=180_000)
    assert found.count() == 2 * count, "each explorer, then its copy"
    assert widget_errors(page) == 0
    tangent, copy = found.nth(0), found.nth(count)
    kernel_is_idle(server)  # every cell has run
    tangent.scroll_into_view_if_needed()
    wait_until_settled(tangent)
    assert slope_is_two_x(readout_numbers(tangent), None)

    keys_stay_with_the_explorer(page, tangent)
    looks_like_a_fresh_copy_moved_there(page, tangent, copy, front_end)
    drag_on_figure(page, tangent, (0.35, 0.5), (0.65, 0.5))
    assert slope_is_two_x(readout_numbers(tangent), None)
    looks_like_a_fresh_copy_moved_there(page, tangent, copy, front_end)

    unexpected = [e for e in page.errors if not e.startswith(UPSTREAM_PAGE_ERRORS)]
    assert unexpected == []
