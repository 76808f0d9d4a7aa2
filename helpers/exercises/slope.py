"""Exercises of notebook 01_slope."""

from .checker import Exercise, register

register(
    Exercise(
        key="01.line_slope",
        kind="number",
        expected=(11 - 2) / (4 - 1),
        hint="slope = rise / run = (change in y) / (change in x).",
        mistakes=[
            ((4 - 1) / (11 - 2), "you divided run by rise; the slope is rise / run."),
            (11 - 2, "that is the rise alone; divide it by the run."),
        ],
        explain="Rise 9 over run 3: y grows 3 units for every unit of x.",
    ),
    Exercise(
        key="01.secant_slope",
        kind="number",
        expected=(3.1**2 - 3**2) / 0.1,
        hint="compute (f(3.1) − f(3)) / 0.1 with f(x) = x².",
        mistakes=[
            (3.1**2 - 3**2, "that is the rise f(3.1) − f(3); divide it by the run h = 0.1."),
            (3.1**2, "that is the height y = f(3.1), not a slope."),
            (
                2 * 3,
                "6 is the tangent slope at x = 3; the secant over h = 0.1 is a little steeper.",
            ),
        ],
        explain="6.1 = 2·3 + 0.1: the secant slope of x² is 2x + h.",
    ),
    Exercise(
        key="01.secant_slope_function",
        kind="function",
        expected=lambda h: ((1 + h) ** 2 - 1**2) / h,
        hint="return (f(1 + h) − f(1)) / h with f(x) = x².",
        mistakes=[
            (lambda h: (1 + h) ** 2 - 1, "you forgot to divide the rise by the run h."),
            (lambda h: 2.0, "2 is the limit as h → 0; the secant slope itself depends on h."),
        ],
        sample_points=(2.0, 1.0, 0.5, 0.1, 0.01),
        explain="It simplifies to 2 + h, which tends to 2 as h shrinks.",
    ),
    Exercise(
        key="01.limit",
        kind="number",
        expected=2 * 1,
        hint="look at the last rows of the table: which number are the slopes closing in on?",
        mistakes=[
            (1**2, "1 is the height y = f(1), not the slope."),
            (0, "h goes to 0, but the slope does not: look at the slope column."),
        ],
        explain="The secant slopes close in on 2 = 2·1, the slope of the tangent at x = 1.",
    ),
)
