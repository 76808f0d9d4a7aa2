"""The partials explorer: a point on a contour map of f(x, y), and the two slices through it.

A partial derivative moves one variable and holds the other constant:

    ∂f/∂x at (x₀, y₀) = the slope of the curve  x ↦ f(x, y₀)   (y held at y₀)
    ∂f/∂y at (x₀, y₀) = the slope of the curve  y ↦ f(x₀, y)   (x held at x₀)

Left: the contour map of f, drawn once, with the point and two dashed guide
lines through it, one for each slice. Right: the two slices, each with its
tangent line at the point; the tangents' slopes, measured by
``helpers.partial_derivative``, are the two partials in the readout.
"""

import numpy as np

from ..derivatives import partial_derivative
from ..style import COLORS, POINT, TANGENT
from ..validation import (
    require_callable,
    require_pair,
    require_range,
)
from .base import Explorer, clip, slider
from .curves import padded_limits, surface_on_grid

__all__ = ["partials_explorer"]

X_SLICE = COLORS["blue"]  # the slice in x (y held constant) and its guide line
Y_SLICE = COLORS["orange"]  # the slice in y (x held constant) and its guide line
POINTS = 200  # samples along each slice (the map's grid takes every other one)
LEVELS = 12  # contour levels on the map (darker = higher f)
STEP = 0.01  # the sliders' step; mouse positions are rounded to it too


def lesson_surface(x, y):
    """f(x, y) = 3x²y + 6: the lesson's f(a, x, y, z) = 3x²y + az³ + 5 with a = 1, z = 1.

    Its partials are ∂f/∂x = 6xy and ∂f/∂y = 3x².
    """
    return 3 * x**2 * y + 6


class PartialsExplorer(Explorer):
    """A contour map of f(x, y) with a draggable point, and the slices in x and in y."""

    def __init__(self, f, point, x_range, y_range, label):
        self.f = require_callable(f, "f")
        self.x_range = require_range(x_range, "x_range")
        self.y_range = require_range(y_range, "y_range")
        x, y = require_pair(point, "point")
        for value, (low, high), name in [(x, self.x_range, "x"), (y, self.y_range, "y")]:
            if not low <= value <= high:
                raise ValueError(f"point's {name} must lie inside {name}_range, but got {value}.")
        self.label = label or _surface_label(f)
        super().__init__(figsize=(9.4, 4.3))

        # The map: computed and drawn once.
        self.xs = np.linspace(*self.x_range, POINTS)
        self.ys = np.linspace(*self.y_range, POINTS)
        surface = surface_on_grid(self.f, self.xs[::2], self.ys[::2])  # 100 × 100 is plenty
        self.f_limits = padded_limits(surface)
        axes = self.fig.subplot_mosaic(
            [["map", "x_slice"], ["map", "y_slice"]], width_ratios=[1.15, 1]
        )
        self.ax, self.x_ax, self.y_ax = axes["map"], axes["x_slice"], axes["y_slice"]
        self._draw_map(surface)
        self._draw_slices()

        self.x_slider = slider("x (arrow keys move it)", x, *self.x_range, step=STEP)
        self.y_slider = slider("y (arrow keys move it)", y, *self.y_range, step=STEP)
        self._moving = False  # True while move_to sets both sliders: update once, not twice
        for control in (self.x_slider, self.y_slider):
            control.observe(self._on_slider, names="value")
        self.drag(self.ax, lambda x_mouse, y_mouse: self.move_to(x_mouse, y_mouse))
        self.drag(self.x_ax, lambda x_mouse, _: self.move_to(x_mouse, self.y))
        self.drag(self.y_ax, lambda y_mouse, _: self.move_to(self.x, y_mouse))
        self._update(x, y, redraw=False)
        self.moving(self.map_point, self.x_guide, self.y_guide, self.x_curve, self.y_curve)
        self.moving(self.x_tangent, self.x_point, self.y_tangent, self.y_point)
        self._assemble([self.x_slider, self.y_slider])

    def _draw_map(self, surface):
        ax = self.ax
        xs, ys = self.xs[::2], self.ys[::2]
        ax.contourf(xs, ys, surface, levels=LEVELS, cmap="Greys", alpha=0.4)
        lines = ax.contour(
            xs,
            ys,
            surface,
            levels=LEVELS,
            colors="#666666",
            linewidths=0.8,
            negative_linestyles="solid",
        )
        ax.clabel(lines, lines.levels[::2], fontsize=9, fmt="%g")
        (self.x_guide,) = ax.plot([], [], "--", color=X_SLICE, label="y held: x moves")
        (self.y_guide,) = ax.plot([], [], "-.", color=Y_SLICE, label="x held: y moves")
        (self.map_point,) = ax.plot([], [], "o", color=POINT, zorder=3)
        ax.set(xlim=self.x_range, ylim=self.y_range, xlabel="x", ylabel="y")
        ax.locator_params(nbins=5)
        ax.set_title(f"f = {self.label} (darker = higher)")
        ax.grid(False)
        ax.legend(loc="upper center", fontsize=9)

    def _draw_slices(self):
        self.x_curve, self.x_tangent, self.x_point = self._slice_artists(
            self.x_ax, X_SLICE, "--", self.x_range, "x", "y held constant: slope = ∂f/∂x"
        )
        self.y_curve, self.y_tangent, self.y_point = self._slice_artists(
            self.y_ax, Y_SLICE, "-.", self.y_range, "y", "x held constant: slope = ∂f/∂y"
        )

    def _slice_artists(self, ax, color, style, limits, variable, title):
        (curve,) = ax.plot([], [], style, color=color)
        (tangent,) = ax.plot([], [], ":", color=TANGENT, linewidth=2.5)
        (point,) = ax.plot([], [], "o", color=POINT, zorder=3)
        ax.set(xlim=limits, ylim=self.f_limits, xlabel=variable, ylabel="f")
        ax.locator_params(nbins=4)  # few tick labels: text is the slowest thing to draw
        ax.set_title(title, fontsize=11)
        return curve, tangent, point

    def move_to(self, x, y):
        """Move the point to (x, y), rounded to 0.01 and kept inside the ranges."""
        x = round(clip(x, *self.x_range), 2)
        y = round(clip(y, *self.y_range), 2)
        self._moving = True
        try:
            self.x_slider.value, self.y_slider.value = x, y
        finally:
            self._moving = False
        self._update(self.x_slider.value, self.y_slider.value)

    def _on_slider(self, change):
        if not self._moving:
            self._update(self.x_slider.value, self.y_slider.value)

    def _update(self, x, y, redraw=True):
        self.x, self.y = x, y
        self.value = float(self.f(x, y))
        at = {"x": x, "y": y}
        self.df_dx = partial_derivative(self._g, at, "x")
        self.df_dy = partial_derivative(self._g, at, "y")
        # The map: the point and the two guide lines through it.
        self.map_point.set_data([x], [y])
        self.x_guide.set_data(self.x_range, [y, y])
        self.y_guide.set_data([x, x], self.y_range)
        # The slices: a 1-D curve each (200 points), and the tangent at the point.
        self.x_curve.set_data(self.xs, self._slice(self.xs, y))
        self.y_curve.set_data(self.ys, self._slice(x, self.ys))
        self._set_tangent(self.x_tangent, self.x_point, x, self.df_dx, self.x_range)
        self._set_tangent(self.y_tangent, self.y_point, y, self.df_dy, self.y_range)
        self.readout.value = (
            f"<b>x = {x:.2f}</b> &nbsp;&nbsp; <b>y = {y:.2f}</b> &nbsp;&nbsp; "
            f"f = {self.value:.2f} &nbsp;&nbsp; <b>df/dx = {self.df_dx:.2f}</b> &nbsp;&nbsp; "
            f"<b>df/dy = {self.df_dy:.2f}</b>"
        )
        if redraw:
            self._redraw()

    def _g(self, x, y):
        """f called with x and y by position, whatever f names its arguments."""
        return self.f(x, y)

    def _slice(self, x, y):
        """f along one slice (x or y is the array of 200 values), as an array of 200."""
        return np.broadcast_to(np.asarray(self.f(x, y), dtype=float), np.shape(x + y))

    def _set_tangent(self, line, point, at, slope, limits):
        """Tangent f + slope·(v − at), drawn over a quarter of the range each side."""
        half = (limits[1] - limits[0]) / 4
        ends = np.array([at - half, at + half])
        line.set_data(ends, self.value + slope * (ends - at))
        point.set_data([at], [self.value])

    def summary(self):
        return (
            f"Partials explorer on f = {self.label}: x = {self.x:.2f}, y = {self.y:.2f}, "
            f"f = {self.value:.2f}, df/dx = {self.df_dx:.2f}, df/dy = {self.df_dy:.2f}"
        )


def _surface_label(f):
    if f is lesson_surface:
        return "3x²y + 6"
    name = getattr(f, "__name__", "f")
    return "f(x, y)" if name == "<lambda>" else f"{name}(x, y)"


def partials_explorer(
    f=lesson_surface, point=(1.0, 2.0), x_range=(-2.0, 2.0), y_range=(-3.0, 3.0), label=None
):
    """An explorer of the two partial derivatives of f(x, y) at a point you drag.

    Press anywhere on the contour map and drag: the point follows the mouse.
    Dragging on a slice moves only that slice's variable. The sliders (arrow
    keys) move x and y one at a time. The readout shows
    ``x, y, f = f(x, y), df/dx = ∂f/∂x, df/dy = ∂f/∂y``.

    Parameters
    ----------
    f : callable, default f(x, y) = 3x²y + 6
        A smooth function of two numbers, called as f(x, y); it must accept
        numpy arrays (the map is computed on a grid once).
    point : (x, y)
        Where the point starts; inside the ranges.
    x_range, y_range : (low, high)
        The part of the plane shown and reachable.
    label : str, optional
        How f is written in the title; by default "3x²y + 6" for the default f.

    Returns
    -------
    PartialsExplorer; its ``move_to(x, y)`` moves the point from code.

    Examples
    --------
    For f = 3x²y + 6, ∂f/∂x = 6xy and ∂f/∂y = 3x²:

    >>> explorer = partials_explorer(point=(1.0, 2.0))
    >>> explorer.summary()
    'Partials explorer on f = 3x²y + 6: x = 1.00, y = 2.00, f = 12.00, df/dx = 12.00, df/dy = 3.00'
    >>> explorer.move_to(-1.5, 0.5)
    >>> print(f"{explorer.df_dx:.2f} {explorer.df_dy:.2f}")
    -4.50 6.75
    """
    return PartialsExplorer(f, point, x_range, y_range, label)
