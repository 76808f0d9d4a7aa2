"""Exercises of notebook 02_tangent_lines."""

from .checker import Exercise, register

register(
    Exercise(
        key="02.slope_at_3",
        kind="number",
        expected=2 * 3,
        hint="the derivative of y = x² is dy/dx = 2x; put x = 3 into it.",
        mistakes=[
            (3**2, "9 is the height y = 3², not the slope. The slope is dy/dx = 2x."),
            (3, "you forgot the 2 in dy/dx = 2x."),
        ],
        explain="A steep, positive slope: a small step right raises y by about 6 times that step.",
    ),
    Exercise(
        key="02.slope_at_minus_2",
        kind="number",
        expected=2 * (-2),
        hint="use dy/dx = 2x at x = −2.",
        mistakes=[
            ((-2) ** 2, "4 is the height y = (−2)², and positive; the slope is 2x, negative here."),
            (-2, "you forgot the 2 in dy/dx = 2x."),
        ],
        explain="Steep and negative: stepping right makes y fall fast.",
    ),
    Exercise(
        key="02.slope_of_cube",
        kind="number",
        expected=3 * 2**2,
        hint="call helpers.derivative(lambda x: x**3, 2.0), or use d(x³)/dx = 3x².",
        mistakes=[
            (2**3, "8 is the height y = 2³, not the slope."),
            (3 * 2, "3x² has x squared: 3·2² = 12."),
        ],
        explain="d(x³)/dx = 3x², and 3·2² = 12.",
        rel_tol=1e-6,
    ),
    Exercise(
        key="02.tangent_line",
        kind="function",
        expected=lambda x: 3**2 + 2 * 3 * (x - 3),
        hint="the tangent at x₀ = 3 is  y = f(3) + f′(3)·(x − 3).",
        mistakes=[
            (
                lambda x: 2 * 3 * x,
                "that line has the right slope but passes through (0, 0), not (3, 9).",
            ),
            (lambda x: 3**2 + 3 * (x - 3), "the slope at 3 is 2·3 = 6: you forgot the 2 in 2x."),
            (
                lambda x: 2 * x,
                "2x is the derivative function; the tangent line has the fixed slope 2·3.",
            ),
        ],
        explain="y = 9 + 6(x − 3) touches the parabola at (3, 9) with the same slope.",
    ),
    Exercise(
        key="02.which_way",
        kind="choice",
        expected="increase",
        choices=("increase", "decrease"),
        hint="a negative slope means the loss goes down as the weight goes up.",
        mistakes=[
            (
                "decrease",
                "the slope at w = −2 is negative: moving right (increasing w) goes downhill.",
            ),
        ],
        explain="dLoss/dw = −4 < 0: increasing the weight lowers the loss. Step against the slope.",
    ),
)
