"""The partials explorer: a point on a contour map of f(x, y), and the two slices through it.

A partial derivative moves one variable and holds the other constant:

    ∂f/∂x at (x₀, y₀) = the slope of the curve  x ↦ f(x, y₀)   (y held at y₀)
    ∂f/∂y at (x₀, y₀) = the slope of the curve  y ↦ f(x₀, y)   (x held at x₀)

Left: the contour map of f, drawn once, with the point and two dashed guide
lines through it, one for each slice. Right: the two slices, each with its
tangent line at the point; the tangents' slopes are the two partials in the
readout. f and both partials are computed once at every point of the sliders'
lattice (steps of 0.1 for the default ranges: 41 × 61 points), each partial by
``helpers.derivative`` along its own axis of the grid, the other variable held.
"""

import numpy as np

from ..style import COLORS, POINT, TANGENT
from ..validation import (
    require_callable,
    require_label,
    require_pair,
    require_range,
)
from .controls import map_step, slider
from .curves import padded_limits, surface_on_grid
from .figure import new_figure
from .gradient_field import gradient_on_grid
from .layers import Guide, Point, Slice, Tangent
from .tables import Table
from .widget import Column, Drag, Explorer, Number

__all__ = ["partials_explorer"]

X_SLICE = COLORS["blue"]  # the slice in x (y held constant) and its guide line
Y_SLICE = COLORS["orange"]  # the slice in y (x held constant) and its guide line
MAP_POINTS = 100  # the contour map's grid, per side (drawn once)
LEVELS = 12  # contour levels on the map (darker = higher f)


def lesson_surface(x, y):
    """f(x, y) = 3x²y + 6: the lesson's f(a, x, y, z) = 3x²y + az³ + 5 with a = 1, z = 1.

    Its partials are ∂f/∂x = 6xy and ∂f/∂y = 3x².
    """
    return 3 * x**2 * y + 6


class PartialsExplorer(Explorer):
    """An explorer of the two partial derivatives of f(x, y) at a point you drag.

    A contour map of f(x, y) with a draggable point, and the slices in x and in y.

    Press anywhere on the contour map and drag: the point follows the mouse.
    Dragging on a slice moves only that slice's variable. The sliders (arrow
    keys) move x and y one at a time, in steps of 0.1 (for wider ranges, the
    smallest of 0.2, 0.25, 0.5, 1, 2, ... that keeps the grid to 4000 points).
    The readout shows ``x, y, f = f(x, y), df/dx = ∂f/∂x, df/dy = ∂f/∂y``.

    Parameters
    ----------
    f : callable, default f(x, y) = 3x²y + 6
        A smooth function of two numbers, called as f(x, y); it must accept
        numpy arrays (it is computed on a grid once).
    point : (x, y)
        Where the point starts; inside the ranges (rounded to the sliders' steps).
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

    def __init__(
        self,
        f=lesson_surface,
        *,
        point=(1.0, 2.0),
        x_range=(-2.0, 2.0),
        y_range=(-3.0, 3.0),
        label=None,
    ):
        super().__init__()
        self.f = require_callable(f, "f")
        self.x_range = require_range(x_range, "x_range")
        self.y_range = require_range(y_range, "y_range")
        x, y = require_pair(point, "point")
        for value, (low, high), name in [(x, self.x_range, "x"), (y, self.y_range, "y")]:
            if not low <= value <= high:
                raise ValueError(f"point's {name} must lie inside {name}_range, but got {value}.")
        self.label = require_label(label) or _surface_label(f)

        step = map_step(self.x_range, self.y_range)
        x_control = slider("x", "x (arrow keys move it)", *self.x_range, step, x)
        y_control = slider("y", "y (arrow keys move it)", *self.y_range, step, y)
        xs, ys = x_control.values, y_control.values
        # f and its partials at every lattice point, row by row (y is the row).
        values = surface_on_grid(self.f, xs, ys)
        df_dx, df_dy = gradient_on_grid(self.f, *np.meshgrid(xs, ys))
        tables = [
            Table(("y", "x"), {"f": values, "df_dx": df_dx, "df_dy": df_dy}),
        ]

        figure = new_figure((9.4, 4.3))
        axes = figure.subplot_mosaic(
            [["map", "x_slice"], ["map", "y_slice"]], width_ratios=[1.15, 1]
        )
        self.ax, self.x_ax, self.y_ax = axes["map"], axes["x_slice"], axes["y_slice"]
        surface = surface_on_grid(
            self.f, np.linspace(*self.x_range, MAP_POINTS), np.linspace(*self.y_range, MAP_POINTS)
        )
        # The slices' heights: everything f reaches on the map and on the lattice.
        self.f_limits = padded_limits(np.concatenate([surface.ravel(), values.ravel()]))
        layers = self._draw_map(surface)
        layers += self._draw_slice(self.x_ax, X_SLICE, "--", "x", "df_dx", self.x_range)
        layers += self._draw_slice(self.y_ax, Y_SLICE, "-.", "y", "df_dy", self.y_range)

        self.assemble(
            figure,
            controls=[x_control, y_control],
            tables=tables,
            layers=layers,
            readout=[
                Number("x", "x", strong=True),
                Number("y", "y", strong=True),
                Number("f", "f"),
                Number("df/dx", "df_dx", strong=True),
                Number("df/dy", "df_dy", strong=True),
            ],
            drags=[
                Drag(self.ax, x="x", y="y"),  # first: the arrow keys on the figure move it
                Drag(self.x_ax, x="x"),  # a slice moves only its own variable
                Drag(self.y_ax, x="y"),
            ],
            description=f"A contour map of f = {self.label} with a point (x, y), and the "
            "slices of f through that point in x and in y with their tangent lines.",
        )

    def _draw_map(self, surface):
        """The contour map (still), and the point with its two guide lines (moving)."""
        ax = self.ax
        xs, ys = np.linspace(*self.x_range, MAP_POINTS), np.linspace(*self.y_range, MAP_POINTS)
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
        (x_guide,) = ax.plot([], [], "--", color=X_SLICE, label="y held: x moves")
        (y_guide,) = ax.plot([], [], "-.", color=Y_SLICE, label="x held: y moves")
        (point,) = ax.plot([], [], "o", color=POINT, zorder=3)
        ax.set(xlim=self.x_range, ylim=self.y_range, xlabel="x", ylabel="y")
        ax.locator_params(nbins=5)
        ax.set_title(f"f = {self.label} (darker = higher)")
        ax.grid(False)
        ax.legend(loc="upper center", fontsize=9)
        return [
            Guide(x_guide, at="y", vertical=False),  # along x, at the height y
            Guide(y_guide, at="x", vertical=True),
            Point(point, at=("x", "y")),
        ]

    def _draw_slice(self, ax, color, style, variable, slope, limits):
        """The slice of f along ``variable`` through the point, its tangent there
        (a quarter of the range on each side) and the point."""
        (curve,) = ax.plot([], [], style, color=color)
        (tangent,) = ax.plot([], [], ":", color=TANGENT, linewidth=2.5)
        (point,) = ax.plot([], [], "o", color=POINT, zorder=3)
        ax.set(xlim=limits, ylim=self.f_limits, xlabel=variable, ylabel="f")
        ax.locator_params(nbins=4)
        held = "y" if variable == "x" else "x"
        ax.set_title(f"{held} held constant: slope = ∂f/∂{variable}", fontsize=11)
        half = (limits[1] - limits[0]) / 4
        return [
            Slice(curve, along=variable, value="f"),
            Tangent(tangent, at=(variable, "f"), slope=slope, half=half),
            Point(point, at=(variable, "f")),
        ]

    x = Column("x", "The point's x (on the lattice: steps of 0.1 for the default ranges).")
    y = Column("y")
    value = Column("f", "f(x, y) at the point.")
    df_dx = Column("df_dx", "∂f/∂x at the point: the slope of x ↦ f(x, y), y held.")
    df_dy = Column("df_dy", "∂f/∂y at the point: the slope of y ↦ f(x, y), x held.")

    def move_to(self, x, y):
        """Move the point to the lattice point nearest (x, y), kept inside the ranges."""
        self.move_near(x=x, y=y)

    def summary(self):
        return (
            f"Partials explorer on f = {self.label}: x = {self.shown('x')}, "
            f"y = {self.shown('y')}, f = {self.shown('f')}, df/dx = {self.shown('df_dx')}, "
            f"df/dy = {self.shown('df_dy')}"
        )


def _surface_label(f):
    if f is lesson_surface:
        return "3x²y + 6"
    name = getattr(f, "__name__", "f")
    return "f(x, y)" if name == "<lambda>" else f"{name}(x, y)"


#: The same explorer by its lower-case name, as the notebooks call it.
partials_explorer = PartialsExplorer
