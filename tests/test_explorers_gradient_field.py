"""helpers/explorers/gradient_field.py: the gradient explorer and its grid helpers."""

import base64
import re

import numpy as np
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine
from support import readout_numbers, saved_state_kb

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.gradient_field import (
    GradientExplorer,
    bowl,
    contour_levels,
    gradient_on_grid,
    values_on_grid,
)
from helpers.explorers.tables import Tables


@pytest.fixture(scope="module")
def shared_explorer():
    return helpers.gradient_explorer(point=(2.0, 1.0), angle=0.0)


@pytest.fixture
def explorer(shared_explorer):
    """The explorer back at its start: the point (2, 1), the direction at 0 degrees."""
    shared_explorer.move_to(2.0, 1.0)
    shared_explorer.turn_to(0.0)
    return shared_explorer


def slope_tables(explorer):
    """The `at` of each table of slopes along u the browser has now (fixed, then answers)."""
    fixed = [t.at for t in explorer._tables.fixed if "slope_u" in t.columns]
    return fixed, [t["at"] for t in explorer.answers]


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
    with pytest.raises(ValueError, match=r"f is not defined at \(x, y\) = \(-1.0, -1.0\)"):
        values_on_grid(lambda x, y: x + y + np.nan, (-1, 1), (-1, 1))


def test_contour_levels_are_round_heights_strictly_inside_the_range():
    levels = contour_levels(np.array([0.0, 21.0]), 10)
    np.testing.assert_allclose(levels, np.arange(2.0, 21.0, 2.0))


# --- the explorer ---------------------------------------------------------------


def test_gradient_explorer_readout_shows_the_gradient_and_the_slope_along_u(explorer):
    assert readout_numbers(explorer) == {
        "x": 2.0,
        "y": 1.0,
        "df/dx": 4.0,
        "df/dy": 6.0,
        "|grad|": 7.21,
        "angle": 0.0,
        "slope along u": 4.0,
    }


def test_gradient_explorer_lattices_are_61_by_41_points_and_73_angles(explorer):
    x_slider, y_slider, angle_slider = explorer.controls
    np.testing.assert_allclose(control_values(x_slider), np.linspace(-3, 3, 61), atol=1e-12)
    np.testing.assert_allclose(control_values(y_slider), np.linspace(-2, 2, 41), atol=1e-12)
    assert control_values(angle_slider) == list(np.arange(0.0, 361.0, 5.0))
    assert angle_slider["label"] == "direction angle (degrees)"
    assert "arrow keys" in x_slider["label"] and "arrow keys" in y_slider["label"]


def test_gradient_is_2x_6y_and_its_length_at_every_lattice_point(explorer):
    for i in range(61):
        for j in range(41):
            explorer.move(x=i, y=j)
            x, y = explorer.x, explorer.y
            assert explorer.dfdx == pytest.approx(2 * x, abs=1e-7)
            assert explorer.dfdy == pytest.approx(6 * y, abs=1e-7)
            assert explorer.length == np.hypot(explorer.dfdx, explorer.dfdy)


@pytest.mark.parametrize("point", [(-1.3, 0.7), (2.0, 1.0), (0.5, -1.9), (-3.0, 2.0)])
def test_slope_along_u_is_the_dot_product_of_gradient_and_u_at_every_angle(explorer, point):
    explorer.move_to(*point)
    x, y = point
    for index in range(73):
        explorer.move(angle=index)
        theta = np.radians(explorer.angle)
        expected = 2 * x * np.cos(theta) + 6 * y * np.sin(theta)
        assert explorer.slope == pytest.approx(expected, rel=1e-7, abs=1e-7)
        assert explorer.slope == explorer.dfdx * np.cos(theta) + explorer.dfdy * np.sin(theta)
        assert readout_numbers(explorer)["slope along u"] == pytest.approx(expected, abs=0.006)


def test_slope_is_largest_along_the_gradient_and_smallest_against_it(explorer):
    uphill = np.degrees(np.arctan2(6.0, 4.0))  # the angle of ∇f = (4, 6): 56.3°
    slopes = []
    for index in range(73):
        explorer.move(angle=index)
        slopes.append(explorer.slope)
    assert max(slopes) <= np.hypot(4, 6) and min(slopes) >= -np.hypot(4, 6)
    assert abs(5 * np.argmax(slopes) - uphill) <= 2.5  # the lattice angle nearest ∇f
    explorer.turn_to(uphill + 90)  # along the contour: 146.3° → 145°
    assert explorer.angle == 145.0 and abs(explorer.slope) < 0.03 * np.hypot(4, 6)
    explorer.png()  # the markers of the largest and smallest slope, at the exact angles
    largest, smallest = (layer.artist for layer in explorer._layers if layer.draw == "peak")
    assert largest.get_xdata()[0] == pytest.approx(uphill)
    assert largest.get_ydata()[0] == pytest.approx(np.hypot(4, 6), rel=1e-7)
    assert smallest.get_xdata()[0] == pytest.approx(uphill + 180)
    assert smallest.get_ydata()[0] == pytest.approx(-np.hypot(4, 6), rel=1e-7)


def test_at_the_start_the_fixed_tables_hold_every_slope_and_the_kernel_adds_none(explorer):
    fixed, answers = slope_tables(explorer)
    start = {"x": explorer.index("x"), "y": explorer.index("y")}
    assert fixed == [start, {"angle": 0}] and answers == []


def test_moving_the_point_alone_or_turning_u_alone_needs_no_answer(explorer):
    """What a notebook opened without a kernel can do: the fixed tables cover it."""
    tables = Tables(explorer._tables.lattices, explorer._tables.fixed)  # no answers at all
    start = dict(explorer.position)
    for x, y in [(0, 0), (60, 40), (17, 27)]:  # the point anywhere, the angle held
        assert tables.value("slope_u", {**start, "x": x, "y": y}) is not None
    for angle in range(73):  # u at any angle, the point held
        assert tables.value("slope_u", {**start, "angle": angle}) is not None
    assert tables.value("slope_u", {**start, "x": 0, "angle": 1}) is None  # both: pending


def test_answers_are_recomputed_for_the_new_point_and_angle(explorer):
    explorer.move_to(-1.3, 0.7)
    point = {"x": explorer.index("x"), "y": explorer.index("y")}
    assert slope_tables(explorer)[1] == [point]  # slopes at every angle for the new point
    along_angles = explorer.answers[0]
    explorer.turn_to(35.0)
    assert slope_tables(explorer)[1] == [point, {"angle": 7}]
    assert explorer.answers[0]["columns"] == along_angles["columns"], "the point's is kept"
    assert explorer.answers[-1]["seq"] == explorer.position["seq"]
    assert explorer.slope == pytest.approx(
        2 * -1.3 * np.cos(np.radians(35)) + 4.2 * np.sin(np.radians(35))
    )


def test_only_the_table_whose_position_changed_is_recomputed(explorer):
    explorer.move_to(1.0, 1.0)
    explorer.turn_to(90.0)
    at_point, at_angle = explorer._answered["point"], explorer._answered["angle"]
    explorer.turn_to(95.0)  # the point held: its table is the same object, not recomputed
    assert explorer._answered["point"] is at_point and explorer._answered["angle"] is not at_angle
    explorer.move_to(1.5, 1.0)  # the angle held
    assert explorer._answered["angle"].at == {"angle": 19}
    assert explorer._answered["point"] is not at_point


def test_an_answer_is_never_applied_at_another_position(explorer):
    explorer.move_to(-1.0, 0.5)
    explorer.turn_to(60.0)
    answered_at = dict(explorer.position)
    tables = Tables(explorer._tables.lattices, explorer._tables.fixed)
    tables.answers = list(explorer._tables.answers)  # what the browser holds now
    # The browser moves on, both point and angle, before the kernel answers again.
    moved = {**answered_at, "x": answered_at["x"] + 3, "angle": answered_at["angle"] + 2}
    assert tables.value("slope_u", moved) is None  # pending: "…", never the old slope
    for position in [answered_at, {**answered_at, "x": 0}, {**answered_at, "angle": 0}]:
        slope = tables.value("slope_u", position)
        dfdx, dfdy = (tables.value(name, position) for name in ("dfdx", "dfdy"))
        theta = np.radians(5 * position["angle"])
        assert slope == dfdx * np.cos(theta) + dfdy * np.sin(theta)


def test_the_two_tables_of_slopes_agree_where_they_meet(explorer):
    explorer.move_to(0.7, -1.1)
    explorer.turn_to(245.0)
    here = dict(explorer.position)
    along_angles, on_map = explorer._tables.answers
    assert (
        along_angles.columns["slope_u"][here["angle"]]
        == on_map.columns["slope_u"][on_map.row(here, explorer._tables.sizes)]
    )


def test_the_picture_shows_the_arrows_the_contour_direction_and_the_point(explorer):
    explorer.move_to(-1.0, -1.5)
    explorer.turn_to(120)
    explorer.png()
    contour, gradient_arrow, direction_arrow, point = (
        layer.artist for layer in explorer._layers[:4]
    )
    assert point.get_xydata().tolist() == [[-1.0, -1.5]]
    tail, head = gradient_arrow._posA_posB
    assert tail == (-1.0, -1.5)
    np.testing.assert_allclose(np.subtract(head, tail), np.multiply([-2, -9], explorer.arrow_scale))
    tail, head = direction_arrow._posA_posB
    u = [np.cos(np.radians(120)), np.sin(np.radians(120))]
    np.testing.assert_allclose(np.subtract(head, tail), np.multiply(u, explorer.u_length))
    xs, ys = contour.get_data()
    segment = [xs[1] - xs[0], ys[1] - ys[0]]
    assert np.dot(segment, [-2, -9]) == pytest.approx(0, abs=1e-9)  # across the gradient
    assert np.hypot(*segment) == pytest.approx(1.2 * explorer.u_length)
    assert np.mean(xs) == pytest.approx(-1.0) and np.mean(ys) == pytest.approx(-1.5)
    curve = next(layer.artist for layer in explorer._layers if layer.draw == "sinusoid")
    angles, slopes = curve.get_data()
    np.testing.assert_allclose(
        slopes, -2 * np.cos(np.radians(angles)) - 9 * np.sin(np.radians(angles)), atol=1e-7
    )


def test_at_the_minimum_there_is_no_contour_direction_and_every_slope_is_zero(explorer):
    explorer.move_to(0.0, 0.0)
    assert readout_numbers(explorer)["|grad|"] == 0.0
    assert "-0.00" not in explorer.readout_text() and "-0.00" not in explorer.summary()
    explorer.png()
    contour = explorer._layers[0].artist
    peaks = [layer.artist for layer in explorer._layers if layer.draw == "peak"]
    assert len(contour.get_xdata()) == 0 and all(len(p.get_xdata()) == 0 for p in peaks)
    curve = next(layer.artist for layer in explorer._layers if layer.draw == "sinusoid")
    np.testing.assert_allclose(curve.get_ydata(), 0, atol=1e-9)


def test_layers_say_what_the_browser_draws(explorer):
    drawn = [layer["draw"] for layer in explorer.layers]
    assert drawn == ["across", "arrow", "arrow", "point", "sinusoid", "peak", "peak", "point"]
    gradient_arrow, direction_arrow = explorer.layers[1:3]
    assert gradient_arrow["vector"] == ["dfdx", "dfdy"] and direction_arrow["vector"] == [
        "cos",
        "sin",
    ]
    assert gradient_arrow["style"]["color"] == helpers.COLORS["green"].lower()
    assert direction_arrow["style"]["color"] == "#ffffff"  # white, with an orange edge
    assert direction_arrow["style"]["edge"] == helpers.COLORS["orange"].lower()
    assert gradient_arrow["shaft"] > 0 and gradient_arrow["head"] > gradient_arrow["shaft"]
    current_u = explorer.layers[-1]
    assert current_u["at"] == ["angle", "slope_u"] and current_u["fade_while_pending"]
    assert current_u["style"]["clip"] is False  # at 0° and 360°, on the panel's edge


def test_drags_move_the_point_on_the_map_and_turn_u_on_the_slope_plot(explorer):
    panel = explorer.figure.axes.index
    drags = [(d["panel"], d["x"], d["y"]) for d in explorer.drags]
    assert drags == [(panel(explorer.ax), "x", "y"), (panel(explorer.slope_ax), "angle", None)]


def test_move_to_and_turn_to_snap_to_the_lattices_and_stay_on_them(explorer):
    explorer.move_to(9.0, -1.04)
    assert (explorer.x, explorer.y) == (3.0, -1.0)  # kept on the map
    explorer.turn_to(33.0)
    assert explorer.angle == 35.0
    explorer.turn_to(-90.0)  # outside 0..360: modulo 360
    assert explorer.angle == 270.0
    explorer.turn_to(360.0)
    assert explorer.angle == 360.0
    with pytest.raises(TypeError, match="angle"):
        explorer.turn_to("north")
    with pytest.raises(ValueError, match="x"):
        explorer.move_to(np.inf, 0.0)


def test_readout_follows_a_position_sent_by_the_browser(explorer):
    explorer.position = {"x": 10, "y": 25, "angle": 18, "seq": 40}  # (−2, 0.5), 90°
    assert (explorer.x, explorer.y, explorer.angle) == (-2.0, 0.5, 90.0)
    assert readout_numbers(explorer)["slope along u"] == 3.0  # ∂f/∂y = 6y
    assert explorer.answers[-1]["seq"] == 40


def test_explorer_layout_is_frozen_with_room_for_both_plots(explorer):
    engine = explorer.figure.get_layout_engine()  # the browser draws into fixed boxes:
    assert not isinstance(engine, ConstrainedLayoutEngine)  # a layout never moves them
    map_box, slope_box = explorer.ax.get_position(), explorer.slope_ax.get_position()
    assert map_box.width > 0.35 and slope_box.width > 0.3
    assert map_box.x1 < slope_box.x0 and min(map_box.y0, slope_box.y0) > 0.1


def test_summary_is_one_line_with_the_numbers(explorer):
    explorer.turn_to(90)
    assert explorer.summary() == (
        "Gradient explorer on f = x² + 3y²: x = 2.00, y = 1.00, gradient = (4.00, 6.00), "
        "|grad| = 7.21, angle = 90, slope along u = 6.00"
    )
    bundle = explorer._repr_mimebundle_()[0]
    assert bundle["text/plain"] == explorer.summary()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")


def test_gradient_explorer_saved_state_fits_the_budget(explorer):
    assert saved_state_kb(explorer) <= 256


def test_explorer_takes_another_function_and_wraps_the_angle():
    def saddle(x, y):
        return x * y

    made = GradientExplorer(saddle, point=(1.0, 2.0), angle=450.0, label="xy")
    assert made.angle == 90.0
    assert readout_numbers(made)["df/dx"] == 2.0 and readout_numbers(made)["df/dy"] == 1.0
    assert "xy" in made.ax.get_title()


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
        ({"label": ["x"]}, TypeError, "label"),
    ],
)
def test_gradient_explorer_rejects_bad_arguments_naming_them(kwargs, error, name):
    with pytest.raises(error, match=re.escape(name)):
        helpers.gradient_explorer(**kwargs)
