"""Every notebook with an explorer, run in real JupyterLab in headless Chromium.

For each notebook: run all cells, then no error output and no "Error displaying
widget". For each explorer: a key press on its slider and a mouse drag on its
figure change the readout, and the readout's numbers still obey the maths.
A screenshot per notebook goes to tests/browser/screenshots/ (git-ignored).
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from notebook_page import (
    drag_on_figure,
    error_outputs,
    explorers,
    open_and_run_all,
    press_slider_key,
    readout_numbers,
    widget_errors,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"


@dataclass
class ExplorerCheck:
    """How to move one explorer and what its readout must then satisfy."""

    relation: object  # function(numbers) -> True when the readout is consistent
    moved: str  # the readout name that a key press and a drag change
    slider: int = 0  # which slider of the explorer the key presses
    key: str = "ArrowRight"
    drag_from: tuple = (0.35, 0.5)  # fractions of the figure's width and height
    drag_to: tuple = (0.65, 0.5)


def slope_is_two_x(n):
    return abs(n["slope"] - 2 * n["x"]) <= 0.011


def secant_slope_is_two_plus_h(n):
    return abs(n["secant slope"] - (2 + n["h"])) <= 0.011 and n["tangent slope"] == 2.0


EXPLORERS = {
    "00_start_here.ipynb": [ExplorerCheck(slope_is_two_x, "x")],
    "01_slope.ipynb": [
        ExplorerCheck(secant_slope_is_two_plus_h, "h", key="ArrowLeft", drag_from=(0.8, 0.5), drag_to=(0.6, 0.5))
    ],
    "02_tangent_lines.ipynb": [ExplorerCheck(slope_is_two_x, "x", drag_from=(0.15, 0.5), drag_to=(0.35, 0.5))],
}


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_notebook_runs_and_its_explorers_respond(lab, page, notebook):
    open_and_run_all(page, lab, notebook)
    assert error_outputs(page) == []
    assert widget_errors(page) == 0
    found = explorers(page)
    checks = EXPLORERS[notebook]
    assert found.count() == len(checks), "every explorer of the notebook is on the page"

    for index, check in enumerate(checks):
        explorer = found.nth(index)
        start = readout_numbers(explorer)
        assert check.relation(start), start

        press_slider_key(page, explorer, check.key, check.slider)
        pressed = readout_numbers(explorer)
        assert pressed[check.moved] != start[check.moved]
        assert check.relation(pressed), pressed

        drag_on_figure(page, explorer, check.drag_from, check.drag_to)
        dragged = readout_numbers(explorer)
        assert dragged[check.moved] != pressed[check.moved]
        assert check.relation(dragged), dragged

    SCREENSHOTS.mkdir(exist_ok=True)
    found.first.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"{Path(notebook).stem}.png")
    assert error_outputs(page) == []
