"""Exercises of notebook 06_gradient_descent."""

from .checker import Exercise, register

# 06.one_step: one step on f(w) = w² from w = 3 with learning rate 0.1.
W, RATE = 3.0, 0.1

# 06.threshold and 06.regime: f(x) = 5x², whose curvature is f'' = L = 10.
CURVATURE = 10.0
REGIME_RATE = 0.25

# 06.three_steps: three steps on f(x) = x² from x = 2 with learning rate 0.25.
START, STEP_RATE = 2.0, 0.25

register(
    Exercise(
        key="06.one_step",
        kind="number",
        expected=W - RATE * 2 * W,
        hint="the slope of w² at w = 3 is 2·3 = 6; the new w is 3 − 0.1 · 6.",
        mistakes=[
            (W + RATE * 2 * W, "you stepped uphill: the update is w − learning_rate · slope."),
            (W - RATE * W, "the slope of w² is 2w, not w: you forgot the 2."),
            (RATE * 2 * W, "0.6 is the size of the step; the new w is the old w minus it."),
        ],
        explain="w ← 3 − 0.1 · 6 = 2.4: a step against the slope, towards the minimum at 0.",
    ),
    Exercise(
        key="06.threshold",
        kind="number",
        expected=2 / CURVATURE,
        hint="write f(x) = 5x² as L/2 · x²: the curvature L is f''(x); the limit is 2/L.",
        mistakes=[
            (2 / (CURVATURE / 2), "5 is L/2, not L: the curvature of 5x² is f'' = 10."),
            (1 / CURVATURE, "0.1 = 1/L is the fastest learning rate, not the largest stable one."),
            (CURVATURE / 2, "the limit is 2 divided by the curvature: 2/L, not L/2."),
        ],
        explain="f'' = 10, so learning rates below 2/10 = 0.2 converge and above it diverge.",
    ),
    Exercise(
        key="06.regime",
        kind="choice",
        expected="diverge",
        choices=("converge", "oscillate", "diverge"),
        hint="compare the learning rate with 1/L and 2/L, where L = f'' = 10.",
        mistakes=[
            (
                "converge",
                "0.25 is above the limit 2/L = 0.2: each step multiplies x by 1 − 0.25·10 = −1.5.",
            ),
            (
                "oscillate",
                "x does flip sign each step, but |1 − 0.25·10| = 1.5 > 1: every jump is longer.",
            ),
        ],
        explain="Each step multiplies x by 1 − 0.25·10 = −1.5: the jumps grow, the run diverges.",
    ),
    Exercise(
        key="06.three_steps",
        kind="number",
        expected=START * (1 - STEP_RATE * 2) ** 3,
        hint="each step is x ← x − 0.25 · 2x, which multiplies x by 1 − 0.5 = 0.5. Do it 3 times.",
        mistakes=[
            (START * (1 - STEP_RATE * 2), "that is after one step; take three."),
            (START * (1 - STEP_RATE * 2) ** 2, "that is after two steps; take one more."),
            (START * (1 - STEP_RATE) ** 3, "the slope of x² is 2x, not x: you forgot the 2."),
            (START * (1 + STEP_RATE * 2) ** 3, "you stepped uphill: subtract rate · slope."),
        ],
        explain="2 → 1 → 0.5 → 0.25: with this learning rate each step halves x.",
    ),
    Exercise(
        key="06.step_function",
        kind="function",
        expected=lambda w: w - 0.1 * 2 * w,
        hint="one step on f(w) = w² is  w − learning_rate · slope, with slope 2w and rate 0.1.",
        mistakes=[
            (lambda w: w + 0.1 * 2 * w, "that steps uphill: subtract learning_rate · slope."),
            (lambda w: w - 0.1 * w, "the slope of w² is 2w, not w."),
            (lambda w: -0.1 * 2 * w, "that is only the change; the new w is the old w plus it."),
            (lambda w: w - 2 * w, "you left out the learning rate: multiply the slope by 0.1."),
        ],
        explain="step(w) = w − 0.1 · 2w = 0.8w: every step keeps 80% of w.",
    ),
)
