"""The tangent and secant explorers: in-place updates, slider, mouse, fallback, bad input."""

import re

import numpy as np
import pytest
from explorer_testing import drag, ipympl_backend, mouse

import helpers


def readout_numbers(explorer):
    """{'x': 1.0, 'slope': 2.0, ...} from the readout's `name = value` pairs."""
    text = re.sub(r"<[^>]+>|&nbsp;", " ", explorer.readout.value)
    return {
        name.strip(): float(value)
        for name, value in re.findall(r"([\w ()/']+?) = (-?[\d.]+)", text)
    }


def test_tangent_explorer_defaults_to_x_squared_at_one():
    explorer = helpers.tangent_explorer()
    assert readout_numbers(explorer) == {"x": 1.0, "f(x)": 1.0, "slope": 2.0}
    assert explorer.summary() == "Tangent explorer on y = x²: x = 1.00, slope = 2.00"


def test_tangent_explorer_updates_the_same_artists_in_place():
    explorer = helpers.tangent_explorer(show_derivative=True)
    artists = [explorer.tangent_line, explorer.point, explorer.slope_point]
    count = len(explorer.ax.lines) + len(explorer.slope_ax.lines)
    explorer.move_to(2.5)
    assert [explorer.tangent_line, explorer.point, explorer.slope_point] == artists
    assert len(explorer.ax.lines) + len(explorer.slope_ax.lines) == count
    x_ends, y_ends = explorer.tangent_line.get_data()
    # tangent at 2.5: y = 6.25 + 5 (x − 2.5)
    np.testing.assert_allclose(y_ends, 6.25 + 5 * (np.asarray(x_ends) - 2.5), rtol=1e-9)
    assert explorer.point.get_data()[1][0] == pytest.approx(6.25)
    assert explorer.slope_point.get_data()[1][0] == pytest.approx(5.0)


@pytest.mark.parametrize("x", [-3.0, -2.0, -0.37, 0.0, 0.1, 1.5, 3.0])
def test_tangent_readout_slope_is_two_x_on_the_parabola(x):
    explorer = helpers.tangent_explorer()
    explorer.slider.value = x
    numbers = readout_numbers(explorer)
    assert numbers["x"] == pytest.approx(x, abs=0.005)
    assert numbers["slope"] == pytest.approx(2 * x, abs=0.01)


def test_tangent_explorer_takes_any_smooth_function_and_range():
    explorer = helpers.tangent_explorer(f=np.sin, x=0.0, x_range=(-np.pi, np.pi))
    assert explorer.label == "sin(x)"
    explorer.move_to(np.pi / 2)
    assert explorer.slope == pytest.approx(0.0, abs=1e-9)
    assert readout_numbers(explorer)["slope"] == 0.0


def test_mouse_press_and_drag_move_x_and_keep_slider_and_readout_in_sync():
    with ipympl_backend():
        explorer = helpers.tangent_explorer()
    assert explorer.interactive
    drag(explorer, explorer.ax, [(2.0, 0.0), (1.0, 5.0), (-1.25, 8.0)])
    assert explorer.slider.value == pytest.approx(-1.25, abs=1e-6)
    assert readout_numbers(explorer)["slope"] == pytest.approx(-2.5, abs=0.01)
    # After release, moving the mouse does nothing.
    mouse(explorer, "move", explorer.ax, 0.5, 0.0)
    assert explorer.slider.value == pytest.approx(-1.25, abs=1e-6)


def test_mouse_on_the_derivative_panel_moves_x_too():
    with ipympl_backend():
        explorer = helpers.tangent_explorer(show_derivative=True)
    drag(explorer, explorer.slope_ax, [(0.5, 0.0)])
    assert explorer.slider.value == pytest.approx(0.5, abs=1e-6)


def test_mouse_outside_the_range_is_clipped_to_it():
    with ipympl_backend():
        explorer = helpers.tangent_explorer(x_range=(-1.0, 1.0))
    mouse(explorer, "press", explorer.ax, 0.9, 0.0)
    explorer._drag_targets[explorer.ax](5.0, 0.0)  # the handler clips what the mouse sends
    assert explorer.slider.value == 1.0


def test_under_ipympl_the_figure_is_the_live_canvas_and_redraws_idly():
    with ipympl_backend():
        explorer = helpers.tangent_explorer()
    assert explorer.fig.canvas in explorer.widget.children
    drawn = []
    explorer.fig.canvas.draw_idle = lambda: drawn.append(True)
    explorer.move_to(0.5)
    assert drawn == [True]


def test_without_ipympl_the_slider_updates_a_picture_and_says_how_to_drag():
    explorer = helpers.tangent_explorer()
    assert not explorer.interactive
    picture = explorer.widget.children[2]
    before = picture.value
    explorer.move_to(-2.0)
    assert picture.value != before and bytes(picture.value).startswith(b"\x89PNG")
    assert "%matplotlib widget" in explorer.widget.children[-1].value


def test_explorer_display_bundle_has_widget_picture_and_text():
    explorer = helpers.tangent_explorer(x=3.0)
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "Tangent explorer on y = x²: x = 3.00, slope = 6.00"
    assert bundle["image/png"].startswith("iVBOR")  # base64 of a PNG


def test_slider_is_labelled_and_steps_by_a_hundredth():
    slider = helpers.tangent_explorer().slider
    assert "x" in slider.description and "arrow" in slider.description
    assert slider.step == 0.01 and slider.readout_format == ".2f"


def test_secant_slope_closes_in_on_the_tangent_slope():
    explorer = helpers.secant_explorer(x=1.0, h=1.5)
    slopes = []
    for h in [1.5, 1.0, 0.5, 0.1, 0.01]:
        explorer.set_h(h)
        slopes.append(readout_numbers(explorer)["secant slope"])
        assert explorer.secant_slope == pytest.approx(2 + h)  # (x+h)² − x²)/h = 2x + h
    assert slopes == sorted(slopes, reverse=True)
    assert readout_numbers(explorer)["tangent slope"] == 2.0


def test_secant_explorer_drag_moves_the_second_point():
    with ipympl_backend():
        explorer = helpers.secant_explorer(x=1.0, h=1.5)
    line = explorer.secant_line
    drag(explorer, explorer.ax, [(2.0, 0.0), (1.25, 0.0)])
    assert explorer.slider.value == pytest.approx(0.25, abs=1e-6)
    assert explorer.secant_line is line
    assert explorer.moving_point.get_data()[0][0] == pytest.approx(1.25)
    explorer._drag_targets[explorer.ax](0.0, 0.0)  # left of x: h is kept at its smallest
    assert explorer.slider.value == 0.01


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: helpers.tangent_explorer(f=4), TypeError, "f must be a function"),
        (lambda: helpers.tangent_explorer(x=5.0), ValueError, "x must lie inside x_range"),
        (lambda: helpers.tangent_explorer(x=np.nan), ValueError, "x must"),
        (lambda: helpers.tangent_explorer(x_range=(2, 1)), ValueError, "x_range"),
        (lambda: helpers.tangent_explorer(x_range=3), TypeError, "x_range"),
        (lambda: helpers.tangent_explorer(f=np.log, x=1.0), ValueError, "non-finite"),
        (lambda: helpers.secant_explorer(h=0.0), ValueError, "h must lie between"),
        (lambda: helpers.secant_explorer(h="1"), TypeError, "h must"),
        (lambda: helpers.secant_explorer(x=2.5), ValueError, "x_range"),
    ],
)
def test_bad_explorer_arguments_get_errors_naming_them(make, error, words):
    with pytest.raises(error) as raised:
        make()
    assert words in str(raised.value)


def test_under_ipympl_a_move_redraws_only_the_moving_artists():
    with ipympl_backend():
        explorer = helpers.tangent_explorer()
    canvas = explorer.fig.canvas
    canvas.draw()  # the first full drawing, as when the figure is first shown
    full_draws, blits = [], []
    canvas.draw = canvas.draw_idle = lambda: full_draws.append(1)
    canvas.blit = lambda bbox=None: blits.append(1)
    explorer.move_to(0.5)
    explorer.move_to(-0.5)
    assert full_draws == [] and blits == [1, 1]
    assert explorer.tangent_line.get_animated() and explorer.point.get_animated()


def test_the_picture_of_an_ipympl_explorer_includes_its_moving_artists():
    with ipympl_backend():
        explorer = helpers.tangent_explorer(x=-2.0)
    at_minus_two = explorer.png()
    explorer.move_to(2.0)
    assert explorer.png() != at_minus_two
    assert explorer.tangent_line.get_animated()  # still blitted after the picture
