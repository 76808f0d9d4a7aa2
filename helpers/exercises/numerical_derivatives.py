"""Exercises of notebook 03_numerical_derivatives."""

import numpy as np

from .checker import Exercise, register

EPSILON = np.finfo(float).eps


def _square(x):
    return x**2


register(
    Exercise(
        key="03.forward_square",
        kind="number",
        expected=(_square(3 + 0.1) - _square(3)) / 0.1,
        hint="the forward difference is (f(x + h) − f(x)) / h with f(x) = x², x = 3, h = 0.1.",
        mistakes=[
            (
                (_square(3 + 0.1) - _square(3 - 0.1)) / (2 * 0.1),
                "6.0 is the central difference. The forward one uses f(3 + h) and f(3) only.",
            ),
            (
                _square(3 + 0.1) - _square(3),
                "0.61 is the rise f(3.1) − f(3); divide it by the run h = 0.1.",
            ),
        ],
        explain="(9.61 − 9) / 0.1 = 6.1: the true slope 6 plus the truncation error h = 0.1.",
    ),
    Exercise(
        key="03.central_square",
        kind="number",
        expected=(_square(3 + 0.1) - _square(3 - 0.1)) / (2 * 0.1),
        hint="the central difference is (f(x + h) − f(x − h)) / (2h) with x = 3, h = 0.1.",
        mistakes=[
            (
                (_square(3 + 0.1) - _square(3)) / 0.1,
                "6.1 is the forward difference. The central one uses f(3 + h) and f(3 − h).",
            ),
            (
                (_square(3 + 0.1) - _square(3 - 0.1)) / 0.1,
                "the two points are 2h = 0.2 apart: divide the rise by 2h, not by h.",
            ),
            (
                _square(3 + 0.1) - _square(3 - 0.1),
                "1.2 is the rise f(3.1) − f(2.9); divide it by the run 2h = 0.2.",
            ),
        ],
        explain="(9.61 − 8.41) / 0.2 = 6: for x² the central difference is exact (f''' = 0).",
    ),
    Exercise(
        key="03.which_h_squared",
        kind="choice",
        expected="central",
        choices=("forward", "backward", "central"),
        hint="halve h and look at how much the error shrinks: by 2 means ∝ h, by 4 means ∝ h².",
        mistakes=[
            ("forward", "the forward error is about (h/2)·|f''|: it halves when h halves, so ∝ h."),
            ("backward", "the backward error is about (h/2)·|f''| too: ∝ h, like the forward one."),
        ],
        explain="In f(x + h) − f(x − h) the h² terms of the Taylor series cancel: "
        "error ≈ h²/6·|f'''|.",
    ),
    Exercise(
        key="03.default_step_1e6",
        kind="number",
        expected=EPSILON ** (1 / 3) * 1e6,
        hint="the default step is ε^(1/3)·|x|, with ε = np.finfo(float).eps; or call "
        "helpers.default_step.",
        mistakes=[
            (
                EPSILON ** (1 / 3),
                "ε^(1/3) ≈ 6.06e-6 is the step relative to x: multiply by |x| = 1e6.",
            ),
            (
                EPSILON**0.5 * 1e6,
                "√ε·|x| is the best step for the forward difference; helpers.derivative uses "
                "central differences, whose best step is ε^(1/3)·|x|.",
            ),
            (1e-5, "a fixed h = 1e-5 ignores the size of x; the default step grows with |x|."),
        ],
        explain="At x = 1e6 a step of about 6 is still tiny next to x: the step scales with |x|.",
    ),
    Exercise(
        key="03.central_cost",
        kind="number",
        expected=len(["f(x + h)", "f(x - h)"]),
        hint="count the values of f in (f(x + h) − f(x − h)) / (2h).",
        mistakes=[
            (3, "f(x) itself is not needed: only f(x + h) and f(x − h) appear."),
            (1, "there are two different points, x + h and x − h, each needing f."),
        ],
        explain="Two per slope: a gradient of n weights costs 2n evaluations this way.",
    ),
)
