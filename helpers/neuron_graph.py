"""The neuron of notebook 07, written with +, ×, σ and log only, for notebook 08.

One data point x with label y (0 or 1) goes through

    z = w₁x₁ + … + wₙxₙ + b,     p = σ(z),     L = −log p  (y = 1)  or  −log(1 − p)  (y = 0),

which is notebook 07's cross-entropy for that point. The same functions run on
plain floats (they just compute L) and on ``Value``s (they also record the
computational graph, so ``L.backward()`` gives every partial derivative at once).
Written once, they are the same arithmetic both ways: the numeric gradient
nudges exactly the computation that backpropagation differentiates.

Examples
--------
>>> loss = neuron_graph(inputs=[1.0, 2.0], weights=[0.5, -0.5], bias=0.5, label=1)
>>> loss.backward()
>>> round(loss.data, 4)   # z = 0.5 − 1 + 0.5 = 0, p = 1/2, L = log 2
0.6931
>>> round(named_nodes(loss)["w2"].grad, 4)   # ∂L/∂w₂ = (p − y)·x₂ = −1/2 · 2
-1.0
"""

import math
from functools import reduce
from operator import add

from .autograd import Value, topological_order
from .validation import require_class_label, require_finite_array, require_finite_number

__all__ = [
    "cross_entropy",
    "mean_loss",
    "named_nodes",
    "neuron_graph",
    "point_loss",
    "sigmoid",
    "weighted_sum",
]


def _named(value, name):
    """Give a Value its name in the drawings; a float passes through."""
    if isinstance(value, Value):
        value.label = name
    return value


def weighted_sum(weights, bias, inputs):
    """z = w₁x₁ + … + wₙxₙ + b."""
    return _named(reduce(add, [w * x for w, x in zip(weights, inputs)]) + bias, "z")


def sigmoid(z):
    """p = σ(z) = 1/(1 + e^(−z)): a graph node for a Value, a number for a float."""
    p = z.sigmoid() if isinstance(z, Value) else 0.5 * (1 + math.tanh(z / 2))
    return _named(p, "p")


def _log(p):
    return p.log() if isinstance(p, Value) else math.log(p)


def cross_entropy(p, label):
    """L = −log p for label 1, −log(1 − p) for label 0: small when p says the right class."""
    return _named(-_log(p) if label == 1 else -_log(1 - p), "L")


def point_loss(weights, bias, inputs, label):
    """The loss of one data point: cross_entropy(sigmoid(weighted_sum(...)), label)."""
    return cross_entropy(sigmoid(weighted_sum(weights, bias, inputs)), label)


def mean_loss(weights, bias, inputs, labels):
    """L = mean over the rows of ``inputs`` of ``point_loss``: notebook 07's loss."""
    total = reduce(add, [point_loss(weights, bias, x, y) for x, y in zip(inputs, labels)])
    return _named(total / len(labels), "L")


def neuron_graph(inputs, weights, bias, label=1):
    """The loss of one data point as a graph of Values, with its leaves named.

    Parameters
    ----------
    inputs, weights : sequences of n numbers (n ≥ 1)
        x₁ … xₙ and w₁ … wₙ; they become the leaves named "x1", "w1", ….
    bias : float
        b, the leaf named "b".
    label : 0 or 1
        y, the point's class.

    Returns
    -------
    Value: L, whose graph holds z, p and every operation; call ``.backward()``.
    """
    x = require_finite_array(inputs, "inputs", ndim=1)
    w = require_finite_array(weights, "weights", ndim=1)
    if x.shape != w.shape:
        raise ValueError(
            f"inputs and weights must have the same length, but got {x.size} inputs "
            f"and {w.size} weights."
        )
    bias = require_finite_number(bias, "bias")
    label = require_class_label(label)
    xs = [Value(v, f"x{i}") for i, v in enumerate(x, start=1)]
    ws = [Value(v, f"w{i}") for i, v in enumerate(w, start=1)]
    return point_loss(ws, Value(bias, "b"), xs, label)


def named_nodes(output):
    """{name: node} for every named node of ``output``'s graph (x1, w1, …, b, z, p, L)."""
    return {node.label: node for node in topological_order(output) if node.label}
