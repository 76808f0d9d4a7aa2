"""Backpropagation through the neuron's graph, checked against nudging (notebook 08).

A **gradient check** (CS231n's manner) compares the gradient backpropagation gives
with the central-difference slope of notebook 03, by their relative error

    relative error = |backprop − numeric| / max(|backprop|, |numeric|),

which does not depend on the size of the gradient. With central differences in
double precision, CS231n's rules of thumb are:

    < 1e-7   right
    < 1e-4   probably right (fine where the function has kinks)
    < 1e-2   suspicious: look for a bug
    ≥ 1e-2   wrong

``neuron_backprop`` and ``node_check`` are what the backprop explorer shows: every
node's value and gradient after one backward pass, and for one chosen node its
numeric slope beside the backprop value.
"""

from dataclasses import dataclass

import numpy as np

from .derivatives import RELATIVE_STEP, derivative, relative_error
from .figures.chain_rule_and_backprop import graph_layout
from .neuron_graph import cross_entropy, named_nodes, neuron_graph, point_loss, sigmoid
from .validation import require_finite_array, require_finite_numbers

__all__ = [
    "CHECK_THRESHOLDS",
    "NodeCheck",
    "NodeState",
    "check_verdict",
    "nudge_step",
    "neuron_backprop",
    "node_check",
    "node_checks",
    "relative_error",
    "shown_error",
]

#: (relative error below which, verdict), in order; anything above the last is "wrong".
CHECK_THRESHOLDS = ((1e-7, "right"), (1e-4, "probably right"), (1e-2, "suspicious"))


def check_verdict(error):
    """What a gradient check's relative error says: "right", …, "wrong" (see CHECK_THRESHOLDS).

    Examples
    --------
    >>> check_verdict(3e-10), check_verdict(0.05)
    ('right', 'wrong')
    """
    error = float(np.max(require_finite_numbers(error, "error")))
    if error < 0:
        raise ValueError(f"error must be 0 or more, but got {error}.")
    return next((verdict for limit, verdict in CHECK_THRESHOLDS if error < limit), "wrong")


#: Relative errors below this are round-off of the central difference (about ε^(2/3),
#: 4e-11, times how sharply L turns): their digits differ from one machine, or browser,
#: to the next (from 1e-9 up, by a few in the second digit), so they are shown as a bound.
ROUND_OFF_ERROR = 1e-8
ROUND_OFF_SHOWN = "< 1e-8"


def shown_error(error):
    """A gradient check's relative error as the explorer shows it: "< 1e-8" for round-off.

    >>> shown_error(3.2e-11), shown_error(2.46e-4)
    ('< 1e-8', '2.5e-04')
    """
    error = float(require_finite_numbers(error, "error"))
    return ROUND_OFF_SHOWN if error < ROUND_OFF_ERROR else f"{error:.1e}"


def nudge_step(name, value, label):
    """The step h by which a gradient check nudges the node ``name`` at ``value``.

    ε^(1/3) times the node's scale (notebook 03's balance of truncation and round-off).
    The scale is |value|, but at least 1: the weighted sum and σ have unit scale, so a
    node near 0 (z = 1e-16, say) is nudged by about 6e-6, not by 6e-22, which
    1 + tanh(z/2) would round away (its slope would read 0). For p the scale is the
    distance to the edge of log's domain, p for label 1 (L = −log p) and 1 − p for
    label 0 (L = −log(1 − p)): p + h then stays below 1.

    Examples
    --------
    >>> [f"{nudge_step(name, v, 0):.2e}" for name, v in [("z", 1e-16), ("w1", 3.0), ("p", 0.99)]]
    ['6.06e-06', '1.82e-05', '6.06e-08']
    """
    if name == "p":
        scale = value if label == 1 else 1 - value
    else:
        scale = max(abs(value), 1.0)
    return RELATIVE_STEP * scale


@dataclass(frozen=True)
class NodeState:
    """One node of the graph after a backward pass.

    name      its label ("x1", "w1", "b", "z", "p", "L") or, unnamed, its operation ("×", "+").
    op        the operation that made it ("" for an input or a parameter, a leaf).
    value     its value.
    grad      dL/d(this node), from the backward pass.
    children  the indices (in the same list) of the nodes it was computed from.
    column, row  where ``helpers.figures.computational_graph_figure`` draws its box
              (``helpers.figures.chain_rule_and_backprop.box_centre(column, row)``
              in the figure's coordinates).
    """

    name: str
    op: str
    value: float
    grad: float
    children: tuple
    column: int
    row: float


def neuron_backprop(inputs, weights, bias, label=1):
    """Every node of the neuron's graph, with its value and gradient after one backward pass.

    The graph is ``helpers.neuron_graph.neuron_graph``'s: z = w·x + b, p = σ(z),
    L = −log p (label 1) or −log(1 − p) (label 0).

    Returns
    -------
    list of NodeState in topological order (every node after its children; L last).

    Examples
    --------
    >>> nodes = neuron_backprop(inputs=[2.0], weights=[0.5], bias=-1.0, label=1)
    >>> [(n.name, round(n.value, 3), round(n.grad, 3)) for n in nodes if n.name in "zpL"]
    [('z', 0.0, -0.5), ('p', 0.5, -2.0), ('L', 0.693, 1.0)]
    """
    loss = neuron_graph(inputs, weights, bias, label)
    loss.backward()
    layout = graph_layout(loss)  # every node, in topological order
    index = {node: i for i, node in enumerate(layout)}
    return [
        NodeState(
            node.label or node.op or f"{node.data:g}",
            node.op,
            node.data,
            node.grad,
            tuple(index[child] for child in node.children),
            column,
            row,
        )
        for node, (column, row) in layout.items()
    ]


@dataclass(frozen=True)
class NodeCheck:
    """A gradient check of one node: dL/d(node) by nudging and by backpropagation."""

    node: str
    value: float
    numeric: float
    backprop: float
    relative_error: float

    @property
    def verdict(self):
        """ "right", "probably right", "suspicious" or "wrong" (see CHECK_THRESHOLDS)."""
        return check_verdict(self.relative_error)

    @property
    def shown_error(self):
        """The relative error as the explorer shows it ("< 1e-8" for round-off)."""
        return shown_error(self.relative_error)


def node_checks(inputs, weights, bias, label, loss=None):
    """A gradient check of every named node, from one graph and one backward pass.

    For each node, dL/d(node) two ways: the central difference of notebook 03 (its step
    from ``nudge_step``) and backpropagation. The numeric slope nudges only that node:
    for an input, a weight or the bias it recomputes the whole loss; for z or p, only
    what comes after them (p = σ(z), then L). Each costs two loss evaluations, for that one node.

    ``loss``: the graph of ``neuron_graph(inputs, weights, bias, label)`` after its
    backward pass, if you have it already (it is then not built again).

    Returns
    -------
    {name: NodeCheck} for x1, …, w1, …, b, z, p and L, in the graph's order.

    Examples
    --------
    >>> checks = node_checks([2.0], [0.5], -1.0, 1)
    >>> list(checks)
    ['w1', 'x1', 'b', 'z', 'p', 'L']
    >>> round(checks["p"].backprop, 6), checks["p"].verdict
    (-2.0, 'right')
    """
    x = list(require_finite_array(inputs, "inputs", ndim=1))
    w = list(require_finite_array(weights, "weights", ndim=1))
    if loss is None:
        loss = neuron_graph(x, w, bias, label)
        loss.backward()
    named = named_nodes(loss)
    b = named["b"].data

    def loss_with(node, value):
        """L with ``node`` set to ``value``, everything else as it was."""
        value = float(value)
        if node == "L":
            return value
        if node == "p":
            return cross_entropy(value, label)
        if node == "z":
            return cross_entropy(sigmoid(value), label)
        moved = {"x": list(x), "w": list(w), "b": b}
        if node == "b":
            moved["b"] = value
        else:
            moved[node[0]][int(node[1:]) - 1] = value
        return point_loss(moved["w"], moved["b"], moved["x"], label)

    checks = {}
    for name, chosen in named.items():
        h = nudge_step(name, chosen.data, label)
        numeric = derivative(lambda value, name=name: loss_with(name, value), chosen.data, h=h)
        error = float(relative_error(chosen.grad, numeric))
        checks[name] = NodeCheck(name, chosen.data, numeric, chosen.grad, error)
    return checks


def node_check(inputs, weights, bias, label, node):
    """dL/d(node) two ways: the central difference of notebook 03 and one backward pass.

    See ``node_checks``, which checks every named node at once.

    Parameters
    ----------
    inputs, weights, bias, label : as for ``neuron_backprop``.
    node : str
        A named node: "x1", …, "w1", …, "b", "z", "p" or "L".

    Examples
    --------
    >>> check = node_check([2.0], [0.5], -1.0, 1, "w1")
    >>> round(check.backprop, 6), round(check.numeric, 6), check.verdict
    (-1.0, -1.0, 'right')
    """
    checks = node_checks(inputs, weights, bias, label)
    if not isinstance(node, str) or node not in checks:
        raise ValueError(
            f"node must be one of the named nodes {', '.join(checks)}, but got {node!r:.40}."
        )
    return checks[node]
