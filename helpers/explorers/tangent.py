"""The tangent explorer: move x along a curve and watch the tangent line follow.

At each x it draws the tangent line  y = f(x₀) + f'(x₀)·(x − x₀),  with the slope
f'(x₀) measured by ``helpers.derivative`` at every x the slider can reach
(x_range in steps of 0.01), once.
"""

from ..derivatives import derivative
from ..style import CURVE, DERIVATIVE, POINT, TANGENT
from ..validation import require_callable, require_finite_number, require_flag, require_range
from .controls import slider
from .curves import curve_on_grid, function_label, padded_limits, square, values_at
from .figure import new_figure
from .layers import Point, Tangent
from .tables import Table
from .widget import Column, Drag, Explorer, Number

STEP = 0.01  # one arrow-key press; a mouse drag lands on the same lattice


class TangentExplorer(Explorer):
    """An explorer of the tangent line to y = f(x); drag x on the plot or use the slider.

    It shows y = f(x), the tangent line at x, and (optionally) the derivative curve beside it.

    Parameters
    ----------
    f : callable, default y = x²
        A smooth function that accepts numpy arrays (np.sin, lambda x: x**3, ...).
    x : float
        Where the point starts (rounded to the slider's steps of 0.01).
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
    >>> explorer.move_to(-0.5)
    >>> explorer.readout_text().replace("\\xa0", " ")
    'x = -0.50   f(x) = 0.25   slope = -1.00'
    """

    def __init__(self, f=square, *, x=1.0, x_range=(-3.0, 3.0), label=None, show_derivative=False):
        super().__init__()
        self.f = require_callable(f, "f")
        low, high = require_range(x_range, "x_range")
        x = require_finite_number(x, "x")
        if not low <= x <= high:
            raise ValueError(f"x must lie inside x_range {x_range}, but got {x}.")
        self.label = function_label(f, label)
        show_derivative = require_flag(show_derivative, "show_derivative")

        control = slider("x", "x (arrow keys move it)", low, high, STEP, x)
        xs = control.values
        table = Table(("x",), {"f": values_at(self.f, xs), "slope": derivative(self.f, xs)})

        figure = new_figure((9.6, 4.0) if show_derivative else (7.5, 4.5))
        axes = figure.subplots(1, 2 if show_derivative else 1, squeeze=False)[0]
        ax = axes[0]
        grid, curve = curve_on_grid(self.f, low, high)
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        (tangent,) = ax.plot([], [], "--", color=TANGENT, label="tangent line")
        (point,) = ax.plot([], [], "o", color=POINT, label="(x, f(x))", zorder=3)
        ax.set(xlim=(low, high), ylim=padded_limits(curve), xlabel="x", ylabel="y")
        ax.set_title(f"y = {self.label} and its tangent line")
        ax.legend(loc="upper center")
        layers = [Tangent(tangent, at=("x", "f"), slope="slope"), Point(point, at=("x", "f"))]
        drags = [Drag(ax, x="x")]

        if show_derivative:
            slope_ax = axes[1]
            slopes = derivative(self.f, grid)
            slope_ax.plot(grid, slopes, "-.", color=DERIVATIVE, label="slope f′(x)")
            slope_ax.axhline(0, color="#555555", linewidth=1)
            (slope_point,) = slope_ax.plot([], [], "s", color=POINT, zorder=3)
            slope_ax.set(xlim=(low, high), ylim=padded_limits(slopes), xlabel="x", ylabel="slope")
            slope_ax.set_title(f"the derivative of {self.label}")
            slope_ax.legend(loc="upper center")
            layers.append(Point(slope_point, at=("x", "slope")))
            drags.append(Drag(slope_ax, x="x"))

        self.assemble(
            figure,
            controls=[control],
            tables=[table],
            layers=layers,
            readout=[
                Number("x", "x", strong=True),
                Number("f(x)", "f"),
                Number("slope", "slope", strong=True),
            ],
            drags=drags,
            description=f"The curve y = {self.label} with its tangent line at the point x.",
        )

    x = Column("x", "Where the point is (on the lattice of 0.01 steps).")
    y = Column("f")
    slope = Column("slope", "f'(x), the slope of the tangent line, by helpers.derivative.")

    def move_to(self, x):
        """Move the point to the lattice value nearest x, as the slider or a drag would."""
        self.move_near(x=x)

    def summary(self):
        return (
            f"Tangent explorer on y = {self.label}: "
            f"x = {self.shown('x')}, slope = {self.shown('slope')}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
tangent_explorer = TangentExplorer
