"""helpers/figures/partial_derivatives.py: the static figure of notebook 04."""

import numpy as np
import pytest
from support import lesson_f

import helpers

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


@pytest.mark.parametrize(
    "args, options, error, name",
    [
        ((None, {"x": 1.0}), {}, TypeError, "f"),
        ((lesson_f, [1.0, 2.0]), {}, TypeError, "point"),
        ((lesson_f, {}), {}, ValueError, "point"),
        ((lesson_f, {"a": "2"}), {}, TypeError, "point"),
        ((lambda **k: 0.0, {n: 1.0 for n in "abcdefg"}), {}, ValueError, "point"),
        ((lesson_f, {"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}), {"step": 0.0}, ValueError, "step"),
        ((lesson_f, {"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}), {"step": "big"}, TypeError, "step"),
    ],
)
def test_one_input_at_a_time_figure_bad_arguments_raise(args, options, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.one_input_at_a_time_figure(*args, **options)
