"""Static figures of notebook 02: tangent lines."""

import matplotlib.pyplot as plt
import numpy as np

from ..style import CURVE, POINT, TANGENT, in_course_style

__all__ = ["tangent_lines_figure"]


@in_course_style
def tangent_lines_figure(f, xs, slopes, *, x_range=(-3.5, 3.5), label="x²"):
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
