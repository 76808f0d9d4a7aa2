"""The backprop explorer: the neuron of notebook 07 as a computational graph.

Sliders set the input x₁, the weights w₁, w₂ and the bias b. Every box of the graph
shows its value and its gradient dL/d(node), from one backward pass of
``helpers.autograd`` (``helpers.backprop.neuron_backprop``). Choose a node to nudge:
the readout shows its slope measured by a central difference (nudging only that
node) beside the backprop gradient, and their relative error (a gradient check,
``helpers.backprop.node_checks``).

Each slider's table holds every number at every value that slider reaches with the
other three held: one table per slider. Move one slider and everything is looked up;
after you move a second one, the kernel computes the tables for the new held values,
and so does the page (the recipe "backprop_graph": the graph's nodes, in order, with
Value's forward and backward rules and the same nudges), so with no kernel every
combination of the sliders still shows.
"""

import contextlib

import numpy as np

from .. import backprop  # a module: backprop.py draws with figures, which import explorers
from ..autograd import topological_order
from ..derivatives import RELATIVE_STEP
from ..figures.chain_rule_and_backprop import (
    BOX_HEIGHT,
    BOX_WIDTH,
    DOWN_BOX_HEIGHT,
    DOWN_BOX_WIDTH,
    LEVEL_GAP,
    box_centre,
    draw_graph,
    draw_graph_down,
    graph_layout_down,
    graph_size,
    lane_centre,
)
from ..neuron_graph import neuron_graph
from ..style import POINT, TANGENT
from ..validation import require_class_label, require_finite_array, require_finite_number
from . import figure as still
from .controls import Choice, slider
from .figure import new_figure
from .layers import Path, Text
from .tables import Table
from .widget import Drag, Explorer, Number, Words

__all__ = ["backprop_explorer"]

SLIDERS = ("x1", "w1", "w2", "b")
GRAPH_OPERATIONS = (
    "",
    "+",
    "−",
    "×",
    "neg",
    "log",
    "σ",
)  # what explorer.js computes  # x2 stays where it is: one input is enough to see
LOW, HIGH, STEP = -3.0, 3.0, 0.1
#: On a phone the graph runs top to bottom, this many boxes side by side: each box then
#: is about 85 CSS px wide, room for "value -10.00" (76 px in the boxes' 9 pt).
LANES = 3
#: Where a box's value and gradient are written, below its centre (in rows of the graph).
VALUE_BELOW, GRAD_BELOW = 0.02, 0.26
#: The outline round the node being nudged: this far outside its box (in rows).
RING_MARGIN = 0.08


class BackpropExplorer(Explorer):
    """An explorer of backpropagation through the neuron of notebook 07.

    The graph of one data point's loss, its values and gradients, and a gradient check.

    Parameters
    ----------
    inputs : (x1, x2)
        The data point; the slider moves x1 (from −3 to 3 in steps of 0.1).
    weights : (w1, w2)
        The neuron's weights; each has a slider.
    bias : float
        b; it has a slider.
    label : 0 or 1
        The point's class y: L = −log p for 1, −log(1 − p) for 0.

    Examples
    --------
    >>> explorer = backprop_explorer(inputs=(1.5, -0.5), weights=(0.8, -1.2), bias=0.3)
    >>> explorer.nudge("w1")
    >>> print(explorer.summary())  # doctest: +ELLIPSIS
    Backprop explorer: x1 = 1.50, w1 = 0.80, w2 = -1.20, b = 0.30, L = 0.1...; dL/dw1: ...right
    """

    answers_while_moving = False  # a table of checks or runs per move: at the end

    def __init__(self, inputs=(1.5, -0.5), weights=(0.8, -1.2), *, bias=0.3, label=1):
        super().__init__()
        x = require_finite_array(inputs, "inputs", ndim=1)
        w = require_finite_array(weights, "weights", ndim=1)
        if x.size != 2 or w.size != 2:
            raise ValueError(
                f"inputs and weights must hold two numbers each (x1, x2 and w1, w2), but got "
                f"{x.size} inputs and {w.size} weights."
            )
        start = {"x1": x[0], "w1": w[0], "w2": w[1], "b": require_finite_number(bias, "bias")}
        arguments = {"x1": "inputs[0]", "w1": "weights[0]", "w2": "weights[1]", "b": "bias"}
        for name, value in start.items():
            if not LOW <= value <= HIGH:
                raise ValueError(
                    f"{arguments[name]} (the slider {name}) must lie between {LOW} and {HIGH}, "
                    f"but got {value}."
                )
        self.x2, self.label_y = float(x[1]), require_class_label(label)

        loss = neuron_graph(x, w, bias, self.label_y)
        loss.backward()
        self.nodes = backprop.neuron_backprop(x, w, bias, self.label_y)  # their order and places
        self.checked = list(backprop.node_checks(x, w, bias, self.label_y))  # the named nodes
        self.sliders = {
            name: slider(name, f"{name} (arrow keys move it)", LOW, HIGH, STEP, start[name])
            for name in SLIDERS
        }
        choice = Choice("node", "nudge the node", self.checked, self.checked.index("w1"))
        self._answered = {}  # (slider, the others' positions) -> its table
        start_at = {name: s.index for name, s in self.sliders.items()}
        tables = [self._slice(name, start_at) for name in SLIDERS]

        self._loss_graph = loss
        figure = new_figure(graph_size(loss))
        ax = figure.subplots()
        draw_graph(ax, loss, gradients=False, values=False)
        ax.set_title("Every box: its value, and dL/d(box) from one backward pass")
        # On a phone the same boxes sit top to bottom (narrow_still_parts): each layer
        # and the click on a box have their places there too.
        down = graph_layout_down(loss, lanes=LANES)
        down_centres = [lane_centre(*down[node]) for node in topological_order(loss)]
        layers = []
        for i, node in enumerate(self.nodes):
            x_box, y_box = box_centre(node.column, node.row)
            x_down, y_down = down_centres[i]
            value = ax.text(x_box, y_box - VALUE_BELOW, "", ha="center", va="center", fontsize=9)
            grad = ax.text(x_box, y_box - GRAD_BELOW, "", ha="center", va="center", fontsize=9)
            grad.set_color(TANGENT)
            layers += [
                Text(value, f"value_{i}", "value ", narrow={"at": [x_down, y_down - VALUE_BELOW]}),
                Text(grad, f"grad_{i}", "grad ", narrow={"at": [x_down, y_down - GRAD_BELOW]}),
            ]
        # The outline round the node being nudged, and the points a click picks from:
        # "box_x" & co in the wide figure, "down_box_x" & co in the narrow one.
        rings, boxes = {}, {}
        outline = np.array([-1, 1, 1, -1, -1]), np.array([-1, -1, 1, 1, -1])
        for k, name in enumerate(self.checked):
            i = next(i for i, n in enumerate(self.nodes) if n.name == name)
            places = {
                "": (box_centre(self.nodes[i].column, self.nodes[i].row), BOX_WIDTH, BOX_HEIGHT),
                "down_": (down_centres[i], DOWN_BOX_WIDTH, DOWN_BOX_HEIGHT),
            }
            for figure_of, ((x_box, y_box), width, height) in places.items():
                boxes.setdefault(f"{figure_of}box_x", []).append(x_box)
                boxes.setdefault(f"{figure_of}box_y", []).append(y_box)
                ring_x = x_box + (width / 2 + RING_MARGIN) * outline[0]
                rings[f"{figure_of}ring_x_{k}"] = ring_x
                rings[f"{figure_of}ring_y_{k}"] = y_box + (height / 2 + RING_MARGIN) * outline[1]
            (ring,) = ax.plot([], [], color=POINT, linewidth=3, linestyle="-")
            layers.append(
                Path(
                    ring,
                    f"ring_x_{k}",
                    f"ring_y_{k}",
                    shown_when={"node": k},
                    narrow={"x": f"down_ring_x_{k}", "y": f"down_ring_y_{k}"},
                )
            )
        tables += [Table((), rings), Table(("node",), boxes)]

        self.loss_column = f"value_{[node.name for node in self.nodes].index('L')}"
        readout = [Number(name, control=name, strong=True) for name in SLIDERS]
        readout.append(Number("L", self.loss_column, format=".4f"))
        for k, name in enumerate(self.checked):
            when = {"node": k}
            readout += [
                Number(
                    f"dL/d{name} by backprop",
                    f"backprop_{name}",
                    format=".6f",
                    strong=True,
                    shown_when=when,
                ),
                Number("numeric", f"numeric_{name}", format=".6f", shown_when=when),
                Words(f"error_shown_{name}", label="relative error", shown_when=when),
                Words(f"verdict_{name}", shown_when=when),
            ]
        self.assemble(
            figure,
            controls=[choice, *self.sliders.values()],
            tables=tables,
            layers=layers,
            readout=readout,
            # A click on a box nudges it.
            drags=[
                Drag(
                    ax,
                    pick="node",
                    pick_at=("box_x", "box_y"),
                    narrow={"pick_at": ("down_box_x", "down_box_y")},
                )
            ],
            description="The neuron's computational graph: the inputs, weights and bias on the "
            "left (on a phone, at the top), the loss L on the right (at the bottom), each box "
            "with its value and its gradient.",
            recipe=self._recipe(loss),
        )

    def _recipe(self, loss):
        """How the page computes every slider's table itself: the graph's nodes in
        topological order (each its operation, children, and for a leaf its slider or
        its number), and how each named node is nudged (``backprop.node_checks``)."""
        order = topological_order(loss)
        index = {node: i for i, node in enumerate(order)}
        nodes = []
        for node in order:
            if node.op not in GRAPH_OPERATIONS:
                raise ValueError(f"the page cannot compute the operation {node.op!r}.")
            spec = {"op": node.op, "children": [index[child] for child in node.children]}
            if not node.op:  # a leaf: a slider's value, or a number held (x2, the 1 in 1 − p)
                spec.update(
                    {"slider": node.label} if node.label in SLIDERS else {"value": node.data}
                )
            nodes.append(spec)
        return {
            "kind": "backprop_graph",
            "nodes": nodes,
            "named": {node.label: index[node] for node in order if node.label},
            "checked": self.checked,
            "sliders": list(SLIDERS),
            "x2": self.x2,
            "label": self.label_y,
            "relative_step": RELATIVE_STEP,  # backprop.nudge_step: ε^(1/3) times the scale
            "thresholds": [list(pair) for pair in backprop.CHECK_THRESHOLDS],
            "round_off_error": backprop.ROUND_OFF_ERROR,
            "round_off_shown": backprop.ROUND_OFF_SHOWN,
        }

    # --- the numbers --------------------------------------------------------------

    def narrow_layout(self, figure):
        """On a phone the graph runs top to bottom, ``LANES`` boxes side by side
        (narrow_still_parts), at the scale of the wide figure's rows, so that the numbers
        sit in the boxes as they do there. (Squeezed into a phone's width, the wide
        graph's numbers would shrink to about 4 px.)"""
        (ax,) = figure.axes
        row_height = ax.bbox.height / abs(np.diff(ax.get_ylim())[0])  # CSS px per row
        layout = graph_layout_down(self._loss_graph, lanes=LANES)
        levels = max(level for _, level in layout.values()) + 1
        height = (LEVEL_GAP * (levels - 1) + 1) * row_height  # draw_graph_down's y limits
        grid = figure.add_gridspec(1, 1)
        return still.NarrowLayout({ax: grid[0, 0]}, height, least_axes_height=height)

    @contextlib.contextmanager
    def narrow_still_parts(self):
        """The graph drawn top to bottom (draw_graph_down) in place of the wide one, on
        the same axes; afterwards the wide one is back as it was."""
        (ax,) = self.figure.axes
        wide = [(artist, artist.get_visible()) for artist in (*ax.patches, *ax.texts)]
        limits, aspect = (ax.get_xlim(), ax.get_ylim()), (ax.get_aspect(), ax.get_adjustable())
        for artist, _ in wide:
            artist.set_visible(False)
        ax.set_aspect("auto")
        draw_graph_down(ax, self._loss_graph, lanes=LANES)
        drawn = [a for a in (*ax.patches, *ax.texts) if all(a is not w for w, _ in wide)]
        try:
            yield
        finally:
            for artist in drawn:
                artist.remove()
            for artist, visible in wide:
                artist.set_visible(visible)
            ax.set_xlim(limits[0])
            ax.set_ylim(limits[1])
            ax.set_aspect(aspect[0], adjustable=aspect[1])

    def _slice(self, moving, position):
        """The table over slider ``moving``, the other sliders held at ``position``."""
        held = {name: position[name] for name in SLIDERS if name != moving}
        key = (moving, tuple(sorted(held.items())))
        if key in self._answered:
            return self._answered[key]
        columns = {}
        for index in range(len(self.sliders[moving].values)):
            at = {name: self.sliders[name].values[i] for name, i in {**held, moving: index}.items()}
            for column, value in self._numbers(at).items():
                columns.setdefault(column, []).append(value)
        table = Table((moving,), columns, at=held)
        self._answered[key] = table
        return table

    def _numbers(self, at):
        """Every node's value and gradient, and every named node's check, at these values."""
        inputs, weights = [at["x1"], self.x2], [at["w1"], at["w2"]]
        loss = neuron_graph(inputs, weights, at["b"], self.label_y)
        loss.backward()
        numbers = {}
        for i, node in enumerate(topological_order(loss)):  # neuron_backprop's order
            numbers[f"value_{i}"], numbers[f"grad_{i}"] = node.data, node.grad
        checks = backprop.node_checks(inputs, weights, at["b"], self.label_y, loss=loss)
        for name, check in checks.items():
            numbers[f"backprop_{name}"], numbers[f"numeric_{name}"] = check.backprop, check.numeric
            numbers[f"error_{name}"], numbers[f"verdict_{name}"] = (
                check.relative_error,
                check.verdict,
            )
            numbers[f"error_shown_{name}"] = check.shown_error
        return numbers

    def answers_for(self, position):
        """The tables of the sliders whose held values moved away from the start."""
        return [
            self._slice(name, position)
            for name in SLIDERS
            if not self._tables.fixed[SLIDERS.index(name)].applies(position, self._tables.sizes)
        ]

    # --- what the learner (or a test) can call ---------------------------------------

    def move_to(self, **values):
        """Move sliders by name, e.g. ``move_to(x1=0.5, b=-1.0)`` (to the nearest 0.1)."""
        for name in values:
            if name not in SLIDERS:
                raise ValueError(f"the sliders are {', '.join(SLIDERS)}, but got {name!r}.")
        self.move_near(**values)

    def nudge(self, node):
        """Choose the node whose gradient is checked by nudging it."""
        if node not in self.checked:
            raise ValueError(f"node must be one of {', '.join(self.checked)}, but got {node!r}.")
        self.move(node=self.checked.index(node))

    @property
    def node(self):
        return self.checked[self.position["node"]]

    @property
    def loss(self):
        return self.lookup(self.loss_column)

    def gradient(self, name):
        """dL/d(name) by backpropagation, at the sliders' values."""
        return self.lookup(f"backprop_{name}")

    def summary(self):
        sliders = ", ".join(
            f"{name} = {self.sliders[name].labels[self.position[name]]}" for name in SLIDERS
        )
        n = self.node
        return (
            f"Backprop explorer: {sliders}, L = {self.shown(self.loss_column, '.4f')}; "
            f"dL/d{n}: backprop {self.shown(f'backprop_{n}', '.6f')}, "
            f"numeric {self.shown(f'numeric_{n}', '.6f')}, "
            f"relative error {self.lookup(f'error_shown_{n}')}, {self.lookup(f'verdict_{n}')}"
        )


#: The same explorer by its lower-case name, as the notebooks call it.
backprop_explorer = BackpropExplorer
