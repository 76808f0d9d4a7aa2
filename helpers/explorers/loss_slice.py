"""The loss-slice explorer: the loss as a function of ONE weight, the others held.

"y is the loss, x a single weight." Holding every other parameter at its
current value, the loss becomes a curve over one weight w:

    w ↦ L(w₁, …, w, …, b)

Its tangent at the current w has slope ∂L/∂w, measured with
``helpers.derivative`` on that curve. The slope's sign gives the advice:
positive → decrease w, negative → increase w (step against the slope).

Each curve is computed at every value its slider reaches (weight_range in steps of
0.05), once for the held values of the others: moving the weight only looks the
numbers up. Move one weight, then choose another parameter, and the kernel
computes the new curve through the moved weight (``answers_for``). For the neuron's
loss (``helpers.neuron.NeuronLoss``) the page computes it too, from the data Python
sends (the recipe "neuron_loss_slice"), so with no kernel every curve still shows; a
loss of the learner's own needs the kernel.
"""

from functools import partial

import numpy as np

from ..derivatives import RELATIVE_STEP, derivative
from ..neuron import CountedLoss, NeuronLoss
from ..style import CURVE, POINT, TANGENT
from ..validation import (
    require_callable,
    require_count,
    require_finite_number,
    require_finite_numbers,
    require_one_number,
    require_range,
)
from .controls import Choice, slider
from .curves import padded_limits
from .figure import new_figure
from .layers import Point, Slice, Tangent
from .tables import Table
from .widget import Drag, Explorer, Number, Words

__all__ = ["loss_slice_explorer"]

STEP = 0.05  # the slider's step (one arrow-key press); mouse positions are rounded to it
FLAT = 0.005  # a slope that shows as 0.00 in the readout: no advice to move
TANGENT_HALF = 1 / 6  # the tangent runs this share of weight_range to each side
WIDEST = 100.0  # weight_range's widest: 2001 slider steps, the loss computed at each


def advice(slope, name):
    """What to do with the weight ``name`` to lower the loss, given ∂L/∂name.

    >>> advice(-0.4, "w1"), advice(0.4, "w1"), advice(0.001, "b")
    ('increase w1', 'decrease w1', 'keep b (flat)')
    """
    if not np.isfinite(slope):
        return "none: the loss is nan or inf here"
    if abs(slope) < FLAT:
        return f"keep {name} (flat)"
    return f"decrease {name}" if slope > 0 else f"increase {name}"


def _slopes_where_finite(f, values):
    """f'(w) at each value, nan where f is nan or inf near w (a curve through moved
    weights may leave the loss's domain)."""
    slopes = np.full(np.shape(values), np.nan)
    for i, value in enumerate(values):
        try:
            slopes[i] = derivative(f, value)
        except ValueError:  # f is not finite at w ± h
            pass
    return slopes


def _default_names(size):
    """w1, …, w(n), b: weights first, the bias last (as in helpers.neuron)."""
    return [f"w{i + 1}" for i in range(size - 1)] + ["b"]


def _require_names(names, size):
    if names is None:
        return _default_names(size)
    refusal = "names must be a list of strings, one per parameter, like ['w1', 'b']."
    if isinstance(names, (str, dict)) or not np.iterable(names):
        raise TypeError(refusal)
    names = list(names)
    if not all(isinstance(name, str) for name in names):
        raise TypeError(refusal)
    if len(names) != size or len(set(names)) != size:
        raise ValueError(
            f"names must hold {size} different names, one per parameter, but got {names}."
        )
    return names


def weight(k):
    """The name of parameter number k's slider (the learner's names may be anything)."""
    return f"param_{k}"


class LossSliceExplorer(Explorer):
    """An explorer of the loss as a function of one parameter, with its tangent line.

    The loss against one chosen parameter, with a draggable point and its tangent.

    Drag on the plot (press anywhere: the parameter follows the mouse's x), use
    the slider (arrow keys), or pick another parameter from the drop-down.

    Parameters
    ----------
    loss : callable
        The loss as a function of the whole parameter array, ``loss(params)``.
    params : 1-D array
        The current parameters (rounded to the sliders' steps of 0.05); all but the
        chosen one are held at these values.
    parameter : int or str
        Which parameter moves first: its index or its name.
    names : list of str, optional
        The parameters' names; by default w1, …, wn and b (the bias last).
    weight_range : (low, high)
        The values shown and reachable, for every parameter.

    Examples
    --------
    >>> explorer = loss_slice_explorer(lambda p: (p[0] - 1) ** 2 + p[1] ** 2, [0.0, 0.5])
    >>> explorer.summary()
    'Loss slice explorer: w1 = 0.00, loss = 1.25, slope = -2.00, advice: increase w1'
    >>> explorer.select("b")
    >>> explorer.summary()
    'Loss slice explorer: b = 0.50, loss = 1.25, slope = 1.00, advice: decrease b'
    """

    def __init__(self, loss, params, *, parameter=0, names=None, weight_range=(-4.0, 4.0)):
        super().__init__()
        self.loss = require_callable(loss, "loss")
        params = require_finite_numbers(params, "params")
        if np.ndim(params) != 1 or params.size < 1:
            raise ValueError(f"params must be a 1-D array, but got shape {np.shape(params)}.")
        self.names = _require_names(names, params.size)
        self.low, self.high = require_range(weight_range, "weight_range", WIDEST)
        outside = [
            n for n, v in zip(self.names, params, strict=True) if not self.low <= v <= self.high
        ]
        if outside:
            raise ValueError(
                f"params must lie inside weight_range {weight_range}, but {outside} do not."
            )
        if isinstance(parameter, str):
            if parameter not in self.names:
                raise ValueError(f"parameter must be one of {self.names}, but got {parameter!r}.")
            parameter = self.names.index(parameter)
        chosen = require_count(parameter, "parameter")
        if chosen >= params.size:
            raise ValueError(
                f"parameter must be below {params.size} (the number of params), got {chosen}."
            )

        sliders = [
            slider(
                weight(k),
                f"{name} (arrow keys move it)",
                self.low,
                self.high,
                STEP,
                value,
                shown_when={"parameter": k},
            )
            for k, (name, value) in enumerate(zip(self.names, params))
        ]
        self._values = [control.values for control in sliders]
        start = {control.name: control.index for control in sliders}
        self._starting = [self._slice_table(k, start, strict=True) for k in range(params.size)]
        # One loss range for every parameter, holding all the starting curves: after one
        # weight moves, the current point still lies on that weight's starting curve.
        self._loss_limits = padded_limits(
            np.concatenate([table.columns[f"loss_{k}"] for k, table in enumerate(self._starting)])
        )
        self._answers = {}  # parameter -> the newest slice the kernel computed for it

        figure = new_figure((7.5, 4.5))
        self.ax = ax = figure.subplots()
        ax.set(xlim=(self.low, self.high), ylabel="loss")
        layers, readout, drags = [], [], []
        for k, name in enumerate(self.names):
            first = k == 0  # one legend entry for each kind of line
            when = {"parameter": k}
            (curve,) = ax.plot(
                [], [], "-", color=CURVE, label="loss, the others held" if first else None
            )
            (tangent,) = ax.plot(
                [], [], "--", color=TANGENT, label="tangent line" if first else None
            )
            (point,) = ax.plot(
                [], [], "o", color=POINT, label="current value" if first else None, zorder=3
            )
            at = (f"value_{k}", f"loss_{k}")
            half = TANGENT_HALF * (self.high - self.low)
            layers += [
                Slice(curve, along=weight(k), value=f"loss_{k}", shown_when=when),
                Tangent(tangent, at=at, slope=f"slope_{k}", half=half, shown_when=when),
                Point(point, at=at, shown_when=when),
            ]
            readout += [
                Number(name, control=weight(k), strong=True, shown_when=when),
                Number("loss", f"loss_{k}", shown_when=when),
                Number("slope", f"slope_{k}", strong=True, shown_when=when),
                Words(f"advice_{k}", label="advice", shown_when=when),
            ]
            drags.append(Drag(ax, x=weight(k), shown_when=when))
        ax.legend(loc="upper center")
        self.draw_background(chosen)  # labels in place before the layout is frozen

        values = [Table((weight(k),), {f"value_{k}": v}) for k, v in enumerate(self._values)]
        self.assemble(
            figure,
            controls=[Choice("parameter", "parameter", self.names, chosen), *sliders],
            tables=[*values, *self._starting],
            layers=layers,
            readout=readout,
            drags=drags,
            description="The loss as a function of one parameter, the others held, with "
            "its tangent line at the parameter's current value.",
            background_by="parameter",
            recipe=self._recipe(),
        )

    def _recipe(self):
        """How the page computes any curve itself, for the neuron's loss on its data."""
        if type(self.loss) not in (NeuronLoss, CountedLoss):
            return None  # the learner's own loss: only the kernel can call it
        return {
            "kind": "neuron_loss_slice",
            "inputs": self.loss.inputs.ravel().tolist(),  # row by row
            "labels": self.loss.labels.tolist(),
            "names": self.names,
            "relative_step": RELATIVE_STEP,  # derivative's default step, ε^(1/3)·|w|
            "smallest_scale": float(np.finfo(float).tiny),
            "flat": FLAT,
        }

    def draw_background(self, option):
        """Labels and title of parameter number ``option``."""
        name = self.names[option]
        self.ax.set_ylim(self._loss_limits)
        self.ax.set_xlabel(f"{name} (every other parameter held)")
        self.ax.set_title(f"The loss as a function of {name} alone")

    # --- the curves: one per parameter, through the held values of the others ----------

    def _slice_table(self, k, position, strict=False):
        """The loss, its slope and the advice at every value of parameter k, the others
        held where ``position`` puts them. ``strict``: refuse a loss that is nan or inf."""
        held = {weight(j): position[weight(j)] for j in range(len(self.names)) if j != k}
        params = np.array([values[position[weight(j)]] for j, values in enumerate(self._values)])

        def loss_along(w):
            """The loss with parameter k at w (a number or an array of them)."""
            moved = np.repeat(params[None, :], np.size(w), axis=0)
            moved[:, k] = np.ravel(w)
            losses = [
                require_one_number(self.loss(p), "loss", partial("params = {}".format, p))
                for p in moved
            ]
            return np.reshape(losses, np.shape(w))

        values = self._values[k]
        losses = loss_along(values)
        finite = bool(np.all(np.isfinite(losses)))
        if strict and not finite:
            raise ValueError(
                f"loss returned nan or inf along {self.names[k]} in weight_range, "
                f"the others held at {params.tolist()}."
            )
        slopes = (
            derivative(loss_along, values) if finite else _slopes_where_finite(loss_along, values)
        )
        columns = {
            f"loss_{k}": losses,
            f"slope_{k}": slopes,
            f"advice_{k}": [advice(slope, self.names[k]) for slope in slopes],
        }
        return Table((weight(k),), columns, at=held)

    def answers_for(self, position):
        """The chosen parameter's curve, if the others moved since it was computed."""
        k = position["parameter"]
        for table in (self._starting[k], self._answers.get(k)):
            if table is not None and table.applies(position, self._tables.sizes):
                return [] if table is self._starting[k] else [table]
        self._answers[k] = self._slice_table(k, position)
        return [self._answers[k]]

    # --- what the learner (or a test) can read and call --------------------------------

    @property
    def chosen(self):
        """The index of the parameter the curve follows."""
        return self.index("parameter")

    @property
    def name(self):
        """The name of the parameter the curve follows."""
        return self.names[self.chosen]

    @property
    def params(self):
        """Every parameter's current value (on the slider's steps of 0.05)."""
        return np.array([self.control_value(weight(k)) for k in range(len(self.names))])

    @property
    def value(self):
        """The chosen parameter's current value."""
        return self.control_value(weight(self.chosen))

    @property
    def current_loss(self):
        """The loss at the current parameters."""
        return self.lookup(f"loss_{self.chosen}")

    @property
    def slope(self):
        """∂L/∂(chosen parameter), by helpers.derivative on the curve."""
        return self.lookup(f"slope_{self.chosen}")

    def move_to(self, value):
        """Move the chosen parameter to ``value`` (kept in range, rounded to the step)."""
        value = require_finite_number(value, "value")
        name = weight(self.chosen)
        self.move(**{name: self.nearest(name, value)})

    def select(self, name):
        """Choose which parameter the curve follows (by name); its curve goes through the
        current values of the others."""
        if name not in self.names:
            raise ValueError(f"name must be one of {self.names}, but got {name!r}.")
        self.move(parameter=self.names.index(name))

    def summary(self):
        k = self.chosen
        return (
            f"Loss slice explorer: {self.name} = {self.value:.2f}, "
            f"loss = {self.shown(f'loss_{k}')}, slope = {self.shown(f'slope_{k}')}, "
            f"advice: {self.lookup(f'advice_{k}') or '…'}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
loss_slice_explorer = LossSliceExplorer
