"""The secant explorer: shrink h and watch the secant line turn into the tangent.

The secant through (x, f(x)) and (x + h, f(x + h)) has slope

    (f(x + h) − f(x)) / h        ("rise over run")

and as h → 0 that slope approaches the derivative f'(x). The slope is computed
once for every h the slider reaches (0.01 to largest_h in steps of 0.01).
"""

from ..derivatives import derivative
from ..style import CURVE, POINT, SECANT, TANGENT
from ..validation import require_callable, require_finite_number, require_range
from .controls import slider
from .curves import curve_on_grid, function_label, padded_limits, square, values_at
from .figure import new_figure
from .layers import Point, Tangent
from .tables import Table
from .widget import Column, Drag, Explorer, Number

SMALLEST_H = 0.01
STEP = 0.01


class SecantExplorer(Explorer):
    """An explorer of the secant slope (f(x+h) − f(x)) / h as h shrinks towards 0.

    Y = f(x) with the secant from x to x + h, and the tangent at x for comparison.

    Drag on the plot to move the second point x + h, or use the slider.

    Parameters
    ----------
    f : callable, default y = x²
        A smooth function that accepts numpy arrays.
    x : float
        The fixed first point.
    h : float in [0.01, largest_h]
        Where the step starts (on the slider's steps of 0.01).
    x_range : (low, high)
        The x values shown; x and x + largest_h must lie inside.
    label : str, optional
        How the function is written in the title; by default "x²" for the default f,
        else the function's name.
    largest_h : float
        The largest step the slider reaches.

    Examples
    --------
    >>> secant_explorer(x=1.0, h=0.5).summary()
    'Secant explorer on y = x² at x = 1: h = 0.50, secant slope = 2.50, tangent slope = 2.00'
    """

    def __init__(self, f=square, *, x=1.0, h=1.5, x_range=(-1.0, 3.0), label=None, largest_h=2.0):
        super().__init__()
        self.f = require_callable(f, "f")
        low, high = require_range(x_range, "x_range")
        x = require_finite_number(x, "x")
        h = require_finite_number(h, "h")
        largest_h = require_finite_number(largest_h, "largest_h")
        if not SMALLEST_H <= h <= largest_h:
            raise ValueError(f"h must lie between {SMALLEST_H} and largest_h={largest_h}, got {h}.")
        if not low <= x < x + largest_h <= high:
            raise ValueError(f"x and x + largest_h must lie inside x_range {x_range}.")
        self.label = function_label(f, label)
        self.x = x

        control = slider("h", "h (arrow keys move it)", SMALLEST_H, largest_h, STEP, h)
        hs = control.values
        y = float(values_at(self.f, x))
        right = values_at(self.f, x + hs)
        self.tangent_slope = derivative(self.f, x)
        table = Table(
            ("h",),
            {"x_right": x + hs, "y_right": right, "secant_slope": (right - y) / hs},
        )
        at_x = Table((), {"x": x, "y": y, "tangent_slope": self.tangent_slope})

        figure = new_figure((7.5, 4.5))
        ax = figure.subplots()
        grid, curve = curve_on_grid(self.f, low, high)
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        ends = [low, high]
        ax.plot(
            ends,
            [y + self.tangent_slope * (e - x) for e in ends],
            ":",
            color=TANGENT,
            label="tangent at x",
        )
        (secant,) = ax.plot([], [], "--", color=SECANT, label="secant x → x + h")
        ax.plot([x], [y], "o", color=POINT, zorder=3)
        (moving,) = ax.plot([], [], "D", color=SECANT, markeredgecolor=POINT, zorder=3)
        ax.set(xlim=ends, ylim=padded_limits(curve), xlabel="x", ylabel="y")
        ax.set_title(f"Secant of y = {self.label} from x = {x:g} to x + h")
        ax.legend(loc="upper left")

        self.assemble(
            figure,
            controls=[control],
            tables=[table, at_x],
            layers=[
                Tangent(secant, at=("x", "y"), slope="secant_slope"),
                Point(moving, at=("x_right", "y_right")),
            ],
            readout=[
                Number("h", "h", strong=True),
                Number("secant slope", "secant_slope", strong=True),
                Number("tangent slope", "tangent_slope"),
            ],
            drags=[Drag(ax, x="h", x_at="x_right")],  # the mouse moves the point x + h
            description=f"The curve y = {self.label} with the secant line from x = {x:g} "
            "to x + h and the tangent line at x.",
        )

    h = Column("h")
    secant_slope = Column("secant_slope", "(f(x + h) − f(x)) / h for the current h.")

    def set_h(self, h):
        """Set the step h (to the lattice value nearest h, kept between 0.01 and largest_h)."""
        self.move_near(h=h)

    def summary(self):
        return (
            f"Secant explorer on y = {self.label} at x = {self.x:g}: h = {self.shown('h')}, "
            f"secant slope = {self.shown('secant_slope')}, "
            f"tangent slope = {self.shown('tangent_slope')}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
secant_explorer = SecantExplorer
