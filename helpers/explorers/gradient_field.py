"""The gradient explorer: drag a point on a contour map, turn a direction, read the slope.

At the point (x, y) it draws

- the gradient ∇f = (∂f/∂x, ∂f/∂y), measured by ``helpers.gradient``; it points uphill,
  straight across the contour line;
- the direction of the contour line there, perpendicular to the gradient:
  (−∂f/∂y, ∂f/∂x) / |∇f|;
- a unit direction u = (cos θ, sin θ) at the angle θ, and the slope of f along it,
  the directional derivative

      ∇f·u = ∂f/∂x·cos θ + ∂f/∂y·sin θ = |∇f|·cos(angle between ∇f and u).

A second plot shows that slope against θ: a cosine wave that is largest (|∇f|) along ∇f,
zero along the contour and smallest (−|∇f|) along −∇f.
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
    require_pair,
    require_range,
)
from .base import Explorer, clip, slider
from .curves import surface_on_grid

__all__ = ["gradient_explorer"]

DIRECTION = COLORS["orange"]  # the direction u that the learner turns
ANGLES = np.linspace(0.0, 360.0, 361)  # degrees, for the slope-against-angle curve
COS, SIN = np.cos(np.radians(ANGLES)), np.sin(np.radians(ANGLES))


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


def two_decimals(value):
    """``value`` with two decimals, never "-0.00"."""
    return f"{round(float(value), 2) + 0.0:.2f}"


class GradientExplorer(Explorer):
    """A contour map with the gradient at a dragged point, and the slope in a turning direction."""

    def __init__(
        self,
        f=bowl,
        point=(2.0, 1.0),
        angle=0.0,
        x_range=(-3.0, 3.0),
        y_range=(-2.0, 2.0),
        label=None,
        levels=10,
    ):
        self.f = require_callable(f, "f")
        self.x_range = require_range(x_range, "x_range")
        self.y_range = require_range(y_range, "y_range")
        x, y = _require_xy(point, self.x_range, self.y_range)
        angle = require_finite_number(angle, "angle") % 360.0
        levels = require_count(levels, "levels")
        if levels < 2:
            raise ValueError(f"levels must be at least 2, but got {levels}.")
        self.label = label or ("x² + 3y²" if f is bowl else "f(x, y)")
        gradient_at(self.f, x, y)  # fail now, with a clear message, if f cannot be called
        super().__init__(figsize=(9.6, 4.2))

        # Drawn once: the contour lines, and the scale of the gradient arrow.
        X, Y, Z = values_on_grid(self.f, self.x_range, self.y_range)
        dfdx, dfdy = gradient_on_grid(self.f, X[::10, ::10], Y[::10, ::10])
        steepest = max(float(np.max(np.hypot(dfdx, dfdy))), 1e-12)
        short_side = min(np.ptp(self.x_range), np.ptp(self.y_range))
        self.arrow_scale = 0.45 * short_side / steepest  # data units per unit of |∇f|
        self.u_length = 0.25 * short_side

        self.ax, self.slope_ax = self.fig.subplots(1, 2, width_ratios=[1.3, 1])
        ax = self.ax
        draw_contours(ax, X, Y, Z, levels)
        (self.tangent_line,) = ax.plot([], [], "--", color=TANGENT, label="along the contour")
        arrow = dict(angles="xy", scale_units="xy", scale=1)  # arrow lengths in data units
        self.gradient_arrow = ax.quiver(
            x, y, 0, 0, **arrow, color=DERIVATIVE, width=0.012, zorder=4
        )
        self.direction_arrow = ax.quiver(
            x,
            y,
            0,
            0,
            **arrow,
            facecolor="white",
            edgecolor=DIRECTION,
            linewidth=1.8,
            width=0.008,
            zorder=5,
        )
        (self.point,) = ax.plot([], [], "o", color=POINT, zorder=6)
        ax.set(xlim=self.x_range, ylim=self.y_range, xlabel="x", ylabel="y", aspect="equal")
        ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 5, 10]))  # few tick labels:
        ax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))  # text is slow to draw
        ax.set_title(f"contour lines of f(x, y) = {self.label}")
        self.drag(ax, lambda x_mouse, y_mouse: self.move_to(x_mouse, y_mouse))

        # The slope along u for every angle: a cosine wave, redrawn as 1-D data per move.
        sax = self.slope_ax
        sax.axhline(0, color="#555555", linewidth=1)
        (self.slope_curve,) = sax.plot(ANGLES, 0 * ANGLES, color=DIRECTION)
        (self.slope_now,) = sax.plot(
            [], [], "o", color=POINT, label="current u", zorder=4, clip_on=False, in_layout=False
        )
        (self.largest,) = sax.plot([], [], "^", color=DERIVATIVE, label="largest: along ∇f")
        (self.smallest,) = sax.plot([], [], "v", color=PATH, label="smallest: along −∇f")
        top = 1.15 * steepest
        sax.set(xlim=(0, 360), ylim=(-top, top), xticks=range(0, 361, 90))
        sax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10]))
        sax.set(xlabel="angle θ of u (degrees)", ylabel="slope along u = ∇f·u")
        sax.set_title("the slope of f in every direction")
        self.drag(sax, lambda angle_mouse, _: self.turn_to(angle_mouse))

        # One legend below both plots.
        arrows = [
            mpatches.Patch(color=DERIVATIVE, label="gradient ∇f (uphill)"),
            mpatches.Patch(facecolor="white", edgecolor=DIRECTION, label="direction u"),
        ]
        handles = [*arrows, self.tangent_line, self.slope_now, self.largest, self.smallest]
        self.fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=10)

        self.x_slider = slider("x (arrow keys move it)", x, *self.x_range)
        self.y_slider = slider("y (arrow keys move it)", y, *self.y_range)
        self.angle_slider = slider("direction angle (degrees)", angle, 0.0, 360.0, step=5.0)
        self._holding = False  # True while move_to sets x and y together
        for control in (self.x_slider, self.y_slider, self.angle_slider):
            control.observe(lambda change: self._update(), names="value")
        self._update(redraw=False)
        self.moving(self.tangent_line, self.gradient_arrow, self.direction_arrow, self.point)
        self.moving(self.slope_curve, self.slope_now, self.largest, self.smallest)
        self._assemble([self.x_slider, self.y_slider, self.angle_slider])

    def move_to(self, x, y):
        """Move the point to (x, y), kept inside the map, as a mouse drag would."""
        self._holding = True  # one update for both sliders, not two
        self.x_slider.value = clip(x, *self.x_range)
        self.y_slider.value = clip(y, *self.y_range)
        self._holding = False
        self._update()

    def turn_to(self, angle):
        """Turn the direction u to ``angle`` degrees (0 = along +x, 90 = along +y)."""
        self.angle_slider.value = clip(angle, 0.0, 360.0)

    def _update(self, redraw=True):
        if self._holding:
            return
        x, y, angle = self.x_slider.value, self.y_slider.value, self.angle_slider.value
        dfdx, dfdy = gradient_at(self.f, x, y)
        length = float(np.hypot(dfdx, dfdy))  # |∇f|
        u = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
        self.slope = dfdx * u[0] + dfdy * u[1]  # ∇f·u
        self.x, self.y, self.angle = x, y, angle
        self.dfdx, self.dfdy, self.length = dfdx, dfdy, length

        self.point.set_data([x], [y])
        self.gradient_arrow.set_offsets([[x, y]])
        self.gradient_arrow.set_UVC(self.arrow_scale * dfdx, self.arrow_scale * dfdy)
        self.direction_arrow.set_offsets([[x, y]])
        self.direction_arrow.set_UVC(*(self.u_length * u))
        self.slope_curve.set_ydata(dfdx * COS + dfdy * SIN)
        self.slope_now.set_data([angle], [self.slope])
        if length > 0:
            tx, ty = 0.6 * self.u_length * np.array([-dfdy, dfdx]) / length
            self.tangent_line.set_data([x - tx, x + tx], [y - ty, y + ty])
            uphill = np.degrees(np.arctan2(dfdy, dfdx)) % 360
            self.largest.set_data([uphill], [length])
            self.smallest.set_data([(uphill + 180) % 360], [-length])
        else:  # at a flat point (a minimum, say) there is no uphill and no contour direction
            for artist in (self.tangent_line, self.largest, self.smallest):
                artist.set_data([], [])

        gap = " &nbsp;&nbsp; "
        self.readout.value = gap.join(
            [
                f"<b>x = {two_decimals(x)}</b>",
                f"<b>y = {two_decimals(y)}</b>",
                f"df/dx = {two_decimals(dfdx)}",
                f"df/dy = {two_decimals(dfdy)}",
                f"|grad| = {two_decimals(length)}",
                f"<b>angle = {two_decimals(angle)}</b>",
                f"<b>slope along u = {two_decimals(self.slope)}</b>",
            ]
        )
        if redraw:
            self._redraw()

    def summary(self):
        return (
            f"Gradient explorer on f = {self.label}: x = {two_decimals(self.x)}, "
            f"y = {two_decimals(self.y)}, gradient = ({two_decimals(self.dfdx)}, "
            f"{two_decimals(self.dfdy)}), |grad| = {two_decimals(self.length)}, "
            f"angle = {two_decimals(self.angle)}, slope along u = {two_decimals(self.slope)}"
        )


def _require_xy(point, x_range, y_range):
    """The point as two floats (x, y), checked to lie on the map."""
    x, y = require_pair(point, "point")
    if not (x_range[0] <= x <= x_range[1] and y_range[0] <= y <= y_range[1]):
        raise ValueError(
            f"point must lie inside x_range {x_range} and y_range {y_range}, but got ({x}, {y})."
        )
    return x, y


def gradient_explorer(
    f=bowl,
    point=(2.0, 1.0),
    angle=0.0,
    x_range=(-3.0, 3.0),
    y_range=(-2.0, 2.0),
    label=None,
    levels=10,
):
    """An explorer of the gradient ∇f and the slope ∇f·u of f(x, y) in a direction u.

    Press anywhere on the contour map and drag: the point follows the mouse. Press on the
    right-hand plot to pick the direction's angle, or use the sliders (arrow keys work).
    The readout shows x, y, df/dx, df/dy, |grad| = |∇f|, the angle θ of u in degrees and
    the slope along u = df/dx·cos θ + df/dy·sin θ.

    Parameters
    ----------
    f : callable, default f(x, y) = x² + 3y²
        A smooth function of two arguments named x and y that accepts numpy arrays.
    point : (x, y)
        Where the point starts; inside the ranges.
    angle : float
        The direction u's angle in degrees, counter-clockwise from the +x axis.
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
    x = 2.00, y = 1.00, gradient = (4.00, 6.00), |grad| = 7.21, angle = 90.00, slope along u = 6.00
    """
    return GradientExplorer(f, point, angle, x_range, y_range, label, levels)
