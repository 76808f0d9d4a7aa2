"""The momentum explorer: gradient descent with momentum and noise on a ravine.

On f(x₁, x₂) = 0.1·x₁² + 2·x₂² (``helpers.momentum.ravine``), each step is

    v ← β·v + ∇f(w) + noise,    w ← w − η·v

from (−5, 1.5), for 100 steps. Left: the contour map with the path. Right: the loss
after each step, on a log scale. The learning-rate slider is marked at the limits of a
quadratic of curvature L = 4: 2/L for plain descent, (2 + 2β)/L with momentum β.

The summary numbers (final loss, what the run did) are computed for every position
of one slider while the other two are held, and the whole path for every learning rate
(β and σ held), so the learning-rate slider moves the path with no wait; after β or σ
moves, the kernel computes the paths again, and so does the page itself (the recipe
"momentum_on_ravine": the same steps, with the noise Python drew from the seed), so
with no kernel every setting still shows.
"""

import numpy as np

from ..descent import DIVERGENCE_LIMIT
from ..momentum import RAVINE_CURVATURES, RAVINE_START, ravine, ravine_descent, stability_limits
from ..style import CURVE, PATH, POINT
from ..validation import require_between
from .controls import Counter, slider
from .figure import legend_outside, new_figure
from .layers import Point, Slice
from .tables import Table
from .widget import Column, Explorer, Number, Words

__all__ = ["momentum_explorer"]

VIEW = ((-5.5, 1.5), (-2.0, 2.0))
STEPS = 100
SETTINGS = ("learning_rate", "momentum", "noise")
SEED = 0  # of the noise: every run draws the same ξ, so only the settings differ


class MomentumExplorer(Explorer):
    """An explorer of gradient descent with momentum and gradient noise on a ravine.

    The ravine's contour map with a descent path, and its loss against the steps.

    Sliders: the learning rate η (0.01 to 1, marked at 2/L and (2 + 2β)/L), the
    momentum β (0 to 0.95) and the gradient noise σ (0 to 2). Each step is
    v ← β·v + ∇f + noise, w ← w − η·v (``helpers.momentum.ravine_descent``).

    Parameters
    ----------
    learning_rate : float in [0.01, 1]
        η, where the slider starts (on its steps of 0.01).
    momentum : float in [0, 0.95]
        β, where the slider starts (steps of 0.05); 0 is plain gradient descent.
    noise : float in [0, 2]
        σ, the size of the noise added to each gradient (steps of 0.25).

    Examples
    --------
    At η = 0.6, past 2/L = 0.5, plain descent diverges; momentum β = 0.5 converges:

    >>> explorer = momentum_explorer(learning_rate=0.6)
    >>> explorer.status
    'diverged'
    >>> explorer.set_momentum(0.5)
    >>> explorer.status
    'converged'
    """

    answers_while_moving = False  # a table of checks or runs per move: at the end

    def __init__(self, learning_rate=0.45, *, momentum=0.0, noise=0.0):
        super().__init__()
        limit, _ = stability_limits(0.0)
        self.controls_by_name = {
            "learning_rate": slider(
                "learning_rate", "learning rate η", 0.01, 1.0, 0.01,
                require_between(learning_rate, "learning_rate", 0.01, 1.0),
                marks=[("2/L", limit), ("(2+2β)/L", "momentum_limit")],
            ),
            "momentum": slider(
                "momentum", "momentum β", 0.0, 0.95, 0.05,
                require_between(momentum, "momentum", 0, 0.95),
            ),
            "noise": slider("noise", "gradient noise σ", 0.0, 2.0, 0.25,
                            require_between(noise, "noise", 0.0, 2.0)),
        }  # fmt: skip
        self._cache, self._paths, self._summaries = {}, {}, {}
        step = Counter("step", STEPS)  # no buttons: the paths are slices along it
        start = {name: control.index for name, control in self.controls_by_name.items()}
        betas = self.controls_by_name["momentum"].values
        limits = Table(("momentum",), {"momentum_limit": [stability_limits(b)[1] for b in betas]})
        fixed = [limits, self._paths_table(start), *(self._summary(n, start) for n in SETTINGS)]

        figure = new_figure((10.0, 4.2))
        ax, loss_ax = figure.subplots(1, 2, width_ratios=[1.5, 1])
        xs, ys = np.meshgrid(np.linspace(*VIEW[0], 241), np.linspace(*VIEW[1], 121))
        ax.contour(xs, ys, ravine(np.array([xs, ys])), levels=(0.5 * np.arange(1, 10)) ** 2,
                   colors=CURVE, linewidths=0.7, alpha=0.8)  # fmt: skip
        (path,) = ax.plot([], [], "-o", color=PATH, markersize=3, linewidth=1.3, label="path")
        ax.plot(*RAVINE_START, "s", color=POINT, markersize=8, label="start")
        ax.plot(0, 0, "+", color=POINT, markersize=14, markeredgewidth=2, label="minimum")
        (final,) = ax.plot([], [], "*", color=POINT, markersize=13, label="after 100 steps")
        ax.set(xlim=VIEW[0], ylim=VIEW[1], aspect="equal", xlabel="x1", ylabel="x2")
        ax.set_title("f = 0.1·x1² + 2·x2²: a ravine")
        ax.grid(False)
        legend_outside(figure, ax)
        (losses,) = loss_ax.plot([], [], color=PATH, linewidth=1.6)
        loss_ax.set_yscale("log")
        loss_ax.set(xlim=(0, STEPS), ylim=(1e-10, 1e4), xlabel="step", ylabel="loss (log scale)")
        loss_ax.set_title("the loss after each step")

        self.assemble(
            figure,
            controls=[*self.controls_by_name.values(), step],
            tables=fixed,
            layers=[
                Slice(path, "step", "path_y", x="path_x", fade_while_pending=True),
                Point(final, at=("final_x", "final_y")),
                Slice(losses, "step", "losses", fade_while_pending=True),
            ],
            readout=[
                Number("learning rate", control="learning_rate", strong=True),
                Number("momentum", control="momentum", strong=True),
                Number("noise", control="noise"),
                Number("(2 + 2β)/L", "momentum_limit"),
                Number("final loss", "final_loss", format=".2e", strong=True),
                Words("status", strong=True),
            ],
            description="The ravine's contour map with the path of 100 steps of gradient "
            "descent with momentum, and the loss after each step on a log scale.",
            recipe={
                "kind": "momentum_on_ravine",
                "curvatures": RAVINE_CURVATURES.tolist(),
                "start": list(RAVINE_START),
                "steps": STEPS,
                "limit": DIVERGENCE_LIMIT,
                # ravine_descent's noise ξ: two standard normal draws per step.
                "draws": np.random.default_rng(SEED).standard_normal(2 * STEPS).tolist(),
            },
        )

    # --- the numbers --------------------------------------------------------------

    def _run(self, position):
        """The run at these positions of the three sliders (computed once each)."""
        key = tuple(position[name] for name in SETTINGS)
        if key not in self._cache:
            values = {name: self.controls_by_name[name].values[position[name]] for name in SETTINGS}
            self._cache[key] = ravine_descent(
                values["learning_rate"],
                momentum=values["momentum"],
                noise=values["noise"],
                seed=SEED,
                steps=STEPS,
            )
        return self._cache[key]

    def _paths_table(self, position):
        """Every learning rate's path (β and σ held here): x1, x2 and the loss after each
        step; a run that blew up has no points past its last (nan: nothing is drawn)."""
        held = {"momentum": position["momentum"], "noise": position["noise"]}
        key = tuple(held.values())
        if key not in self._paths:
            rates = range(len(self.controls_by_name["learning_rate"].values))
            runs = [self._run({**held, "learning_rate": rate}) for rate in rates]
            padded = [_padded(run, STEPS + 1) for run in runs]
            columns = {
                "path_x": [points[:, 0] for points, _ in padded],
                "path_y": [points[:, 1] for points, _ in padded],
                "losses": [values for _, values in padded],
            }
            table = Table(("learning_rate", "step"), columns, at=held, drawn=set(columns))
            start = next(iter(self._paths.items()), None)  # keep the starting paths, and one more
            self._paths = dict([start] if start else []) | {key: table}
        return self._paths[key]

    def _summary(self, moving, position):
        """Final loss and status at every position of slider ``moving``, the others held."""
        held = {name: position[name] for name in SETTINGS if name != moving}
        key = (moving, *held.values())
        if key not in self._summaries:
            self._summaries[key] = self._summary_table(moving, held)
        return self._summaries[key]

    def _summary_table(self, moving, held):
        positions = [{**held, moving: i} for i in range(len(self.controls_by_name[moving].values))]
        runs = [self._run(at) for at in positions]
        noises = [self.controls_by_name["noise"].values[at["noise"]] for at in positions]
        return Table(
            (moving,),
            {
                "final_loss": [run.values[-1] for run in runs],
                "status": [_status(run, noise) for run, noise in zip(runs, noises)],
                "final_x": [run.points[-1, 0] for run in runs],
                "final_y": [run.points[-1, 1] for run in runs],
            },
            at=held,
            drawn={"final_x", "final_y"},
        )

    def answers_for(self, position):
        """The paths at these β and σ, and the summaries along each slider from here,
        where the tables computed at the beginning do not hold them."""
        wanted = [self._paths_table(position), *(self._summary(n, position) for n in SETTINGS)]
        fixed = {id(table) for table in self._tables.fixed}
        return [table for table in wanted if id(table) not in fixed]

    # --- what the learner (or a test) can call ---------------------------------------

    def set_learning_rate(self, learning_rate):
        self.move_near(learning_rate=require_between(learning_rate, "learning_rate", 0.01, 1.0))

    def set_momentum(self, momentum):
        self.move_near(momentum=require_between(momentum, "momentum", 0.0, 0.95))

    def set_noise(self, noise):
        self.move_near(noise=require_between(noise, "noise", 0.0, 2.0))

    @property
    def path(self):
        """The DescentPath of the current setting."""
        return self._run(self.position)

    final_loss = Column("final_loss")
    status = Column("status")

    def summary(self):
        values = ", ".join(
            f"{name.replace('_', ' ')} = {self.controls_by_name[name].labels[self.position[name]]}"
            for name in SETTINGS
        )
        return (
            f"Momentum explorer on the ravine: {values}, "
            f"final loss = {self.shown('final_loss', '.2e')}, {self.status}"
        )


def _padded(run, length):
    """A run's points and values, nan past its last step (a run that blew up)."""
    points = np.full((length, 2), np.nan)
    values = np.full(length, np.nan)
    points[: len(run.points)], values[: len(run.values)] = run.points, run.values
    return points, values


def _status(run, noise):
    """What 100 steps did: diverged, converged, jiggling at the noise's floor, or crawling."""
    if run.diverged or run.values[-1] > run.values[0]:
        return "diverged"
    if run.values[-1] < 1e-6:
        return "converged"
    return "held up by the noise" if noise > 0 else "still crawling"


#: The same explorer by its lower-case name, as the notebooks call it.
momentum_explorer = MomentumExplorer
