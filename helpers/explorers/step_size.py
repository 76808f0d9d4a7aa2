"""The step-size explorer: slide the step h over 16 powers of ten and watch the error.

For a step h the two difference quotients are

    forward   (f(x + h) − f(x)) / h           error ≈ (h/2)·|f''(x)|  +  round-off
    central   (f(x + h) − f(x − h)) / (2h)    error ≈ (h²/6)·|f'''(x)| +  round-off

where round-off ≈ ε·|f(x)| / h grows as h shrinks. On log-log axes the error
against h is a U: truncation on the right, round-off on the left.

The two quotients (helpers.derivatives) are the plain textbook formulas, as notebook 03 writes
them; ``helpers.derivative`` divides by the stored distance (x + h) − (x − h)
instead of 2h, one rounding error fewer. Both are computed once, for every h
the slider reaches (log10 h from −16 to 0 in steps of 0.25).
"""

import numpy as np

from ..derivatives import central_quotient, complex_step_slope, evaluate, forward_quotient
from ..figures.numerical_derivatives import method_style
from ..style import CURVE, POINT
from ..validation import (
    require_callable,
    require_finite_number,
    require_flag,
    require_positive_number,
)
from .controls import lattice, slider
from .curves import function_label, padded_limits
from .figure import new_figure
from .layers import Guide, Point, Tangent
from .tables import Table
from .widget import Column, Drag, Explorer, Number

__all__ = ["step_size_explorer"]

SMALLEST_LOG_H, LARGEST_LOG_H = -16.0, 0.0  # h runs from 1e-16 to 1
LOG_H_STEP = 0.25  # one arrow-key press; 65 steps in all
FLOOR = 1e-17  # an error of exactly 0 is drawn here: log axes cannot show 0
METHODS = ("forward", "central")


def powers_of_ten(exponents):
    """10^e for each e, by Python's pow: correctly rounded (1e-05, where numpy's array
    power gives 9.999999999999999e-06)."""
    return np.array([10.0 ** float(e) for e in exponents])


class StepSizeExplorer(Explorer):
    """An explorer of the step-size trade-off: |error| of two difference quotients against h.

    It shows |error| of the forward and central differences against h, with the current h marked.

    The error curves are measured once, on 321 steps from 1e-16 to 1; the slider
    (log10 h, from −16 to 0 in steps of 0.25) or a press-and-drag on the plot
    moves the marked step. The readout shows h = 10^(log10 h) and both errors,
    computed once for each of the slider's 65 steps.

    Parameters
    ----------
    f : callable, default np.sin
        A smooth function that accepts numpy arrays, defined on [x − 1, x + 1].
    x : float
        Where the slope is measured.
    h : float in [1e-16, 1]
        The starting step (rounded to the slider's steps of 0.25 in log10 h).
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
    >>> print(f"{explorer.h:.2e}  {explorer.log_h:.2f}")
    1.00e-05  -5.00
    """

    def __init__(self, f=np.sin, *, x=1.0, h=0.1, df=None, label=None, show_secants=False):
        super().__init__()
        self.f = require_callable(f, "f")
        self.x = require_finite_number(x, "x")
        h = require_positive_number(h, "h")
        if not 10**SMALLEST_LOG_H <= h <= 10**LARGEST_LOG_H:
            raise ValueError(f"h must lie between 1e-16 and 1, but got {h}.")
        if df is None:
            self.slope = complex_step_slope(self.f, self.x)
        else:
            self.slope = require_finite_number(require_callable(df, "df")(self.x), "df(x)")
        self.label = function_label(f, label)
        show_secants = require_flag(show_secants, "show_secants")

        # f, with a clear error naming the point if it leaves f's domain (nan or inf).
        self._f = lambda at: evaluate(self.f, at, lambda bad: f"x = {float(bad)!r}")
        self.y = float(self._f(self.x))

        log_h = np.log10(h)
        label_text = "log10 h (arrow keys move it)"
        # Page Up/Down: one power of ten.
        control = slider(
            "log_h", label_text, SMALLEST_LOG_H, LARGEST_LOG_H, LOG_H_STEP, log_h, page=4
        )
        table = Table(("log_h",), self._at_each_step(powers_of_ten(control.values)))
        at_x = Table((), {"x": self.x, "y": self.y, "slope": self.slope})

        figure = new_figure((10.5, 4.4) if show_secants else (7.5, 4.6))
        if show_secants:
            self.ax, self.secant_ax = figure.subplots(1, 2, width_ratios=[1.3, 1])
        else:
            self.ax, self.secant_ax = figure.subplots(), None
        layers = self._draw_error_panel()
        if show_secants:
            layers += self._draw_secant_panel()

        self.assemble(
            figure,
            controls=[control],
            tables=[table, at_x],
            layers=layers,
            readout=[
                Number("log10 h", control="log_h"),
                Number("h", "h", format=".2e", strong=True),
                Number("forward error", "forward_error", format=".2e", strong=True),
                Number("central error", "central_error", format=".2e", strong=True),
            ],
            # Nearest in pixels along the log axis, so the point lands where the mouse is.
            drags=[Drag(self.ax, x="log_h", x_at="h")],
            description=f"The error of two difference quotients for the slope of "
            f"{self.label} at x = {self.x:g}, against the step h on log-log axes.",
        )

    def _at_each_step(self, steps):
        """Every number the explorer shows or draws, for each step h of the lattice."""
        columns = {"h": steps, "x_minus": self.x - steps, "x_plus": self.x + steps}
        columns["f_minus"], columns["f_plus"] = self._f(self.x - steps), self._f(self.x + steps)
        columns["forward"] = forward_quotient(self._f, self.x, steps)
        columns["central"] = central_quotient(self._f, self.x, steps)
        for name in METHODS:
            error = np.abs(columns[name] - self.slope)
            columns[f"{name}_error"] = error
            columns[f"{name}_marker"] = np.maximum(error, FLOOR)  # where its marker sits
        return columns

    def _draw_error_panel(self):
        """The two error curves (drawn once, on 321 steps), their markers and the h line."""
        ax = self.ax
        # Every 0.05 in log10 h: the slider's steps among them, so each marker sits on a
        # corner of its curve, even where round-off makes the curve jagged.
        steps = powers_of_ten(lattice(SMALLEST_LOG_H, LARGEST_LOG_H, 0.05))
        layers = []
        for name, quotient in (("forward", forward_quotient), ("central", central_quotient)):
            colour, style, marker = method_style(name)
            errors = np.abs(quotient(self._f, self.x, steps) - self.slope)
            ax.loglog(steps, np.maximum(errors, FLOOR), linestyle=style, color=colour, label=name)
            (dot,) = ax.loglog(
                [], [], marker, color=colour, markeredgecolor=POINT, markersize=10, zorder=3
            )
            layers.append(Point(dot, at=("h", f"{name}_marker")))
        (h_line,) = ax.plot([], [], color=POINT, linewidth=1, linestyle=(0, (2, 2)))
        layers.insert(0, Guide(h_line, at="h", vertical=True))
        margin = 10**0.4  # a little room beyond 1e-16 and 1 for the tick labels
        ax.set(xlim=(10**SMALLEST_LOG_H / margin, 10**LARGEST_LOG_H * margin))
        ax.set(ylim=(FLOOR / 3, 1e2))
        ax.set(xticks=10.0 ** np.arange(-16, 1, 4), yticks=10.0 ** np.arange(-16, 1, 4))
        ax.minorticks_off()
        ax.set(xlabel="step h (press and drag here)", ylabel="|error| of the slope")
        ax.set_title(f"Slope of {self.label} at x = {self.x:g}: error against h")
        ax.legend(loc="upper center", ncols=2)
        return layers

    def _draw_secant_panel(self):
        """The curve near x and its tangent (still), the two secants and x ± h (moving)."""
        ax, x, y = self.secant_ax, self.x, self.y
        grid = np.linspace(x - 1.2, x + 1.2, 200)
        curve = self._f(grid)
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        ends = grid[[0, -1]]
        ax.plot(ends, y + self.slope * (ends - x), ":", color=POINT, label="tangent")
        layers = []
        for name in METHODS:
            colour, style, _ = method_style(name)
            (line,) = ax.plot([], [], linestyle=style, color=colour, label=name)
            layers.append(Tangent(line, at=("x", "y"), slope=name))
        ax.plot([x], [y], "o", color=POINT, zorder=3)
        for side in ("minus", "plus"):
            (dot,) = ax.plot([], [], "o", color=POINT, zorder=3)
            layers.append(Point(dot, at=(f"x_{side}", f"f_{side}")))
        ax.set(xlim=tuple(ends), ylim=padded_limits(curve, pad=0.25), xlabel="x", ylabel="y")
        ax.set_title("The secants for this h")
        ax.legend(loc="lower center", ncols=2, fontsize=9)
        return layers

    @property
    def log_h(self):
        """log10 of the step, on the slider's lattice (−16 to 0 in steps of 0.25)."""
        return self.control_value("log_h")

    h = Column("h", "The step h = 10^(log10 h).")
    forward = Column("forward", "(f(x + h) − f(x)) / h for the current h.")
    central = Column("central", "(f(x + h) − f(x − h)) / (2h) for the current h.")
    forward_error = Column("forward_error")
    central_error = Column("central_error")

    def set_h(self, h):
        """Set the step to the lattice value nearest h (kept between 1e-16 and 1), as the
        slider or a mouse drag would."""
        h = require_positive_number(h, "h")
        self.move(log_h=self.nearest("log_h", np.log10(h)))

    def summary(self):
        return (
            f"Step-size explorer on {self.label} at x = {self.x:g}: h = {self.shown('h', '.2e')}, "
            f"forward error = {self.shown('forward_error', '.2e')}, "
            f"central error = {self.shown('central_error', '.2e')}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
step_size_explorer = StepSizeExplorer
