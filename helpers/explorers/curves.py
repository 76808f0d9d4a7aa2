"""Small plotting helpers shared by the explorers."""

import numpy as np

from ..derivatives import evaluate


def curve_on_grid(f, low, high, points=400):
    """x values across [low, high] and f at all of them (f called once, on the array)."""
    grid = np.linspace(low, high, points)
    return grid, evaluate(f, grid, lambda at: f"x = {at}")


def padded_limits(values, pad=0.08):
    """Axis limits that show every value with a margin of ``pad`` of the span."""
    low, high = float(np.min(values)), float(np.max(values))
    span = high - low if high > low else 1.0
    return low - pad * span, high + pad * span


def square(x):
    """y = x², the course's first curve."""
    return x**2


def function_label(f):
    """How to write f in a title: "x²" for ``square``, else "name(x)"."""
    if f is square:
        return "x²"
    name = getattr(f, "__name__", "f")
    return "f(x)" if name == "<lambda>" else f"{name}(x)"
