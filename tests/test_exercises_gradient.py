"""helpers/exercises/gradient.py: the exercises of notebook 05."""

import numpy as np

from helpers.exercises import evaluate

# --- the exercises of notebook 05 -----------------------------------------------------


def test_gradient_exercises_accept_the_right_answers_in_the_usual_forms():
    assert evaluate("05.gradient_at_point", [2, 12]).correct
    assert evaluate("05.gradient_at_point", np.array([2.0, 12.0])).correct
    assert evaluate("05.gradient_length", np.sqrt(148)).correct
    assert evaluate("05.directional_derivative", 10.8).correct
    assert evaluate("05.fastest_descent", " Opposite ").correct
    assert evaluate("05.slope_along_contour", 1e-12).correct


def test_gradient_exercise_mistakes_get_their_own_hints():
    assert "point itself" in evaluate("05.gradient_at_point", [1, 2]).message
    assert "−∇f" in evaluate("05.gradient_at_point", [-2, -12]).message
    assert "square root" in evaluate("05.gradient_length", 148).message
    assert "uphill" in evaluate("05.fastest_descent", "gradient").message
    assert "one of" in evaluate("05.fastest_descent", "down").message
