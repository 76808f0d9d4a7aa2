"""Static figures of notebook 06_gradient_descent.

On the quadratic f(x) = L/2 · x² (curvature f'' = L) one step of gradient descent is

    x ← x − learning_rate · L·x = (1 − learning_rate · L) · x,

so every step multiplies x by the same factor 1 − learning_rate · L. The figures
here show what that factor does: shrink x (converge), flip its sign (oscillate),
or grow it (diverge).
"""

import matplotlib.pyplot as plt
import numpy as np

from ..descent import gradient_descent
from ..explorers.descent_paths import SURFACES, X_VIEW, Y_VIEW, contour_grid
from ..style import COLORS, CURVE, PATH, POINT, in_course_style
from ..validation import (
    require_callable,
    require_count,
    require_finite_number,
    require_finite_numbers,
    require_positive_number,
    require_range,
)

__all__ = [
    "bowl_and_valley_figure",
    "descent_regimes_figure",
    "learning_rate_sweep_figure",
    "starting_points_figure",
]

_MARKERS = ["o", "s", "^", "D", "v", "P"]
_STYLES = ["-", "--", ":", "-."]


def _quadratic(curvature):
    """f(x) = L/2 · x² and its exact slope L·x."""
    return (lambda x: curvature / 2 * x**2), (lambda x: curvature * x)


def _quadratic_label(curvature):
    """How L/2 · x² is written: "2x²" for L = 4, "x²" for L = 2."""
    half = curvature / 2
    return "x²" if half == 1 else f"{half:g}x²"


def run_regime(points):
    """Name what a 1-D run did: "diverge" if |x| grew, "oscillate" if x changed sign
    every step, else "converge"."""
    if abs(points[-1]) > abs(points[0]):
        return "diverge"
    signs = np.sign(points[: min(len(points), 4)])
    if len(signs) > 1 and np.all(signs[1:] * signs[:-1] < 0):
        return "oscillate"
    return "converge"


@in_course_style
def descent_regimes_figure(curvature=4.0, start=1.0, *, learning_rates=(0.1, 0.45, 0.52), steps=15):
    """x after each step of gradient descent on f = L/2·x², one line per learning rate.

    Parameters
    ----------
    curvature : float > 0
        L, the curvature f''(x) of f(x) = L/2 · x².
    start : float, not 0
        Where every run begins.
    learning_rates : sequence of floats > 0
        One run (and one line, with its own marker and line style) for each.
    steps : int >= 1
        How many steps each run takes.

    Returns
    -------
    matplotlib Figure; each line is labelled with its learning rate and what it did.
    """
    curvature = require_positive_number(curvature, "curvature")
    start = require_finite_number(start, "start")
    if start == 0:
        raise ValueError("start must not be 0: at 0 the run is already at the minimum.")
    rates = np.atleast_1d(require_finite_numbers(learning_rates, "learning_rates"))
    if rates.ndim != 1 or np.any(rates <= 0):
        raise ValueError("learning_rates must be a list of numbers greater than 0.")
    steps = require_count(steps, "steps")
    if steps < 1:
        raise ValueError(f"steps must be at least 1, but got {steps}.")
    f, slope = _quadratic(curvature)

    fig, ax = plt.subplots(figsize=(7.5, 4.3))
    colors = [COLORS["blue"], COLORS["orange"], COLORS["vermillion"], COLORS["green"]]
    for i, rate in enumerate(rates):
        path = gradient_descent(
            f, start, learning_rate=rate, steps=steps, tolerance=0.0, slope=slope
        )
        ax.plot(
            np.arange(path.steps + 1),
            path.points,
            _STYLES[i % 4],
            marker=_MARKERS[i % 6],
            color=colors[i % 4],
            label=f"learning rate {rate:g}: {run_regime(path.points)}",
        )
    ax.axhline(0, color=POINT, linewidth=1)
    ax.set(xlabel="step", ylabel="x after that step")
    ax.set_title(f"Gradient descent on f(x) = {_quadratic_label(curvature)}, from x = {start:g}")
    ax.legend(loc="upper left", fontsize=10)
    return fig


@in_course_style
def learning_rate_sweep_figure(curvature=4.0, start=1.0, *, steps=10, floor=1e-8):
    """|x| after ``steps`` steps on f = L/2·x², against the learning rate (log scales).

    Vertical lines mark 1/L (the fastest rate: one step lands on the minimum) and
    2/L (the limit: above it every step makes |x| bigger). The regions between
    are labelled converge, oscillate and diverge. The y axis stops at ``floor``:
    near 1/L the curve dives below it, to values that are 0 for all practical purposes.

    Parameters
    ----------
    curvature : float > 0
        L in f(x) = L/2 · x².
    start : float, not 0
        Where every run begins.
    steps : int >= 1
        How many steps each run takes.
    floor : float > 0
        The bottom of the y axis.

    Returns
    -------
    matplotlib Figure.
    """
    curvature = require_positive_number(curvature, "curvature")
    start = require_finite_number(start, "start")
    if start == 0:
        raise ValueError("start must not be 0: at 0 the run is already at the minimum.")
    steps = require_count(steps, "steps")
    if steps < 1:
        raise ValueError(f"steps must be at least 1, but got {steps}.")
    floor = require_positive_number(floor, "floor")
    f, slope = _quadratic(curvature)
    fastest, limit = 1 / curvature, 2 / curvature
    rates = np.geomspace(0.08 * fastest, 3 * fastest, 301)
    finals = [
        abs(
            gradient_descent(
                f, start, learning_rate=rate, steps=steps, tolerance=0.0, slope=slope
            ).final
        )
        for rate in rates
    ]

    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    ax.plot(rates, finals, color=CURVE, label=f"|x| after {steps} steps")
    ax.axhline(abs(start), color="#555555", linewidth=1, linestyle="-.", label="|x| at the start")
    ax.axvline(fastest, color=PATH, linestyle=":", label=f"1/L = {fastest:g}: fastest")
    ax.axvline(limit, color=COLORS["vermillion"], linestyle="--", label=f"2/L = {limit:g}: limit")
    top = max(max(finals), abs(start)) * 30
    regions = [
        (rates[0], fastest, "converge", "#e8f1f8"),
        (fastest, limit, "oscillate", "#fdf3e1"),
        (limit, rates[-1], "diverge", "#fbe5dc"),
    ]
    for low, high, name, shade in regions:
        ax.axvspan(low, high, color=shade, zorder=0)
        ax.text(np.sqrt(low * high), top / 3, name, ha="center", va="top", fontsize=11)
    ax.set(xscale="log", yscale="log", xlim=(rates[0], rates[-1]), ylim=(floor, top))
    ticks = [t * fastest for t in (0.1, 0.2, 0.5, 1, 2, 3)]
    ax.set_xticks(ticks, [f"{t:.3g}" for t in ticks])
    ax.set_xticks([], minor=True)
    ax.set(xlabel="learning rate (log scale)", ylabel=f"|x| after {steps} steps (log scale)")
    ax.set_title(f"Learning rates on f(x) = {_quadratic_label(curvature)} (L = {curvature:g})")
    ax.grid(False)
    ax.legend(loc="lower left", fontsize=9)
    return fig


@in_course_style
def starting_points_figure(
    f, starts, *, learning_rate, steps=30, x_range=(-2.0, 2.0), label="f(x)"
):
    """y = f(x) with the gradient descent path from each start (one marker shape each;
    the start is the large hollow marker).

    Parameters
    ----------
    f : callable
        The curve; it must accept numpy arrays.
    starts : sequence of floats
        One run from each.
    learning_rate : float > 0
    steps : int >= 1
    x_range : (low, high)
        The x values shown.
    label : str
        How f is written in the title.

    Returns
    -------
    matplotlib Figure; the legend says where each run ended.
    """
    f = require_callable(f, "f")
    starts = np.atleast_1d(require_finite_numbers(starts, "starts"))
    learning_rate = require_positive_number(learning_rate, "learning_rate")
    steps = require_count(steps, "steps")
    low, high = require_range(x_range, "x_range")
    grid = np.linspace(low, high, 300)
    curve = f(grid)

    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    ax.plot(grid, curve, color=CURVE, label=f"y = {label}")
    shades = [COLORS["vermillion"], COLORS["green"], COLORS["orange"], COLORS["purple"]]
    for i, start in enumerate(starts):
        path = gradient_descent(f, start, learning_rate=learning_rate, steps=steps)
        ax.plot(
            path.points,
            path.values,
            _STYLES[i % 4],
            marker=_MARKERS[i % 6],
            markersize=6,
            linewidth=1.2,
            color=shades[i % 4],
            label=f"start {start:g} → ends at {path.final:.2f}",
        )
        ax.plot(
            start,
            path.values[0],
            _MARKERS[i % 6],
            markersize=11,
            color=shades[i % 4],
            markerfacecolor="white",
            markeredgewidth=2,
        )
    span = curve.max() - curve.min()
    ax.set(xlim=(low, high), ylim=(curve.min() - 0.08 * span, curve.max() + 0.08 * span))
    ax.set(xlabel="x", ylabel="y", title="Where you start decides which valley you reach")
    ax.legend(loc="upper center", fontsize=9)
    return fig


@in_course_style
def bowl_and_valley_figure(start=(-2.5, 1.0), *, learning_rates=(0.1, 0.035), steps=150):
    """Gradient descent paths side by side: on the round bowl x² + y² and the narrow
    valley x² + 25y², from the same start (the surfaces of ``descent_path_explorer``).

    Parameters
    ----------
    start : (x, y)
    learning_rates : (bowl rate, valley rate)
    steps : int, the most steps of each run

    Returns
    -------
    matplotlib Figure with two maps; each title says how many steps the run took.
    """
    start = require_finite_numbers(start, "start")
    if np.shape(start) != (2,):
        raise ValueError(f"start must be a pair (x, y), but got shape {np.shape(start)}.")
    rates = require_finite_numbers(learning_rates, "learning_rates")
    if np.shape(rates) != (2,) or np.any(rates <= 0):
        raise ValueError("learning_rates must be two numbers greater than 0: (bowl, valley).")
    steps = require_count(steps, "steps")

    fig, axes = plt.subplots(1, 2, figsize=(10, 3.4), layout="constrained")
    for ax, name, rate in zip(axes, ["round bowl", "narrow valley"], rates, strict=True):
        surface = SURFACES[name]
        xs, ys, values, levels = contour_grid(surface.f)
        ax.contour(xs, ys, values, levels=levels, colors=CURVE, linewidths=0.7)
        path = gradient_descent(surface.f, start, learning_rate=rate, steps=steps, tolerance=1e-4)
        ax.plot(path.points[:, 0], path.points[:, 1], "-o", color=PATH, markersize=3, lw=1.3)
        ax.plot(*start, "s", color=POINT)
        ax.plot(0, 0, "+", color=POINT, markersize=12)
        ending = "converged" if path.converged else "not there yet"
        ax.set(xlim=X_VIEW, ylim=Y_VIEW, aspect="equal", xlabel="x", ylabel="y")
        ax.set_title(f"{name} {surface.label}\nrate {rate:g}: {path.steps} steps, {ending}")
    return fig
