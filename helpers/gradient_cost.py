"""What one gradient of the neuron's loss costs: nudging every parameter, or one backward pass.

Both methods run the same arithmetic, ``helpers.neuron_graph.mean_loss`` (plain
Python, on floats or on Values), so they can be compared operation for operation.
With P parameters and a loss of K operations:

    numeric gradient   2P loss evaluations          = 2P·K operations
    backpropagation    1 forward pass, recording K operations as graph nodes,
                       + 1 backward pass, one local rule per node     = 2K operations

The counts are exact: the loss evaluations are counted as they happen, and K is
the number of operation nodes in the graph of one forward pass. The times are
measured (the shortest of a few runs, by ``helpers.timing.seconds``) with
Python's garbage collector paused, as ``timeit`` does: a graph is thousands of
objects, and a collection they trigger would otherwise land in whichever
method happens to be running.
"""

import gc
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .autograd import Value, topological_order
from .derivatives import gradient, relative_error
from .neuron import make_dataset
from .neuron_graph import mean_loss
from .timing import seconds, timed
from .validation import require_count, require_rng

__all__ = ["GradientCost", "backprop_gradient", "measure_gradient_cost"]


@dataclass(frozen=True)
class GradientCost:
    """One gradient of the neuron's loss with P parameters, priced two ways.

    parameters           P: the weights and the bias.
    operations           K: the arithmetic operations in one evaluation of the loss.
    numeric_evaluations  loss evaluations one ``helpers.gradient`` made, counted (2P).
    numeric_seconds      its time.
    backprop_seconds     the time of one forward pass that records the graph + one backward pass.
    evaluation_seconds   the time of one plain evaluation of the loss.
    relative_error       |backprop − numeric| / max(|backprop|, |numeric|), as vector lengths.
    """

    parameters: int
    operations: int
    numeric_evaluations: int
    numeric_seconds: float
    backprop_seconds: float
    evaluation_seconds: float
    relative_error: float

    @property
    def numeric_operations(self):
        """2P·K: every loss evaluation runs all K operations."""
        return self.numeric_evaluations * self.operations

    @property
    def backprop_operations(self):
        """2K: K recorded forward, one local rule per operation backward."""
        return 2 * self.operations


@contextmanager
def _collector_paused():
    """Pause Python's garbage collector (after a full collection), as timeit does."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _unpack(params):
    """[w₁, …, wₙ, b] as a list of plain floats and a float (plain floats are fastest)."""
    values = [float(v) for v in params]
    return values[:-1], values[-1]


def backprop_gradient(params, inputs, labels):
    """The loss and its gradient by one forward pass with Values and one backward pass.

    Returns
    -------
    (loss Value, gradient array [∂L/∂w₁, …, ∂L/∂wₙ, ∂L/∂b])

    Examples
    --------
    >>> loss, grad = backprop_gradient([0.0, 0.0], [[2.0], [4.0]], [1, 0])
    >>> round(loss.data, 4), grad.tolist()  # ∂L/∂w = mean((p − y)·x), ∂L/∂b = mean(p − y)
    (0.6931, [0.5, 0.0])
    """
    weights, bias = _unpack(params)
    leaves = [Value(w, f"w{i}") for i, w in enumerate(weights, start=1)] + [Value(bias, "b")]
    loss = mean_loss(leaves[:-1], leaves[-1], inputs, labels)
    loss.backward()
    return loss, np.array([leaf.grad for leaf in leaves])


def measure_gradient_cost(n_params, rng, *, n_points=2, repeats=3):
    """Count and time one gradient of the neuron's loss both ways, at ``n_params`` parameters.

    The data are ``helpers.neuron.make_dataset(rng, n_points, n_params − 1)``, the
    parameters all 0, as in notebook 07.

    Parameters
    ----------
    n_params : int >= 2
        P = inputs + 1.
    rng : numpy.random.Generator
    n_points : int >= 2
        Data points in the loss.
    repeats : int >= 1
        Each time is the shortest of this many runs (the numeric gradient runs once).

    Returns
    -------
    GradientCost

    Examples
    --------
    >>> cost = measure_gradient_cost(3, np.random.default_rng(0), repeats=1)
    >>> cost.numeric_evaluations, cost.operations, cost.relative_error < 1e-7
    (6, 17, True)
    """
    n_params = require_count(n_params, "n_params")
    if n_params < 2:
        raise ValueError(f"n_params must be 2 or more (a weight and the bias), got {n_params}.")
    rng = require_rng(rng)
    n_points = require_count(n_points, "n_points")
    repeats = require_count(repeats, "repeats")
    inputs, labels = make_dataset(rng, n_points=n_points, n_inputs=n_params - 1)
    inputs, labels = inputs.tolist(), [int(y) for y in labels]
    params = np.zeros(n_params)
    evaluations = 0

    def loss(params):
        nonlocal evaluations
        evaluations += 1
        return mean_loss(*_unpack(params), inputs, labels)

    with _collector_paused():
        # once: at 3001 parameters it takes seconds
        numeric, numeric_seconds = timed(gradient, loss, params)
        numeric_evaluations = evaluations  # counted as helpers.gradient made them
        backprop_seconds = seconds(backprop_gradient, params, inputs, labels, repeats=repeats)
        evaluation_seconds = seconds(loss, params, repeats=repeats)
    graph, backprop = backprop_gradient(params, inputs, labels)
    operations = sum(1 for node in topological_order(graph) if node.children)
    return GradientCost(
        parameters=n_params,
        operations=operations,
        numeric_evaluations=numeric_evaluations,
        numeric_seconds=numeric_seconds,
        backprop_seconds=backprop_seconds,
        evaluation_seconds=evaluation_seconds,
        relative_error=relative_error(backprop, numeric, whole=True),
    )
