"""Static figures of notebook 09_momentum_and_sgd."""

import matplotlib.pyplot as plt
import numpy as np

from ..descent import DescentPath
from ..momentum import ravine
from ..style import COLORS, CURVE, POINT, in_course_style
from ..validation import require_finite_array, require_finite_number, require_range

__all__ = ["loss_curves_figure", "ravine_paths_figure"]

_STYLES = [  # (colour, line style, marker): colour is never the only cue
    (COLORS["vermillion"], "-", "o"),
    (COLORS["purple"], "--", "s"),
    (COLORS["green"], "-.", "^"),
    (COLORS["orange"], ":", "D"),
]
RAVINE_VIEW = ((-5.5, 1.5), (-2.0, 2.0))


def _require_labelled(items, name, kind):
    if not isinstance(items, dict) or not items:
        raise TypeError(f"{name} must be a dict {{legend label: {kind}}}, but got {items!r:.60}.")
    if len(items) > len(_STYLES):
        raise ValueError(f"{name} can hold at most {len(_STYLES)} entries, but got {len(items)}.")
    return items


@in_course_style
def ravine_paths_figure(paths, title="", *, view=RAVINE_VIEW):
    """The ravine's contour map f = 0.1·x₁² + 2·x₂², with one or more descent paths on it.

    Parameters
    ----------
    paths : dict
        {legend label: DescentPath with 2-D points}; at most 4. A path that leaves
        the map is drawn up to the edge.
    title : str
    view : ((x₁ low, x₁ high), (x₂ low, x₂ high))

    Returns
    -------
    matplotlib Figure; the start is a black square, the minimum a plus sign.
    """
    paths = _require_labelled(paths, "paths", "DescentPath")
    (x_low, x_high), (y_low, y_high) = (require_range(v, "view") for v in view)
    xs, ys = np.meshgrid(np.linspace(x_low, x_high, 241), np.linspace(y_low, y_high, 121))
    values = ravine(np.array([xs, ys]))
    levels = (0.5 * np.arange(1, 10)) ** 2  # square levels: evenly spaced rings

    fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
    ax.contour(xs, ys, values, levels=levels, colors=CURVE, linewidths=0.7, alpha=0.8)
    for (label, path), (colour, style, marker) in zip(paths.items(), _STYLES):
        if not isinstance(path, DescentPath) or np.ndim(path.points) != 2:
            raise TypeError(f"paths[{label!r}] must be a DescentPath of 2-D points.")
        ax.plot(*path.points.T, style, marker=marker, color=colour, markersize=4, lw=1.4,
                label=label)  # fmt: skip
        ax.plot(*path.points[0], "s", color=POINT, markersize=8)
    ax.plot(0, 0, "+", color=POINT, markersize=14, markeredgewidth=2)
    ax.set(xlim=(x_low, x_high), ylim=(y_low, y_high), aspect="equal", xlabel="x1", ylabel="x2")
    ax.set_title(title)
    ax.grid(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)
    return fig


@in_course_style
def loss_curves_figure(curves, title="", *, floors=None, ylabel="loss (log scale)"):
    """The loss after each step, one line per run, on a log scale.

    Parameters
    ----------
    curves : dict
        {legend label: 1-D array of the loss after each step (``path.values``)}; at most 4.
    title : str
    floors : dict, optional
        {label: level}; each is drawn as a thin horizontal line in its curve's colour
        (labels must match ``curves``).
    ylabel : str

    Returns
    -------
    matplotlib Figure. The y axis stops 10 times above the highest start, so a
    diverging run leaves through the top.
    """
    curves = _require_labelled(curves, "curves", "loss values")
    floors = floors or {}
    fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
    for (label, values), (colour, style, _) in zip(curves.items(), _STYLES):
        values = require_finite_array(values, f"curves[{label!r}]", ndim=1)
        if np.any(values <= 0):
            raise ValueError(f"curves[{label!r}] must be above 0 for a log scale.")
        ax.plot(np.arange(len(values)), values, style, color=colour, lw=1.6, label=label)
        if label in floors:
            level = require_finite_number(floors[label], f"floors[{label!r}]")
            ax.axhline(level, color=colour, lw=1, linestyle=(0, (1, 2)))
    unknown = set(floors) - set(curves)
    if unknown:
        raise ValueError(f"floors names runs that are not in curves: {sorted(unknown)}.")
    ax.set_yscale("log")
    starts = [values[0] for values in curves.values()]
    bottom = min(np.min(values) for values in curves.values())
    ax.set_ylim(bottom / 2, 10 * max(starts))  # a diverging run leaves through the top
    ax.set(xlabel="step", ylabel=ylabel, title=title)
    ax.legend(loc="lower left", fontsize=10)
    return fig
