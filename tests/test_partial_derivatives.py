"""Notebook 04: the partials explorer, the one-input-at-a-time figure, and the exercise bank."""

import types

import matplotlib.pyplot as plt
import numpy as np
import pytest

import helpers
from helpers.exercises import EXERCISES, evaluate
from helpers.explorers.partials import PartialsExplorer, lesson_surface


def lesson_f(a, x, y, z):
    return 3 * x**2 * y + a * z**3 + 5


def numbers_in(readout):
    """The readout's `name = value` pairs as a dict of floats."""
    text = readout.replace("<b>", "").replace("</b>", "").replace("&nbsp;", " ")
    pairs = [part.split(" = ") for part in text.split("  ") if " = " in part]
    return {name.strip(): float(value) for name, value in pairs}


@pytest.fixture(scope="module")
def shared_explorer():
    made = helpers.partials_explorer()  # built once: a build draws the contour map
    made.first_summary = made.summary()
    made._redraw = lambda: None  # skip re-rendering the picture after each move (slow)
    yield made
    plt.close(made.fig)


@pytest.fixture
def explorer(shared_explorer):
    """The default explorer, back at its start (1, 2), not dragging."""
    shared_explorer.move_to(1.0, 2.0)
    shared_explorer._on_release(None)
    return shared_explorer


def mouse(axes, x, y):
    return types.SimpleNamespace(inaxes=axes, xdata=x, ydata=y)


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
    assert numbers_in(explorer.readout.value) == {
        "x": 1.0,
        "y": 2.0,
        "f": 12.0,
        "df/dx": 12.0,
        "df/dy": 3.0,
    }


@pytest.mark.parametrize("x, y", [(1.0, 2.0), (-1.5, 0.5), (0.0, -2.0), (2.0, 3.0), (-0.3, 0.0)])
def test_partials_explorer_slopes_are_6xy_and_3x_squared(explorer, x, y):
    explorer.move_to(x, y)
    assert explorer.df_dx == pytest.approx(6 * x * y, abs=1e-6)
    assert explorer.df_dy == pytest.approx(3 * x**2, abs=1e-6)
    assert explorer.value == pytest.approx(lesson_surface(x, y))
    shown = numbers_in(explorer.readout.value)
    assert shown["df/dx"] == pytest.approx(round(6 * x * y, 2), abs=0.006)
    assert shown["df/dy"] == pytest.approx(round(3 * x**2, 2), abs=0.006)


def moving_artists(explorer):
    """The artists a move changes, looked up by name."""
    names = ["map_point", "x_guide", "y_guide", "x_curve", "y_curve"]
    names += ["x_tangent", "y_tangent", "x_point", "y_point"]
    return [getattr(explorer, name) for name in names]


def test_partials_explorer_updates_artists_in_place(explorer):
    artists = moving_artists(explorer)
    counts = [(len(ax.lines), len(ax.collections), len(ax.texts)) for ax in explorer.fig.axes]
    before = [np.array(artist.get_xydata(), copy=True) for artist in artists]
    explorer.move_to(-1.25, -0.5)
    after_artists = moving_artists(explorer)
    assert all(a is b for a, b in zip(artists, after_artists, strict=True))
    assert [
        (len(ax.lines), len(ax.collections), len(ax.texts)) for ax in explorer.fig.axes
    ] == counts
    for artist, old in zip(artists, before, strict=True):
        assert not np.array_equal(artist.get_xydata(), old)
    assert len(explorer.fig.axes) <= 3


def test_partials_explorer_artists_show_the_point_guides_and_slices(explorer):
    explorer.move_to(-1.0, 1.5)
    assert explorer.map_point.get_xydata().tolist() == [[-1.0, 1.5]]
    assert np.all(np.asarray(explorer.x_guide.get_ydata()) == 1.5)  # y held constant
    assert np.all(np.asarray(explorer.y_guide.get_xdata()) == -1.0)  # x held constant
    xs, x_slice = explorer.x_curve.get_data()
    np.testing.assert_allclose(x_slice, lesson_surface(xs, 1.5))
    ys, y_slice = explorer.y_curve.get_data()
    np.testing.assert_allclose(y_slice, lesson_surface(-1.0, ys))
    ends, heights = explorer.x_tangent.get_data()
    slope = (heights[1] - heights[0]) / (ends[1] - ends[0])
    assert slope == pytest.approx(6 * -1.0 * 1.5, abs=1e-6)
    ends, heights = explorer.y_tangent.get_data()
    assert (heights[1] - heights[0]) / (ends[1] - ends[0]) == pytest.approx(3.0, abs=1e-6)


def test_mouse_press_and_drag_on_the_map_move_the_point_and_sliders(explorer):
    explorer._on_press(mouse(explorer.ax, 0.5, -1.0))
    assert (explorer.x_slider.value, explorer.y_slider.value) == (0.5, -1.0)
    explorer._on_motion(mouse(explorer.ax, -1.234, 2.345))
    assert (explorer.x, explorer.y) == (-1.23, 2.35)  # rounded to the sliders' step
    assert (explorer.x_slider.value, explorer.y_slider.value) == (-1.23, 2.35)
    shown = numbers_in(explorer.readout.value)
    assert (shown["x"], shown["y"]) == (-1.23, 2.35)
    assert shown["df/dy"] == pytest.approx(3 * 1.23**2, abs=0.006)
    explorer._on_release(mouse(explorer.ax, None, None))
    explorer._on_motion(mouse(explorer.ax, 0.0, 0.0))
    assert (explorer.x, explorer.y) == (-1.23, 2.35)  # no drag without a press


def test_dragging_on_a_slice_moves_only_that_variable(explorer):
    explorer._on_press(mouse(explorer.x_ax, -0.5, 25.0))
    assert (explorer.x, explorer.y) == (-0.5, 2.0)
    explorer._on_release(None)
    explorer._on_press(mouse(explorer.y_ax, 1.5, -10.0))
    assert (explorer.x, explorer.y) == (-0.5, 1.5)


def test_mouse_outside_the_ranges_is_kept_inside(explorer):
    explorer.move_to(10.0, -10.0)
    assert (explorer.x, explorer.y) == (2.0, -3.0)


def test_each_slider_moves_its_variable_and_updates_the_readout(explorer):
    explorer.x_slider.value = 1.01  # what the → key does
    shown = numbers_in(explorer.readout.value)
    assert shown == {"x": 1.01, "y": 2.0, "f": 12.12, "df/dx": 12.12, "df/dy": 3.06}
    explorer.y_slider.value = -0.5
    assert explorer.df_dx == pytest.approx(6 * 1.01 * -0.5, abs=1e-6)
    assert explorer.x_slider.description.startswith("x")
    assert explorer.y_slider.description.startswith("y")
    assert (explorer.x_slider.step, explorer.y_slider.step) == (0.01, 0.01)


def test_move_to_updates_once_not_once_per_slider(explorer, monkeypatch):
    calls = []
    original = explorer._update
    monkeypatch.setattr(explorer, "_update", lambda *a, **k: calls.append(a) or original(*a, **k))
    explorer.move_to(0.5, 0.5)
    assert len(calls) == 1


def test_partials_explorer_accepts_any_argument_names_and_custom_ranges():
    made = helpers.partials_explorer(
        lambda u, v: u * v, point=(0.5, -1.0), x_range=(0, 1), y_range=(-2, 0), label="uv"
    )
    assert made.df_dx == pytest.approx(-1.0) and made.df_dy == pytest.approx(0.5)
    assert made.summary().startswith("Partials explorer on f = uv:")
    plt.close(made.fig)


def test_partials_explorer_handles_a_constant_function():
    made = helpers.partials_explorer(lambda x, y: 4.0 + 0 * x, point=(0.0, 0.0))
    assert (made.df_dx, made.df_dy, made.value) == (0.0, 0.0, 4.0)
    plt.close(made.fig)


def test_partials_explorer_redraws_its_picture_after_a_move(explorer, monkeypatch):
    monkeypatch.delattr(explorer, "_redraw")  # the real redraw, for this test only
    before = bytes(explorer._view.value)
    explorer.move_to(-0.5, -0.5)
    after = bytes(explorer._view.value)
    assert after.startswith(b"\x89PNG") and after != before
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.summary()


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
    ],
)
def test_partials_explorer_bad_arguments_raise_and_name_the_argument(kwargs, error, names):
    with pytest.raises(error, match=names.replace("[", r"\[").replace("]", r"\]")):
        helpers.partials_explorer(**kwargs)


# --- the figure ------------------------------------------------------------


def test_one_input_at_a_time_figure_draws_one_curve_per_input_with_its_slope():
    point = {"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}
    fig = helpers.figures.one_input_at_a_time_figure(lesson_f, point, step=0.5)
    lines = fig.axes[0].get_lines()
    labels = [line.get_label() for line in lines[:4]]
    assert labels == [
        "move a only: slope 1",
        "move x only: slope 12",
        "move y only: slope 3",
        "move z only: slope 6",
    ]
    t, values = lines[1].get_data()
    assert t.shape == values.shape == (101,)
    np.testing.assert_allclose(values, lesson_f(2.0, 1.0 + t, 2.0, 1.0))
    assert lines[4].get_xydata().tolist() == [[0.0, 13.0]]  # the common point
    assert len({line.get_linestyle() for line in lines[:4]}) == 4  # not colour alone
    plt.close(fig)


@pytest.mark.parametrize(
    "args, error, name",
    [
        ((None, {"x": 1.0}), TypeError, "f"),
        ((lesson_f, [1.0, 2.0]), TypeError, "point"),
        ((lesson_f, {}), ValueError, "point"),
        ((lesson_f, {"a": "2"}), TypeError, "point"),
        ((lambda **k: 0.0, {n: 1.0 for n in "abcdefg"}), ValueError, "point"),
        ((lesson_f, {"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}, 0.0), ValueError, "step"),
        ((lesson_f, {"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}, "big"), TypeError, "step"),
    ],
)
def test_one_input_at_a_time_figure_bad_arguments_raise(args, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.one_input_at_a_time_figure(*args)
    plt.close("all")


# --- the exercise bank -----------------------------------------------------

POINT = {"a": 2.0, "x": 1.0, "y": 3.0, "z": -1.0}


def test_exercise_answers_match_the_lessons_partials():
    assert EXERCISES["04.df_dx"].expected == 6 * 1 * 3 == 18
    assert EXERCISES["04.df_dz"].expected == 3 * 2 * (-1) ** 2 == 6
    assert EXERCISES["04.df_da"].expected == (-1) ** 3
    assert list(EXERCISES["04.all_four"].expected) == [1, -12, 12, 9]


@pytest.mark.parametrize("wrt, key", [("x", "04.df_dx"), ("z", "04.df_dz"), ("a", "04.df_da")])
def test_numeric_partials_pass_the_exercises(wrt, key):
    assert evaluate(key, helpers.partial_derivative(lesson_f, POINT, wrt)).correct


def test_gradient_in_point_order_passes_all_four_and_wrong_order_gets_its_hint():
    point = {"a": 3.0, "x": 2.0, "y": -1.0, "z": 1.0}
    partials = helpers.gradient(lesson_f, point)
    assert evaluate("04.all_four", list(partials.values())).correct
    wrong_order = [partials[name] for name in "xyza"]
    assert "wrong order" in evaluate("04.all_four", wrong_order).message


def test_partial_in_y_as_a_function_is_checked_at_several_x():
    assert evaluate("04.df_dy_function", lambda x: 3 * x**2).correct
    assert "+ 5" in evaluate("04.df_dy_function", lambda x: 3 * x**2 + 5).message
