"""Exercises of notebook 05_gradient, all on f(x, y) = x² + 3y² at the point (1, 2).

There ∇f = (2x, 6y) = (2, 12), |∇f| = √148, and u = (0.6, 0.8) is a unit vector.
"""

import math

from .checker import Exercise, register

X, Y = 1.0, 2.0
GRADIENT = [2 * X, 6 * Y]  # ∇f = (∂f/∂x, ∂f/∂y) = (2x, 6y)
LENGTH = math.hypot(*GRADIENT)  # |∇f| = √(2² + 12²)
U = (0.6, 0.8)
SLOPE_ALONG_U = GRADIENT[0] * U[0] + GRADIENT[1] * U[1]  # ∇f·u
ALONG_CONTOUR = (-GRADIENT[1] / LENGTH, GRADIENT[0] / LENGTH)  # perpendicular to ∇f

register(
    Exercise(
        key="05.gradient_at_point",
        kind="numbers",
        expected=GRADIENT,
        hint="∇f = (∂f/∂x, ∂f/∂y) = (2x, 6y); put x = 1 and y = 2 into both.",
        mistakes=[
            ([X, Y], "[1, 2] is the point itself; the gradient holds the slopes 2x and 6y there."),
            ([2, 4], "∂(3y²)/∂y = 3·2y = 6y: the 3 stays, so the second entry is 6·2 = 12."),
            ([2, 6], "∂f/∂y = 6y still depends on y: at y = 2 it is 6·2 = 12."),
            ([12, 2], "the order is (∂f/∂x, ∂f/∂y): the x-partial comes first."),
            ([-2, -12], "that is −∇f, the way down; the gradient itself points uphill."),
        ],
        explain="∇f(1, 2) = (2, 12): f rises six times faster per step in y than in x here.",
    ),
    Exercise(
        key="05.gradient_length",
        kind="number",
        expected=LENGTH,
        hint="the length of a vector (a, b) is √(a² + b²); use ∇f(1, 2) = (2, 12).",
        mistakes=[
            (2**2 + 12**2, "148 = 2² + 12² is the length squared: take its square root."),
            (2 + 12, "the length is not the sum of the entries: it is √(2² + 12²)."),
            (X**2 + 3 * Y**2, "13 is the height f(1, 2), not the length of the gradient."),
            (-LENGTH, "a length is never negative: √(2² + 12²) > 0."),
        ],
        explain="|∇f| = √148 ≈ 12.17: the slope of f in its steepest direction.",
    ),
    Exercise(
        key="05.directional_derivative",
        kind="number",
        expected=SLOPE_ALONG_U,
        hint="the slope along a unit vector u is ∇f·u = ∂f/∂x·u₁ + ∂f/∂y·u₂.",
        mistakes=[
            (
                GRADIENT[0] + GRADIENT[1],
                "2 + 12 adds the partials; weigh each by u: 2·0.6 + 12·0.8.",
            ),
            (GRADIENT[0] * U[1] + GRADIENT[1] * U[0], "pair x with x: 2·0.6 + 12·0.8."),
            (LENGTH, "|∇f| ≈ 12.17 is the slope along ∇f only; u points elsewhere."),
        ],
        explain="2·0.6 + 12·0.8 = 10.8: a bit less than the steepest slope |∇f| ≈ 12.17.",
    ),
    Exercise(
        key="05.fastest_descent",
        kind="choice",
        expected="opposite",
        choices=("gradient", "opposite", "contour"),
        hint="the slope along u is |∇f|·cos(angle between ∇f and u): make it most negative.",
        mistakes=[
            ("gradient", "∇f points uphill: along it f rises fastest. Lower f goes the other way."),
            ("contour", "along the contour line f does not change at all: the slope there is 0."),
        ],
        explain="Along −∇f the slope is −|∇f|, the most negative: steepest descent.",
    ),
    Exercise(
        key="05.slope_along_contour",
        kind="number",
        expected=GRADIENT[0] * ALONG_CONTOUR[0] + GRADIENT[1] * ALONG_CONTOUR[1],
        hint="the slope along u is ∇f·u; here u is perpendicular to ∇f.",
        mistakes=[
            (LENGTH, "≈ 12.17 is the slope along ∇f; u is perpendicular to it."),
            (GRADIENT[0] + GRADIENT[1], "2 + 12 adds the partials; the slope along u is ∇f·u."),
            (1.0, "u has length 1, but the slope along u is the dot product ∇f·u."),
        ],
        explain="∇f·u = 2·(−12) + 12·2, over |∇f|, = 0: along the contour f stays level.",
    ),
)
