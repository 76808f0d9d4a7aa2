"""The loss-slice explorer: the loss as a function of ONE weight, the others held.

"y is the loss, x a single weight." Holding every other parameter at its
current value, the loss becomes a curve over one weight w:

    w ↦ L(w₁, …, w, …, b)

Its tangent at the current w has slope ∂L/∂w, measured with
``helpers.derivative`` on that curve. The slope's sign gives the advice:
positive → decrease w, negative → increase w (step against the slope).

The curve is computed once per chosen parameter; moving the weight only moves
the point and the tangent line.
"""

import ipywidgets as widgets
import numpy as np

from ..derivatives import derivative
from ..style import CURVE, POINT, TANGENT
from ..validation import (
    require_callable,
    require_count,
    require_finite_numbers,
    require_range,
)
from .base import Explorer, clip, slider
from .curves import padded_limits

__all__ = ["loss_slice_explorer"]

STEP = 0.05  # the slider's step (one arrow-key press); mouse positions are rounded to it
GRID_POINTS = 161  # loss evaluations for one curve
FLAT = 0.005  # a slope that shows as 0.00 in the readout: no advice to move


def advice(slope, name):
    """What to do with the weight ``name`` to lower the loss, given ∂L/∂name.

    >>> advice(-0.4, "w1"), advice(0.4, "w1"), advice(0.001, "b")
    ('increase w1', 'decrease w1', 'keep b (flat)')
    """
    if abs(slope) < FLAT:
        return f"keep {name} (flat)"
    return f"decrease {name}" if slope > 0 else f"increase {name}"


def _default_names(size):
    """w1, …, w(n), b: weights first, the bias last (as in helpers.neuron)."""
    return [f"w{i + 1}" for i in range(size - 1)] + ["b"]


def _require_names(names, size):
    if names is None:
        return _default_names(size)
    if isinstance(names, str) or not all(isinstance(name, str) for name in names):
        raise TypeError("names must be a list of strings, one per parameter, like ['w1', 'b'].")
    names = list(names)
    if len(names) != size or len(set(names)) != size:
        raise ValueError(
            f"names must hold {size} different names, one per parameter, but got {names}."
        )
    return names


class LossSliceExplorer(Explorer):
    """The loss against one chosen parameter, with a draggable point and its tangent."""

    def __init__(self, loss, params, parameter, names, weight_range):
        self.loss = require_callable(loss, "loss")
        params = require_finite_numbers(params, "params")
        if np.ndim(params) != 1 or params.size < 1:
            raise ValueError(f"params must be a 1-D array, but got shape {np.shape(params)}.")
        self.params = params.astype(float).copy()
        self.names = _require_names(names, self.params.size)
        self.low, self.high = require_range(weight_range, "weight_range")
        outside = [
            n
            for n, v in zip(self.names, self.params, strict=True)
            if not self.low <= v <= self.high
        ]
        if outside:
            raise ValueError(
                f"params must lie inside weight_range {weight_range}, but {outside} do not."
            )
        if isinstance(parameter, str):
            if parameter not in self.names:
                raise ValueError(f"parameter must be one of {self.names}, but got {parameter!r}.")
            parameter = self.names.index(parameter)
        index = require_count(parameter, "parameter")
        if index >= self.params.size:
            raise ValueError(
                f"parameter must be below {self.params.size} (the number of params), got {index}."
            )
        super().__init__(figsize=(7.5, 4.5))

        ax = self.ax = self.fig.subplots()
        self.grid = np.linspace(self.low, self.high, GRID_POINTS)
        (self.curve,) = ax.plot([], [], color=CURVE, label="loss, the others held")
        (self.tangent_line,) = ax.plot([], [], "--", color=TANGENT, label="tangent line")
        (self.point,) = ax.plot([], [], "o", color=POINT, label="current value", zorder=3)
        ax.set(xlim=(self.low, self.high), ylabel="loss")
        ax.legend(loc="upper center")
        self.drag(ax, lambda x_mouse, _: self.move_to(x_mouse))

        self.chooser = widgets.Dropdown(
            options=self.names,
            value=self.names[index],
            description="parameter (computes a new curve)",
            style={"description_width": "initial"},
        )
        self.slider = slider("", self.params[index], self.low, self.high, step=STEP)
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        self.chooser.observe(lambda change: self.select(change["new"]), names="value")
        self.index = None
        self._choose(index)
        self.moving(self.tangent_line, self.point)
        self._assemble([self.chooser, self.slider])

    # --- what the learner (or a test) can call -----------------------------------

    def move_to(self, value):
        """Move the chosen parameter to ``value`` (kept in range, rounded to the step)."""
        self.slider.value = round(clip(value, self.low, self.high) / STEP) * STEP

    def select(self, name):
        """Choose which parameter the curve follows (by name); the curve is recomputed."""
        if name not in self.names:
            raise ValueError(f"name must be one of {self.names}, but got {name!r}.")
        if self.chooser.value != name:
            self.chooser.value = name  # its observer calls this method again
        elif self.names.index(name) != self.index:
            self._choose(self.names.index(name))
            self._redraw(everything=True)  # a new curve, limits and labels

    # --- drawing ---------------------------------------------------------------------

    def _slice(self, value):
        """The loss with the chosen parameter at ``value`` and the others held."""
        moved = self.params.copy()
        moved[self.index] = value
        return float(self.loss(moved))

    def _choose(self, index):
        """Follow parameter ``index``: compute its curve once, move the slider to its value."""
        self.index = index
        self.name = self.names[index]
        curve = np.array([self._slice(value) for value in self.grid])
        if not np.all(np.isfinite(curve)):
            raise ValueError(f"loss returned nan or inf along {self.name} in weight_range.")
        self.curve.set_data(self.grid, curve)
        self.ax.set_ylim(padded_limits(curve))
        self.ax.set_xlabel(f"{self.name} (every other parameter held)")
        self.ax.set_title(f"The loss as a function of {self.name} alone")
        self.slider.description = f"{self.name} (arrow keys move it)"
        value = self.params[index]
        if self.slider.value != value:
            self.slider.value = value  # its observer updates the point
        self._update(value, redraw=False)

    def _update(self, value, redraw=True):
        self.params[self.index] = value
        self.value = value
        self.current_loss = self._slice(value)
        self.slope = derivative(self._slice, value)
        half = (self.high - self.low) / 6  # a short tangent, centred on the point
        ends = np.array([value - half, value + half])
        self.tangent_line.set_data(ends, self.current_loss + self.slope * (ends - value))
        self.point.set_data([value], [self.current_loss])
        shown_slope = 0.0 if abs(self.slope) < FLAT else self.slope  # never "-0.00"
        self.readout.value = (
            f"<b>{self.name} = {value:.2f}</b> &nbsp;&nbsp; loss = {self.current_loss:.2f}"
            f" &nbsp;&nbsp; <b>slope = {shown_slope:.2f}</b>"
            f" &nbsp;&nbsp; advice: {advice(self.slope, self.name)}"
        )
        if redraw:
            self._redraw()

    def summary(self):
        shown_slope = 0.0 if abs(self.slope) < FLAT else self.slope
        return (
            f"Loss slice explorer: {self.name} = {self.value:.2f}, loss = {self.current_loss:.2f}, "
            f"slope = {shown_slope:.2f}, advice: {advice(self.slope, self.name)}"
        )


def loss_slice_explorer(loss, params, parameter=0, names=None, weight_range=(-4.0, 4.0)):
    """An explorer of the loss as a function of one parameter, with its tangent line.

    Drag on the plot (press anywhere: the parameter follows the mouse's x), use
    the slider (arrow keys), or pick another parameter from the drop-down.

    Parameters
    ----------
    loss : callable
        The loss as a function of the whole parameter array, ``loss(params)``.
    params : 1-D array
        The current parameters; all but the chosen one are held at these values.
    parameter : int or str
        Which parameter moves first: its index or its name.
    names : list of str, optional
        The parameters' names; by default w1, …, wn and b (the bias last).
    weight_range : (low, high)
        The values shown and reachable, for every parameter.

    Examples
    --------
    >>> explorer = loss_slice_explorer(lambda p: (p[0] - 1) ** 2 + p[1] ** 2, [0.0, 0.5])
    >>> explorer.summary()
    'Loss slice explorer: w1 = 0.00, loss = 1.25, slope = -2.00, advice: increase w1'
    >>> explorer.select("b")
    >>> explorer.summary()
    'Loss slice explorer: b = 0.50, loss = 1.25, slope = 1.00, advice: decrease b'
    """
    return LossSliceExplorer(loss, params, parameter, names, weight_range)
