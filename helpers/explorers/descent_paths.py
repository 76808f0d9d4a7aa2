"""The descent path explorer: the whole path of gradient descent on a contour map.

From the start point, ``helpers.gradient_descent`` takes up to 150 steps of

    (x, y) ← (x, y) − learning_rate · ∇f(x, y)

and the map shows every point it visits. Move the start or the learning rate and
the kernel recomputes the path (150 steps with the exact gradient: cheap). No table
could hold a path for every start and rate, so the page also runs the same steps
itself, from each surface's two coefficients (the recipe "quadratic_descent"): with
no kernel (a notebook exported to HTML, the course website) every path still shows.

Two surfaces to compare:

- the round bowl   f = x² + y²:   every slope points at the centre, the path is straight;
- the narrow valley f = x² + 25y²: the walls are 25 times steeper than the floor,
  so the gradient points mostly across the valley and the path zig-zags.
"""

from dataclasses import dataclass

import numpy as np

from ..descent import DIVERGENCE_LIMIT, gradient_descent
from ..style import CURVE, PATH, POINT
from ..validation import require_count, require_finite_number, require_pair
from .controls import Choice, slider
from .figure import legend_outside, new_figure
from .layers import Path, Point
from .tables import Table
from .widget import Column, Drag, Explorer, Number, Words

__all__ = ["descent_path_explorer"]

X_VIEW = (-3.0, 3.0)
Y_VIEW = (-1.5, 1.5)
START_STEP = 0.01
MOST_RINGS = 12  # contour lines per map: enough to read the shape, cheap to draw
#: The explorer's maps are pictures in its saved state, where each ring costs ~5 KB.
EXPLORER_RINGS = 10
TOLERANCE = 1e-4  # a run has converged once a step moves less than this (relative)


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
    coefficients: tuple  # (a, b) of f = a·x² + b·y²: what the page computes paths from


SURFACES = {
    "round bowl": Surface(
        round_bowl, round_bowl_gradient, "x² + y²", 0.1, (0.01, 1.1, 0.01), (1.0, 1.0)
    ),  # limit 2/L = 2/2 = 1
    "narrow valley": Surface(
        narrow_valley,
        narrow_valley_gradient,
        "x² + 25y²",
        0.035,
        (0.001, 0.044, 0.001),
        (1.0, 25.0),
    ),  # limit 2/L = 2/50 = 0.04
}
NAMES = list(SURFACES)


def contour_grid(f, rings=MOST_RINGS):
    """A grid over the map, f on it, and contour levels f = (spacing·k)², k = 1, 2, ...

    Levels at squares make the rings of a quadratic evenly spaced along the floor.
    """
    xs, ys = np.meshgrid(np.linspace(*X_VIEW, 161), np.linspace(*Y_VIEW, 81))
    values = f(np.array([xs, ys]))
    spacing = max(0.5, np.sqrt(values.max()) / rings)
    levels = (spacing * np.arange(1, rings + 1)) ** 2
    return xs, ys, values, levels[levels < values.max()]


def rate_control(k):
    """The name of surface number k's learning-rate slider."""
    return f"learning_rate_{k}"


class DescentPathExplorer(Explorer):
    """An explorer of gradient descent paths on a round bowl or a narrow valley.

    A contour map of f(x, y) with the path of gradient descent from a draggable start.

    Press anywhere on the map (and drag) to move the start; the path of up to
    ``steps`` steps of  (x, y) ← (x, y) − learning_rate · ∇f(x, y)  follows. The page
    computes it as the kernel does, so it follows with no kernel running too.

    Parameters
    ----------
    f : "round bowl" or "narrow valley"
        The surface: x² + y², or x² + 25y². The drop-down list switches it.
    start : (x, y)
        Where the path begins, inside the map (−3 ≤ x ≤ 3, −1.5 ≤ y ≤ 1.5), rounded to
        the sliders' steps of 0.01.
    learning_rate : float, optional
        By default 0.1 on the bowl and 0.035 on the valley. Each surface has its own
        slider: from 0.01 to 1.1 on the bowl and from 0.001 to 0.044 on the valley
        (just past the largest stable rate, 1 and 0.04).
    steps : int
        The most steps to take; the run stops earlier once the steps are negligible
        (smaller than 1e-4·(1 + |(x, y)|)).

    The readout ends with what the run did: converged, diverged (blew up and
    stopped), diverging (f grew), bouncing (f stayed the same) or still moving
    (f fell, but the steps ran out).

    Examples
    --------
    On the round bowl, learning rate 0.5 = 1/L lands on the minimum in one step
    (the step after it moves nothing, so the run stops there and it is not counted):

    >>> explorer = descent_path_explorer("round bowl", start=(2.0, 1.0), learning_rate=0.5)
    >>> for part in explorer.summary().split(": "):
    ...     print(part)
    Descent path explorer on f(x, y) = x² + y²
    start = (2.00, 1.00), learning rate = 0.500, steps = 1, final f = 0.00, converged
    """

    def __init__(self, f="narrow valley", *, start=(-2.5, 1.0), learning_rate=None, steps=150):
        super().__init__()
        chosen = NAMES.index(_require_surface(f))
        surface = SURFACES[f]
        start = require_pair(start, "start")
        for value, view, name in ((start[0], X_VIEW, "start x"), (start[1], Y_VIEW, "start y")):
            if not view[0] <= value <= view[1]:
                raise ValueError(f"{name} must lie inside {view}, but got {value}.")
        if learning_rate is None:
            learning_rate = surface.default_rate
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        low, high, _ = surface.rates
        if not low <= learning_rate <= high:
            raise ValueError(
                f"learning_rate must lie between {low} and {high} for the {f}, "
                f"but got {learning_rate}."
            )
        self.max_steps = require_count(steps, "steps")

        rates = []
        for k, known in enumerate(SURFACES.values()):
            value = learning_rate if k == chosen else known.default_rate
            rates.append(
                slider(
                    rate_control(k),
                    "learning rate (arrow keys change it)",
                    *known.rates,
                    value,
                    format=".3f",
                    shown_when={"function": k},
                )
            )
        start_x = slider("start_x", "start x (arrow keys move it)", *X_VIEW, START_STEP, start[0])
        start_y = slider("start_y", "start y (arrow keys move it)", *Y_VIEW, START_STEP, start[1])
        # The chosen surface's slider first: the first slider on the page is the one shown.
        in_order = [rates[chosen]] + [rate for k, rate in enumerate(rates) if k != chosen]
        controls = [Choice("function", "function", NAMES, chosen), *in_order, start_x, start_y]
        self._lattices = {control.name: control.values for control in controls}
        self._runs = {}  # position key -> (DescentPath, Table): the fixed ones, the last answer
        fixed = []
        for k in range(len(SURFACES)):
            key = (k, rates[k].index, start_x.index, start_y.index)
            fixed.append(self._run_table(key))
        self._fixed_keys = set(self._runs)

        figure = new_figure((8.0, 4.6))
        self.ax = ax = figure.subplots()
        self.contours = None
        (path_line,) = ax.plot(
            [], [], "-o", color=PATH, markersize=4, linewidth=1.5, label="path", zorder=3
        )
        (start_point,) = ax.plot([], [], "s", color=POINT, label="start", zorder=4)
        (final_point,) = ax.plot(
            [], [], "*", color=POINT, markersize=14, label="final point", zorder=4
        )
        ax.plot([0], [0], "+", color=CURVE, markersize=14, label="minimum (0, 0)")
        ax.set(xlim=X_VIEW, ylim=Y_VIEW, xlabel="x", ylabel="y", aspect="equal")
        legend_outside(figure, ax)
        self.draw_background(chosen)  # the title in place before the layout is frozen

        self.assemble(
            figure,
            controls=controls,
            tables=fixed,
            layers=[
                Path(path_line, x="path_x", y="path_y", fade_while_pending=True),
                Point(start_point, at=("start_x", "start_y")),
                Point(final_point, at=("final_x", "final_y"), fade_while_pending=True),
            ],
            readout=[
                Number("start x", control="start_x"),
                Number("start y", control="start_y"),
                *(
                    Number(
                        "learning rate", control=rate.name, strong=True, shown_when={"function": k}
                    )
                    for k, rate in enumerate(rates)
                ),
                Number("steps", "steps", format=".0f"),
                Number("final f", "final_f", large=".2e"),
                Words("status", strong=True),
            ],
            drags=[Drag(ax, x="start_x", y="start_y")],
            description="A contour map of f(x, y) with the path of gradient descent from a "
            "start point (a square) to its final point (a star).",
            background_by="function",
            recipe={
                "kind": "quadratic_descent",
                "choice": "function",
                "rate_controls": [rate_control(k) for k in range(len(SURFACES))],
                "coefficients": [list(surface.coefficients) for surface in SURFACES.values()],
                "steps": self.max_steps,
                "tolerance": TOLERANCE,
                "limit": DIVERGENCE_LIMIT,
            },
        )

    def draw_background(self, option):
        """Contours and title of surface number ``option``."""
        surface = SURFACES[NAMES[option]]
        if self.contours is not None:
            self.contours.remove()
        xs, ys, values, levels = contour_grid(surface.f, EXPLORER_RINGS)
        self.contours = self.ax.contour(
            xs, ys, values, levels=levels, colors=CURVE, linewidths=0.8, alpha=0.6
        )
        self.ax.set_title(f"Gradient descent on f(x, y) = {surface.label}")

    # --- the path: computed by the kernel for each start, rate and surface -------------

    def _key(self, position):
        k = position["function"]
        return (k, position[rate_control(k)], position["start_x"], position["start_y"])

    def _run_table(self, key):
        """Run gradient descent for ``key`` = (surface, rate, start x, start y) positions."""
        k, rate, x, y = key
        surface = SURFACES[NAMES[k]]
        lattices = self._lattices
        start = [lattices["start_x"][x], lattices["start_y"][y]]
        run = gradient_descent(
            surface.f,
            start,
            learning_rate=lattices[rate_control(k)][rate],
            steps=self.max_steps,
            tolerance=TOLERANCE,
            slope=surface.gradient,
        )
        final = run.final
        table = Table(
            (),
            {
                "path_x": run.points[:, 0],
                "path_y": run.points[:, 1],
                "steps": steps_to_rest(run),
                "final_f": run.values[-1],
                "final_x": final[0],
                "final_y": final[1],
                "status": _status(run),
            },
            at={"function": k, rate_control(k): rate, "start_x": x, "start_y": y},
        )
        self._runs[key] = (run, table)
        return table

    def answers_for(self, position):
        """The path from the current start, unless a table computed at the beginning
        holds it."""
        key = self._key(position)
        if key in self._fixed_keys:
            return []
        if key not in self._runs:
            for old in set(self._runs) - self._fixed_keys:
                del self._runs[old]  # keep only the newest answer
            self._run_table(key)
        return [self._runs[key][1]]

    # --- what the learner (or a test) can read and call --------------------------------

    @property
    def surface(self):
        """The Surface being descended (its f, gradient, label and rates)."""
        return SURFACES[self.control_value("function")]

    @property
    def learning_rate(self):
        """The learning rate of the chosen surface's slider."""
        return self.control_value(rate_control(self.index("function")))

    @property
    def start(self):
        """Where the path starts, (x, y) on the lattice of 0.01 steps."""
        return self.control_value("start_x"), self.control_value("start_y")

    @property
    def path(self):
        """The DescentPath from the current start (points, values, converged, diverged)."""
        key = self._key(self.position)
        if key not in self._runs:
            self.answers_for(self.position)
        return self._runs[key][0]

    status = Column(
        "status", "What the run did: converged, diverged, diverging, bouncing or still moving."
    )

    def move_start(self, x, y):
        """Put the start at (x, y), as the sliders or a press on the map would (kept
        inside the map, rounded to steps of 0.01)."""
        x, y = require_finite_number(x, "x"), require_finite_number(y, "y")
        self.move(start_x=self.nearest("start_x", x), start_y=self.nearest("start_y", y))

    def set_learning_rate(self, learning_rate):
        """Set the learning rate, as the slider would (kept inside the slider's range)."""
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        name = rate_control(self.index("function"))
        self.move(**{name: self.nearest(name, learning_rate)})

    def set_function(self, name):
        """Switch to "round bowl" or "narrow valley", as the drop-down list would. Each
        surface keeps its own learning-rate slider."""
        self.move(function=NAMES.index(_require_surface(name)))

    def summary(self):
        x, y = self.start
        return (
            f"Descent path explorer on f(x, y) = {self.surface.label}: "
            f"start = ({x:.2f}, {y:.2f}), "
            f"learning rate = {self.learning_rate:.3f}, steps = {self.shown('steps', '.0f')}, "
            f"final f = {self.shown('final_f', large='.2e')}, {self.status or '…'}"
        )


def steps_to_rest(path):
    """The steps the run took to come to rest: a converged run's last step moved less than
    the tolerance (it only showed that the point had stopped), so it is not counted. On
    the round bowl at learning rate 1/L = 0.5 that is 1: one step lands on the minimum."""
    return path.steps - 1 if path.converged else path.steps


def _require_surface(name):
    if not isinstance(name, str):
        raise TypeError(f"f must be a surface's name, like 'round bowl', but got {name!r:.60}.")
    if name not in SURFACES:
        choices = " or ".join(repr(key) for key in SURFACES)
        raise ValueError(f"f must be {choices}, but got {name!r}.")
    return name


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


#: The same explorer by its lower-case name, as the notebooks call it.
descent_path_explorer = DescentPathExplorer
