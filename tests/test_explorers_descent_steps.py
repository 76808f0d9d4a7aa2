"""helpers/explorers/descent_steps.py: descent_explorer, one step at a time."""

import numpy as np
import pytest
from support import (
    MOST_SAVED_BYTES,
    assert_shows_a_picture_and_a_summary,
    from_the_browser,
    readout_numbers,
    saved_state_bytes,
    two_valleys,
)

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.descent_steps import MAX_STEPS, NEXT_X

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


def test_small_numbers_are_read_out_in_e_notation_so_slope_is_visibly_two_x():
    """At learning rate 0.9 after 30 steps x is about 1e-3: two decimals wrote x = 0.00 beside
    slope = 0.01, as if slope = 2x were broken (issue 19); now both keep three digits."""
    explorer = helpers.descent_explorer(start=2.5, learning_rate=0.9)
    explorer.step(30)
    numbers = readout_numbers(explorer)
    assert 0 < abs(numbers["x"]) < 0.1 and "e-" in explorer.readout_text()
    assert numbers["slope"] == pytest.approx(2 * numbers["x"], rel=0.01)
