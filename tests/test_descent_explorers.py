"""Notebook 06: the descent explorers (steps on a curve, paths on a map), its figures."""

import base64

import numpy as np
import pytest
from support import MOST_SAVED_BYTES, readout_numbers, saved_state_bytes

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.descent_paths import SURFACES
from helpers.explorers.descent_steps import MAX_STEPS, NEXT_X
from helpers.figures.gradient_descent import run_regime


def from_the_browser(explorer, **indices):
    """Move as the browser does: it sends the whole position, with the next "seq"."""
    explorer.position = {**explorer.position, **indices, "seq": explorer.position["seq"] + 1}


def two_valleys(x):
    return x**4 - 3 * x**2 + x


def assert_shows_a_picture_and_a_summary(explorer):
    data, _ = explorer._repr_mimebundle_()
    assert data["text/plain"] == explorer.summary()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in data


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
    assert explorer.status == ""
    assert explorer.answers == []  # everything at the start comes from the saved tables


def test_one_step_follows_the_update_rule():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    explorer.step()
    # x = x0 − r · 2·x0 = 2.5 − 0.1 · 5
    assert explorer.path == pytest.approx([2.5, 2.0])
    numbers = readout_numbers(explorer)
    assert numbers["step"] == 1
    assert numbers["x"] == 2.0
    assert numbers["slope"] == pytest.approx(2 * numbers["x"])
    assert numbers["next x"] == pytest.approx(numbers["x"] - 0.1 * numbers["slope"])


def test_run_ten_steps_multiplies_x_by_the_factor_each_step():
    explorer = helpers.descent_explorer(start=2.0, learning_rate=0.2)
    explorer.step(10)
    assert explorer.steps_taken == 10
    np.testing.assert_allclose(explorer.path, 2.0 * 0.6 ** np.arange(11), rtol=1e-8)
    np.testing.assert_allclose(explorer.path_values, np.asarray(explorer.path) ** 2, rtol=1e-8)
    assert explorer.summary().startswith("Descent explorer on y = x²: step = 10")


@pytest.mark.parametrize("rate_index", [0, 4, 5, 13, 27])  # 0.01, 0.05, 0.1, 0.5, 1.2
def test_every_tabulated_run_is_gradient_descent_and_obeys_the_update_rule(rate_index):
    explorer = helpers.descent_explorer(two_valleys, start=0.5, x_range=(-2.0, 2.0))
    rate = float(explorer._rates[rate_index])
    reference = helpers.gradient_descent(
        two_valleys, 0.5, learning_rate=rate, steps=MAX_STEPS, tolerance=0
    )
    explorer.set_learning_rate(rate)
    for steps in range(MAX_STEPS + 1):
        explorer.move(steps=steps)
        taken = min(steps, reference.steps)
        assert explorer.steps_taken == taken
        # All the runs step together (slopes on an array): rounding may differ by ~1e-12.
        assert explorer.x == pytest.approx(reference.points[taken], rel=1e-9, abs=1e-12)
        assert explorer.y == pytest.approx(two_valleys(explorer.x), rel=1e-12)
        # f on an array and on one number may round differently: round-off ~1e-11.
        slope = helpers.derivative(two_valleys, explorer.x)
        assert explorer.slope == pytest.approx(slope, rel=1e-9, abs=1e-9)
        if not explorer.diverged:
            expected = explorer.x - rate * explorer.slope
            assert explorer.next_x == pytest.approx(expected, rel=1e-9, abs=1e-9)
    # The starting start's runs are saved tables: the kernel computed only the first
    # steps from every start at the new rate (for a drag there).
    assert [answer["at"] for answer in explorer.answers] in (
        [],
        [{"learning_rate": rate_index, "steps": 1}],
    )


def test_changing_the_learning_rate_redraws_the_whole_path_at_the_new_rate():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    explorer.step(3)
    explorer.set_learning_rate(0.3)
    assert explorer.steps_taken == 3
    np.testing.assert_allclose(explorer.path, 2.5 * 0.4 ** np.arange(4), rtol=1e-8)
    assert readout_numbers(explorer)["learning rate"] == 0.3
    explorer.set_learning_rate(0.5)  # 1/L on x²: one step lands on 0, and stays there
    assert explorer.path == pytest.approx([2.5, 0.0, 0.0, 0.0], abs=1e-9)
    assert readout_numbers(explorer)["next x"] == 0.0


def test_the_learning_rate_is_kept_inside_its_slider_and_on_its_steps():
    explorer = helpers.descent_explorer()
    explorer.set_learning_rate(5.0)
    assert explorer.learning_rate == 1.2
    explorer.set_learning_rate(0.123)  # the rates reached: 0.01 … 0.05, then every 0.05
    assert explorer.learning_rate == 0.1
    assert readout_numbers(explorer)["learning rate"] == 0.1
    explorer.set_learning_rate(0.031)
    assert explorer.learning_rate == 0.03


def test_reset_clears_the_path_and_can_move_the_start():
    explorer = helpers.descent_explorer(start=2.5)
    explorer.step(4)
    explorer.reset()
    assert explorer.path == [2.5]
    explorer.reset(start=-1.0)
    assert explorer.path == [-1.0]
    assert readout_numbers(explorer)["slope"] == pytest.approx(-2.0)
    explorer.step(2)
    np.testing.assert_allclose(explorer.path, -1.0 * 0.8 ** np.arange(3), rtol=1e-8)


def test_a_new_start_is_answered_by_the_kernel_with_runs_at_every_rate():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    from_the_browser(explorer, start=explorer.nearest("start", 1.0), steps=0)  # a press
    [runs] = explorer.answers
    assert runs["at"] == {"start": explorer.index("start")}
    assert runs["seq"] == explorer.position["seq"]
    assert runs["shape"] == [len(explorer._rates), MAX_STEPS + 2]
    explorer.step(2)
    explorer.set_learning_rate(0.25)
    np.testing.assert_allclose(explorer.path, [1.0, 0.5, 0.25], rtol=1e-8)
    assert len(explorer.answers) == 2  # and the first steps from every start at 0.25


def test_the_browser_can_move_start_and_steps_at_display_rate_from_the_tables():
    """At steps 0 the x, f, slope and next x of every start are in the saved tables:
    a drag needs no kernel. Beyond, only the kernel's answer holds the path."""
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    tables = explorer._tables
    tables.answers = []  # as in a notebook exported to HTML: no kernel answers
    moved = {**explorer.position, "start": explorer.nearest("start", -2.0), "steps": 0}
    assert tables.value("x", moved) == -2.0
    assert tables.value("slope", moved) == pytest.approx(-4.0)
    assert tables.value(NEXT_X, moved) == pytest.approx(-1.6)
    assert tables.value("x", {**moved, "steps": 2}) is None  # pending: the kernel computes it


def test_an_answer_for_one_start_is_never_shown_at_another():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    explorer.reset(start=1.0)
    explorer.step(3)
    assert explorer.x == pytest.approx(1.0 * 0.8**3)
    answer_for_one = list(explorer._tables.answers)
    explorer.reset(start=-2.0)
    explorer.step(3)
    assert explorer.x == pytest.approx(-2.0 * 0.8**3)
    explorer._tables.answers = answer_for_one  # a late answer for the old start
    assert explorer.x is None
    assert "x = …" in explorer.readout_text()


def test_the_last_step_has_a_next_x_from_the_row_beyond_the_counter():
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.1)
    explorer.step(MAX_STEPS + 5)
    assert explorer.steps_taken == MAX_STEPS
    assert explorer.next_x == pytest.approx(2.5 * 0.8 ** (MAX_STEPS + 1))
    assert "…" not in explorer.readout_text()


def test_oscillate_and_diverge_on_x_squared():
    explorer = helpers.descent_explorer(start=1.0, learning_rate=0.9)
    explorer.step(4)
    np.testing.assert_allclose(explorer.path, (-0.8) ** np.arange(5), rtol=1e-8)
    explorer.set_learning_rate(1.1)
    explorer.reset()
    explorer.step(10)
    assert abs(explorer.x) == pytest.approx(1.2**10, rel=1e-6)
    assert explorer.status == "(x is off the plot)"
    assert "off the plot" in explorer.readout_text()


def test_diverging_run_stops_cleanly_and_says_so():
    explorer = helpers.descent_explorer(two_valleys, start=2.0, learning_rate=1.0, x_range=(-2, 2))
    explorer.step(MAX_STEPS)
    assert explorer.diverged
    assert explorer.steps_taken < MAX_STEPS
    assert np.all(np.isfinite(explorer.path)) and np.all(np.isfinite(explorer.path_values))
    assert "diverged: the steps blew up, so the run stopped" in explorer.readout_text()
    assert explorer.next_x == explorer.x  # a stopped run goes nowhere
    steps = explorer.steps_taken
    explorer.step()  # a diverged run takes no more steps
    assert explorer.steps_taken == steps
    explorer.move(steps=steps)  # the last point before the blow-up says so too
    assert explorer.status == "diverged: the next step blows up, so the run stops here"
    explorer.reset()
    assert not explorer.diverged and explorer.steps_taken == 0


@pytest.mark.parametrize("start, valley", [(-0.5, -1.30), (0.5, 1.13), (1.9, 1.13)])
def test_the_start_decides_which_of_two_valleys_is_reached(start, valley):
    explorer = helpers.descent_explorer(
        two_valleys, start=start, learning_rate=0.05, x_range=(-2.0, 2.0)
    )
    explorer.step(MAX_STEPS)
    assert explorer.x == pytest.approx(valley, abs=0.01)
    assert readout_numbers(explorer)["slope"] == pytest.approx(0.0, abs=0.01)


def test_a_drag_on_the_plot_moves_the_start_and_resets_the_steps():
    explorer = helpers.descent_explorer(start=2.5)
    [drag] = explorer.drags
    assert (drag["x"], drag["y"], drag["sets"]) == ("start", None, {"steps": 0})
    explorer.step(3)
    from_the_browser(explorer, start=explorer.nearest("start", -1.5), steps=0)
    assert explorer.path == [-1.5]
    assert readout_numbers(explorer)["x"] == -1.5
    assert readout_numbers(explorer)["step"] == 0


def test_descent_explorer_has_its_controls_and_buttons():
    explorer = helpers.descent_explorer(x_range=(-1.0, 1.0), start=0.5)
    controls = {c.get("name", c.get("label")): c for c in explorer.controls}
    assert control_values(controls["learning_rate"])[0] == 0.01
    assert control_values(controls["learning_rate"])[-1] == 1.2
    assert control_values(controls["learning_rate"])[:7] == [
        0.01,
        0.02,
        0.03,
        0.04,
        0.05,
        0.1,
        0.15,
    ]
    assert len(control_values(controls["learning_rate"])) == 28
    assert explorer._controls["learning_rate"].labels[5] == "0.100"
    assert (
        control_values(controls["start"])[0] == -1.0
        and len(control_values(controls["start"])) == 201
    )
    assert control_values(controls["steps"]) == list(range(MAX_STEPS + 1))
    assert (controls["Step"]["add"], controls["Run 10 steps"]["add"]) == (1, 10)
    assert controls["Reset"]["set_to"] == 0


def test_descent_explorer_shows_a_picture_and_fits_the_saved_state_budget():
    explorer = helpers.descent_explorer()
    assert_shows_a_picture_and_a_summary(explorer)
    assert saved_state_bytes(explorer) <= MOST_SAVED_BYTES


def test_the_runs_travel_packed_and_read_back_the_same():
    """Whole step counts go as one byte each, the status texts as one code each."""
    explorer = helpers.descent_explorer(start=2.5, learning_rate=1.2)
    runs = next(table for table in explorer._tables.fixed if "learning_rate" in table.over)
    spec = runs.spec(explorer._tables.sizes)["columns"]
    taken = np.frombuffer(spec["taken"]["uint8"], dtype="<u1")
    np.testing.assert_array_equal(taken, runs.columns["taken"])
    status = [spec["status"]["texts"][code] for code in spec["status"]["codes"]]
    assert status == runs.columns["status"]
    assert "(x is off the plot)" in status
    np.testing.assert_array_equal(np.frombuffer(spec["x"]["float64"], "<f8"), runs.columns["x"])


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
        ({"x_range": (-1e6, 1e6), "start": 0.0}, ValueError, "x_range"),
        ({"label": 5}, TypeError, "label"),
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
        (lambda e: e.set_learning_rate(np.inf), ValueError, "learning_rate"),
    ],
)
def test_descent_explorer_methods_reject_bad_arguments(call, error, name):
    explorer = helpers.descent_explorer()
    with pytest.raises(error, match=name):
        call(explorer)


# --- descent_path_explorer: whole paths on a contour map -----------------------------------


def valley_run(start=(-2.5, 1.0), rate=0.035):
    return helpers.gradient_descent(
        lambda w: w[0] ** 2 + 25 * w[1] ** 2,
        list(start),
        learning_rate=rate,
        steps=150,
        tolerance=1e-4,
    )


def test_path_explorer_readout_matches_gradient_descent():
    explorer = helpers.descent_path_explorer(
        "narrow valley", start=(-2.5, 1.0), learning_rate=0.035
    )
    reference = valley_run()
    path = np.column_stack([explorer.lookup("path_x"), explorer.lookup("path_y")])
    np.testing.assert_allclose(path, reference.points, atol=1e-6)
    numbers = readout_numbers(explorer)
    assert numbers["start x"] == -2.5 and numbers["start y"] == 1.0
    assert numbers["learning rate"] == 0.035
    assert numbers["steps"] == reference.steps
    assert numbers["final f"] == pytest.approx(reference.values[-1], abs=0.005)
    assert explorer.status == "converged"
    assert (explorer.lookup("final_x"), explorer.lookup("final_y")) == tuple(path[-1])
    assert explorer.answers == []  # the starting path is in the saved tables


def test_moving_the_start_computes_a_new_path_there():
    explorer = helpers.descent_path_explorer()
    explorer.move_start(1.0, -0.5)
    [answer] = explorer.answers
    assert answer["at"] == {
        "function": 1,
        "learning_rate_1": explorer.index("learning_rate_1"),
        "start_x": explorer.index("start_x"),
        "start_y": explorer.index("start_y"),
    }
    np.testing.assert_allclose(explorer.path.points, valley_run((1.0, -0.5)).points, atol=1e-6)
    assert explorer.lookup("path_x")[0] == 1.0 and explorer.lookup("path_y")[0] == -0.5
    assert explorer.start == (1.0, -0.5)
    explorer.move_start(9.0, -9.0)  # kept inside the map
    assert explorer.start == (3.0, -1.5)


def test_the_start_point_moves_from_the_tables_and_the_path_waits_for_the_kernel():
    explorer = helpers.descent_path_explorer()
    tables = explorer._tables
    moved = {**explorer.position, "start_x": explorer.nearest("start_x", 2.0)}
    assert tables.value("start_x", moved) == 2.0
    assert tables.value("start_y", moved) == 1.0
    assert tables.value("path_x", moved) is None  # until the kernel answers
    assert [layer["fade_while_pending"] for layer in explorer.layers] == [True, False, True]


def test_a_path_for_one_start_is_never_shown_at_another():
    explorer = helpers.descent_path_explorer()
    explorer.move_start(1.0, 0.5)
    answer_for_one = list(explorer._tables.answers)
    explorer.move_start(-1.0, -0.5)
    assert explorer.lookup("path_x")[0] == -1.0
    explorer._tables.answers = answer_for_one  # a late answer for the old start
    assert explorer.lookup("path_x") is None
    assert "steps = …" in explorer.readout_text()


def test_a_drag_on_the_map_moves_both_coordinates_of_the_start():
    explorer = helpers.descent_path_explorer()
    [drag] = explorer.drags
    assert (drag["x"], drag["y"]) == ("start_x", "start_y")
    from_the_browser(
        explorer,
        start_x=explorer.nearest("start_x", 2.0),
        start_y=explorer.nearest("start_y", -0.75),
    )
    numbers = readout_numbers(explorer)
    assert (numbers["start x"], numbers["start y"]) == (2.0, -0.75)
    assert explorer.path.points[0].tolist() == pytest.approx([2.0, -0.75])


def test_narrow_valley_zig_zags_across_and_creeps_along():
    explorer = helpers.descent_path_explorer(
        "narrow valley", start=(-2.5, 1.0), learning_rate=0.035
    )
    ys = explorer.lookup("path_y")[:8]
    assert np.all(np.sign(ys[1:]) != np.sign(ys[:-1]))  # y flips sign every step
    xs = explorer.lookup("path_x")[:8]
    assert np.all(xs[:-1] < xs[1:]) and np.all(xs < 0)  # x creeps towards 0 on one side


def test_round_bowl_goes_straight_to_the_centre():
    explorer = helpers.descent_path_explorer("round bowl", start=(2.0, 1.0), learning_rate=0.1)
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
    explorer = helpers.descent_path_explorer(surface, start=(-2.5, 1.0), learning_rate=rate)
    assert explorer.status == status
    assert explorer.readout_text().endswith(status)
    assert explorer.summary().endswith(status)


def test_path_explorer_reports_a_blown_up_run_as_diverged():
    explorer = helpers.descent_path_explorer(
        "narrow valley", start=(-2.5, 1.0), learning_rate=0.044, steps=5000
    )
    assert explorer.path.diverged and explorer.status == "diverged"
    assert np.all(np.isfinite(explorer.path.points))


def test_each_surface_has_its_own_map_and_learning_rate_slider():
    explorer = helpers.descent_path_explorer("narrow valley")
    assert explorer.background_by == "function" and len(explorer.backgrounds) == 2
    assert explorer.backgrounds[0]["png"] != explorer.backgrounds[1]["png"]
    sliders = {c["name"]: c for c in explorer.controls if c["kind"] == "slider"}
    for k, surface in enumerate(SURFACES.values()):
        values = control_values(sliders[f"learning_rate_{k}"])
        assert (values[0], values[-1]) == surface.rates[:2]
        assert sliders[f"learning_rate_{k}"]["shown_when"] == {"function": k}
    explorer.set_function("round bowl")
    assert "x² + y²" in explorer.summary()
    assert readout_numbers(explorer)["learning rate"] == 0.1
    assert explorer.answers == []  # both surfaces' starting paths are saved tables
    explorer.set_learning_rate(0.5)
    explorer.set_function("narrow valley")
    assert explorer.learning_rate == 0.035
    explorer.set_function("round bowl")
    assert explorer.learning_rate == 0.5  # each slider keeps its place


def test_path_explorer_shows_a_picture_and_fits_the_saved_state_budget():
    explorer = helpers.descent_path_explorer()
    assert_shows_a_picture_and_a_summary(explorer)
    assert saved_state_bytes(explorer) <= MOST_SAVED_BYTES


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
    explorer = helpers.descent_path_explorer()
    with pytest.raises(TypeError, match="x"):
        explorer.move_start("left", 0.0)
    with pytest.raises(ValueError, match="y"):
        explorer.move_start(0.0, np.nan)
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
