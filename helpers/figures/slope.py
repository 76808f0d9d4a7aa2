"""Static figures of notebooks 01 and 02."""

import matplotlib.pyplot as plt
import numpy as np

from ..style import CURVE, POINT, SECANT, TANGENT

__all__ = ["rise_over_run_figure", "tangent_lines_figure"]


def rise_over_run_figure(start, end):
    """The line through two points, with its rise and run drawn as a right triangle.

    slope = rise / run = (y₂ − y₁) / (x₂ − x₁)
    """
    (x1, y1), (x2, y2) = start, end
    fig, ax = plt.subplots(figsize=(6, 4))
    slope = (y2 - y1) / (x2 - x1)
    xs = [x1 - 1, x2 + 1]
    ax.plot(xs, [y1 + slope * (x - x1) for x in xs], color=CURVE, label=f"line, slope {slope:g}")
    ax.plot([x1, x2], [y1, y1], "--", color=SECANT, label=f"run = {x2 - x1:g}")
    ax.plot([x2, x2], [y1, y2], ":", color=TANGENT, label=f"rise = {y2 - y1:g}")
    ax.plot([x1, x2], [y1, y2], "o", color=POINT)
    ax.set(xlabel="x", ylabel="y", title="slope = rise / run")
    ax.legend(loc="upper left")
    return fig


def tangent_lines_figure(f, xs, slopes, x_range=(-3.5, 3.5), label="x²"):
    """y = f(x) with its tangent line at each x in ``xs`` (slopes given), labelled by slope."""

    grid = np.linspace(*x_range, 300)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(grid, f(grid), color=CURVE, label=f"y = {label}")
    styles = ["--", "-.", ":"]
    for i, (x0, slope) in enumerate(zip(xs, slopes)):
        near = np.linspace(x0 - 1.2, x0 + 1.2, 2)
        ax.plot(
            near,
            f(x0) + slope * (near - x0),
            styles[i % 3],
            color=TANGENT,
            label=f"x = {x0:g}: slope {slope:g}",
        )
        ax.plot([x0], [f(x0)], "os^"[i % 3], color=POINT)
    ax.set(xlabel="x", ylabel="y", title="Steep, shallow and negative tangent lines")
    ax.legend(loc="upper center")
    return fig
