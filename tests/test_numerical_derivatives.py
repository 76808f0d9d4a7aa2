"""Notebook 03's helpers: the step-size explorer, its figures and its exercises."""

import math
import re
import types

import matplotlib.pyplot as plt
import numpy as np
import pytest

import helpers
from helpers.exercises import EXERCISES, evaluate
from helpers.explorers.step_size import (
    FLOOR,
    central_difference,
    complex_step_slope,
    forward_difference,
)

EPS = np.finfo(float).eps


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def quick(explorer):
    """The explorer without its PNG re-render per move (the slow part under Agg); the
    re-render itself is tested in test_step_size_picture_follows_the_slider."""
    explorer._redraw = lambda: None
    return explorer


def readout_numbers(explorer):
    """{name: value} for every `name = number` in the readout."""
    pairs = re.findall(r"([a-z0-9 ]+?) = (-?[0-9.]+(?:e[+-]\d+)?)", explorer.readout.value)
    return {name.strip(): float(value) for name, value in pairs}


def press(explorer, axes, x, y=1.0):
    explorer._on_press(types.SimpleNamespace(inaxes=axes, xdata=x, ydata=y))


def move(explorer, axes, x, y=1.0):
    explorer._on_motion(types.SimpleNamespace(inaxes=axes, xdata=x, ydata=y))


# --- the difference quotients ------------------------------------------------


def test_forward_and_central_differences_have_errors_h_and_h_squared():
    h = 1e-3
    forward_error = forward_difference(np.sin, 1.0, h) - np.cos(1.0)
    central_error = central_difference(np.sin, 1.0, h) - np.cos(1.0)
    assert forward_error == pytest.approx(-h / 2 * np.sin(1.0), rel=1e-2)
    assert central_error == pytest.approx(-(h**2) / 6 * np.cos(1.0), rel=1e-2)


def test_differences_work_on_arrays_of_steps():
    steps = np.array([1e-1, 1e-2, 1e-3])
    assert forward_difference(np.exp, 0.0, steps).shape == (3,)
    assert np.allclose(central_difference(lambda x: x**2, 3.0, steps), 6.0)


def test_complex_step_slope_is_exact_to_machine_precision():
    assert complex_step_slope(np.sin, 1.0) == pytest.approx(np.cos(1.0), abs=2e-16)
    assert complex_step_slope(lambda x: x**3, 2.0) == pytest.approx(12.0, abs=1e-14)


def test_complex_step_slope_asks_for_df_when_f_cannot_take_complex_numbers():
    with pytest.raises(ValueError, match="df"):
        complex_step_slope(math.sin, 1.0)
    with pytest.raises(ValueError, match="df"):
        complex_step_slope(np.abs, 1.0)  # real output for complex input


# --- the step-size explorer ----------------------------------------------------


def test_step_size_explorer_is_exported_from_helpers():
    assert helpers.step_size_explorer is helpers.explorers.step_size.step_size_explorer
    assert "step_size_explorer" in helpers.explorers.step_size.__all__


def test_step_size_explorer_readout_shows_h_and_both_errors():
    explorer = helpers.step_size_explorer(np.sin, x=1.0, h=0.1)
    numbers = readout_numbers(explorer)
    assert numbers["log10 h"] == pytest.approx(-1.0)
    assert numbers["h"] == pytest.approx(0.1)
    forward = (np.sin(1.1) - np.sin(1.0)) / 0.1
    central = (np.sin(1.1) - np.sin(0.9)) / 0.2
    assert numbers["forward error"] == pytest.approx(abs(forward - np.cos(1.0)), rel=1e-2)
    assert numbers["central error"] == pytest.approx(abs(central - np.cos(1.0)), rel=1e-2)
    assert "h = 1.00e-01" in explorer.readout.value
    assert "forward error = 4.29e-02" in explorer.readout.value
    assert "central error = 9.00e-04" in explorer.readout.value


def test_step_size_readout_h_equals_ten_to_the_slider_value():
    explorer = quick(helpers.step_size_explorer())
    for value in [-1.0, -0.75, -5.0, -12.5, 0.0, -16.0]:
        explorer.slider.value = value
        numbers = readout_numbers(explorer)
        assert numbers["log10 h"] == pytest.approx(value)
        assert numbers["h"] == pytest.approx(10**value, rel=6e-3)
        assert explorer.h == pytest.approx(10**value)


def test_step_size_explorer_moves_the_same_artists_in_place():
    explorer = quick(helpers.step_size_explorer(show_secants=True))

    def every_artist():
        return [(*ax.get_lines(), *ax.collections, *ax.texts) for ax in explorer.fig.axes]

    artists = every_artist()
    moving = [explorer.markers["forward"], explorer.markers["central"], explorer.h_line]
    moving += [*explorer.secant_lines.values(), explorer.secant_points]
    before = [np.array(artist.get_xydata(), copy=True) for artist in moving]
    explorer.set_h(1e-6)
    assert every_artist() == artists, "no artist is added or replaced"
    after = [artist.get_xydata() for artist in moving]
    assert all(not np.array_equal(b, a) for b, a in zip(before, after, strict=True))


def test_step_size_picture_follows_the_slider():
    explorer = helpers.step_size_explorer()
    before = explorer._view.value
    explorer.slider.value = -8.0
    assert explorer._view.value != before
    assert explorer._view.value == explorer.png()


def test_step_size_markers_sit_at_the_current_h_and_errors():
    explorer = helpers.step_size_explorer(h=1e-3)
    x_forward, y_forward = explorer.markers["forward"].get_data()
    assert x_forward[0] == pytest.approx(1e-3)
    assert y_forward[0] == pytest.approx(explorer.forward_error)
    assert explorer.markers["central"].get_data()[1][0] == pytest.approx(explorer.central_error)
    assert explorer.h_line.get_xdata()[0] == pytest.approx(1e-3)


def test_step_size_error_curves_follow_truncation_on_the_right():
    explorer = helpers.step_size_explorer(np.sin, x=1.0)
    forward_line, _, central_line, _ = explorer.ax.get_lines()[:4]
    steps, forward = forward_line.get_data()
    _, central = central_line.get_data()
    near = np.argmin(np.abs(np.log10(steps) + 3))  # h = 1e-3
    assert forward[near] == pytest.approx(steps[near] / 2 * np.sin(1.0), rel=1e-2)
    assert central[near] == pytest.approx(steps[near] ** 2 / 6 * np.cos(1.0), rel=1e-2)


def test_step_size_error_curves_bottom_out_near_sqrt_eps_and_cube_root_eps():
    explorer = helpers.step_size_explorer(np.sin, x=1.0)
    forward_line, _, central_line, _ = explorer.ax.get_lines()[:4]
    steps, forward = forward_line.get_data()
    best_forward = steps[np.argmin(forward)]
    best_central = steps[np.argmin(central_line.get_data()[1])]
    assert np.sqrt(EPS) / 10 < best_forward < np.sqrt(EPS) * 10
    assert EPS ** (1 / 3) / 10 < best_central < EPS ** (1 / 3) * 10


def test_step_size_mouse_press_and_drag_set_h_from_the_mouse_x():
    explorer = quick(helpers.step_size_explorer())
    press(explorer, explorer.ax, 1e-8)
    assert explorer.slider.value == pytest.approx(-8.0)
    assert readout_numbers(explorer)["h"] == pytest.approx(1e-8)
    move(explorer, explorer.ax, 3e-4)
    assert explorer.slider.value == pytest.approx(np.log10(3e-4))
    assert explorer.h == pytest.approx(3e-4)
    explorer._on_release(None)
    move(explorer, explorer.ax, 1e-12)
    assert explorer.h == pytest.approx(3e-4), "moving without a press changes nothing"


def test_step_size_mouse_beyond_the_range_is_clipped():
    explorer = quick(helpers.step_size_explorer())
    press(explorer, explorer.ax, 30.0)
    assert explorer.slider.value == 0.0
    move(explorer, explorer.ax, 1e-20)
    assert explorer.slider.value == -16.0


def test_step_size_secant_panel_is_not_a_drag_target():
    explorer = helpers.step_size_explorer(show_secants=True)
    press(explorer, explorer.secant_ax, 1.5)
    assert explorer.slider.value == pytest.approx(-1.0)


def test_step_size_secant_lines_have_the_difference_slopes():
    explorer = helpers.step_size_explorer(np.sin, x=1.0, h=0.5, show_secants=True)
    (x0, x1), (y0, y1) = explorer.secant_lines["forward"].get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx((np.sin(1.5) - np.sin(1.0)) / 0.5)
    (x0, x1), (y0, y1) = explorer.secant_lines["central"].get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(np.sin(1.5) - np.sin(0.5))


def test_step_size_uses_the_exact_derivative_df_when_given():
    explorer = helpers.step_size_explorer(lambda x: x**3, x=2.0, h=0.1, df=lambda x: 3 * x**2)
    assert explorer.slope == 12.0
    assert explorer.central_error == pytest.approx(0.1**2)  # (x+h)³ − (x−h)³ = 6x²h + 2h³


def test_step_size_zero_error_is_drawn_at_the_floor():
    explorer = helpers.step_size_explorer(lambda x: 3 * x, x=1.0, h=0.5, df=lambda x: 3.0)
    assert explorer.central_error == 0.0
    assert explorer.markers["central"].get_data()[1][0] == FLOOR


def test_step_size_summary_is_one_deterministic_line():
    explorer = helpers.step_size_explorer(np.sin, x=1.0, h=0.1)
    assert explorer.summary() == (
        "Step-size explorer on sin(x) at x = 1: h = 1.00e-01, "
        "forward error = 4.29e-02, central error = 9.00e-04"
    )
    assert explorer._repr_mimebundle_()["text/plain"] == explorer.summary()


def test_step_size_slider_describes_itself_and_spans_sixteen_decades():
    slider = helpers.step_size_explorer().slider
    assert slider.description == "log10 h (arrow keys move it)"
    assert (slider.min, slider.max, slider.step) == (-16.0, 0.0, 0.25)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 3.0}, TypeError, "f"),
        ({"x": "one"}, TypeError, "x"),
        ({"x": np.nan}, ValueError, "x"),
        ({"h": 0.0}, ValueError, "h"),
        ({"h": 10.0}, ValueError, "h"),
        ({"h": 1e-20}, ValueError, "h"),
        ({"h": "big"}, TypeError, "h"),
        ({"df": "cos"}, TypeError, "df"),
        ({"f": math.sin}, ValueError, "df"),
        ({"f": np.log, "x": 0.5, "df": lambda x: 1 / x}, ValueError, "domain"),
    ],
)
def test_step_size_explorer_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.step_size_explorer(**kwargs)


def test_step_size_set_h_rejects_bad_steps():
    explorer = helpers.step_size_explorer()
    with pytest.raises(ValueError, match="h"):
        explorer.set_h(-1.0)
    with pytest.raises(TypeError, match="h"):
        explorer.set_h("small")


# --- the static figures ------------------------------------------------------------


def test_difference_quotients_figure_draws_the_three_secant_slopes():
    fig = helpers.figures.difference_quotients_figure(
        np.sin, 1.0, 0.5, exact_slope=np.cos(1.0), label="sin(x)"
    )
    lines = {line.get_label().split(":")[0]: line for line in fig.axes[0].get_lines()}
    expected = {
        "forward": (np.sin(1.5) - np.sin(1.0)) / 0.5,
        "backward": (np.sin(1.0) - np.sin(0.5)) / 0.5,
        "central": (np.sin(1.5) - np.sin(0.5)) / 1.0,
        "tangent": np.cos(1.0),
    }
    for name, slope in expected.items():
        (x0, x1), (y0, y1) = lines[name].get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(slope)


def test_difference_quotients_figure_draws_no_tangent_without_exact_slope():
    fig = helpers.figures.difference_quotients_figure(np.exp, 0.0, 0.3)
    assert not any("tangent" in line.get_label() for line in fig.axes[0].get_lines())


@pytest.mark.parametrize(
    "args, error, name",
    [
        ((3.0, 1.0, 0.5), TypeError, "f"),
        ((np.sin, np.inf, 0.5), ValueError, "x"),
        ((np.sin, 1.0, 0.0), ValueError, "h"),
        ((np.sin, 1.0, 0.5, "steep"), TypeError, "exact_slope"),
    ],
)
def test_difference_quotients_figure_rejects_bad_arguments(args, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.difference_quotients_figure(*args)


def test_step_error_figure_marks_each_curves_minimum_on_log_axes():
    steps = 10.0 ** np.arange(-12, 0.5, 0.5)
    errors = {"forward": steps / 2 + EPS / steps, "central": steps**2 / 6 + EPS / steps}
    fig = helpers.figures.step_error_figure(steps, errors, guides={"√ε": np.sqrt(EPS)})
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    curve_forward, marker_forward, curve_central, marker_central = ax.get_lines()[:4]
    assert marker_forward.get_xdata()[0] == steps[np.argmin(errors["forward"])]
    assert marker_central.get_xdata()[0] == steps[np.argmin(errors["central"])]
    assert [curve_forward.get_label(), curve_central.get_label()] == ["forward", "central"]
    assert any(text.get_text().strip() == "√ε" for text in ax.texts)


def test_step_error_figure_draws_zero_errors_at_the_floor():
    steps = np.array([1e-3, 1e-2, 1e-1])
    fig = helpers.figures.step_error_figure(steps, {"complex step": np.array([0.0, 1e-16, 1e-3])})
    curve = fig.axes[0].get_lines()[0]
    assert curve.get_ydata()[0] == 1e-17
    assert "0 drawn at 1e-17" in fig.axes[0].get_ylabel()


@pytest.mark.parametrize(
    "steps, errors, kwargs, error, name",
    [
        ([1e-3, -1e-2], {"forward": [1.0, 2.0]}, {}, ValueError, "steps"),
        ([1e-3, 1e-2], [1.0, 2.0], {}, TypeError, "errors"),
        ([1e-3, 1e-2], {}, {}, TypeError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, 2.0, 3.0]}, {}, ValueError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, np.nan]}, {}, ValueError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, 2.0]}, {"floor": 0.0}, ValueError, "floor"),
    ],
)
def test_step_error_figure_rejects_bad_arguments(steps, errors, kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.step_error_figure(np.array(steps), errors, **kwargs)


# --- the exercises -------------------------------------------------------------------


def test_numerical_derivative_exercises_expect_the_computed_answers():
    assert EXERCISES["03.forward_square"].expected == pytest.approx(6.1)
    assert EXERCISES["03.central_square"].expected == pytest.approx(6.0)
    assert EXERCISES["03.default_step_1e6"].expected == pytest.approx(helpers.default_step(1e6))
    assert EXERCISES["03.central_cost"].expected == 2
    assert evaluate("03.which_h_squared", " Central ").correct
    assert evaluate("03.default_step_1e6", helpers.default_step(1e6)).correct
