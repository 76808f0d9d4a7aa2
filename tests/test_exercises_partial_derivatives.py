"""helpers/exercises/partial_derivatives.py: the exercises of notebook 04."""

import pytest
from support import lesson_f

import helpers
from helpers.exercises import EXERCISES, evaluate

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
