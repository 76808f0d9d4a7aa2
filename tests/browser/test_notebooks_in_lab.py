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
    readout_text,
    widget_errors,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"


@dataclass
class ExplorerCheck:
    """How to move one explorer and what its readout must then satisfy."""

    relation: object  # function(numbers, text) -> True when the readout is consistent
    pressed: str  # the readout number that a key press on the slider changes
    dragged: str  # the readout number that a mouse drag on the figure changes
    slider: int = 0  # which slider of the explorer the key presses
    key: str = "ArrowRight"
    drag_from: tuple = (0.35, 0.5)  # fractions of the figure's width and height
    drag_to: tuple = (0.65, 0.5)


def close(a, b, tolerance=0.011):
    return abs(a - b) <= tolerance


def slope_is_two_x(n, _):
    return close(n["slope"], 2 * n["x"])


def secant_slope_is_two_plus_h(n, _):
    return close(n["secant slope"], 2 + n["h"]) and n["tangent slope"] == 2.0


def h_is_ten_to_the_slider(n, _):
    return (
        abs(n["h"] - 10 ** n["log10 h"]) <= 0.006 * n["h"]
        and n["central error"] < n["forward error"]
    )


def partials_of_three_x_squared_y(n, _):
    # The readout rounds x and y to 0.01, so allow for that in products.
    return (
        close(n["df/dx"], 6 * n["x"] * n["y"], 0.1)
        and close(n["df/dy"], 3 * n["x"] ** 2, 0.05)
        and close(n["f"], 3 * n["x"] ** 2 * n["y"] + 6, 0.1)
    )


def gradient_of_the_bowl(n, _):
    from math import cos, hypot, radians, sin

    angle = radians(n["angle"])
    return (
        close(n["df/dx"], 2 * n["x"], 0.02)
        and close(n["df/dy"], 6 * n["y"], 0.04)
        and close(n["|grad|"], hypot(n["df/dx"], n["df/dy"]), 0.02)
        and close(n["slope along u"], n["df/dx"] * cos(angle) + n["df/dy"] * sin(angle), 0.02)
    )


def next_step_follows_the_update_rule(n, _):
    return close(n["next x"], n["x"] - n["learning rate"] * n["slope"], 0.02)


def descent_on_the_parabola(n, text):
    return slope_is_two_x(n, text) and next_step_follows_the_update_rule(n, text)


def descent_path_reports_its_run(n, text):
    return n["steps"] >= 0 and any(
        word in text for word in ("converged", "diverged", "diverging", "bouncing", "still moving")
    )


def advice_goes_against_the_slope(n, text):
    if n["slope"] == 0:
        return "keep" in text
    return ("increase" in text) == (n["slope"] < 0) and ("decrease" in text) == (n["slope"] > 0)


LEFT_MAP = {"drag_from": (0.2, 0.5), "drag_to": (0.3, 0.35)}
EXPLORERS = {
    "00_start_here.ipynb": [ExplorerCheck(slope_is_two_x, "x", "x")],
    "01_slope.ipynb": [
        ExplorerCheck(
            secant_slope_is_two_plus_h,
            "h",
            "h",
            key="ArrowLeft",
            drag_from=(0.8, 0.5),
            drag_to=(0.6, 0.5),
        )
    ],
    "02_tangent_lines.ipynb": [
        ExplorerCheck(slope_is_two_x, "x", "x", drag_from=(0.15, 0.5), drag_to=(0.35, 0.5))
    ],
    "03_numerical_derivatives.ipynb": [ExplorerCheck(h_is_ten_to_the_slider, "log10 h", "h")],
    "04_partial_derivatives.ipynb": [
        ExplorerCheck(partials_of_three_x_squared_y, "x", "x", **LEFT_MAP)
    ],
    "05_gradient.ipynb": [ExplorerCheck(gradient_of_the_bowl, "x", "x", **LEFT_MAP)],
    "06_gradient_descent.ipynb": [
        ExplorerCheck(
            descent_on_the_parabola, "learning rate", "x", drag_from=(0.8, 0.5), drag_to=(0.3, 0.5)
        ),
        ExplorerCheck(next_step_follows_the_update_rule, "learning rate", "x", drag_to=(0.75, 0.5)),
        ExplorerCheck(descent_path_reports_its_run, "learning rate", "start x"),
    ],
    "07_training_a_neuron.ipynb": [ExplorerCheck(advice_goes_against_the_slope, "w1", "w1")],
}


@pytest.fixture
def page(browser, lab):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield page
    page.close()
    lab.shut_down_kernels()


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
        assert check.relation(start, readout_text(explorer)), start

        press_slider_key(page, explorer, check.key, check.slider)
        pressed = readout_numbers(explorer)
        assert pressed[check.pressed] != start[check.pressed], (start, pressed)
        assert check.relation(pressed, readout_text(explorer)), pressed

        drag_on_figure(page, explorer, check.drag_from, check.drag_to)
        dragged = readout_numbers(explorer)
        assert dragged[check.dragged] != pressed[check.dragged], (pressed, dragged)
        assert check.relation(dragged, readout_text(explorer)), dragged

    SCREENSHOTS.mkdir(exist_ok=True)
    found.first.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"{Path(notebook).stem}.png")
    assert error_outputs(page) == []


@pytest.mark.browser
def test_stored_notebooks_show_their_figures_before_anything_runs(lab, page):
    """Opened as stored, before the kernel has made any widget, every explorer and
    figure shows its stored picture: never "Error displaying widget"."""
    for notebook in sorted(EXPLORERS):
        page.goto(lab.url(notebook))
        page.wait_for_selector(".jp-OutputArea-output img", state="attached", timeout=60_000)
        assert widget_errors(page) == 0, notebook
        assert page.get_by_text("model not found").count() == 0, notebook
        pictures = page.locator(".jp-OutputArea-output img").count()
        assert pictures >= len(EXPLORERS[notebook]), notebook
