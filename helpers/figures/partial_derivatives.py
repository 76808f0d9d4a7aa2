"""Static figures of notebook 04_partial_derivatives."""

import matplotlib.pyplot as plt
import numpy as np

from ..derivatives import partial_derivative
from ..style import COLORS, POINT, in_course_style
from ..validation import require_callable, require_point, require_positive_number

__all__ = ["one_input_at_a_time_figure"]

_LOOKS = [  # colour, line style, marker: colour is never the only cue
    (COLORS["green"], "-.", "^"),
    (COLORS["blue"], "-", "o"),
    (COLORS["orange"], "--", "s"),
    (COLORS["purple"], ":", "D"),
    (COLORS["vermillion"], (0, (5, 1)), "v"),
    (COLORS["sky"], (0, (3, 1, 1, 1)), "P"),
]


@in_course_style
def one_input_at_a_time_figure(f, point, *, step=0.5):
    """f as ONE input moves by t and the others stay put: one curve per input.

    For each name v in ``point`` it plots  t ↦ f(**{**point, v: point[v] + t})
    for t in [−step, step]. Every curve passes through f(point) at t = 0, each
    with its own slope there: the partial derivative ∂f/∂v, shown in the legend.

    Parameters
    ----------
    f : callable
        Called with keyword arguments, ``f(**point)``; it must accept a numpy
        array for any one of them.
    point : dict
        The values of all of f's arguments (at most six), e.g.
        ``{"a": 2.0, "x": 1.0, "y": 2.0, "z": 1.0}``.
    step : float > 0
        How far each input moves each way.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = one_input_at_a_time_figure(lambda x, y: x**2 + 3 * y, {"x": 1.0, "y": 0.0})
    >>> [line.get_label() for line in fig.axes[0].get_lines()[:2]]
    ['move x only: slope 2', 'move y only: slope 3']
    >>> plt.close(fig)
    """
    f = require_callable(f, "f")
    if not isinstance(point, dict):
        raise TypeError(f"point must be a dict of f's arguments, but got {type(point).__name__}.")
    point = require_point(point, "point")
    if len(point) > len(_LOOKS):
        raise ValueError(f"point may name at most {len(_LOOKS)} variables, but names {len(point)}.")
    step = require_positive_number(step, "step")

    t = np.linspace(-step, step, 101)
    height = f(**point)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for (name, value), (color, style, marker) in zip(
        point.items(), _LOOKS[: len(point)], strict=True
    ):
        values = np.broadcast_to(f(**{**point, name: value + t}), t.shape)
        slope = partial_derivative(f, point, name)
        ax.plot(
            t,
            values,
            linestyle=style,
            color=color,
            marker=marker,
            markevery=[0, -1],
            label=f"move {name} only: slope {slope:.3g}",
        )
    ax.plot([0], [height], "o", color=POINT, markersize=9, zorder=3)
    ax.set(xlabel="t, the amount added to ONE input", ylabel="f")
    ax.set_title("Same point, one input moved at a time: a different slope each way")
    ax.legend(loc="upper left")
    return fig
