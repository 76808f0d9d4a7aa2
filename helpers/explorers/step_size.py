"""The step-size explorer: slide the step h over 16 powers of ten and watch the error.

For a step h the two difference quotients are

    forward   (f(x + h) − f(x)) / h           error ≈ (h/2)·|f''(x)|  +  round-off
    central   (f(x + h) − f(x − h)) / (2h)    error ≈ (h²/6)·|f'''(x)| +  round-off

where round-off ≈ ε·|f(x)| / h grows as h shrinks. On log-log axes the error
against h is a U: truncation on the right, round-off on the left.

The two quotients below are the plain textbook formulas, as notebook 03 writes
them; ``helpers.derivative`` divides by the stored distance (x + h) − (x − h)
instead of 2h, one rounding error fewer.
"""

import numpy as np

from ..derivatives import evaluate
from ..figures.numerical import method_style
from ..style import CURVE, POINT
from ..validation import require_callable, require_finite_number, require_positive_number
from .base import Explorer, clip, slider
from .curves import function_label, padded_limits

__all__ = ["step_size_explorer"]

SMALLEST_LOG_H, LARGEST_LOG_H = -16.0, 0.0  # h runs from 1e-16 to 1
FLOOR = 1e-17  # an error of exactly 0 is drawn here: log axes cannot show 0


def forward_difference(f, x, h):
    """(f(x + h) − f(x)) / h: the secant slope from x to x + h."""
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h):
    """(f(x + h) − f(x − h)) / (2h): the secant slope from x − h to x + h."""
    return (f(x + h) - f(x - h)) / (2 * h)


def complex_step_slope(f, x, h=1e-20):
    """Im f(x + ih) / h, the complex-step derivative: exact to about 1e-16.

    It needs an f that works on complex numbers (np.sin, np.exp, x**3, ...).
    """
    try:
        value = f(x + 1j * h)
    except TypeError as error:
        raise ValueError(
            f"f could not be evaluated at a complex number ({error}); pass its exact "
            "derivative as df=..."
        ) from None
    if not np.iscomplexobj(value) or not np.isfinite(value):
        raise ValueError(
            "f did not return a finite complex number for a complex input, so the exact "
            "slope cannot be found for you; pass its derivative as df=..."
        )
    return float(np.imag(value) / h)


class StepSizeExplorer(Explorer):
    """|error| of the forward and central differences against h, with the current h marked."""

    def __init__(self, f=np.sin, x=1.0, h=0.1, df=None, label=None, show_secants=False):
        self.f = require_callable(f, "f")
        self.x = require_finite_number(x, "x")
        h = require_positive_number(h, "h")
        if not 10**SMALLEST_LOG_H <= h <= 10**LARGEST_LOG_H:
            raise ValueError(f"h must lie between 1e-16 and 1, but got {h}.")
        if df is None:
            self.slope = complex_step_slope(self.f, self.x)
        else:
            self.slope = require_finite_number(require_callable(df, "df")(self.x), "df(x)")
        self.label = label or function_label(f)
        super().__init__(figsize=(10.5, 4.4) if show_secants else (7.5, 4.6))

        # f, with a clear error naming the point if it leaves f's domain (nan or inf).
        self._f = lambda at: evaluate(self.f, at, lambda bad: f"x = {float(bad)!r}")
        self.y = float(self._f(self.x))

        # The error curves, computed once on a grid of 321 steps (every 0.05 in log10 h).
        steps = np.logspace(SMALLEST_LOG_H, LARGEST_LOG_H, 321)
        errors = {
            "forward": np.abs(forward_difference(self._f, self.x, steps) - self.slope),
            "central": np.abs(central_difference(self._f, self.x, steps) - self.slope),
        }
        if show_secants:
            self.ax, self.secant_ax = self.fig.subplots(1, 2, width_ratios=[1.3, 1])
        else:
            self.ax, self.secant_ax = self.fig.subplots(), None
        self.markers = {}
        for name, values in errors.items():
            colour, style, marker = method_style(name)
            self.ax.loglog(
                steps, np.maximum(values, FLOOR), linestyle=style, color=colour, label=name
            )
            (self.markers[name],) = self.ax.loglog(
                [], [], marker, color=colour, markeredgecolor=POINT, markersize=10, zorder=3
            )
        self.h_line = self.ax.axvline(h, color=POINT, linewidth=1, linestyle=(0, (2, 2)))
        margin = 10**0.4  # a little room beyond 1e-16 and 1 for the tick labels
        self.ax.set(xlim=(10**SMALLEST_LOG_H / margin, 10**LARGEST_LOG_H * margin))
        self.ax.set(ylim=(FLOOR / 3, 1e2))
        self.ax.set(xticks=10.0 ** np.arange(-16, 1, 4), yticks=10.0 ** np.arange(-16, 1, 4))
        self.ax.minorticks_off()  # fewer ticks: a lighter redraw
        self.ax.set(xlabel="step h (press and drag here)", ylabel="|error| of the slope")
        self.ax.set_title(f"Slope of {self.label} at x = {self.x:g}: error against h")
        self.ax.legend(loc="upper center", ncols=2)
        self.drag(self.ax, lambda h_mouse, _: self.set_h(h_mouse))
        if show_secants:
            self._draw_secant_panel()

        self.slider = slider(
            "log10 h (arrow keys move it)", np.log10(h), SMALLEST_LOG_H, LARGEST_LOG_H, step=0.25
        )
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        self._update(self.slider.value, redraw=False)
        self.moving(*self.markers.values(), self.h_line)
        if show_secants:
            self.moving(*self.secant_lines.values(), self.secant_points)
        self._assemble([self.slider])

    def _draw_secant_panel(self):
        """The curve near x, its tangent, and the two secant lines (moved in _update)."""
        ax, x = self.secant_ax, self.x
        grid = np.linspace(x - 1.2, x + 1.2, 200)
        curve = self._f(grid)
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        ends = grid[[0, -1]]
        ax.plot(ends, self.y + self.slope * (ends - x), ":", color=POINT, label="tangent")
        self.secant_lines = {}
        for name in ("forward", "central"):
            colour, style, _ = method_style(name)
            (self.secant_lines[name],) = ax.plot([], [], linestyle=style, color=colour, label=name)
        (self.secant_points,) = ax.plot([], [], "o", color=POINT, zorder=3)
        ax.set(xlim=tuple(ends), ylim=padded_limits(curve, pad=0.25), xlabel="x", ylabel="y")
        ax.set_title("The secants for this h")
        ax.legend(loc="lower center", ncols=2, fontsize=9)

    def set_h(self, h):
        """Set the step h (kept between 1e-16 and 1), as the slider or a mouse drag would."""
        h = require_positive_number(h, "h")
        self.slider.value = clip(np.log10(h), SMALLEST_LOG_H, LARGEST_LOG_H)

    def _update(self, log_h, redraw=True):
        h = 10.0**log_h
        self.h = h
        self.forward = float(forward_difference(self._f, self.x, h))
        self.central = float(central_difference(self._f, self.x, h))
        self.forward_error = abs(self.forward - self.slope)
        self.central_error = abs(self.central - self.slope)
        for name, error in (("forward", self.forward_error), ("central", self.central_error)):
            self.markers[name].set_data([h], [max(error, FLOOR)])
        self.h_line.set_xdata([h, h])
        if self.secant_ax is not None:
            ends = np.array(self.secant_ax.get_xlim())
            x, y = self.x, self.y
            self.secant_lines["forward"].set_data(ends, y + self.forward * (ends - x))
            self.secant_lines["central"].set_data(ends, y + self.central * (ends - x))
            points = np.array([x - h, x, x + h])
            self.secant_points.set_data(points, self._f(points))
        self.readout.value = (
            f"log10 h = {log_h:.2f} &nbsp;&nbsp; <b>h = {h:.2e}</b> &nbsp;&nbsp; "
            f"<b>forward error = {self.forward_error:.2e}</b> &nbsp;&nbsp; "
            f"<b>central error = {self.central_error:.2e}</b>"
        )
        if redraw:
            self._redraw()

    def summary(self):
        return (
            f"Step-size explorer on {self.label} at x = {self.x:g}: h = {self.h:.2e}, "
            f"forward error = {self.forward_error:.2e}, central error = {self.central_error:.2e}"
        )


def step_size_explorer(f=np.sin, x=1.0, h=0.1, df=None, label=None, show_secants=False):
    """An explorer of the step-size trade-off: |error| of two difference quotients against h.

    The error curves are measured once, on 321 steps from 1e-16 to 1; the slider
    (log10 h, from −16 to 0 in steps of 0.25) or a press-and-drag on the plot
    moves the marked step. The readout shows h = 10^(log10 h) and both errors.

    Parameters
    ----------
    f : callable, default np.sin
        A smooth function that accepts numpy arrays, defined on [x − 1, x + 1].
    x : float
        Where the slope is measured.
    h : float in [1e-16, 1]
        The starting step.
    df : callable, optional
        The exact derivative f', to measure the errors against. By default the
        exact slope is found by the complex-step derivative Im f(x + ih)/h,
        which needs an f that works on complex numbers (np.sin, np.exp, ...).
    label : str, optional
        How f is written in the title, e.g. "sin(x)".
    show_secants : bool
        Also show, beside the error plot, the curve near x with the forward and
        central secant lines for the current h.

    Examples
    --------
    >>> explorer = step_size_explorer(np.sin, x=1.0, h=0.1)
    >>> explorer.summary().split(": ")[-1]
    'h = 1.00e-01, forward error = 4.29e-02, central error = 9.00e-04'
    >>> explorer.set_h(1e-5)
    >>> print(f"{explorer.h:.2e}  {explorer.slider.value:.2f}")
    1.00e-05  -5.00
    """
    return StepSizeExplorer(f, x, h, df, label, show_secants)
