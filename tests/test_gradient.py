"""The gradient explorer, the gradient figures and notebook 05's exercise bank."""

import re
import types

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Annotation

import helpers
from helpers.exercises import evaluate
from helpers.explorers.gradient_field import (
    GradientExplorer,
    bowl,
    contour_levels,
    gradient_on_grid,
    two_decimals,
    values_on_grid,
)

READOUT_NUMBER = re.compile(r"([a-z/|\s]+?) = (-?\d+\.\d\d)")


def readout(explorer):
    """The readout's numbers by name, e.g. {"x": 2.0, "df/dx": 4.0, "slope along u": 4.0}."""
    text = re.sub(r"<[^>]+>|&nbsp;", " ", explorer.readout.value)
    return {name.strip(): float(value) for name, value in READOUT_NUMBER.findall(text)}


@pytest.fixture(scope="module")
def shared_explorer():
    made = helpers.gradient_explorer(point=(2.0, 1.0), angle=0.0)
    made._redraw = lambda: None  # the tests read the artists' data; skip a PNG per move
    yield made
    plt.close(made.fig)


@pytest.fixture
def explorer(shared_explorer):
    """The explorer back at its start: the point (2, 1), the direction at 0 degrees."""
    shared_explorer._on_release(None)
    shared_explorer.move_to(2.0, 1.0)
    shared_explorer.turn_to(0.0)
    return shared_explorer


# --- the grid helpers -----------------------------------------------------------


def test_gradient_on_grid_matches_the_analytic_gradient_of_the_bowl():
    X, Y = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-2, 2, 5))
    dfdx, dfdy = gradient_on_grid(bowl, X, Y)
    assert dfdx.shape == dfdy.shape == (5, 7)
    np.testing.assert_allclose(dfdx, 2 * X, atol=1e-8)
    np.testing.assert_allclose(dfdy, 6 * Y, atol=1e-8)


def test_gradient_on_grid_agrees_with_helpers_gradient_on_a_curved_function():
    def f(x, y):
        return np.sin(x) * np.exp(0.5 * y)

    X, Y = np.meshgrid([-1.0, 0.3, 2.0], [-0.5, 1.0])
    dfdx, dfdy = gradient_on_grid(f, X, Y)
    for i, j in np.ndindex(X.shape):
        expected = helpers.gradient(f, {"x": X[i, j], "y": Y[i, j]})
        assert dfdx[i, j] == pytest.approx(expected["x"], rel=1e-7)
        assert dfdy[i, j] == pytest.approx(expected["y"], rel=1e-7)


def test_values_on_grid_evaluates_f_once_on_the_whole_grid():
    X, Y, Z = values_on_grid(bowl, (-3, 3), (-2, 2), points=11)
    assert X.shape == Y.shape == Z.shape == (11, 11)
    np.testing.assert_allclose(Z, X**2 + 3 * Y**2)


def test_values_on_grid_rejects_functions_that_do_not_take_arrays_or_give_nan():
    import math

    with pytest.raises(TypeError, match="f must"):
        values_on_grid(lambda x, y: math.sin(x) + y, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="one value per point"):
        values_on_grid(lambda x, y: np.array([1.0, 2.0]), (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="non-finite"):
        values_on_grid(lambda x, y: x + y + np.nan, (-1, 1), (-1, 1))


def test_contour_levels_are_round_heights_strictly_inside_the_range():
    levels = contour_levels(np.array([0.0, 21.0]), 10)
    np.testing.assert_allclose(levels, np.arange(2.0, 21.0, 2.0))


def test_two_decimals_never_shows_minus_zero():
    assert two_decimals(-1e-12) == "0.00"
    assert two_decimals(-0.004) == "0.00"
    assert two_decimals(-2.5) == "-2.50"
    assert two_decimals(7.211) == "7.21"


# --- the explorer ---------------------------------------------------------------


def test_gradient_explorer_readout_shows_the_gradient_and_the_slope_along_u(explorer):
    numbers = readout(explorer)
    assert numbers == {
        "x": 2.0,
        "y": 1.0,
        "df/dx": 4.0,
        "df/dy": 6.0,
        "|grad|": pytest.approx(7.21),
        "angle": 0.0,
        "slope along u": 4.0,
    }


@pytest.mark.parametrize("angle", [0.0, 35.0, 90.0, 200.0, 315.0])
def test_slope_along_u_is_the_dot_product_of_gradient_and_u(explorer, angle):
    explorer.move_to(-1.3, 0.7)
    explorer.turn_to(angle)
    numbers = readout(explorer)
    assert numbers["df/dx"] == pytest.approx(2 * -1.3, abs=0.006)
    assert numbers["df/dy"] == pytest.approx(6 * 0.7, abs=0.006)
    theta = np.radians(angle)
    expected = 2 * -1.3 * np.cos(theta) + 6 * 0.7 * np.sin(theta)
    assert explorer.slope == pytest.approx(expected, rel=1e-7, abs=1e-9)
    assert numbers["slope along u"] == pytest.approx(expected, abs=0.006)


def test_slope_is_largest_along_the_gradient_and_zero_along_the_contour(explorer):
    uphill = np.degrees(np.arctan2(6.0, 4.0))  # the angle of ∇f = (4, 6)
    explorer.turn_to(uphill)
    assert explorer.slope == pytest.approx(np.hypot(4, 6), rel=1e-7)
    explorer.turn_to(uphill + 90)
    assert explorer.slope == pytest.approx(0, abs=1e-7)
    explorer.turn_to(uphill + 180)
    assert explorer.slope == pytest.approx(-np.hypot(4, 6), rel=1e-7)
    assert explorer.largest.get_xdata()[0] == pytest.approx(uphill)
    assert explorer.smallest.get_ydata()[0] == pytest.approx(-np.hypot(4, 6), rel=1e-7)


def test_moving_the_explorer_changes_the_same_artists_in_place(explorer):
    artists = [
        explorer.point,
        explorer.gradient_arrow,
        explorer.direction_arrow,
        explorer.tangent_line,
        explorer.slope_curve,
        explorer.slope_now,
    ]
    children = [list(explorer.ax.get_children()), list(explorer.slope_ax.get_children())]
    curve_before = np.array(explorer.slope_curve.get_ydata())
    explorer.move_to(-1.0, -1.5)
    explorer.turn_to(120)
    assert [list(explorer.ax.get_children()), list(explorer.slope_ax.get_children())] == children
    assert all(artist in children[0] + children[1] for artist in artists)
    assert explorer.point.get_xdata()[0] == -1.0 and explorer.point.get_ydata()[0] == -1.5
    np.testing.assert_allclose(explorer.gradient_arrow.get_offsets(), [[-1.0, -1.5]])
    scale = explorer.arrow_scale
    np.testing.assert_allclose(
        [explorer.gradient_arrow.U[0], explorer.gradient_arrow.V[0]], [-2 * scale, -9 * scale]
    )
    u = [np.cos(np.radians(120)), np.sin(np.radians(120))]
    direction = [explorer.direction_arrow.U[0], explorer.direction_arrow.V[0]]
    np.testing.assert_allclose(direction, np.multiply(u, explorer.u_length))
    assert not np.allclose(explorer.slope_curve.get_ydata(), curve_before)
    assert explorer.slope_now.get_xdata()[0] == 120


def test_contour_segment_is_perpendicular_to_the_gradient(explorer):
    explorer.move_to(1.2, -0.8)
    xs, ys = explorer.tangent_line.get_data()
    segment = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert np.dot(segment, [2 * 1.2, 6 * -0.8]) == pytest.approx(0, abs=1e-6)
    assert np.mean(xs) == pytest.approx(1.2) and np.mean(ys) == pytest.approx(-0.8)


def test_at_the_minimum_there_is_no_contour_direction_and_every_slope_is_zero(explorer):
    explorer.move_to(0.0, 0.0)
    assert explorer.tangent_line.get_xdata() == []
    assert readout(explorer)["|grad|"] == 0.0
    assert "-0.00" not in explorer.readout.value
    np.testing.assert_allclose(explorer.slope_curve.get_ydata(), 0, atol=1e-9)


def test_mouse_press_and_drag_move_the_point_and_sync_sliders_and_readout(explorer):
    press = types.SimpleNamespace(inaxes=explorer.ax, xdata=-2.0, ydata=0.5)
    explorer._on_press(press)
    assert (explorer.x_slider.value, explorer.y_slider.value) == (-2.0, 0.5)
    assert readout(explorer)["df/dx"] == -4.0 and readout(explorer)["df/dy"] == 3.0
    explorer._on_motion(types.SimpleNamespace(inaxes=explorer.ax, xdata=9.0, ydata=-1.0))
    assert (explorer.x_slider.value, explorer.y_slider.value) == (3.0, -1.0)  # kept on the map
    assert readout(explorer)["x"] == 3.0
    explorer._on_release(None)
    explorer._on_motion(types.SimpleNamespace(inaxes=explorer.ax, xdata=1.0, ydata=1.0))
    assert explorer.x_slider.value == 3.0  # no drag after the release


def test_pressing_on_the_slope_plot_turns_the_direction(explorer):
    explorer._on_press(types.SimpleNamespace(inaxes=explorer.slope_ax, xdata=90.0, ydata=3.0))
    assert explorer.angle_slider.value == 90.0
    assert readout(explorer)["slope along u"] == 6.0  # ∂f/∂y at y = 1


def test_sliders_update_the_readout_and_have_descriptive_names(explorer):
    explorer.x_slider.value = 1.01
    assert readout(explorer)["df/dx"] == 2.02
    explorer.angle_slider.value = 5.0
    expected = 2.02 * np.cos(np.radians(5)) + 6 * np.sin(np.radians(5))
    assert readout(explorer)["slope along u"] == round(expected, 2)
    assert explorer.angle_slider.description == "direction angle (degrees)"
    assert "arrow keys" in explorer.x_slider.description
    assert (explorer.angle_slider.min, explorer.angle_slider.max) == (0.0, 360.0)


def test_explorer_layout_is_frozen_with_room_for_both_plots(explorer):
    engine = explorer.fig.get_layout_engine()
    assert not isinstance(engine, ConstrainedLayoutEngine)  # a move never re-runs the layout
    map_box, slope_box = explorer.ax.get_position(), explorer.slope_ax.get_position()
    assert map_box.width > 0.35 and slope_box.width > 0.3
    assert map_box.x1 < slope_box.x0 and min(map_box.y0, slope_box.y0) > 0.1


def test_a_move_redraws_the_picture_shown_without_ipympl():
    made = helpers.gradient_explorer()
    before = made._view.value
    made.move_to(-1.0, 0.5)
    assert bytes(made._view.value) != bytes(before)
    assert bytes(made._view.value).startswith(b"\x89PNG")
    plt.close(made.fig)


def test_summary_is_one_line_with_the_numbers(explorer):
    explorer.turn_to(90)
    assert explorer.summary() == (
        "Gradient explorer on f = x² + 3y²: x = 2.00, y = 1.00, gradient = (4.00, 6.00), "
        "|grad| = 7.21, angle = 90.00, slope along u = 6.00"
    )


def test_explorer_takes_another_function_and_wraps_the_angle():
    def saddle(x, y):
        return x * y

    made = GradientExplorer(saddle, point=(1.0, 2.0), angle=450.0, label="xy")
    assert made.angle == 90.0
    assert readout(made)["df/dx"] == 2.0 and readout(made)["df/dy"] == 1.0
    assert "xy" in made.ax.get_title()
    plt.close(made.fig)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 3}, TypeError, "f"),
        ({"f": lambda a, b: a + b}, TypeError, "f"),
        ({"point": (5.0, 0.0)}, ValueError, "point"),
        ({"point": (1.0, 2.0, 3.0)}, ValueError, "point"),
        ({"point": "here"}, TypeError, "point"),
        ({"point": {"x": 1.0, "y": 1.0}}, TypeError, "point"),
        ({"point": (np.nan, 0.0)}, ValueError, "point"),
        ({"angle": "north"}, TypeError, "angle"),
        ({"angle": np.inf}, ValueError, "angle"),
        ({"x_range": (3.0, -3.0)}, ValueError, "x_range"),
        ({"y_range": 2.0}, TypeError, "y_range"),
        ({"levels": 1}, ValueError, "levels"),
        ({"levels": 2.5}, TypeError, "levels"),
    ],
)
def test_gradient_explorer_rejects_bad_arguments_naming_them(kwargs, error, name):
    with pytest.raises(error, match=re.escape(name)):
        helpers.gradient_explorer(**kwargs)


# --- the static figures -----------------------------------------------------------


def test_gradient_field_figure_draws_a_quiver_of_the_gradient_on_a_grid():
    fig = helpers.figures.gradient_field_figure(bowl, arrows=6, label="x² + 3y²")
    ax = fig.axes[0]
    (quiver,) = [c for c in ax.collections if type(c).__name__ == "Quiver"]
    assert quiver.N == 36
    feet = quiver.get_offsets()
    np.testing.assert_allclose(quiver.U, 2 * feet[:, 0], atol=1e-8)
    np.testing.assert_allclose(quiver.V, 6 * feet[:, 1], atol=1e-8)
    assert "x² + 3y²" in ax.get_title()
    plt.close(fig)


def test_steepest_directions_figure_draws_three_arrows_of_equal_length():
    fig = helpers.figures.steepest_directions_figure(bowl, (2.0, 1.0))
    arrows = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
    assert len(arrows) == 3
    vectors = [np.subtract(a.xy, a.xyann) for a in arrows]
    lengths = [np.hypot(*v) for v in vectors]
    assert lengths == pytest.approx([lengths[0]] * 3)
    up, down, along = vectors
    assert np.dot(up, [4.0, 6.0]) == pytest.approx(lengths[0] * np.hypot(4, 6))
    np.testing.assert_allclose(down, -up)
    assert np.dot(along, up) == pytest.approx(0, abs=1e-12)
    plt.close(fig)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: helpers.figures.gradient_field_figure("f"), TypeError, "f"),
        (lambda: helpers.figures.gradient_field_figure(bowl, arrows=1), ValueError, "arrows"),
        (lambda: helpers.figures.gradient_field_figure(bowl, arrows=3.0), TypeError, "arrows"),
        (
            lambda: helpers.figures.gradient_field_figure(bowl, x_range=(1, 1)),
            ValueError,
            "x_range",
        ),
        (lambda: helpers.figures.gradient_field_figure(bowl, levels=-1), ValueError, "levels"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, (0.0, 0.0)), ValueError, "flat"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, (9.0, 0.0)), ValueError, "point"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, None), TypeError, "point"),
    ],
)
def test_gradient_figures_reject_bad_arguments_naming_them(call, error, name):
    with pytest.raises(error, match=re.escape(name)):
        call()
    plt.close("all")


# --- the exercises of notebook 05 -----------------------------------------------------


def test_gradient_exercises_accept_the_right_answers_in_the_usual_forms():
    assert evaluate("05.gradient_at_point", [2, 12]).correct
    assert evaluate("05.gradient_at_point", np.array([2.0, 12.0])).correct
    assert evaluate("05.gradient_length", np.sqrt(148)).correct
    assert evaluate("05.directional_derivative", 10.8).correct
    assert evaluate("05.fastest_descent", " Opposite ").correct
    assert evaluate("05.slope_along_contour", 1e-12).correct


def test_gradient_exercise_mistakes_get_their_own_hints():
    assert "point itself" in evaluate("05.gradient_at_point", [1, 2]).message
    assert "−∇f" in evaluate("05.gradient_at_point", [-2, -12]).message
    assert "square root" in evaluate("05.gradient_length", 148).message
    assert "uphill" in evaluate("05.fastest_descent", "gradient").message
    assert "one of" in evaluate("05.fastest_descent", "down").message
