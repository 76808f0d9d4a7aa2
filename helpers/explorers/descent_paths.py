"""The descent path explorer: the whole path of gradient descent on a contour map.

From the start point, ``helpers.gradient_descent`` takes up to 150 steps of

    (x, y) ← (x, y) − learning_rate · ∇f(x, y)

and the map shows every point it visits. Move the start or the learning rate
and the path is recomputed at once (150 steps with the exact gradient: cheap).

Two surfaces to compare:

- the round bowl   f = x² + y²:   every slope points at the centre, the path is straight;
- the narrow valley f = x² + 25y²: the walls are 25 times steeper than the floor,
  so the gradient points mostly across the valley and the path zig-zags.
"""

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from ..descent import gradient_descent
from ..style import CURVE, PATH, POINT
from ..validation import require_count, require_finite_number, require_pair
from .base import Explorer, clip, slider

__all__ = ["descent_path_explorer"]

X_VIEW = (-3.0, 3.0)
Y_VIEW = (-1.5, 1.5)
MOST_RINGS = 12  # contour lines per map: enough to read the shape, cheap to draw


def round_bowl(w):
    """f(x, y) = x² + y²: curvature 2 in every direction."""
    x, y = w
    return x**2 + y**2


def round_bowl_gradient(w):
    """∇f = (2x, 2y) for the round bowl."""
    return 2 * np.asarray(w)


def narrow_valley(w):
    """f(x, y) = x² + 25y²: curvature 2 along x, 50 across the valley (along y)."""
    x, y = w
    return x**2 + 25 * y**2


def narrow_valley_gradient(w):
    """∇f = (2x, 50y) for the narrow valley."""
    x, y = w
    return np.array([2 * x, 50 * y])


@dataclass(frozen=True)
class Surface:
    """A function to descend, how it is written, and its learning-rate slider."""

    f: object
    gradient: object  # ∇f, exact, so that 150 steps stay cheap
    label: str
    default_rate: float
    rates: tuple  # (smallest, largest, slider step)


SURFACES = {
    "round bowl": Surface(
        round_bowl, round_bowl_gradient, "x² + y²", 0.1, (0.01, 1.1, 0.01)
    ),  # limit 2/L = 2/2 = 1
    "narrow valley": Surface(
        narrow_valley, narrow_valley_gradient, "x² + 25y²", 0.035, (0.001, 0.044, 0.001)
    ),  # limit 2/L = 2/50 = 0.04
}


def contour_grid(f, rings=MOST_RINGS):
    """A grid over the map, f on it, and contour levels f = (spacing·k)², k = 1, 2, ...

    Levels at squares make the rings of a quadratic evenly spaced along the floor.
    """
    xs, ys = np.meshgrid(np.linspace(*X_VIEW, 161), np.linspace(*Y_VIEW, 81))
    values = f(np.array([xs, ys]))
    spacing = max(0.5, np.sqrt(values.max()) / rings)
    levels = (spacing * np.arange(1, rings + 1)) ** 2
    return xs, ys, values, levels[levels < values.max()]


class DescentPathExplorer(Explorer):
    """A contour map of f(x, y) with the path of gradient descent from a draggable start."""

    def __init__(self, f="narrow valley", start=(-2.5, 1.0), learning_rate=None, steps=150):
        self.surface = SURFACES[_require_surface(f)]
        start = require_pair(start, "start")
        for value, view, name in ((start[0], X_VIEW, "start x"), (start[1], Y_VIEW, "start y")):
            if not view[0] <= value <= view[1]:
                raise ValueError(f"{name} must lie inside {view}, but got {value}.")
        if learning_rate is None:
            learning_rate = self.surface.default_rate
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        low, high, _ = self.surface.rates
        if not low <= learning_rate <= high:
            raise ValueError(
                f"learning_rate must lie between {low} and {high} for the {f}, "
                f"but got {learning_rate}."
            )
        self.max_steps = require_count(steps, "steps")
        super().__init__(figsize=(8.0, 4.6))

        ax = self.ax = self.fig.subplots()
        self.contours = None
        (self.path_line,) = ax.plot(
            [], [], "-o", color=PATH, markersize=4, linewidth=1.5, label="path", zorder=3
        )
        (self.start_point,) = ax.plot([], [], "s", color=POINT, label="start", zorder=4)
        (self.final_point,) = ax.plot(
            [], [], "*", color=POINT, markersize=14, label="final point", zorder=4
        )
        ax.plot([0], [0], "+", color=CURVE, markersize=14, label="minimum (0, 0)")
        ax.set(xlim=X_VIEW, ylim=Y_VIEW, xlabel="x", ylabel="y", aspect="equal")
        ax.legend(loc="upper right", fontsize=9)
        self._draw_contours()
        self.drag(ax, lambda x, y: self.move_start(clip(x, *X_VIEW), clip(y, *Y_VIEW)))

        self._holding = False  # True while several controls change at once
        self.rate_slider = slider(
            "learning rate (arrow keys change it)",
            learning_rate,
            low,
            high,
            step=self.surface.rates[2],
            readout_format=".3f",
        )
        self.x_slider = slider("start x (arrow keys move it)", start[0], *X_VIEW)
        self.y_slider = slider("start y (arrow keys move it)", start[1], *Y_VIEW)
        for control in (self.rate_slider, self.x_slider, self.y_slider):
            control.observe(self._on_change, names="value")
        self.choice = widgets.ToggleButtons(
            options=list(SURFACES), value=_name_of(self.surface), description="function"
        )
        self.choice.observe(lambda change: self._switch(change["new"]), names="value")
        self._update(redraw=False)
        self.moving(self.path_line, self.start_point, self.final_point)
        self._assemble([self.choice, self.rate_slider, self.x_slider, self.y_slider])

    def _draw_contours(self):
        """Contours of the current surface, computed once per choice of surface."""
        if self.contours is not None:
            self.contours.remove()
        xs, ys, values, levels = contour_grid(self.surface.f)
        self.contours = self.ax.contour(
            xs, ys, values, levels=levels, colors=CURVE, linewidths=0.8, alpha=0.6
        )
        self.ax.set_title(f"Gradient descent on f(x, y) = {self.surface.label}")

    def move_start(self, x, y):
        """Put the start at (x, y), as the sliders or a press on the map would."""
        x, y = require_finite_number(x, "x"), require_finite_number(y, "y")
        self._holding = True
        try:
            self.x_slider.value = clip(x, *X_VIEW)
            self.y_slider.value = clip(y, *Y_VIEW)
        finally:
            self._holding = False
        self._update()

    def set_learning_rate(self, learning_rate):
        """Set the learning rate, as the slider would (kept inside the slider's range)."""
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        self.rate_slider.value = clip(learning_rate, self.rate_slider.min, self.rate_slider.max)

    def set_function(self, name):
        """Switch to "round bowl" or "narrow valley", as the toggle buttons would."""
        self.choice.value = _require_surface(name)

    def _switch(self, name):
        self.surface = SURFACES[name]
        self._draw_contours()
        low, high, step = self.surface.rates
        self._holding = True
        try:  # widen first, then narrow, so the slider never has min > max
            self.rate_slider.min = min(self.rate_slider.min, low)
            self.rate_slider.max = high
            self.rate_slider.min = low
            self.rate_slider.step = step
            self.rate_slider.value = self.surface.default_rate
        finally:
            self._holding = False
        self._update(redraw=False)
        self._redraw(everything=True)  # new contour lines, not just a new path

    def _on_change(self, change):
        if not self._holding:
            self._update()

    def _update(self, redraw=True):
        start = np.array([self.x_slider.value, self.y_slider.value])
        self.path = gradient_descent(
            self.surface.f,
            start,
            self.rate_slider.value,
            self.max_steps,
            tolerance=1e-4,
            slope=self.surface.gradient,
        )
        points = self.path.points
        self.path_line.set_data(points[:, 0], points[:, 1])
        self.start_point.set_data([start[0]], [start[1]])
        self.final_point.set_data([points[-1, 0]], [points[-1, 1]])
        self.status = _status(self.path)
        self.readout.value = " &nbsp;&nbsp; ".join(
            [
                f"start x = {start[0]:.2f}",
                f"start y = {start[1]:.2f}",
                f"<b>learning rate = {self.rate_slider.value:.3f}</b>",
                f"steps = {self.path.steps}",
                f"final f = {_fmt(self.path.values[-1])}",
                f"<b>{self.status}</b>",
            ]
        )
        if redraw:
            self._redraw()

    def summary(self):
        start = self.path.points[0]
        return (
            f"Descent path explorer on f(x, y) = {self.surface.label}: "
            f"start = ({start[0]:.2f}, {start[1]:.2f}), "
            f"learning rate = {self.rate_slider.value:.3f}, steps = {self.path.steps}, "
            f"final f = {_fmt(self.path.values[-1])}, {self.status}"
        )


def _require_surface(name):
    if not isinstance(name, str):
        raise TypeError(f"f must be a surface's name, like 'round bowl', but got {name!r:.60}.")
    if name not in SURFACES:
        choices = " or ".join(repr(key) for key in SURFACES)
        raise ValueError(f"f must be {choices}, but got {name!r}.")
    return name


def _name_of(surface):
    return next(name for name, known in SURFACES.items() if known is surface)


def _status(path):
    """What the run did: converged, diverged (blew up), diverging (f grew), bouncing
    (f stayed the same: the learning rate sits right at the limit), or still moving
    (f fell, but the steps ran out before they became negligible)."""
    if path.converged:
        return "converged"
    if path.diverged:
        return "diverged"
    first, last = path.values[0], path.values[-1]
    if np.isclose(last, first, rtol=1e-6, atol=1e-12):
        return "bouncing"
    return "diverging" if last > first else "still moving"


def _fmt(value):
    """Two decimals, or scientific notation once the number is too big to read that way."""
    return f"{value:.2f}" if abs(value) < 1e6 else f"{value:.2e}"


def descent_path_explorer(f="narrow valley", start=(-2.5, 1.0), learning_rate=None, steps=150):
    """An explorer of gradient descent paths on a round bowl or a narrow valley.

    Press anywhere on the map (and drag) to move the start; the path of up to
    ``steps`` steps of  (x, y) ← (x, y) − learning_rate · ∇f(x, y)  is redrawn at once.

    Parameters
    ----------
    f : "round bowl" or "narrow valley"
        The surface: x² + y², or x² + 25y². The toggle buttons switch it.
    start : (x, y)
        Where the path begins, inside the map (−3 ≤ x ≤ 3, −1.5 ≤ y ≤ 1.5).
    learning_rate : float, optional
        By default 0.1 on the bowl and 0.035 on the valley. The slider runs from
        0.01 to 1.1 on the bowl and from 0.001 to 0.044 on the valley (just past
        the largest stable rate, 1 and 0.04).
    steps : int
        The most steps to take; the run stops earlier once the steps are negligible
        (smaller than 1e-4·(1 + |(x, y)|)).

    The readout ends with what the run did: converged, diverged (blew up and
    stopped), diverging (f grew), bouncing (f stayed the same) or still moving
    (f fell, but the steps ran out).

    Examples
    --------
    On the round bowl, learning rate 0.5 = 1/L lands on the minimum in one step
    (the second step is negligible, so the run stops there):

    >>> explorer = descent_path_explorer("round bowl", start=(2.0, 1.0), learning_rate=0.5)
    >>> for part in explorer.summary().split(": "):
    ...     print(part)
    Descent path explorer on f(x, y) = x² + y²
    start = (2.00, 1.00), learning rate = 0.500, steps = 2, final f = 0.00, converged
    """
    return DescentPathExplorer(f, start, learning_rate, steps)
