"""Small plotting helpers shared by the explorers."""

import numpy as np

from ..derivatives import evaluate
from ..validation import UndefinedError, require_finite_result, require_label


def values_at(f, xs, where="x_range"):
    """f at every x of the array ``xs`` (f called once, on the array), all finite.

    ``where``: the learner's argument those x come from, named if f is undefined there."""
    try:
        return evaluate(f, xs, lambda at: f"x = {at!r}")
    except UndefinedError as error:
        raise UndefinedError(
            f"{error}".replace(
                "Is that point outside the domain of f?",
                f"That x lies in {where}: choose a range inside the domain of f.",
            )
        ) from None


def curve_on_grid(f, low, high, points=400):
    """x values across [low, high] and f at all of them (f called once, on the array)."""
    grid = np.linspace(low, high, points)
    return grid, values_at(f, grid)


def padded_limits(values, pad=0.08):
    """Axis limits that show every value with a margin of ``pad`` of the span."""
    low, high = float(np.min(values)), float(np.max(values))
    span = high - low if high > low else 1.0
    return low - pad * span, high + pad * span


def square(x):
    """y = x², the course's first curve."""
    return x**2


def function_label(f, label=None):
    """How to write f in a title: ``label`` if given, "x²" for ``square``, else "name(x)"."""
    label = require_label(label)
    if label is not None:
        return label
    if f is square:
        return "x²"
    name = getattr(f, "__name__", "f")
    return "f(x)" if name == "<lambda>" else f"{name}(x)"


def surface_on_grid(f, xs, ys):
    """f(x, y) at every point of the grid xs × ys, shape (len(ys), len(xs)).

    f is called once, on whole arrays X and Y (so it must use np.sin, not math.sin).
    """
    X, Y = np.meshgrid(xs, ys)
    try:
        values = np.asarray(f(X, Y), dtype=float)
    except TypeError as error:
        raise TypeError(
            "f must be a function of two numbers, f(x, y), that accepts whole numpy arrays "
            f"(use np.sin, np.exp, ... rather than math.sin, ...); calling it failed: {error}"
        ) from error
    if values.size == 1:  # a constant function
        values = np.full(X.shape, values.item())
    if values.shape != X.shape:
        raise ValueError(
            "f must accept numpy arrays x and y and return one value per point (x, y), "
            f"but for arrays of shape {X.shape} it returned shape {values.shape}."
        )
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = np.unravel_index(bad[0], values.shape)
        where = f"(x, y) = ({float(X[i])!r}, {float(Y[i])!r})"
        advice = "That point lies in x_range × y_range: choose ranges inside the domain of f."
        require_finite_result(values, where, advice)
    return values
