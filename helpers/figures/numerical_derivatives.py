"""Static figures of notebook 03_numerical_derivatives.

- ``difference_quotients_figure``: the forward, backward and central secants at x;
- ``step_error_figure``: |error| against the step h on log-log axes, the U-shaped
  curves of the step-size trade-off.

The three difference quotients drawn here are

    forward   (f(x + h) − f(x)) / h
    backward  (f(x) − f(x − h)) / h
    central   (f(x + h) − f(x − h)) / (2h)
"""

import matplotlib.pyplot as plt
import numpy as np

from ..style import COLORS, CURVE, POINT, in_course_style
from ..validation import (
    require_callable,
    require_finite_number,
    require_finite_numbers,
    require_positive_number,
)

__all__ = ["difference_quotients_figure", "step_error_figure"]

#: (colour, line style, marker) of each method, the same in every figure of notebook 03.
METHOD_STYLES = {
    "forward": (COLORS["green"], "--", "o"),
    "backward": (COLORS["orange"], "-.", "^"),
    "central": (COLORS["vermillion"], "-", "s"),
    "Richardson": (COLORS["purple"], (0, (5, 1)), "D"),
    "complex step": (COLORS["blue"], ":", "v"),
}
_OTHER_STYLES = [(COLORS["sky"], (0, (3, 1, 1, 1)), "P"), (COLORS["black"], (0, (1, 2)), "X")]


def method_style(name, index=0):
    """(colour, line style, marker) for the method ``name``; unknown names get spare styles."""
    return METHOD_STYLES.get(name, _OTHER_STYLES[index % len(_OTHER_STYLES)])


@in_course_style
def difference_quotients_figure(f, x, h, *, exact_slope=None, label="f(x)"):
    """y = f(x) near x with the forward, backward and central secant lines for the step h.

    Each secant has the slope of its difference quotient; with ``exact_slope``
    the tangent line  y = f(x) + f'(x)·(t − x)  is drawn too, for comparison.

    Parameters
    ----------
    f : callable
        A function that accepts numpy arrays.
    x : float
        Where the slope is measured.
    h : float > 0
        The step.
    exact_slope : float, optional
        f'(x), to draw the tangent line.
    label : str
        How f is written in the title and legend.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> fig = difference_quotients_figure(np.sin, 1.0, 0.5, exact_slope=np.cos(1.0), label="sin(x)")
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:4]
    ['y = sin(x)', 'forward: slope 0.31', 'backward: slope 0.72', 'central: slope 0.52']
    >>> plt.close(fig)
    """
    f = require_callable(f, "f")
    x = require_finite_number(x, "x")
    h = require_positive_number(h, "h")
    if exact_slope is not None:
        exact_slope = require_finite_number(exact_slope, "exact_slope")
    left, mid, right = (float(f(t)) for t in (x - h, x, x + h))
    secants = {  # name: (a point the secant passes through, its slope)
        "forward": ((x, mid), (right - mid) / h),
        "backward": ((x, mid), (mid - left) / h),
        "central": ((x - h, left), (right - left) / (2 * h)),
    }
    grid = np.linspace(x - 2 * h, x + 2 * h, 200)
    ends = grid[[0, -1]]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(grid, f(grid), color=CURVE, linewidth=3, label=f"y = {label}")
    for name, ((x0, y0), slope) in secants.items():
        colour, style, _ = method_style(name)
        ax.plot(
            ends,
            y0 + slope * (ends - x0),
            linestyle=style,
            color=colour,
            label=f"{name}: slope {slope:.2f}",
        )
    if exact_slope is not None:
        ax.plot(
            ends,
            mid + exact_slope * (ends - x),
            ":",
            color=POINT,
            linewidth=1.5,
            label=f"tangent: slope {exact_slope:.2f}",
        )
    ax.plot([x - h, x, x + h], [left, mid, right], "o", color=POINT, zorder=3)
    ax.set_xticks([x - h, x, x + h], ["x − h", f"x = {x:g}", "x + h"])
    ax.set(xlim=tuple(ends), xlabel="x", ylabel="y")
    ax.set_title(f"Three secants of y = {label} with h = {h:g}")
    ax.legend(loc="lower right" if exact_slope is None or exact_slope >= 0 else "upper right")
    return fig


@in_course_style
def step_error_figure(steps, errors, *, guides=None, floor=1e-17, title=None, regions=True):
    """|error| against the step h on log-log axes, one curve per method, minima marked.

    On the right the truncation error shrinks with h (∝ h for forward, ∝ h² for
    central differences); on the left round-off grows like ε/h. Errors below
    ``floor`` (exact zeros too) are drawn at ``floor``, which log axes need.

    Parameters
    ----------
    steps : array of floats > 0
        The steps h, increasing.
    errors : dict
        {method name: array of |error|, one per step}. The names "forward",
        "backward", "central", "Richardson" and "complex step" get their own styles.
    guides : dict, optional
        {label: h} vertical reference lines, e.g. {"√ε": 1.5e-8}.
    floor : float > 0
        The smallest error drawn.
    title : str, optional
    regions : bool
        Label the left side "round-off wins" and the right side "truncation wins".

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> steps = np.array([1e-3, 1e-2, 1e-1])
    >>> fig = step_error_figure(steps, {"forward": steps / 2, "central": steps**2 / 6})
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    >>> plt.close(fig)
    """
    steps = require_finite_numbers(steps, "steps")
    if np.ndim(steps) != 1 or np.any(steps <= 0):
        raise ValueError("steps must be a 1-D array of numbers greater than 0.")
    if not isinstance(errors, dict) or not errors:
        raise TypeError("errors must be a dict like {'forward': array, 'central': array}.")
    floor = require_positive_number(floor, "floor")
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    floored = False
    for index, (name, values) in enumerate(errors.items()):
        values = require_finite_numbers(values, f"errors[{name!r}]")
        if np.shape(values) != steps.shape:
            raise ValueError(f"errors[{name!r}] must have one error per step ({steps.size}).")
        floored = floored or bool(np.any(values < floor))
        shown = np.maximum(np.abs(values), floor)
        colour, style, marker = method_style(name, index)
        best = values.size - 1 - np.argmin(values[::-1])  # the largest h if several tie
        ax.loglog(steps, shown, linestyle=style, color=colour, label=name)
        ax.loglog(
            steps[best],
            shown[best],
            marker,
            color=colour,
            markeredgecolor=POINT,
            markersize=10,
            zorder=3,
        )
    lowest = max(min(float(np.min(line.get_ydata())) for line in ax.get_lines()), floor)
    highest = max(float(np.max(line.get_ydata())) for line in ax.get_lines())
    ax.set_ylim(lowest / 30, highest * 1e4)  # room for the legend above the curves
    for label, h in (guides or {}).items():
        ax.axvline(h, color="#777777", linewidth=1, linestyle=(0, (2, 2)))
        ax.text(
            h,
            0.62,
            f" {label}",
            transform=ax.get_xaxis_transform(),
            ha="left",
            fontsize=11,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    if regions:
        ax.text(0.02, 0.03, "← round-off wins", transform=ax.transAxes, fontsize=11)
        ax.text(0.98, 0.03, "truncation wins →", transform=ax.transAxes, ha="right", fontsize=11)
    ylabel = "|error| of the slope" + (f"  (0 drawn at {floor:g})" if floored else "")
    ax.set(xlabel="step h", ylabel=ylabel, title=title or "Error against step size")
    ax.legend(loc="upper center", ncols=min(len(errors), 4), title="big marker: smallest error")
    return fig
