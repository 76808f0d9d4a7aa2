"""Notebook 06: the descent explorers (steps on a curve, paths on a map), its figures."""

import re
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from explorer_testing import drag, ipympl_backend, mouse

import helpers
from helpers.explorers.descent_paths import SURFACES
from helpers.figures.descent import run_regime


def readout_numbers(explorer):
    """{'x': 1.0, 'learning rate': 0.1, ...} from the readout's `name = value` pairs."""
    text = re.sub(r"<[^>]+>|&nbsp;", " ", explorer.readout.value)
    pairs = re.findall(r"([\w ()/']+?) = (-?[\d.]+(?:e[+-]\d+)?)", text)
    return {name.strip(): float(value) for name, value in pairs}


def live_steps(*args, **kwargs):
    """A descent_explorer on ipympl's canvas, as in the notebook: redraws cost nothing here.

    (Under the Agg fallback every update renders a PNG; a few tests below keep that path.)
    """
    with ipympl_backend():
        return helpers.descent_explorer(*args, **kwargs)


def live_paths(*args, **kwargs):
    """A descent_path_explorer on ipympl's canvas."""
    with ipympl_backend():
        return helpers.descent_path_explorer(*args, **kwargs)


def two_valleys(x):
    return x**4 - 3 * x**2 + x


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- descent_explorer: one step at a time --------------------------------------------------


def test_descent_explorer_starts_with_an_empty_path_and_the_right_readout():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    assert readout_numbers(explorer) == {
        "step": 0,
        "x": 2.5,
        "f(x)": 6.25,
        "slope": 5.0,
        "learning rate": 0.1,
        "next x": 2.0,
    }
    assert explorer.path == [2.5]


def test_one_click_on_step_follows_the_update_rule():
    explorer = live_steps(start=2.5, learning_rate=0.1)
    explorer.step_button.click()
    # x = x0 − r · 2·x0 = 2.5 − 0.1 · 5
    assert explorer.path == pytest.approx([2.5, 2.0])
    numbers = readout_numbers(explorer)
    assert numbers["step"] == 1
    assert numbers["x"] == 2.0
    assert numbers["slope"] == pytest.approx(2 * numbers["x"])
    assert numbers["next x"] == pytest.approx(numbers["x"] - 0.1 * numbers["slope"])


def test_run_ten_steps_multiplies_x_by_the_factor_each_step():
    explorer = live_steps(start=2.0, learning_rate=0.2)
    explorer.run_button.click()
    assert explorer.steps_taken == 10
    np.testing.assert_allclose(explorer.path, 2.0 * 0.6 ** np.arange(11), rtol=1e-8)
    assert explorer.summary().startswith("Descent explorer on y = x²: step = 10")


def test_descent_explorer_updates_the_same_artists_in_place():
    explorer = helpers.descent_explorer(start=2.5)
    artists = [explorer.path_line, explorer.point, explorer.tangent_line, explorer.next_point]
    count = len(explorer.ax.lines)
    explorer.step(3)
    explorer.set_learning_rate(0.3)
    assert [explorer.path_line, explorer.point, explorer.tangent_line, explorer.next_point] == (
        artists
    )
    assert len(explorer.ax.lines) == count
    xs, ys = explorer.path_line.get_data()
    np.testing.assert_allclose(xs, 2.5 * 0.8 ** np.arange(4), rtol=1e-8)
    np.testing.assert_allclose(ys, np.asarray(xs) ** 2, rtol=1e-8)
    x = explorer.x
    ends, heights = explorer.tangent_line.get_data()
    np.testing.assert_allclose(heights, x**2 + 2 * x * (np.asarray(ends) - x), rtol=1e-6)
    assert explorer.next_point.get_data()[0][0] == pytest.approx(x - 0.3 * 2 * x)


def test_learning_rate_slider_keeps_the_path_and_moves_the_preview():
    explorer = live_steps(start=2.5, learning_rate=0.1)
    explorer.step()
    explorer.slider.value = 0.5  # 1/L on x²: the next step lands on 0
    assert explorer.steps_taken == 1
    assert readout_numbers(explorer)["next x"] == 0.0
    explorer.step()
    assert explorer.x == pytest.approx(0.0, abs=1e-9)


def test_reset_clears_the_path_and_can_move_the_start():
    explorer = live_steps(start=2.5)
    explorer.step(4)
    explorer.reset_button.click()
    assert explorer.path == [2.5]
    explorer.reset(start=-1.0)
    assert explorer.path == [-1.0]
    assert readout_numbers(explorer)["slope"] == pytest.approx(-2.0)


def test_oscillate_and_diverge_on_x_squared():
    explorer = live_steps(start=1.0, learning_rate=0.9)
    explorer.step(4)
    np.testing.assert_allclose(explorer.path, (-0.8) ** np.arange(5), rtol=1e-8)
    explorer.set_learning_rate(1.1)
    explorer.reset()
    explorer.step(10)
    assert abs(explorer.x) == pytest.approx(1.2**10, rel=1e-6)
    assert "off the plot" in explorer.readout.value


def test_diverging_run_stops_cleanly_and_says_so():
    explorer = live_steps(two_valleys, start=2.0, learning_rate=1.0, x_range=(-2.0, 2.0))
    explorer.step(50)
    assert explorer.diverged
    assert explorer.steps_taken < 50
    assert np.all(np.isfinite(explorer.path)) and np.all(np.isfinite(explorer.path_values))
    assert "diverged" in explorer.readout.value
    steps = explorer.steps_taken
    explorer.step()  # a diverged run takes no more steps
    assert explorer.steps_taken == steps
    explorer.reset()
    assert not explorer.diverged and explorer.steps_taken == 0


@pytest.mark.parametrize("start, valley", [(-0.5, -1.30), (0.5, 1.13), (1.9, 1.13)])
def test_the_start_decides_which_of_two_valleys_is_reached(start, valley):
    explorer = live_steps(two_valleys, start=start, learning_rate=0.05, x_range=(-2.0, 2.0))
    explorer.step(60)
    assert explorer.x == pytest.approx(valley, abs=0.01)
    assert readout_numbers(explorer)["slope"] == pytest.approx(0.0, abs=0.01)


def test_mouse_press_sets_the_start_and_resets_the_path():
    explorer = live_steps(start=2.5)
    assert explorer.interactive
    explorer.step(3)
    drag(explorer, explorer.ax, [(1.0, 0.0), (-1.5, 4.0)])
    assert explorer.path == pytest.approx([-1.5])
    assert readout_numbers(explorer)["x"] == -1.5
    assert readout_numbers(explorer)["step"] == 0
    mouse(explorer, "move", explorer.ax, 0.5, 0.0)  # released: nothing moves
    assert explorer.start == pytest.approx(-1.5)


def test_a_press_outside_the_range_is_clipped_to_it():
    explorer = live_steps(x_range=(-1.0, 1.0), start=0.5)
    explorer._drag_targets[explorer.ax](5.0, 0.0)
    assert explorer.start == 1.0


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 3}, TypeError, "f"),
        ({"start": "2"}, TypeError, "start"),
        ({"start": 5.0}, ValueError, "start"),
        ({"start": np.nan}, ValueError, "start"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"learning_rate": 2.0}, ValueError, "learning_rate"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate"),
        ({"x_range": (1.0, -1.0)}, ValueError, "x_range"),
        ({"x_range": 3}, TypeError, "x_range"),
    ],
)
def test_descent_explorer_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.descent_explorer(**kwargs)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda e: e.step(-1), ValueError, "n"),
        (lambda e: e.step(1.5), TypeError, "n"),
        (lambda e: e.reset("left"), TypeError, "start"),
        (lambda e: e.reset(10.0), ValueError, "start"),
        (lambda e: e.set_learning_rate(None), TypeError, "learning_rate"),
    ],
)
def test_descent_explorer_methods_reject_bad_arguments(call, error, name):
    explorer = live_steps()
    with pytest.raises(error, match=name):
        call(explorer)


# --- descent_path_explorer: whole paths on a contour map -----------------------------------


def test_path_explorer_readout_matches_gradient_descent():
    explorer = helpers.descent_path_explorer(
        "narrow valley", start=(-2.5, 1.0), learning_rate=0.035
    )
    reference = helpers.gradient_descent(
        lambda w: w[0] ** 2 + 25 * w[1] ** 2, [-2.5, 1.0], 0.035, 150, tolerance=1e-4
    )
    xs, ys = explorer.path_line.get_data()
    np.testing.assert_allclose(np.column_stack([xs, ys]), reference.points, atol=1e-6)
    numbers = readout_numbers(explorer)
    assert numbers["start x"] == -2.5 and numbers["start y"] == 1.0
    assert numbers["learning rate"] == 0.035
    assert numbers["steps"] == reference.steps
    assert numbers["final f"] == pytest.approx(reference.values[-1], abs=0.005)
    assert explorer.status == "converged"


def test_path_explorer_updates_the_same_artists_and_keeps_its_contours():
    explorer = helpers.descent_path_explorer()
    artists = [explorer.path_line, explorer.start_point, explorer.final_point, explorer.contours]
    count = len(explorer.ax.lines)
    explorer.move_start(1.0, -0.5)
    explorer.set_learning_rate(0.02)
    assert [
        explorer.path_line,
        explorer.start_point,
        explorer.final_point,
        explorer.contours,
    ] == artists
    assert len(explorer.ax.lines) == count
    assert explorer.start_point.get_data() == ([1.0], [-0.5])
    assert explorer.final_point.get_data()[0][0] == explorer.path_line.get_data()[0][-1]


def test_narrow_valley_zig_zags_across_and_creeps_along():
    explorer = live_paths("narrow valley", start=(-2.5, 1.0), learning_rate=0.035)
    ys = explorer.path.points[:8, 1]
    assert np.all(np.sign(ys[1:]) != np.sign(ys[:-1]))  # y flips sign every step
    xs = explorer.path.points[:8, 0]
    assert np.all(xs[:-1] < xs[1:]) and np.all(xs < 0)  # x creeps towards 0 on one side


def test_round_bowl_goes_straight_to_the_centre():
    explorer = live_paths("round bowl", start=(2.0, 1.0), learning_rate=0.1)
    points = explorer.path.points
    np.testing.assert_allclose(points[:, 1], points[:, 0] / 2, atol=1e-6)  # on the line y = x/2


@pytest.mark.parametrize(
    "surface, rate, status",
    [
        ("round bowl", 0.5, "converged"),
        ("round bowl", 1.0, "bouncing"),
        ("round bowl", 1.1, "diverging"),
        ("narrow valley", 0.01, "still moving"),
        ("narrow valley", 0.038, "converged"),
        ("narrow valley", 0.042, "diverging"),
    ],
)
def test_path_explorer_names_what_the_run_did(surface, rate, status):
    explorer = live_paths(surface, start=(-2.5, 1.0), learning_rate=rate)
    assert explorer.status == status
    assert status in explorer.readout.value
    assert explorer.summary().endswith(status)


def test_path_explorer_reports_a_blown_up_run_as_diverged():
    explorer = live_paths("narrow valley", start=(-2.5, 1.0), learning_rate=0.044, steps=5000)
    assert explorer.path.diverged and explorer.status == "diverged"
    assert np.all(np.isfinite(explorer.path.points))


def test_switching_function_redraws_contours_and_rescales_the_slider():
    explorer = live_paths("narrow valley")
    old_contours = explorer.contours
    explorer.set_function("round bowl")
    assert explorer.contours is not old_contours
    assert old_contours not in explorer.ax.collections
    assert (explorer.rate_slider.min, explorer.rate_slider.max) == SURFACES["round bowl"].rates[:2]
    assert explorer.rate_slider.value == SURFACES["round bowl"].default_rate
    assert "x² + y²" in explorer.ax.get_title()
    assert readout_numbers(explorer)["learning rate"] == 0.1
    explorer.choice.value = "narrow valley"  # the toggle buttons do the same
    assert explorer.rate_slider.max == SURFACES["narrow valley"].rates[1]
    assert explorer.rate_slider.value == 0.035
    assert "25y²" in explorer.ax.get_title()


def test_mouse_press_and_drag_move_the_start_and_sync_sliders_and_readout():
    explorer = live_paths()
    assert explorer.interactive
    drag(explorer, explorer.ax, [(0.0, 0.0), (1.0, 0.5), (2.0, -0.75)])
    assert explorer.x_slider.value == pytest.approx(2.0, abs=1e-6)
    assert explorer.y_slider.value == pytest.approx(-0.75, abs=1e-6)
    numbers = readout_numbers(explorer)
    assert (numbers["start x"], numbers["start y"]) == (2.0, -0.75)
    assert explorer.path.points[0].tolist() == pytest.approx([2.0, -0.75])


def test_fake_press_and_motion_events_move_the_start():
    explorer = live_paths()
    explorer._on_press(SimpleNamespace(inaxes=explorer.ax, xdata=-1.0, ydata=0.25))
    explorer._on_motion(SimpleNamespace(inaxes=explorer.ax, xdata=-0.5, ydata=-0.25))
    explorer._on_release(None)
    assert (explorer.x_slider.value, explorer.y_slider.value) == (-0.5, -0.25)
    assert readout_numbers(explorer)["start x"] == -0.5
    steps = live_steps(start=2.5)
    steps._on_press(SimpleNamespace(inaxes=steps.ax, xdata=-2.0, ydata=0.0))
    assert readout_numbers(steps)["x"] == -2.0


def test_start_sliders_move_the_start():
    explorer = live_paths()
    explorer.x_slider.value = 1.5
    assert explorer.path.points[0][0] == pytest.approx(1.5)
    assert readout_numbers(explorer)["start x"] == 1.5


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 3}, TypeError, "f"),
        ({"f": "mountain"}, ValueError, "f"),
        ({"start": (1.0, 2.0, 3.0)}, ValueError, "start"),
        ({"start": (5.0, 0.0)}, ValueError, "start x"),
        ({"start": (0.0, 2.0)}, ValueError, "start y"),
        ({"start": "here"}, TypeError, "start"),
        ({"learning_rate": 0.5}, ValueError, "learning_rate"),
        ({"learning_rate": "big"}, TypeError, "learning_rate"),
        ({"steps": -1}, ValueError, "steps"),
        ({"steps": 2.5}, TypeError, "steps"),
    ],
)
def test_path_explorer_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.descent_path_explorer(**kwargs)


def test_path_explorer_methods_reject_bad_arguments():
    explorer = live_paths()
    with pytest.raises(TypeError, match="x"):
        explorer.move_start("left", 0.0)
    with pytest.raises(ValueError, match="f"):
        explorer.set_function("mountain")
    with pytest.raises(TypeError, match="learning_rate"):
        explorer.set_learning_rate([0.1])


# --- the static figures -----------------------------------------------------------------


def test_regimes_figure_labels_each_run_by_what_it_did():
    fig = helpers.figures.descent_regimes_figure(4.0, 1.0, [0.1, 0.45, 0.52], steps=15)
    labels = [line.get_label() for line in fig.axes[0].lines[:3]]
    assert labels == [
        "learning rate 0.1: converge",
        "learning rate 0.45: oscillate",
        "learning rate 0.52: diverge",
    ]
    xs, ys = fig.axes[0].lines[1].get_data()
    np.testing.assert_allclose(ys, (-0.8) ** np.arange(16), rtol=1e-9)


def test_sweep_figure_marks_one_over_l_and_two_over_l():
    fig = helpers.figures.learning_rate_sweep_figure(curvature=4.0, start=1.0, steps=10)
    ax = fig.axes[0]
    labels = {line.get_label(): line for line in ax.lines}
    assert labels["1/L = 0.25: fastest"].get_xdata()[0] == 0.25
    assert labels["2/L = 0.5: limit"].get_xdata()[0] == 0.5
    assert {text.get_text() for text in ax.texts} == {"converge", "oscillate", "diverge"}
    rates, finals = labels["|x| after 10 steps"].get_data()
    np.testing.assert_allclose(finals, np.abs(1 - 4.0 * rates) ** 10, rtol=1e-6, atol=1e-300)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_starting_points_figure_says_where_each_run_ends():
    fig = helpers.figures.starting_points_figure(two_valleys, [-0.5, 0.5], learning_rate=0.05)
    labels = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert labels[1:] == ["start -0.5 → ends at -1.30", "start 0.5 → ends at 1.13"]


def test_bowl_and_valley_figure_has_two_maps_with_step_counts():
    fig = helpers.figures.bowl_and_valley_figure(start=(-2.5, 1.0), learning_rates=(0.5, 0.035))
    assert len(fig.axes) == 2
    assert "2 steps, converged" in fig.axes[0].get_title()
    assert "narrow valley" in fig.axes[1].get_title()


@pytest.mark.parametrize(
    "points, regime",
    [([1.0, 0.5, 0.25], "converge"), ([1.0, -0.5, 0.25], "oscillate"), ([1.0, -2.0], "diverge")],
)
def test_run_regime_reads_the_sign_and_size_of_x(points, regime):
    assert run_regime(np.array(points)) == regime


FIGURES = helpers.figures


@pytest.mark.parametrize(
    "make, error, name",
    [
        (lambda: FIGURES.descent_regimes_figure(curvature=0), ValueError, "curvature"),
        (lambda: FIGURES.descent_regimes_figure(start=0.0), ValueError, "start"),
        (lambda: FIGURES.descent_regimes_figure(learning_rates=[-1]), ValueError, "learning"),
        (lambda: FIGURES.descent_regimes_figure(steps=0), ValueError, "steps"),
        (lambda: FIGURES.learning_rate_sweep_figure(curvature="L"), TypeError, "curvature"),
        (lambda: FIGURES.learning_rate_sweep_figure(floor=0), ValueError, "floor"),
        (lambda: FIGURES.starting_points_figure(3, [0.5], 0.1), TypeError, "f"),
        (lambda: FIGURES.starting_points_figure(two_valleys, [0.5], 0), ValueError, "learning"),
        (lambda: FIGURES.bowl_and_valley_figure(start=(1.0,)), ValueError, "start"),
        (lambda: FIGURES.bowl_and_valley_figure(learning_rates=(0.1,)), ValueError, "learning"),
    ],
)
def test_figures_reject_bad_arguments(make, error, name):
    with pytest.raises(error, match=name):
        make()
