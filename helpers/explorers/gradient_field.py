"""The gradient explorer: drag a point on a contour map, turn a direction, read the slope.

At the point (x, y) it draws

- the gradient ∇f = (∂f/∂x, ∂f/∂y), each partial measured by ``helpers.derivative``
  along its axis of the grid; it points uphill, straight across the contour line;
- the direction of the contour line there, perpendicular to the gradient:
  (−∂f/∂y, ∂f/∂x) / |∇f|;
- a unit direction u = (cos θ, sin θ) at the angle θ, and the slope of f along it,
  the directional derivative

      ∇f·u = ∂f/∂x·cos θ + ∂f/∂y·sin θ = |∇f|·cos(angle between ∇f and u).

A second plot shows that slope against θ: a cosine wave that is largest (|∇f|) along ∇f,
zero along the contour and smallest (−|∇f|) along −∇f.

The gradient is computed once at every point of the sliders' lattice (steps of 0.1:
61 × 41 points for the default map), and cos θ, sin θ at every angle (0 to 360 in
steps of 5). The slope along u at every point *and* every angle would be 61 × 41 × 73
numbers, too many to send to the browser; so it is computed at every angle for the
current point, and at every point for the current angle. After both have moved, the
kernel computes the slopes for the new point and angle (``answers_for``), and so does
the page itself, from the stored partials and angles (the recipe "slope_along_u"): it
needs no kernel.
"""

import matplotlib.patches as mpatches
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..derivatives import derivative, gradient
from ..style import COLORS, CURVE, DERIVATIVE, PATH, POINT, TANGENT
from ..validation import (
    require_callable,
    require_count,
    require_finite_number,
    require_label,
    require_pair,
    require_range,
)
from .controls import map_step, slider
from .curves import surface_on_grid
from .figure import new_figure
from .layers import Across, Arrow, Peak, Point, Sinusoid
from .tables import Table
from .widget import Column, Drag, Explorer, Number

__all__ = ["gradient_explorer"]

DIRECTION = COLORS["orange"]  # the direction u that the learner turns
ANGLE_STEP = 5.0  # degrees, one arrow-key press on the angle slider
VIEW_MARGIN = 0.1  # of the map's shorter side, shown around the point's range


def bowl(x, y):
    """f(x, y) = x² + 3y², an elongated bowl: its contour lines are ellipses.

    Its gradient is ∇f = (2x, 6y).
    """
    return x**2 + 3 * y**2


def values_on_grid(f, x_range, y_range, points=120):
    """The grid X, Y over x_range × y_range and f(X, Y) on it (f called once, on arrays)."""
    xs, ys = np.linspace(*x_range, points), np.linspace(*y_range, points)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, surface_on_grid(f, xs, ys)


def gradient_on_grid(f, X, Y):
    """∂f/∂x and ∂f/∂y at every grid point, with ``helpers.derivative`` along each axis.

    ∂f/∂x is the slope of x ↦ f(x, Y) while Y is held fixed, and ∂f/∂y the slope of
    y ↦ f(X, y) while X is held fixed: one vectorised derivative per variable.
    """
    surface_on_grid(f, X[0], Y[:, 0])  # f has a value at every point, or the error names one
    dfdx = derivative(lambda x: f(x, Y), X)
    dfdy = derivative(lambda y: f(X, y), Y)
    return dfdx, dfdy


def gradient_at(f, x, y):
    """(∂f/∂x, ∂f/∂y) at one point, by ``helpers.gradient`` with f called as f(x=.., y=..)."""
    try:
        partials = gradient(f, {"x": x, "y": y})
    except TypeError as error:
        raise TypeError(
            f"f must take two arguments named x and y, like def f(x, y): ...; {error}"
        ) from error
    return partials["x"], partials["y"]


def contour_levels(values, count):
    """About ``count`` round heights (2, 4, 6, ...) strictly between the lowest and highest."""
    low, high = float(np.min(values)), float(np.max(values))
    heights = MaxNLocator(count + 1).tick_values(low, high)
    return heights[(heights > low) & (heights < high)]


def draw_contours(ax, X, Y, Z, count):
    """The contour lines of Z on ``ax``, about ``count`` of them; the lower ones labelled."""
    contours = ax.contour(X, Y, Z, contour_levels(Z, count), colors=CURVE, linewidths=1.2)
    lower = contours.levels[1 : len(contours.levels) // 2 + 1 : 2]
    ax.clabel(contours, lower, fontsize=9)
    return contours


class GradientExplorer(Explorer):
    """An explorer of the gradient ∇f and the slope ∇f·u of f(x, y) in a direction u.

    A contour map with the gradient at a dragged point, and the slope in a turning direction.

    Press anywhere on the contour map and drag: the point follows the mouse. Press on the
    right-hand plot to pick the direction's angle, or use the sliders (arrow keys work).
    The readout shows x, y, df/dx, df/dy, |grad| = |∇f|, the angle θ of u in degrees and
    the slope along u = df/dx·cos θ + df/dy·sin θ. The point moves in steps of 0.1 (for
    wider maps, the smallest of 0.2, 0.25, 0.5, 1, ... that keeps the grid to 4000 points)
    and the angle in steps of 5 degrees.

    Where no kernel runs (a notebook exported to HTML, the course website), everything
    still moves: the page computes the slope along u itself.

    Parameters
    ----------
    f : callable, default f(x, y) = x² + 3y²
        A smooth function of two arguments named x and y that accepts numpy arrays.
    point : (x, y)
        Where the point starts; inside the ranges (rounded to the sliders' steps).
    angle : float
        The direction u's angle in degrees, counter-clockwise from the +x axis
        (taken modulo 360, rounded to steps of 5).
    x_range, y_range : (low, high)
        The part of the plane shown (with equal scales on both axes).
    label : str, optional
        How f is written in the title; "x² + 3y²" for the default f.
    levels : int >= 2
        How many contour lines to draw.

    Examples
    --------
    >>> explorer = gradient_explorer(point=(2.0, 1.0), angle=90.0)
    >>> title, numbers = explorer.summary().split(": ", 1)
    >>> print(numbers)
    x = 2.00, y = 1.00, gradient = (4.00, 6.00), |grad| = 7.21, angle = 90, slope along u = 6.00
    """

    def __init__(
        self,
        f=bowl,
        *,
        point=(2.0, 1.0),
        angle=0.0,
        x_range=(-3.0, 3.0),
        y_range=(-2.0, 2.0),
        label=None,
        levels=10,
    ):
        super().__init__()
        self.f = require_callable(f, "f")
        self.x_range = require_range(x_range, "x_range")
        self.y_range = require_range(y_range, "y_range")
        x, y = _require_xy(point, self.x_range, self.y_range)
        angle = require_finite_number(angle, "angle") % 360.0
        levels = require_count(levels, "levels")
        if levels < 2:
            raise ValueError(f"levels must be at least 2, but got {levels}.")
        self.label = require_label(label) or ("x² + 3y²" if f is bowl else "f(x, y)")
        gradient_at(self.f, x, y)  # fail now, with a clear message, if f cannot be called

        step = map_step(self.x_range, self.y_range)
        x_control = slider("x", "x (arrow keys move it)", *self.x_range, step, x)
        y_control = slider("y", "y (arrow keys move it)", *self.y_range, step, y)
        angle_control = slider(  # Page Up/Down turns u by 45°
            "angle", "direction angle (degrees)", 0.0, 360.0, ANGLE_STEP, angle, ".0f", page=9
        )
        xs, ys, angles = x_control.values, y_control.values, angle_control.values
        self._dfdx, self._dfdy = gradient_on_grid(self.f, *np.meshgrid(xs, ys))
        self._cos, self._sin = np.cos(np.radians(angles)), np.sin(np.radians(angles))
        length = np.hypot(self._dfdx, self._dfdy)  # |∇f|
        steepest = max(float(np.max(length)), 1e-12)
        short_side = min(np.ptp(self.x_range), np.ptp(self.y_range))
        self.arrow_scale = 0.45 * short_side / steepest  # data units per unit of |∇f|
        self.u_length = 0.25 * short_side

        start = {"x": x_control.index, "y": y_control.index, "angle": angle_control.index}
        self._fixed = {
            "point": self._slopes_along_u({"x": start["x"], "y": start["y"]}),
            "angle": self._slopes_along_u({"angle": start["angle"]}),
        }
        self._answered = dict(self._fixed)
        tables = [
            Table(("angle",), {"cos": self._cos, "sin": self._sin}),
            Table(("y", "x"), {"dfdx": self._dfdx, "dfdy": self._dfdy, "length": length}),
            *self._fixed.values(),
        ]

        figure = new_figure((9.6, 4.2))
        self.ax, self.slope_ax = figure.subplots(1, 2, width_ratios=[1.3, 1])
        map_layers, map_handles = self._draw_map(levels)
        slope_layers, slope_handles = self._draw_slope_panel(steepest)
        # One legend below both plots.
        figure.legend(
            handles=map_handles + slope_handles, loc="outside lower center", ncols=3, fontsize=10
        )

        self.assemble(
            figure,
            controls=[x_control, y_control, angle_control],
            tables=tables,
            layers=map_layers + slope_layers,
            readout=[
                Number("x", "x", strong=True),
                Number("y", "y", strong=True),
                Number("df/dx", "dfdx"),
                Number("df/dy", "dfdy"),
                Number("|grad|", "length"),
                Number("angle", control="angle", strong=True),
                Number("slope along u", "slope_u", strong=True),
            ],
            drags=[Drag(self.ax, x="x", y="y"), Drag(self.slope_ax, x="angle")],
            description=f"Contour lines of f(x, y) = {self.label} with the gradient arrow and "
            "a direction u at the point (x, y), and the slope of f along u for every angle.",
            recipe={"kind": "slope_along_u"},  # from the stored ∂f/∂x, ∂f/∂y, cos θ, sin θ
        )

    def _draw_map(self, levels):
        """The contour lines (still); the contour direction, both arrows, the point (moving)."""
        ax = self.ax
        # The map shows a margin around the point's range: at a corner the point is drawn
        # whole, and its arrows (shortened by the browser to stay on the map) still show.
        margin = VIEW_MARGIN * min(np.ptp(self.x_range), np.ptp(self.y_range))
        x_view = (self.x_range[0] - margin, self.x_range[1] + margin)
        y_view = (self.y_range[0] - margin, self.y_range[1] + margin)
        X, Y, Z = values_on_grid(self.f, x_view, y_view)
        draw_contours(ax, X, Y, Z, levels)
        (contour,) = ax.plot([], [], "--", color=TANGENT, label="along the contour")
        gradient_arrow = ax.add_patch(
            mpatches.FancyArrowPatch((0, 0), (0, 0), color=DERIVATIVE, linewidth=0, zorder=4)
        )
        direction_arrow = ax.add_patch(
            mpatches.FancyArrowPatch(
                (0, 0), (0, 0), facecolor="white", edgecolor=DIRECTION, linewidth=1.8, zorder=5
            )
        )
        (point,) = ax.plot([], [], "o", color=POINT, zorder=6)
        ax.set(xlim=x_view, ylim=y_view, xlabel="x", ylabel="y", aspect="equal")
        ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
        ax.set_title(f"contour lines of f(x, y) = {self.label}")
        layers = [
            # Geometry the browser works out from ∇f: perpendicular to it, fixed length.
            Across(contour, center=("x", "y"), normal=("dfdx", "dfdy"), half=0.6 * self.u_length),
            Arrow(gradient_arrow, ("x", "y"), ("dfdx", "dfdy"), self.arrow_scale, head=14, shaft=4),
            Arrow(direction_arrow, ("x", "y"), ("cos", "sin"), self.u_length, head=13, shaft=3),
            Point(point, at=("x", "y")),
        ]
        handles = [
            mpatches.Patch(color=DERIVATIVE, label="gradient ∇f (uphill)"),
            mpatches.Patch(facecolor="white", edgecolor=DIRECTION, label="direction u"),
            contour,
        ]
        return layers, handles

    def _draw_slope_panel(self, steepest):
        """The slope along u against the angle θ of u: a cosine wave, and three markers."""
        ax = self.slope_ax
        ax.axhline(0, color="#555555", linewidth=1)
        (curve,) = ax.plot([], [], color=DIRECTION)
        (now,) = ax.plot(
            [], [], "o", color=POINT, label="current u", zorder=4, clip_on=False, in_layout=False
        )
        (largest,) = ax.plot([], [], "^", color=DERIVATIVE, label="largest: along ∇f")
        (smallest,) = ax.plot([], [], "v", color=PATH, label="smallest: along −∇f")
        top = 1.15 * steepest
        ax.set(xlim=(0, 360), ylim=(-top, top), xticks=range(0, 361, 90))
        ax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
        ax.set(xlabel="angle θ of u (degrees)", ylabel="slope along u = ∇f·u")
        ax.set_title("the slope of f in every direction")
        layers = [
            # The curve and its top and bottom are geometry, drawn by the browser from
            # ∂f/∂x and ∂f/∂y; the number shown for the current u is ∇f·u from a table.
            Sinusoid(curve, along="angle", a="dfdx", b="dfdy"),
            Peak(largest, a="dfdx", b="dfdy"),  # at θ = atan2(∂f/∂y, ∂f/∂x), height |∇f|
            Peak(smallest, a="dfdx", b="dfdy", lowest=True),
            Point(now, at=("angle", "slope_u"), fade_while_pending=True),
        ]
        return layers, [now, largest, smallest]

    def _slopes_along_u(self, at):
        """∇f·u = ∂f/∂x·cos θ + ∂f/∂y·sin θ: at every angle for the point ``at`` = {x, y},
        or at every point for the angle ``at`` = {angle}."""
        if "angle" in at:
            cos, sin = self._cos[at["angle"]], self._sin[at["angle"]]
            return Table(("y", "x"), {"slope_u": self._dfdx * cos + self._dfdy * sin}, at=at)
        dfdx, dfdy = self._dfdx[at["y"], at["x"]], self._dfdy[at["y"], at["x"]]
        return Table(("angle",), {"slope_u": dfdx * self._cos + dfdy * self._sin}, at=at)

    def answers_for(self, position):
        """The slopes along u that the fixed tables (for the start) do not hold here: at
        every angle for this point, at every point for this angle. Each is recomputed
        only when its own point or angle changed."""
        wanted = {
            "point": {"x": position["x"], "y": position["y"]},
            "angle": {"angle": position["angle"]},
        }
        answers = []
        for kind, at in wanted.items():
            if at == self._fixed[kind].at:
                continue
            if self._answered[kind].at != at:
                self._answered[kind] = self._slopes_along_u(at)
            answers.append(self._answered[kind])
        return answers

    x = Column("x", "The point's x (on the lattice: steps of 0.1 for the default map).")
    y = Column("y")
    angle = Column("angle", "The angle θ of u in degrees (0 to 360 in steps of 5).")
    dfdx = Column("dfdx", "∂f/∂x at the point.")
    dfdy = Column("dfdy", "∂f/∂y at the point.")
    length = Column("length", "|∇f| = √((∂f/∂x)² + (∂f/∂y)²) at the point.")
    slope = Column("slope_u", "∇f·u, the slope of f at the point along u.")

    def move_to(self, x, y):
        """Move the point to the lattice point nearest (x, y), kept on the map, as a drag would."""
        self.move_near(x=x, y=y)

    def turn_to(self, angle):
        """Turn the direction u to the lattice angle nearest ``angle`` degrees (0 = along +x,
        90 = along +y; outside 0..360 it is taken modulo 360)."""
        angle = require_finite_number(angle, "angle")
        if not 0.0 <= angle <= 360.0:
            angle %= 360.0
        self.move(angle=self.nearest("angle", angle))

    def summary(self):
        return (
            f"Gradient explorer on f = {self.label}: x = {self.shown('x')}, "
            f"y = {self.shown('y')}, gradient = ({self.shown('dfdx')}, {self.shown('dfdy')}), "
            f"|grad| = {self.shown('length')}, angle = {self.shown('angle', '.0f')}, "
            f"slope along u = {self.shown('slope_u')}"
        )


def _require_xy(point, x_range, y_range):
    """The point as two floats (x, y), checked to lie on the map."""
    x, y = require_pair(point, "point")
    if not (x_range[0] <= x <= x_range[1] and y_range[0] <= y <= y_range[1]):
        raise ValueError(
            f"point must lie inside x_range {x_range} and y_range {y_range}, but got ({x}, {y})."
        )
    return x, y


#: The same explorer by its lower-case name, as the notebooks call it.
gradient_explorer = GradientExplorer
