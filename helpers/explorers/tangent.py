"""The tangent explorer: move x along a curve and watch the tangent line follow.

At each x it draws the tangent line  y = f(x₀) + f'(x₀)·(x − x₀),  with the slope
f'(x₀) measured by ``helpers.derivative``.
"""

import numpy as np

from ..derivatives import derivative
from ..style import CURVE, DERIVATIVE, POINT, TANGENT
from ..validation import require_callable, require_finite_number, require_range
from .base import Explorer, clip, slider
from .curves import curve_on_grid, function_label, padded_limits, square


class TangentExplorer(Explorer):
    """y = f(x), the tangent line at x, and (optionally) the derivative curve beside it."""

    def __init__(self, f=square, x=1.0, x_range=(-3.0, 3.0), label=None, show_derivative=False):
        self.f = require_callable(f, "f")
        self.low, self.high = require_range(x_range, "x_range")
        x = require_finite_number(x, "x")
        if not self.low <= x <= self.high:
            raise ValueError(f"x must lie inside x_range {x_range}, but got {x}.")
        if label is not None and not isinstance(label, str):
            raise TypeError(f"label must be text, like 'sin(x)', but got {label!r:.40}.")
        if not isinstance(show_derivative, bool):
            raise TypeError(
                f"show_derivative must be True or False, but got {show_derivative!r:.40}."
            )
        # A "$" would switch matplotlib to maths typesetting, which can fail: show it as is.
        label = (label or function_label(f)).replace("$", r"\$")
        self.label = label
        super().__init__(figsize=(9.6, 4.0) if show_derivative else (7.5, 4.5))

        grid, curve = curve_on_grid(self.f, self.low, self.high)
        if show_derivative:
            self.ax, self.slope_ax = self.fig.subplots(1, 2)
        else:
            self.ax, self.slope_ax = self.fig.subplots(), None
        self.ax.plot(grid, curve, color=CURVE, label=f"y = {label}")
        (self.tangent_line,) = self.ax.plot([], [], "--", color=TANGENT, label="tangent line")
        (self.point,) = self.ax.plot([], [], "o", color=POINT, label="(x, f(x))", zorder=3)
        self.ax.set(xlim=(self.low, self.high), ylim=padded_limits(curve), xlabel="x", ylabel="y")
        self.ax.set_title(f"y = {label} and its tangent line")
        self.ax.legend(loc="upper center")
        self.drag(self.ax, lambda x_mouse, _: self.move_to(clip(x_mouse, self.low, self.high)))

        if show_derivative:
            slopes = derivative(self.f, grid)
            self.slope_ax.plot(grid, slopes, "-.", color=DERIVATIVE, label="slope f′(x)")
            self.slope_ax.axhline(0, color="#555555", linewidth=1)
            (self.slope_point,) = self.slope_ax.plot([], [], "s", color=POINT, zorder=3)
            self.slope_ax.set(xlim=(self.low, self.high), ylim=padded_limits(slopes), xlabel="x")
            self.slope_ax.set(ylabel="slope", title=f"the derivative of {label}")
            self.slope_ax.legend(loc="upper center")
            self.drag(
                self.slope_ax, lambda x_mouse, _: self.move_to(clip(x_mouse, self.low, self.high))
            )

        self.moving(self.tangent_line, self.point)
        if show_derivative:
            self.moving(self.slope_point)
        self.slider = slider("x (arrow keys move it)", x, self.low, self.high)
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        self._update(x, redraw=False)
        self._assemble([self.slider])

    def move_to(self, x):
        """Move the point to x, as the slider or a mouse drag would."""
        self.slider.value = x

    def _update(self, x, redraw=True):
        y = float(self.f(x))
        self.slope = derivative(self.f, x)
        self.x, self.y = x, y
        ends = np.array([self.low, self.high])
        self.tangent_line.set_data(ends, y + self.slope * (ends - x))
        self.point.set_data([x], [y])
        if self.slope_ax is not None:
            self.slope_point.set_data([x], [self.slope])
        self.readout.value = (
            f"<b>x = {x:.2f}</b> &nbsp;&nbsp; f(x) = {y:.2f} &nbsp;&nbsp; "
            f"<b>slope = {self.slope:.2f}</b>"
        )
        if redraw:
            self._redraw()

    def summary(self):
        return f"Tangent explorer on y = {self.label}: x = {self.x:.2f}, slope = {self.slope:.2f}"


def tangent_explorer(f=square, x=1.0, x_range=(-3.0, 3.0), label=None, show_derivative=False):
    """An explorer of the tangent line to y = f(x); drag x on the plot or use the slider.

    Parameters
    ----------
    f : callable, default y = x²
        A smooth function that accepts numpy arrays (np.sin, lambda x: x**3, ...).
    x : float
        Where the point starts.
    x_range : (low, high)
        The x values shown and reachable.
    label : str, optional
        How the function is written in the title, e.g. "sin(x)"; by default
        "x²" for the default f, else the function's name.
    show_derivative : bool
        Also plot the derivative f′(x) beside the curve, with the point marked on it.

    Examples
    --------
    >>> explorer = tangent_explorer(x=3.0)
    >>> explorer.summary()
    'Tangent explorer on y = x²: x = 3.00, slope = 6.00'
    """
    return TangentExplorer(f, x, x_range, label, show_derivative)
