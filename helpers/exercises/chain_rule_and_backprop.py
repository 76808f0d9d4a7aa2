"""Exercises of notebook 08_chain_rule_and_backprop."""

import numpy as np

from ..autograd import Value
from ..backprop import relative_error
from .checker import Exercise, register

# 08.mul_rule: c = a·b with a = 3, b = −2, and the gradient dL/dc = 5 arriving from above.
A, B, UPSTREAM = 3.0, -2.0, 5.0


def _reuse_gradient():
    """dc/da for b = a + a, c = b + b, by the engine itself."""
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    return a.grad


class _ForgetfulValue(Value):
    """A Value whose × rule forgot to accumulate: = where the engine has +=."""

    def __mul__(self, other):
        out = Value(self.data * other.data, children=(self, other), op="×")

        def _backward():
            self.grad = other.data * out.grad  # the bug: overwrites instead of adding
            other.grad = self.data * out.grad

        out._backward = _backward
        return out


def _forgetful_square_gradient():
    """a.grad for c = a·a at a = 3 with the forgetful × rule."""
    a = _ForgetfulValue(3.0)
    c = a * a
    c.backward()
    return a.grad


# 08.gradient_check: f(w) = w³ at w = 1, a backprop that (wrongly) says 2.9, a step h = 0.001.
CLAIMED, H = 2.9, 1e-3
NUMERIC = ((1 + H) ** 3 - (1 - H) ** 3) / (2 * H)
NUMERIC_WITHOUT_2 = ((1 + H) ** 3 - (1 - H) ** 3) / H

# 08.cost_count: P = 3001 parameters.
P = 3001

register(
    Exercise(
        key="08.mul_rule",
        kind="numbers",
        expected=[B * UPSTREAM, A * UPSTREAM],
        hint="the local slope of a·b in a is b, and in b it is a; multiply each by the "
        "gradient dL/dc = 5 that arrives from above.",
        mistakes=[
            (
                [UPSTREAM, UPSTREAM],
                "that is the rule of +, which passes the gradient on unchanged.",
            ),
            (
                [A * UPSTREAM, B * UPSTREAM],
                "swapped: a gets the OTHER input, b, times the gradient (d(ab)/da = b).",
            ),
            ([B, A], "those are the local slopes; multiply them by the gradient from above, 5."),
        ],
        explain=f"dL/da = b·5 = {B * UPSTREAM:g} and dL/db = a·5 = {A * UPSTREAM:g}.",
    ),
    Exercise(
        key="08.tanh_rule",
        kind="function",
        expected=lambda x: 1 - np.tanh(x) ** 2,
        hint="d tanh(x)/dx = 1 − tanh(x)²; write it with np.tanh.",
        mistakes=[
            (lambda x: 1 - x**2, "square tanh(x), not x: the slope is 1 − tanh(x)²."),
            (lambda x: 1 - np.tanh(x), "almost: tanh(x) is squared in 1 − tanh(x)²."),
            (lambda x: 1 / np.cosh(x), "close: the slope is 1/cosh(x)², squared."),
            (lambda x: np.tanh(x), "that is tanh itself; its slope is 1 − tanh(x)²."),
        ],
        explain="1 − tanh²: the engine's tanh rule reuses its output t, "
        "self.grad += (1 − t²)·out.grad.",
    ),
    Exercise(
        key="08.reuse",
        kind="number",
        expected=_reuse_gradient(),
        hint="each + passes its gradient to both inputs, and a is both inputs of b = a + a: "
        "what arrives from each use adds up.",
        mistakes=[
            (1, "a is used twice in b and b twice in c: the gradients of all the uses add up."),
            (2, "that is dc/db (or one path only); a gets b's gradient from both of its uses."),
            (12, "that is the value of c = 4a, not its slope."),
        ],
        explain="dc/db = 1 + 1 = 2 (b used twice), dc/da = 2 + 2 = 4: c = 4a.",
    ),
    Exercise(
        key="08.forgot_to_accumulate",
        kind="number",
        expected=_forgetful_square_gradient(),
        hint="in c = a·a, self and other are both a: follow the two lines of _backward in order, "
        "remembering that = replaces what a.grad held.",
        mistakes=[
            (
                6,
                "6 = 2a is the right dc/da, what += gives; with = the second line replaces "
                "the first line's 3 instead of adding to it.",
            ),
            (9, "that is the value of c = a·a, not a.grad."),
            (0, "both lines do write a.grad: it is not left at 0."),
        ],
        explain="a.grad = 3, half the true 2a = 6: each line writes 3 and the second overwrites "
        "the first. Writing += in both lines fixes it.",
    ),
    Exercise(
        key="08.gradient_check",
        kind="number",
        expected=float(relative_error(CLAIMED, NUMERIC)),
        rel_tol=1e-3,
        hint="the numeric slope is (f(1.001) − f(0.999)) / 0.002; the relative error is "
        "|backprop − numeric| / max(|backprop|, |numeric|).",
        mistakes=[
            (
                abs(CLAIMED - NUMERIC),
                "that is the absolute error; divide it by the larger of the two.",
            ),
            (
                abs(CLAIMED - NUMERIC) / CLAIMED,
                "divide by the larger of the two slopes, max(|2.9|, |numeric|).",
            ),
            (
                float(relative_error(CLAIMED, NUMERIC_WITHOUT_2)),
                "the central difference divides by 2h = 0.002, the distance between "
                "the two points.",
            ),
        ],
        explain="numeric ≈ 3.000001, error ≈ 0.033: far above 1e-2, so the gradient is wrong "
        "(the true slope 3w² is 3).",
    ),
    Exercise(
        key="08.cost_count",
        kind="number",
        expected=2 * P,
        hint="the numeric gradient nudges each parameter to both sides: count the loss "
        "evaluations per parameter, then multiply.",
        mistakes=[
            (P, "that is one per parameter; each central difference needs the loss at two points."),
            (2, "2 is what backpropagation costs: one forward and one backward pass."),
            (2 * P + 1, "the gradient alone does not need the loss at the point itself."),
        ],
        explain=f"2 × {P} = {2 * P} loss evaluations, against 1 forward + 1 backward pass.",
    ),
)
