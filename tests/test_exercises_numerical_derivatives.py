"""helpers/exercises/numerical_derivatives.py: the exercises of notebook 03."""

import pytest

import helpers
from helpers.exercises import EXERCISES, evaluate

# --- the exercises -------------------------------------------------------------------


def test_numerical_derivative_exercises_expect_the_computed_answers():
    assert EXERCISES["03.forward_square"].expected == pytest.approx(6.1)
    assert EXERCISES["03.central_square"].expected == pytest.approx(6.0)
    assert EXERCISES["03.default_step_1e6"].expected == pytest.approx(helpers.default_step(1e6))
    assert EXERCISES["03.central_cost"].expected == 2
    assert evaluate("03.which_h_squared", " Central ").correct
    assert evaluate("03.default_step_1e6", helpers.default_step(1e6)).correct
