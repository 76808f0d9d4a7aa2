"""Static figures of notebook 01: the slope of a line."""

import matplotlib.pyplot as plt

from ..style import CURVE, POINT, SECANT, TANGENT, in_course_style

__all__ = ["rise_over_run_figure"]


@in_course_style
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
