"""The secant explorer: shrink h and watch the secant line turn into the tangent.

The secant through (x, f(x)) and (x + h, f(x + h)) has slope

    (f(x + h) − f(x)) / h        ("rise over run")

and as h → 0 that slope approaches the derivative f'(x).
"""

from ..derivatives import derivative
from ..style import CURVE, POINT, SECANT, TANGENT
from ..validation import require_callable, require_finite_number, require_range
from .base import Explorer, clip, slider
from .curves import curve_on_grid, function_label, padded_limits, square

SMALLEST_H = 0.01


class SecantExplorer(Explorer):
    """y = f(x) with the secant from x to x + h, and the tangent at x for comparison."""

    def __init__(self, f=square, x=1.0, h=1.5, x_range=(-1.0, 3.0), label=None, largest_h=2.0):
        self.f = require_callable(f, "f")
        self.low, self.high = require_range(x_range, "x_range")
        self.x = require_finite_number(x, "x")
        h = require_finite_number(h, "h")
        self.largest_h = require_finite_number(largest_h, "largest_h")
        if not SMALLEST_H <= h <= self.largest_h:
            raise ValueError(f"h must lie between {SMALLEST_H} and largest_h={largest_h}, got {h}.")
        if not self.low <= self.x < self.x + self.largest_h <= self.high:
            raise ValueError(f"x and x + largest_h must lie inside x_range {x_range}.")
        self.label = label or function_label(f)
        super().__init__(figsize=(7.5, 4.5))

        grid, curve = curve_on_grid(self.f, self.low, self.high)
        self.y = float(self.f(self.x))
        self.tangent_slope = derivative(self.f, self.x)
        ax = self.ax = self.fig.subplots()
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        ends = [self.low, self.high]
        tangent = [self.y + self.tangent_slope * (end - self.x) for end in ends]
        ax.plot(ends, tangent, ":", color=TANGENT, label="tangent at x")
        (self.secant_line,) = ax.plot([], [], "--", color=SECANT, label="secant x → x + h")
        ax.plot([self.x], [self.y], "o", color=POINT, zorder=3)
        (self.moving_point,) = ax.plot([], [], "D", color=SECANT, markeredgecolor=POINT, zorder=3)
        ax.set(xlim=ends, ylim=padded_limits(curve), xlabel="x", ylabel="y")
        ax.set_title(f"Secant of y = {self.label} from x = {self.x:g} to x + h")
        ax.legend(loc="upper left")
        self.drag(ax, lambda x_mouse, _: self.set_h(x_mouse - self.x))

        self.moving(self.secant_line, self.moving_point)
        self.slider = slider("h (arrow keys move it)", h, SMALLEST_H, self.largest_h)
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        self._update(h, redraw=False)
        self._assemble([self.slider])

    def set_h(self, h):
        """Set the step h (kept between 0.01 and largest_h), as the slider would."""
        self.slider.value = clip(h, SMALLEST_H, self.largest_h)

    def _update(self, h, redraw=True):
        x_right = self.x + h
        y_right = float(self.f(x_right))
        self.h = h
        self.secant_slope = (y_right - self.y) / h
        ends = [self.low, self.high]
        self.secant_line.set_data(ends, [self.y + self.secant_slope * (e - self.x) for e in ends])
        self.moving_point.set_data([x_right], [y_right])
        self.readout.value = (
            f"<b>h = {h:.2f}</b> &nbsp;&nbsp; <b>secant slope = {self.secant_slope:.2f}</b>"
            f" &nbsp;&nbsp; tangent slope = {self.tangent_slope:.2f}"
        )
        if redraw:
            self._redraw()

    def summary(self):
        return (
            f"Secant explorer on y = {self.label} at x = {self.x:g}: h = {self.h:.2f}, "
            f"secant slope = {self.secant_slope:.2f}, tangent slope = {self.tangent_slope:.2f}"
        )


def secant_explorer(f=square, x=1.0, h=1.5, x_range=(-1.0, 3.0), label=None):
    """An explorer of the secant slope (f(x+h) − f(x)) / h as h shrinks towards 0.

    Drag on the plot to move the second point x + h, or use the slider.

    Examples
    --------
    >>> secant_explorer(x=1.0, h=0.5).summary()
    'Secant explorer on y = x² at x = 1: h = 0.50, secant slope = 2.50, tangent slope = 2.00'
    """
    return SecantExplorer(f, x, h, x_range, label)
