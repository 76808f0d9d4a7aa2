"""helpers/explorers/descent_paths.py: descent_path_explorer, whole paths on a contour map."""

import numpy as np
import pytest
from support import (
    MOST_SAVED_BYTES,
    assert_shows_a_picture_and_a_summary,
    from_the_browser,
    readout_numbers,
    saved_state_bytes,
)

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.descent_paths import SURFACES

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
    assert reference.converged  # its last step only showed that the point had stopped:
    assert numbers["steps"] == reference.steps - 1  # the readout does not count it
    assert numbers["final f"] == pytest.approx(reference.values[-1], abs=0.005)
    assert explorer.status == "converged"
    assert (explorer.lookup("final_x"), explorer.lookup("final_y")) == tuple(path[-1])
    assert explorer.answers == []  # the starting path is in the saved tables


def test_the_round_bowl_at_rate_one_half_lands_on_the_minimum_in_one_step_as_the_prose_says():
    """Notebook 06's prose says that on the round bowl at learning rate 0.5 the path "lands
    on the minimum in one step"; the explorer's readout must say the same (issue 19)."""
    import json
    from pathlib import Path

    notebook = Path(__file__).parents[1] / "notebooks" / "06_gradient_descent.ipynb"
    prose = " ".join(
        " ".join("".join(cell["source"]).split())
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "markdown"
    )
    assert "at learning rate $0.5$ it lands on the minimum in one step" in prose
    explorer = helpers.descent_path_explorer("round bowl", start=(-2.5, 1.0), learning_rate=0.5)
    numbers = readout_numbers(explorer)
    assert numbers["steps"] == 1 and explorer.status == "converged"
    assert (explorer.lookup("path_x")[1], explorer.lookup("path_y")[1]) == (0.0, 0.0)


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
