"""The descent explorer: gradient descent on a curve, one step per click.

Each click on "Step" applies the update rule once:

    slope = f'(x)                      (measured by ``helpers.derivative``)
    x     ← x − learning_rate · slope

The path of every point visited so far stays on the plot, so you can watch the
steps shrink (converge), jump from side to side (oscillate) or grow (diverge).

The path is a pure function of three controls: the start, the learning rate and
the number of steps. ``helpers.gradient_descent`` runs it from the start once for
every learning rate the slider reaches, up to MAX_STEPS steps, so changing the rate
redraws the whole path at once. A new start needs new runs: the kernel computes them
(``answers_for``), while the new start, its slope and its first step already show. For
y = x² or a numpy ``Polynomial`` the page computes them too (the recipe
"descent_on_polynomial"), so with no kernel every start still runs; a function of the
learner's own needs the kernel.
"""

import numpy as np

from ..derivatives import RELATIVE_STEP, derivative
from ..descent import DIVERGENCE_LIMIT
from ..style import CURVE, PATH, POINT, TANGENT
from ..validation import require_callable, require_count, require_finite_number, require_range
from .controls import Button, Counter, Slider, lattice, nearest, slider
from .curves import curve_on_grid, function_label, padded_limits, square, values_at
from .figure import legend_outside, new_figure
from .layers import Point, Slice, Tangent
from .tables import Table, shifted
from .widget import Column, Drag, Explorer, Number, Words

__all__ = ["descent_explorer"]

LARGEST_LEARNING_RATE = 1.2
SMALLEST_LEARNING_RATE = 0.01
#: The learning rates the slider reaches: 0.01 … 0.05 (slow), then every 0.05 to 1.2.
#: Every one of them has its whole run stored, so a notebook with two of these
#: explorers stays light; 2/L and 1/L of the course's curves (1, 0.5, 0.25, 0.2, …)
#: are all on it.
RATES = np.concatenate([lattice(0.01, 0.05, 0.01), lattice(0.1, LARGEST_LEARNING_RATE, 0.05)])
START_STEP = 0.01
WIDEST = 20.0  # x_range's widest: 2001 starts, each with its slope and first step
#: The most steps a run takes: every rate's run is stored for the browser, and this
#: keeps an explorer's saved state under 256 KB.
MAX_STEPS = 30
DIVERGED = "diverged: the steps blew up, so the run stopped"
STOPS_HERE = "diverged: the next step blows up, so the run stops here"
OFF_THE_PLOT = "(x is off the plot)"
TANGENT_HALF = 0.2  # the tangent runs this share of the plot's width to each side
NEXT_X = shifted("x", steps=1)  # where the next step lands: x one step on


def polynomial_coefficients(f):
    """f's coefficients, lowest power first, if f is y = x² or a numpy ``Polynomial`` of x
    itself (its domain and window the same), so the page can compute its runs; else None.

    >>> polynomial_coefficients(np.polynomial.Polynomial([0, 1, -3, 0, 1]))
    [0.0, 1.0, -3.0, 0.0, 1.0]
    """
    if f is square:
        return [0.0, 0.0, 1.0]  # x**2 is x·x, as Horner's rule computes 0 + (0 + 1·x)·x
    if isinstance(f, np.polynomial.Polynomial) and np.array_equal(f.domain, f.window):
        return [float(c) for c in f.coef]
    return None


def descend_together(f, x, rates, steps):
    """Many runs of gradient descent on a curve at once: run i starts at x[i] and steps
    with rates[i],  x ← x − rate · f'(x)  (``helpers.gradient_descent``'s rule, with the
    slopes of all the runs measured in one call of ``helpers.derivative``).

    Returns (x, f(x)) after 0, 1, …, steps steps, each of shape (steps + 1, runs), and
    each run's last step: a run whose next step blows up (|x| or |f| past 1e100, or f
    has no value there) stops, and stays where it is.
    """
    x = np.asarray(x, dtype=float).copy()
    rates = np.broadcast_to(np.asarray(rates, dtype=float), x.shape)
    value = values_at(f, x, "the starts")
    last = np.full(x.shape, steps)
    xs, values = [x.copy()], [value.copy()]
    for step in range(1, steps + 1):
        running = last == steps
        with np.errstate(over="ignore", invalid="ignore"):
            new = x - rates * derivative(f, x)
            new_value = np.where(np.abs(new) < DIVERGENCE_LIMIT, f(new), np.inf)
        blows_up = running & ~(np.abs(new_value) < DIVERGENCE_LIMIT)  # nan and inf too
        last[blows_up] = step - 1
        moving = running & ~blows_up
        x[moving], value[moving] = new[moving], new_value[moving]
        xs.append(x.copy())
        values.append(value.copy())
    return np.array(xs), np.array(values), last


def runs_from(f, start, rates, x_range):
    """The runs of gradient descent from ``start``, one per learning rate, as columns
    over (learning rate, steps 0 … MAX_STEPS + 1).

    A run that blows up stops at its last point; its status says so at that point
    (the next step blows up) and after it. A run that reaches a point where the step
    is exactly 0 stays there, as further steps would.
    """
    count = MAX_STEPS + 2  # one step past the last, so the last one has a next x too
    xs, values, last = descend_together(f, np.full(len(rates), start), rates, count - 1)
    x, value = xs.T, values.T  # one row per rate
    steps = np.arange(count)
    stopped = last < count - 1
    taken = np.where(stopped[:, None], np.minimum(steps, last[:, None]), steps)
    low, high = x_range
    status = []
    for run, at in enumerate(x):
        for step in steps:
            if stopped[run] and step >= last[run]:
                status.append(STOPS_HERE if step == last[run] else DIVERGED)
            else:
                status.append("" if low <= at[step] <= high else OFF_THE_PLOT)
    return {
        "x": x,
        "f": value,
        "slope": derivative(f, x),
        "taken": taken.astype(float),
        "status": status,
    }


def first_steps(f, starts, rate):
    """x and f(x) after one step of gradient descent at ``rate`` from every start."""
    xs, values, _ = descend_together(f, starts, rate, 1)
    return {"x": xs[-1], "f": values[-1]}


class DescentStepExplorer(Explorer):
    """An explorer of gradient descent on y = f(x), one step per click of "Step".

    It shows y = f(x), the path of gradient descent so far, the current point and its tangent.

    Each step is  x ← x − learning_rate · f'(x).  Click "Step" (or "Run 10 steps", up
    to 30 steps in all), change the learning rate with the slider (arrow keys work:
    the whole path is redrawn at the new rate), press on the plot (or use the start
    slider) to start again from there, or click "Reset" to go back to the start.

    Parameters
    ----------
    f : callable, default y = x²
        A smooth function that accepts numpy arrays.
    start : float
        Where the first point is; inside ``x_range`` (rounded to steps of 0.01).
    learning_rate : float
        Between 0.01 and 1.2 (rounded to the slider's steps of 0.01): how far each
        step goes, as a multiple of the slope.
    x_range : (low, high)
        The x values shown (and where a press may put the start).
    label : str, optional
        How f is written in the title, e.g. "x⁴ − 3x² + x".

    Examples
    --------
    One step from x = 2.5 on y = x² with learning rate 0.1: x = 2.5 − 0.1·2·2.5 = 2.

    >>> explorer = descent_explorer(start=2.5, learning_rate=0.1)
    >>> explorer.step()
    >>> for part in explorer.summary().split(", "):
    ...     print(part)
    Descent explorer on y = x²: step = 1
    x = 2.00
    f(x) = 4.00
    slope = 4.00
    learning rate = 0.100
    """

    def __init__(self, f=square, *, start=2.5, learning_rate=0.1, x_range=(-3.0, 3.0), label=None):
        super().__init__()
        self.f = require_callable(f, "f")
        self.low, self.high = require_range(x_range, "x_range", WIDEST)
        start = require_finite_number(start, "start")
        if not self.low <= start <= self.high:
            raise ValueError(f"start must lie inside x_range {x_range}, but got {start}.")
        learning_rate = require_finite_number(learning_rate, "learning_rate")
        if not SMALLEST_LEARNING_RATE <= learning_rate <= LARGEST_LEARNING_RATE:
            raise ValueError(
                f"learning_rate must lie between {SMALLEST_LEARNING_RATE} and "
                f"{LARGEST_LEARNING_RATE}, but got {learning_rate}."
            )
        self.label = function_label(f, label)

        rate_control = Slider(
            "learning_rate",
            "learning rate (arrow keys change it)",
            RATES,
            nearest(RATES, learning_rate),
            format=".3f",
            page=4,
        )
        start_control = slider(
            "start", "start (or press on the plot)", self.low, self.high, START_STEP, start
        )
        steps = Counter("steps", MAX_STEPS)
        self._rates, self._starts = rate_control.values, start_control.values
        starts = self._starts
        at_the_start = Table(
            ("start",),
            {"x": starts, "f": values_at(self.f, starts), "slope": derivative(self.f, starts)},
            at={"steps": 0},
        )
        nothing_yet = Table((), {"taken": 0.0, "status": ""}, at={"steps": 0})
        self._runs = {start_control.index: self._runs_table(start_control.index)}
        self._first = {rate_control.index: self._first_steps_table(rate_control.index)}

        figure = new_figure((7.5, 4.5))
        ax = figure.subplots()
        grid, curve = curve_on_grid(self.f, self.low, self.high)
        ax.plot(grid, curve, color=CURVE, label=f"y = {self.label}")
        (path_line,) = ax.plot(
            [], [], "-o", color=PATH, markersize=5, linewidth=1.5, label="path so far"
        )
        (tangent_line,) = ax.plot([], [], "--", color=TANGENT, label="tangent at x")
        (next_point,) = ax.plot(
            [], [], "o", markerfacecolor="white", color=PATH, label="next step lands here"
        )
        (point,) = ax.plot([], [], "o", color=POINT, label="current x", zorder=3)
        ax.set(xlim=(self.low, self.high), ylim=padded_limits(curve), xlabel="x", ylabel="y")
        ax.set_title(f"Gradient descent on y = {self.label}")
        legend_outside(figure, ax)

        width = self.high - self.low
        self.assemble(
            figure,
            controls=[
                rate_control,
                start_control,
                steps,
                Button("Step", "steps", add=1, tooltip="one step downhill"),
                Button("Run 10 steps", "steps", add=10),
                Button("Reset", "steps", set_to=0, tooltip="back to the start"),
            ],
            tables=[
                at_the_start,
                nothing_yet,
                self._runs[start_control.index],
                self._first[rate_control.index],
            ],
            layers=[
                Slice(path_line, along="steps", value="f", x="x", upto_current=True),
                Tangent(tangent_line, at=("x", "f"), slope="slope", half=TANGENT_HALF * width),
                Point(next_point, at=(NEXT_X, shifted("f", steps=1))),
                Point(point, at=("x", "f")),
            ],
            readout=[
                Number("step", "taken", format=".0f", strong=True),
                Number("x", "x", large=".2e", small=".2e", strong=True),
                Number("f(x)", "f", large=".2e", small=".2e"),
                Number("slope", "slope", large=".2e", small=".2e"),
                Number("learning rate", control="learning_rate", strong=True),
                Number("next x", NEXT_X, large=".2e", small=".2e"),
                Words("status", strong=True),
            ],
            drags=[Drag(ax, x="start", sets={"steps": 0})],
            description=f"The curve y = {self.label} with the path of gradient descent so "
            "far, the tangent line at the current point and where the next step lands.",
            recipe=self._recipe(),
        )

    def _recipe(self):
        """How the page computes runs_from and first_steps itself, for a polynomial f."""
        coefficients = polynomial_coefficients(self.f)
        if coefficients is None:
            return None  # the learner's own function: only the kernel can call it
        return {
            "kind": "descent_on_polynomial",
            "coefficients": coefficients,
            "relative_step": RELATIVE_STEP,  # derivative's default step, ε^(1/3)·|x|
            "smallest_scale": float(np.finfo(float).tiny),
            "max_steps": MAX_STEPS,
            "x_range": [self.low, self.high],
            "limit": DIVERGENCE_LIMIT,
            "stops_here": STOPS_HERE,
            "diverged": DIVERGED,
            "off_the_plot": OFF_THE_PLOT,
        }

    # --- what the kernel computes: runs from a new start, first steps at a new rate ----

    def _runs_table(self, start_index):
        start = float(self._starts[start_index])
        columns = runs_from(self.f, start, self._rates, (self.low, self.high))
        return Table(
            ("learning_rate", "steps"), columns, at={"start": start_index}, beyond={"steps": 1}
        )

    def _first_steps_table(self, rate_index):
        columns = first_steps(self.f, self._starts, float(self._rates[rate_index]))
        return Table(("start",), columns, at={"learning_rate": rate_index, "steps": 1})

    def answers_for(self, position):
        """The runs from the current start and the first steps at the current rate,
        where the tables computed at the beginning do not hold them."""
        start, rate = position["start"], position["learning_rate"]
        first_start, first_rate = next(iter(self._runs)), next(iter(self._first))
        answers = []
        if start != first_start:
            if start not in self._runs:
                self._runs = {first_start: self._runs[first_start]}  # keep one answer
                self._runs[start] = self._runs_table(start)
            answers.append(self._runs[start])
        if rate != first_rate:
            if rate not in self._first:
                self._first = {first_rate: self._first[first_rate]}
                self._first[rate] = self._first_steps_table(rate)
            answers.append(self._first[rate])
        return answers

    # --- what the learner (or a test) can read and call --------------------------------

    @property
    def learning_rate(self):
        """The learning rate of the run (the slider's value)."""
        return self.control_value("learning_rate")

    @property
    def start(self):
        """Where the run starts (on the lattice of 0.01 steps)."""
        return self.control_value("start")

    x = Column("x", "The current point: the last one on the path.")
    y = Column("f", "f at the current point.")
    slope = Column("slope", "f'(x) at the current point, by helpers.derivative.")

    @property
    def next_x(self):
        """Where the next step lands: x − learning_rate · slope."""
        return self.lookup(NEXT_X)

    @property
    def steps_taken(self):
        """How many steps the path has taken since the last reset."""
        taken = self.lookup("taken")
        return None if taken is None else int(taken)

    status = Column("status", "What stopped the run, or where x went; empty while the run goes on.")

    @property
    def diverged(self):
        """True once the run has blown up and stopped."""
        return (self.status or "").startswith("diverged")

    @property
    def path(self):
        """Every point visited so far, the start first."""
        return self._so_far("x")

    @property
    def path_values(self):
        """f at every point visited so far."""
        return self._so_far("f")

    def _so_far(self, column):
        return self._tables.along(column, "steps", self.position, upto=self.index("steps") + 1)

    def step(self, n=1):
        """Take ``n`` more steps of gradient descent: x ← x − learning_rate · f'(x)
        (at most MAX_STEPS from the start, as the buttons)."""
        n = require_count(n, "n")
        self.move(steps=min(self.index("steps") + n, MAX_STEPS))

    def reset(self, start=None):
        """Clear the path and start again at ``start`` (default: the last start)."""
        changes = {"steps": 0}
        if start is not None:
            start = require_finite_number(start, "start")
            if not self.low <= start <= self.high:
                raise ValueError(f"start must lie inside x_range, but got {start}.")
            changes["start"] = self.nearest("start", start)
        self.move(**changes)

    def set_learning_rate(self, learning_rate):
        """Set the learning rate, as the slider would (kept inside its range): the whole
        path is redrawn at the new rate."""
        self.move_near(learning_rate=learning_rate)

    def summary(self):
        return (
            f"Descent explorer on y = {self.label}: step = {self.shown('taken', '.0f')}, "
            f"x = {self.shown('x', large='.2e', small='.2e')}, "
            f"f(x) = {self.shown('f', large='.2e', small='.2e')}, "
            f"slope = {self.shown('slope', large='.2e', small='.2e')}, "
            f"learning rate = {self.learning_rate:.3f}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
descent_explorer = DescentStepExplorer
