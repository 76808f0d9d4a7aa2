"""helpers/explorers/partials.py: the partials explorer."""

import base64
import re

import numpy as np
import pytest
from support import readout_numbers, saved_state_kb

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.partials import PartialsExplorer, lesson_surface


@pytest.fixture(scope="module")
def shared_explorer():
    made = helpers.partials_explorer()  # built once: a build draws the contour map
    made.first_summary = made.summary()
    return made


@pytest.fixture
def explorer(shared_explorer):
    """The default explorer, back at its start (1, 2)."""
    shared_explorer.move_to(1.0, 2.0)
    return shared_explorer


# --- the explorer ----------------------------------------------------------


def test_partials_explorer_is_public_and_starts_at_the_lesson_point(explorer):
    assert isinstance(explorer, PartialsExplorer)
    assert "partials_explorer" in helpers.explorers.partials.__all__
    assert (
        explorer.first_summary
        == explorer.summary()
        == (
            "Partials explorer on f = 3x²y + 6: x = 1.00, y = 2.00, f = 12.00, "
            "df/dx = 12.00, df/dy = 3.00"
        )
    )


def test_partials_explorer_readout_names_every_number(explorer):
    assert readout_numbers(explorer) == {
        "x": 1.0,
        "y": 2.0,
        "f": 12.0,
        "df/dx": 12.0,
        "df/dy": 3.0,
    }


def test_partials_explorer_lattice_is_41_by_61_points_a_tenth_apart(explorer):
    x_slider, y_slider = explorer.controls
    assert (x_slider["label"], y_slider["label"]) == (
        "x (arrow keys move it)",
        "y (arrow keys move it)",
    )
    np.testing.assert_allclose(control_values(x_slider), np.linspace(-2, 2, 41), atol=1e-12)
    np.testing.assert_allclose(control_values(y_slider), np.linspace(-3, 3, 61), atol=1e-12)


def test_partials_explorer_numbers_are_f_6xy_and_3x_squared_at_every_lattice_point(explorer):
    for i in range(41):
        for j in range(61):
            explorer.move(x=i, y=j)
            x, y = explorer.x, explorer.y
            assert explorer.value == pytest.approx(lesson_surface(x, y), abs=1e-12)
            assert explorer.df_dx == pytest.approx(6 * x * y, abs=1e-6)
            assert explorer.df_dy == pytest.approx(3 * x**2, abs=1e-6)


def test_partials_are_the_slopes_of_helpers_partial_derivative(explorer):
    for x, y in [(1.0, 2.0), (-1.5, 0.5), (0.0, -2.0), (2.0, 3.0), (-0.3, 0.0)]:
        explorer.move_to(x, y)
        point = {"x": explorer.x, "y": explorer.y}
        f = lambda x, y: lesson_surface(x, y)  # noqa: E731 (named arguments x and y)
        assert explorer.df_dx == helpers.partial_derivative(f, point, "x")
        assert explorer.df_dy == helpers.partial_derivative(f, point, "y")
        shown = readout_numbers(explorer)
        assert shown["df/dx"] == pytest.approx(round(6 * x * y, 2), abs=0.006)
        assert shown["df/dy"] == pytest.approx(round(3 * x**2, 2), abs=0.006)


def test_move_to_snaps_to_the_lattice_and_stays_on_the_map(explorer):
    explorer.move_to(-1.234, 2.345)
    assert (explorer.x, explorer.y) == (-1.2, 2.3)
    shown = readout_numbers(explorer)
    assert (shown["x"], shown["y"]) == (-1.2, 2.3)
    assert shown["df/dy"] == pytest.approx(3 * 1.2**2, abs=0.006)
    explorer.move_to(10.0, -10.0)
    assert (explorer.x, explorer.y) == (2.0, -3.0)
    with pytest.raises(TypeError, match="x"):
        explorer.move_to("left", 0.0)
    with pytest.raises(ValueError, match="y"):
        explorer.move_to(0.0, np.nan)
    assert (explorer.x, explorer.y) == (2.0, -3.0), "a refused move moves nothing"


def test_readout_follows_a_position_sent_by_the_browser(explorer):
    explorer.position = {"x": 5, "y": 35, "seq": 12}  # a drag to (−1.5, 0.5)
    assert (explorer.x, explorer.y) == (-1.5, 0.5)
    assert explorer.summary().endswith("x = -1.50, y = 0.50, f = 9.38, df/dx = -4.50, df/dy = 6.75")


def test_drags_move_both_on_the_map_and_one_variable_on_each_slice(explorer):
    panel = explorer.figure.axes.index
    drags = [(d["panel"], d["x"], d["y"]) for d in explorer.drags]
    assert drags == [
        (panel(explorer.ax), "x", "y"),  # first: the arrow keys on the figure move it too
        (panel(explorer.x_ax), "x", None),
        (panel(explorer.y_ax), "y", None),  # the y slice's horizontal axis is y
    ]


def test_layers_are_the_point_guides_and_the_two_slices_with_tangents(explorer):
    panel = explorer.figure.axes.index
    drawn = [(layer["panel"], layer["draw"]) for layer in explorer.layers]
    on_map, on_x, on_y = panel(explorer.ax), panel(explorer.x_ax), panel(explorer.y_ax)
    assert drawn == [
        (on_map, "guide"),
        (on_map, "guide"),
        (on_map, "point"),
        (on_x, "slice"),
        (on_x, "tangent"),
        (on_x, "point"),
        (on_y, "slice"),
        (on_y, "tangent"),
        (on_y, "point"),
    ]
    slices = [layer for layer in explorer.layers if layer["draw"] == "slice"]
    assert [(s["along"], s["value"]) for s in slices] == [("x", "f"), ("y", "f")]


def test_the_picture_shows_the_point_guides_slices_and_tangents(explorer):
    explorer.move_to(-1.0, 1.5)
    explorer.png()
    x_guide, y_guide, point, x_curve, x_tangent, x_point, y_curve, y_tangent, y_point = (
        layer.artist for layer in explorer._layers
    )
    assert point.get_xydata().tolist() == [[-1.0, 1.5]]
    assert np.all(np.asarray(x_guide.get_ydata()) == 1.5)  # y held constant
    assert np.all(np.asarray(y_guide.get_xdata()) == -1.0)  # x held constant
    xs, x_slice = x_curve.get_data()
    np.testing.assert_allclose(xs, np.linspace(-2, 2, 41), atol=1e-12)
    np.testing.assert_allclose(x_slice, lesson_surface(xs, 1.5))
    ys, y_slice = y_curve.get_data()
    np.testing.assert_allclose(y_slice, lesson_surface(-1.0, ys))
    ends, heights = x_tangent.get_data()
    assert (heights[1] - heights[0]) / (ends[1] - ends[0]) == pytest.approx(-9.0, abs=1e-6)
    np.testing.assert_allclose(ends, [-2.0, 0.0])  # a quarter of the x range each side
    ends, heights = y_tangent.get_data()
    assert (heights[1] - heights[0]) / (ends[1] - ends[0]) == pytest.approx(3.0, abs=1e-6)
    assert x_point.get_xydata().tolist() == [[-1.0, lesson_surface(-1.0, 1.5)]]
    assert y_point.get_xydata().tolist() == [[1.5, lesson_surface(-1.0, 1.5)]]


def test_the_slices_heights_cover_all_of_f(explorer):
    low, high = explorer.x_ax.get_ylim()
    assert explorer.y_ax.get_ylim() == (low, high)
    assert low < lesson_surface(2.0, -3.0) and lesson_surface(2.0, 3.0) < high


def test_partials_explorer_accepts_any_argument_names_and_custom_ranges():
    made = helpers.partials_explorer(
        lambda u, v: u * v, point=(0.5, -1.0), x_range=(0, 1), y_range=(-2, 0), label="uv"
    )
    assert made.df_dx == pytest.approx(-1.0) and made.df_dy == pytest.approx(0.5)
    assert made.summary().startswith("Partials explorer on f = uv:")
    x_slider, y_slider = made.controls  # 0.05 apart: 21 × 41 points
    assert (len(control_values(x_slider)), len(control_values(y_slider))) == (21, 41)


@pytest.mark.parametrize(
    "x_range, y_range, step",
    [((-2, 2), (-3, 3), 0.1), ((-20, 20), (-30, 30), 1.0), ((-5, 5), (-5, 5), 0.2)],
)
def test_the_lattice_step_is_the_smallest_round_one_within_4000_points(x_range, y_range, step):
    made = helpers.partials_explorer(
        lambda x, y: x + y, point=(0.0, 0.0), x_range=x_range, y_range=y_range
    )
    x_slider, y_slider = made.controls
    assert np.diff(control_values(x_slider)) == pytest.approx(step)
    assert len(control_values(x_slider)) * len(control_values(y_slider)) <= 4000
    assert (control_values(x_slider)[0], control_values(x_slider)[-1]) == x_range


def test_partials_explorer_handles_a_constant_function():
    made = helpers.partials_explorer(lambda x, y: 4.0 + 0 * x, point=(0.0, 0.0))
    assert (made.df_dx, made.df_dy, made.value) == (0.0, 0.0, 4.0)


def test_partials_explorer_picture_and_text_for_places_without_widgets(explorer):
    at_start = explorer.png()
    explorer.move_to(-0.5, -0.5)
    bundle = explorer._repr_mimebundle_()[0]
    assert bundle["text/plain"] == explorer.summary()
    picture = base64.b64decode(bundle["image/png"])
    assert picture.startswith(b"\x89PNG") and picture != at_start


def test_partials_explorer_saved_state_fits_the_budget(explorer):
    assert saved_state_kb(explorer) <= 256


@pytest.mark.parametrize(
    "kwargs, error, names",
    [
        ({"f": 3}, TypeError, "f"),
        ({"f": lambda x: x}, TypeError, "f"),
        ({"f": lambda x, y: np.full_like(x, np.nan)}, ValueError, "f"),
        ({"f": lambda x, y: np.ones(3)}, ValueError, "f"),
        ({"point": 1.0}, TypeError, "point"),
        ({"point": (1.0, 2.0, 3.0)}, ValueError, "point"),
        ({"point": ("one", 2.0)}, TypeError, "point[0]"),
        ({"point": (1.0, np.nan)}, ValueError, "point[1]"),
        ({"point": (5.0, 0.0)}, ValueError, "x_range"),
        ({"point": (0.0, -5.0)}, ValueError, "y_range"),
        ({"x_range": (2.0, -2.0)}, ValueError, "x_range"),
        ({"y_range": 3}, TypeError, "y_range"),
        ({"x_range": (-2.0, np.inf)}, ValueError, "x_range[1]"),
        ({"x_range": (-1e308, 1e308), "point": (0, 0)}, ValueError, "x_range"),
        ({"label": 5}, TypeError, "label"),
    ],
)
def test_partials_explorer_bad_arguments_raise_and_name_the_argument(kwargs, error, names):
    with pytest.raises(error, match=re.escape(names)):
        helpers.partials_explorer(**kwargs)
