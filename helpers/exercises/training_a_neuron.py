"""Exercises of notebook 07_training_a_neuron."""

import numpy as np

from ..descent import gradient_descent
from ..neuron import CountedLoss, loss_gradient, make_dataset, random_search, sigmoid
from .checker import Exercise, register


def _notebook_dataset():
    """The notebook's data: 100 points with 2 inputs, from np.random.default_rng(0)."""
    return make_dataset(np.random.default_rng(0), n_points=100, n_inputs=2)


def _slope_of_bias_at_2():
    """∂L/∂b for the notebook's neuron at w1 = w2 = 0, b = 2."""
    return loss_gradient(np.array([0.0, 0.0, 2.0]), *_notebook_dataset())[-1]


def _race():
    """5 numeric gradient descent steps against as many random guesses, with 20 inputs.

    Returns the winner's name, the other's name, and the evaluations each used.
    """
    rng = np.random.default_rng(1)
    counted = CountedLoss(*make_dataset(rng, n_points=100, n_inputs=20))
    path = gradient_descent(counted, np.zeros(21), learning_rate=1.0, steps=5)
    search = random_search(counted, n_params=21, samples=counted.count, rng=rng)
    names = ["gradient descent", "random guessing"]
    if search.best_values[-1] < path.values[-1]:
        names.reverse()
    return names[0], names[1], len(search.best_values)


BIAS_SLOPE = _slope_of_bias_at_2()
WAY, OTHER_WAY = ("decrease", "increase") if BIAS_SLOPE > 0 else ("increase", "decrease")
WINNER, LOSER, BUDGET = _race()
TINY_LABELS = np.array([1.0, 0.0, 1.0, 1.0])
N_WEIGHTS = 3
N_PARAMS_20 = 20 + 1

register(
    Exercise(
        key="07.gradient_cost",
        kind="number",
        expected=2 * (N_WEIGHTS + 1),
        hint="helpers.gradient nudges each parameter to both sides: count the parameters first.",
        mistakes=[
            (
                N_WEIGHTS + 1,
                "that is one per parameter; each partial needs the loss at TWO points, "
                "a step h to the left and a step h to the right.",
            ),
            (2, "that is the cost of ONE partial derivative; the gradient has one per parameter."),
            (2 * N_WEIGHTS, "don't forget the bias: it is a parameter too (3 weights + 1 bias)."),
            (
                2 * (N_WEIGHTS + 1) + 1,
                "the gradient alone needs 8; the extra one, the loss at the "
                "point itself, is what gradient descent adds per step.",
            ),
        ],
        explain=f"{N_WEIGHTS + 1} parameters × 2 evaluations each = {2 * (N_WEIGHTS + 1)}. "
        "A million parameters would need 2 million.",
    ),
    Exercise(
        key="07.which_way",
        kind="choice",
        expected=WAY,
        choices=("increase", "decrease"),
        hint="find the sign of the slope ∂L/∂b at b = 2, then step against it.",
        mistakes=[
            (OTHER_WAY, f"at b = 2 the slope ∂L/∂b is {BIAS_SLOPE:.2f}: step against its sign."),
        ],
        explain=f"∂L/∂b = {BIAS_SLOPE:.2f} at b = 2: the neuron says p = σ(2) = "
        f"{sigmoid(2.0):.2f} for every point, so {WAY} b to lower the loss.",
    ),
    Exercise(
        key="07.bias_slope",
        kind="number",
        expected=float(np.mean(0.5 - TINY_LABELS)),
        hint="∂L/∂b = mean(p − y), and with every parameter 0, p = σ(0) = 1/2 for each point.",
        mistakes=[
            (
                float(np.sum(0.5 - TINY_LABELS)),
                "that is the sum of p − y; the loss is a mean, so divide by the 4 points.",
            ),
            (np.log(2), "that is the loss itself (log 2), not its slope."),
            (0.5, "0.5 is p = σ(0); the slope is the mean of p − y."),
        ],
        explain=f"mean(1/2 − y) = 1/2 − 3/4 = {np.mean(0.5 - TINY_LABELS):.2f}: negative, "
        "so increasing b lowers the loss.",
    ),
    Exercise(
        key="07.descent_budget",
        kind="number",
        expected=1 + 10 * (2 * N_PARAMS_20 + 1),
        hint="count the parameters (20 weights and a bias); each step costs 2 per parameter "
        "for the gradient, plus 1 at the new point; and 1 at the start.",
        mistakes=[
            (
                10 * 2 * N_PARAMS_20,
                "you counted the gradients only: gradient descent also "
                "evaluates the loss at each new point and at the start.",
            ),
            (10 * (2 * N_PARAMS_20 + 1), "almost: the loss at the start point counts too."),
            (1 + 10 * (2 * 20 + 1), "don't forget the bias: 21 parameters, not 20."),
            (1 + 10 * (N_PARAMS_20 + 1), "each partial derivative costs 2 evaluations, not 1."),
        ],
        explain=f"1 + 10 × (2 × {N_PARAMS_20} + 1) = {1 + 10 * (2 * N_PARAMS_20 + 1)}, "
        "as helpers.neuron.descent_evaluations counts.",
    ),
    Exercise(
        key="07.which_method",
        kind="choice",
        expected=WINNER,
        choices=("gradient descent", "random guessing"),
        hint="run both with the same counted loss, then compare path.values[-1] with "
        "search.best_values[-1]: the lower loss wins.",
        mistakes=[
            (
                LOSER,
                f"compare the two numbers: after {BUDGET} evaluations, {LOSER} "
                "has the higher loss.",
            ),
        ],
        explain=f"After {BUDGET} loss evaluations each, {WINNER} has the lower loss.",
    ),
)
