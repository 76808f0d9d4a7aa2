"""Exercises of notebook 09_momentum_and_sgd."""

import numpy as np

from ..descent import gradient_descent
from ..momentum import RAVINE_CURVATURES, stability_limits
from ..neuron import loss, make_dataset
from ..sgd import decaying_rate, loss_floor, minibatch_slope
from .checker import Exercise, register

L = float(RAVINE_CURVATURES.max())  # the ravine's largest curvature, 4
FLAT = float(RAVINE_CURVATURES.min())  # its curvature along the floor, 0.2

# 09.momentum_limit: β = 0.9.  09.smallest_beta: η = 0.6.
BETA, RATE = 0.9, 0.6

# 09.momentum_step: f(w) = w², from w = 1 with velocity v = 0.5, η = 0.1, β = 0.9.
W, V, STEP_RATE, STEP_BETA = 1.0, 0.5, 0.1, 0.9
SLOPE = 2 * W

# 09.noise_floor: the neuron's data, learning rate 0.5, 400 steps, batches of 2 and of 20.
BATCHES, FLOOR_RATE, FLOOR_STEPS, FLOOR_SEED = (2, 20), 0.5, 400, 3

# 09.decayed_rate: decaying_rate(0.8, half_life=25) at step 100.
INITIAL, HALF_LIFE, AT_STEP = 0.8, 25, 100


def _floor_runs():
    """The two runs of 09.noise_floor, as the exercise describes them."""
    inputs, labels = make_dataset(np.random.default_rng(0), n_points=100, n_inputs=2)
    paths = []
    for batch in BATCHES:
        slope = minibatch_slope(inputs, labels, batch, np.random.default_rng(FLOOR_SEED))
        path = gradient_descent(
            lambda params: loss(params, inputs, labels),
            np.zeros(3),
            learning_rate=FLOOR_RATE,
            steps=FLOOR_STEPS,
            tolerance=0.0,
            slope=slope,
        )
        paths.append(path)
    return paths


FLOOR_PATHS = _floor_runs()
FLOORS = [loss_floor(path.values) for path in FLOOR_PATHS]

register(
    Exercise(
        key="09.threshold",
        kind="number",
        expected=stability_limits(0.0)[0],
        hint="the steeper direction decides: write 2·x₂² as L/2 · x₂², then the limit is 2/L.",
        mistakes=[
            (
                2 / FLAT,
                "that is the limit of the flat direction x₁; the steep one, x₂, breaks first.",
            ),
            (2 / 2.0, "2 is L/2, not L: the curvature of 2·x₂² is 4."),
            (1 / L, "1/L is the fastest rate along x₂, not the largest stable one."),
        ],
        explain=f"L = 4 across the ravine, so plain descent diverges above 2/L = {2 / L:g}.",
    ),
    Exercise(
        key="09.momentum_limit",
        kind="number",
        expected=stability_limits(BETA)[1],
        hint="with momentum β the limit on a quadratic is (2 + 2β)/L, with L = 4.",
        mistakes=[
            (2 / L, "that is the limit without momentum; momentum raises it to (2 + 2β)/L."),
            ((1 + BETA) / L, "the limit is (2 + 2β)/L: both terms are doubled."),
            (2 / (L * (1 - BETA)), "that formula is not the limit; use (2 + 2β)/L."),
        ],
        explain=f"(2 + 2·0.9)/4 = {stability_limits(BETA)[1]:g}: almost twice the plain limit 0.5.",
    ),
    Exercise(
        key="09.smallest_beta",
        kind="number",
        expected=(RATE * L - 2) / 2,
        hint="solve η < (2 + 2β)/L for β with η = 0.6 and L = 4.",
        mistakes=[
            (RATE * L - 2, "solve 2 + 2β > η·L: β > (η·L − 2)/2, so divide by 2."),
            (RATE, "β is the momentum, not the learning rate: solve η < (2 + 2β)/L for β."),
            (0.0, "without momentum, η = 0.6 is above 2/L = 0.5 and diverges."),
        ],
        explain="(0.6·4 − 2)/2 = 0.2: any β between 0.2 and 1 converges at η = 0.6 "
        "(β = 0.2 itself bounces forever).",
    ),
    Exercise(
        key="09.momentum_step",
        kind="number",
        expected=W - STEP_RATE * (STEP_BETA * V + SLOPE),
        hint="first the velocity, v ← β·v + slope (the slope of w² at w = 1 is 2), "
        "then w ← w − η·v.",
        mistakes=[
            (W + STEP_RATE * (STEP_BETA * V + SLOPE), "you stepped uphill: w ← w − η·v."),
            (W - STEP_RATE * (V + SLOPE), "the old velocity is multiplied by β = 0.9 first."),
            (W - STEP_RATE * V, "update the velocity before stepping: v ← β·v + slope."),
            (W - STEP_RATE * SLOPE, "that is a plain step: momentum adds β·v to the slope."),
        ],
        explain="v = 0.9·0.5 + 2 = 2.45, w = 1 − 0.1·2.45 = 0.755.",
    ),
    Exercise(
        key="09.noise_floor",
        kind="numbers",
        expected=FLOORS,
        hint="run both batches exactly as described, then helpers.sgd.loss_floor(path.values) "
        "for each, batch 2 first.",
        mistakes=[
            (FLOORS[::-1], "the order is [batch 2, batch 20]: the smaller batch is noisier."),
            (
                [path.values[-1] for path in FLOOR_PATHS],
                "those are the last losses, which jiggle; the floor is the mean over the "
                "second half (loss_floor).",
            ),
            (
                [float(np.mean(path.values)) for path in FLOOR_PATHS],
                "that is the mean over the whole run, including the descent at the start.",
            ),
        ],
        explain=f"floors {FLOORS[0]:.4f} (batch 2) and {FLOORS[1]:.4f} (batch 20): the bigger "
        "batch's gradient is less noisy, so its floor is lower.",
    ),
    Exercise(
        key="09.decayed_rate",
        kind="number",
        expected=decaying_rate(INITIAL, half_life=HALF_LIFE)(AT_STEP),
        hint="η_k = η₀ / (1 + k/k_half) with η₀ = 0.8, k_half = 25 and k = 100.",
        mistakes=[
            (INITIAL / (AT_STEP / HALF_LIFE), "don't forget the 1 +: η_k = η₀ / (1 + k/k_half)."),
            (INITIAL / (1 + AT_STEP), "divide k by k_half = 25 first: 1 + 100/25 = 5."),
            (
                INITIAL * 0.5 ** (AT_STEP / HALF_LIFE),
                "this schedule is not exponential: η₀ / (1 + k/k_half).",
            ),  # fmt: skip
        ],
        explain="0.8 / (1 + 100/25) = 0.8/5 = 0.16.",
    ),
)
