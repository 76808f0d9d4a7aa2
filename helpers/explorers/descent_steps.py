"""The descent explorer: gradient descent on a curve, one step per click.

Each click on "Step" applies the update rule once:

    slope = f'(x)                      (measured by ``helpers.derivative``)
    x     ← x − learning_rate · slope

The path of every point visited so far stays on the plot, so you can watch the
steps shrink (converge), jump from side to side (oscillate) or grow (diverge).
"""

import ipywidgets as widgets
import numpy as np

from ..derivatives import derivative
from ..descent import is_moderate, value_of
from ..style import CURVE, PATH, POINT, TANGENT
from ..validation import (
    require_callable,
    require_count,
    require_finite_number,
    require_positive_number,
    require_range,
)
from .base import Explorer, clip, slider
from .curves import curve_on_grid, function_label, padded_limits, square

__all__ = ["descent_explorer"]

LARGEST_LEARNING_RATE = 1.2
SMALLEST_LEARNING_RATE = 0.01


class DescentStepExplorer(Explorer):
    """y = f(x), the path of gradient descent so far, the current point and its tangent."""

    def __init__(self, f=square, start=2.5, learning_rate=0.1, x_range=(-3.0, 3.0), label=None):
        self.f = require_callable(f, "f")
        self.low, self.high = require_range(x_range, "x_range")
        start = require_finite_number(start, "start")
        if not self.low <= start <= self.high:
            raise ValueError(f"start must lie inside x_range {x_range}, but got {start}.")
        learning_rate = require_positive_number(learning_rate, "learning_rate")
        if not SMALLEST_LEARNING_RATE <= learning_rate <= LARGEST_LEARNING_RATE:
            raise ValueError(
                f"learning_rate must lie between {SMALLEST_LEARNING_RATE} and "
                f"{LARGEST_LEARNING_RATE}, but got {learning_rate}."
            )
        self.label = label or function_label(f)
        super().__init__(figsize=(7.5, 4.5))

        grid, curve = curve_on_grid(self.f, self.low, self.high)
        self.tangent_half_width = 0.2 * (self.high - self.low)
        ax = self.ax = self.fig.subplots()
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        (self.path_line,) = ax.plot(
            [], [], "-o", color=PATH, markersize=5, linewidth=1.5, label="path so far"
        )
        (self.tangent_line,) = ax.plot([], [], "--", color=TANGENT, label="tangent at x")
        (self.next_point,) = ax.plot(
            [], [], "o", markerfacecolor="white", color=PATH, label="next step lands here"
        )
        (self.point,) = ax.plot([], [], "o", color=POINT, label="current x", zorder=3)
        ax.set(xlim=(self.low, self.high), ylim=padded_limits(curve), xlabel="x", ylabel="y")
        ax.set_title(f"Gradient descent on y = {self.label}")
        ax.legend(loc="upper center", fontsize=9, ncols=2)
        self.drag(ax, lambda x_mouse, _: self.reset(clip(x_mouse, self.low, self.high)))

        self.slider = slider(
            "learning rate (arrow keys change it)",
            learning_rate,
            SMALLEST_LEARNING_RATE,
            LARGEST_LEARNING_RATE,
            readout_format=".3f",
        )
        self.slider.observe(lambda change: self._update(), names="value")
        self.step_button = widgets.Button(description="Step", tooltip="one step downhill")
        self.run_button = widgets.Button(description="Run 10 steps")
        self.reset_button = widgets.Button(description="Reset", tooltip="back to the start")
        self.step_button.on_click(lambda _: self.step())
        self.run_button.on_click(lambda _: self.step(10))
        self.reset_button.on_click(lambda _: self.reset())
        self.reset(start, redraw=False)
        buttons = widgets.HBox([self.step_button, self.run_button, self.reset_button])
        self.moving(self.path_line, self.tangent_line, self.next_point, self.point)
        self._assemble([self.slider, buttons])

    @property
    def learning_rate(self):
        """The learning rate the next step will use (the slider's value)."""
        return self.slider.value

    @property
    def x(self):
        """The current point: the last one on the path."""
        return self.path[-1]

    @property
    def steps_taken(self):
        """How many steps the path has taken since the last reset."""
        return len(self.path) - 1

    def reset(self, start=None, redraw=True):
        """Clear the path and start again at ``start`` (default: the last start)."""
        if start is not None:
            start = require_finite_number(start, "start")
            if not self.low <= start <= self.high:
                raise ValueError(f"start must lie inside x_range, but got {start}.")
            self.start = start
        self.path, self.path_values = [self.start], [value_of(self.f, self.start)]
        self.diverged = False
        self._update(redraw)

    def set_learning_rate(self, learning_rate):
        """Set the learning rate, as the slider would; the path so far is kept."""
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        self.slider.value = clip(learning_rate, SMALLEST_LEARNING_RATE, LARGEST_LEARNING_RATE)

    def step(self, n=1):
        """Take ``n`` steps of gradient descent: x ← x − learning_rate · f'(x)."""
        for _ in range(require_count(n, "n")):
            if self.diverged:
                break
            slope = derivative(self.f, self.x)
            new_x = self.x - self.learning_rate * slope  # the update rule
            new_y = value_of(self.f, new_x) if is_moderate(new_x) else np.inf
            if not is_moderate(new_y):
                self.diverged = True  # stop cleanly, before the numbers overflow
                break
            self.path.append(float(new_x))
            self.path_values.append(new_y)
        self._update()

    def _update(self, redraw=True):
        x, self.y = self.x, self.path_values[-1]
        self.slope = derivative(self.f, x)
        self.next_x = x - self.learning_rate * self.slope
        self.path_line.set_data(self.path, self.path_values)
        self.point.set_data([x], [self.y])
        ends = np.array([x - self.tangent_half_width, x + self.tangent_half_width])
        self.tangent_line.set_data(ends, self.y + self.slope * (ends - x))
        next_y = value_of(self.f, self.next_x) if is_moderate(self.next_x) else np.nan
        self.next_point.set_data([self.next_x], [next_y])
        self.readout.value = self._readout_html()
        if redraw:
            self._redraw()

    def _readout_html(self):
        gap = " &nbsp;&nbsp; "
        parts = [
            f"<b>step = {self.steps_taken}</b>",
            f"<b>x = {_fmt(self.x)}</b>",
            f"f(x) = {_fmt(self.y)}",
            f"slope = {_fmt(self.slope)}",
            f"<b>learning rate = {self.learning_rate:.3f}</b>",
            f"next x = {_fmt(self.next_x)}",
        ]
        if self.diverged:
            parts.append("<b>diverged: the steps blew up, so the run stopped</b>")
        elif not self.low <= self.x <= self.high:
            parts.append("(x is off the plot)")
        return gap.join(parts)

    def summary(self):
        return (
            f"Descent explorer on y = {self.label}: step = {self.steps_taken}, "
            f"x = {_fmt(self.x)}, f(x) = {_fmt(self.y)}, slope = {_fmt(self.slope)}, "
            f"learning rate = {self.learning_rate:.3f}"
        )


def _fmt(value):
    """Two decimals, or scientific notation once the number is too big to read that way."""
    return f"{value:.2f}" if abs(value) < 1e6 else f"{value:.2e}"


def descent_explorer(f=square, start=2.5, learning_rate=0.1, x_range=(-3.0, 3.0), label=None):
    """An explorer of gradient descent on y = f(x), one step per click of "Step".

    Each step is  x ← x − learning_rate · f'(x).  Click "Step" (or "Run 10 steps"),
    change the learning rate with the slider (arrow keys work), press on the plot to
    start again from there, or click "Reset" to go back to the start.

    Parameters
    ----------
    f : callable, default y = x²
        A smooth function that accepts numpy arrays.
    start : float
        Where the first point is; inside ``x_range``.
    learning_rate : float
        Between 0.01 and 1.2: how far each step goes, as a multiple of the slope.
    x_range : (low, high)
        The x values shown (and where a press may put the start).
    label : str, optional
        How f is written in the title, e.g. "x⁴ − 3x² + x".

    Examples
    --------
    One step from x = 2.5 on y = x² with learning rate 0.1: x = 2.5 − 0.1·2·2.5 = 2.

    >>> explorer = descent_explorer(start=2.5, learning_rate=0.1)
    >>> explorer.step()
    >>> for part in explorer.summary().split(", "):
    ...     print(part)
    Descent explorer on y = x²: step = 1
    x = 2.00
    f(x) = 4.00
    slope = 4.00
    learning rate = 0.100
    """
    return DescentStepExplorer(f, start, learning_rate, x_range, label)
