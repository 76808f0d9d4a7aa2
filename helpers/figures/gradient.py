"""Static figures of notebook 05_gradient: gradient arrows on a contour map."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from ..explorers.gradient_field import (
    _require_xy,
    draw_contours,
    gradient_at,
    gradient_on_grid,
    values_on_grid,
)
from ..style import CURVE, DERIVATIVE, PATH, POINT, TANGENT, in_course_style
from ..validation import require_callable, require_count, require_range

__all__ = ["gradient_field_figure", "steepest_directions_figure"]


def _contour_map(f, x_range, y_range, levels, title):
    """A figure with the contour lines of f on equal x and y scales; returns (fig, ax)."""
    X, Y, Z = values_on_grid(f, x_range, y_range)
    fig, ax = plt.subplots(figsize=(7.5, 5.4), layout="constrained")
    draw_contours(ax, X, Y, Z, levels)
    ax.set(xlim=x_range, ylim=y_range, xlabel="x", ylabel="y", aspect="equal", title=title)
    return fig, ax


def _check_map(f, x_range, y_range, levels):
    """Validated (f, x_range, y_range, levels) for a contour map."""
    f = require_callable(f, "f")
    x_range, y_range = require_range(x_range, "x_range"), require_range(y_range, "y_range")
    levels = require_count(levels, "levels")
    if levels < 2:
        raise ValueError(f"levels must be at least 2, but got {levels}.")
    return f, x_range, y_range, levels


@in_course_style
def gradient_field_figure(
    f, *, x_range=(-3.0, 3.0), y_range=(-2.0, 2.0), arrows=12, levels=10, label="f(x, y)"
):
    """The contour lines of f(x, y) with the gradient ∇f = (∂f/∂x, ∂f/∂y) drawn as arrows.

    The arrows sit on an ``arrows`` × ``arrows`` grid; each partial is measured at every
    grid point at once with ``helpers.derivative`` along its axis. All arrows share one
    scale, so a longer arrow means a steeper slope; the longest is one grid step long.

    Parameters
    ----------
    f : callable
        f(x, y) with arguments named x and y, accepting numpy arrays.
    x_range, y_range : (low, high)
        The part of the plane shown.
    arrows : int >= 2
        Arrows per row and per column.
    levels : int >= 2
        About how many contour lines to draw.
    label : str
        How f is written in the title.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> fig = gradient_field_figure(lambda x, y: x**2 + 3 * y**2, label="x² + 3y²")
    >>> fig.axes[0].get_title()
    'Gradient arrows on the contour map of f(x, y) = x² + 3y²'
    >>> plt.close(fig)
    """
    f, x_range, y_range, levels = _check_map(f, x_range, y_range, levels)
    arrows = require_count(arrows, "arrows")
    if arrows < 2:
        raise ValueError(f"arrows must be at least 2, but got {arrows}.")
    title = f"Gradient arrows on the contour map of f(x, y) = {label}"
    fig, ax = _contour_map(f, x_range, y_range, levels, title)

    # The grid of arrow feet, inset by half a step so no arrow starts on the frame.
    step_x, step_y = np.ptp(x_range) / arrows, np.ptp(y_range) / arrows
    xs = np.linspace(x_range[0] + step_x / 2, x_range[1] - step_x / 2, arrows)
    ys = np.linspace(y_range[0] + step_y / 2, y_range[1] - step_y / 2, arrows)
    X, Y = np.meshgrid(xs, ys)
    dfdx, dfdy = gradient_on_grid(f, X, Y)
    longest = max(float(np.max(np.hypot(dfdx, dfdy))), 1e-12)
    scale = longest / min(step_x, step_y)  # |∇f| per data unit of arrow length
    ax.quiver(
        X,
        Y,
        dfdx,
        dfdy,
        angles="xy",
        scale_units="xy",
        scale=scale,
        color=DERIVATIVE,
        width=0.005,
        label="gradient ∇f (uphill)",
    )
    ax.plot([], [], color=CURVE, linewidth=1.2, label="contour lines (f constant)")
    fig.legend(loc="outside lower center", ncols=2)
    fig.draw_without_rendering()  # the arrows take their size at the first draw: lay out again
    return fig


@in_course_style
def steepest_directions_figure(
    f, point, *, x_range=(-3.0, 3.0), y_range=(-2.0, 2.0), levels=10, label="f(x, y)"
):
    """At one point: the directions of steepest ascent (∇f), steepest descent (−∇f), and
    the contour direction (slope 0), drawn as arrows of equal length on the contour map.

    The contour line through the point, the level f(x, y) = f(point), is drawn thicker.

    Parameters
    ----------
    f : callable
        f(x, y) with arguments named x and y, accepting numpy arrays.
    point : (x, y)
        Where to draw the directions; inside the ranges, not a flat point (∇f ≠ 0).
    x_range, y_range, levels, label
        As in ``gradient_field_figure``.

    Returns
    -------
    matplotlib Figure

    Examples
    --------
    >>> fig = steepest_directions_figure(lambda x, y: x**2 + 3 * y**2, (2.0, 1.0))
    >>> [text.get_text() for text in fig.legends[0].get_texts()][:3]
    ['steepest ascent: along ∇f', 'steepest descent: along −∇f', 'slope 0: along the contour']
    >>> plt.close(fig)
    """
    f, x_range, y_range, levels = _check_map(f, x_range, y_range, levels)
    x, y = _require_xy(point, x_range, y_range)
    dfdx, dfdy = gradient_at(f, x, y)
    length = np.hypot(dfdx, dfdy)
    if length == 0:
        raise ValueError(f"point ({x}, {y}) is a flat point (∇f = 0): no direction is steepest.")
    title = f"Steepest directions at ({x:g}, {y:g}) on the map of f(x, y) = {label}"
    fig, ax = _contour_map(f, x_range, y_range, levels, title)
    X, Y, Z = values_on_grid(f, x_range, y_range)
    ax.contour(X, Y, Z, [float(f(x, y))], colors=CURVE, linewidths=3)

    reach = 0.3 * min(np.ptp(x_range), np.ptp(y_range))  # arrow length in data units
    up = np.array([dfdx, dfdy]) / length  # the unit vector along ∇f
    along = np.array([-up[1], up[0]])  # perpendicular to ∇f: along the contour
    directions = [
        (up, DERIVATIVE, "-", "steepest ascent: along ∇f"),
        (-up, PATH, "--", "steepest descent: along −∇f"),
        (along, TANGENT, ":", "slope 0: along the contour"),
    ]
    for direction, color, style, text in directions:
        tip = (x + reach * direction[0], y + reach * direction[1])
        ax.annotate(
            "",
            tip,
            (x, y),
            arrowprops=dict(
                arrowstyle="-|>",
                color=color,
                linestyle=style,
                linewidth=2.5,
                mutation_scale=20,
                shrinkA=0,
                shrinkB=0,
            ),
        )
        ax.plot([], [], linestyle=style, color=color, linewidth=2.5, label=text)
    ax.plot([x - reach * along[0], x], [y - reach * along[1], y], ":", color=TANGENT, linewidth=2.5)
    ax.plot([x], [y], "o", color=POINT, zorder=5, label=f"the point ({x:g}, {y:g})")
    thick = Line2D([], [], color=CURVE, linewidth=3, label="its contour line")
    fig.legend(
        handles=[*ax.get_legend_handles_labels()[0], thick], loc="outside lower center", ncols=2
    )
    return fig
