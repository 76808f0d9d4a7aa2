"""A single neuron, its data and its loss: what notebook 07 trains.

The neuron takes n inputs x₁ … xₙ and has n weights w₁ … wₙ and a bias b. Its
output is a probability, "how sure it is that the point is in class 1":

    p = σ(z),   z = w₁x₁ + … + wₙxₙ + b,   σ(z) = 1 / (1 + e^(−z))

All n + 1 parameters sit in one flat array, weights first and the bias last,
``params = [w₁, …, wₙ, b]``, so that ``helpers.gradient`` and
``helpers.gradient_descent`` can treat them as one point.

The loss is the mean cross-entropy over the N data points (labels y are 0 or 1):

    L = mean( −y·log(p) − (1 − y)·log(1 − p) ) = mean( log(1 + e^z) − y·z )

(the second form is the same number, computed without ever taking log(0)).
Its partial derivatives have a short formula, which is what backpropagation
computes for a whole network:

    ∂L/∂wⱼ = mean( (p − y)·xⱼ ),    ∂L/∂b = mean( p − y )

The rest of the module counts loss evaluations and searches at random, to
compare guessing with gradient descent at the same cost.
"""

from dataclasses import dataclass

import numpy as np

from .timing import seconds  # notebook 07 times with helpers.neuron.seconds
from .validation import (
    require_callable,
    require_count,
    require_finite_array,
    require_positive_number,
    require_rng,
)

__all__ = [
    "CountedLoss",
    "NeuronLoss",
    "RandomSearch",
    "descent_evaluations",
    "loss",
    "loss_gradient",
    "make_dataset",
    "predict",
    "random_search",
    "seconds",
    "sigmoid",
]


# --- validation of the neuron's arrays -----------------------------------------


def _require_data(inputs, labels):
    """The data as arrays: inputs of shape (N, n), labels of shape (N,), each 0 or 1."""
    inputs = require_finite_array(inputs, "inputs (one row per data point)", ndim=2)
    labels = require_finite_array(labels, "labels", ndim=1)
    if labels.shape[0] != inputs.shape[0]:
        raise ValueError(
            f"labels must have one entry per row of inputs ({inputs.shape[0]}), "
            f"but got {labels.shape[0]}."
        )
    if not np.all((labels == 0) | (labels == 1)):
        raise ValueError("labels must be 0 or 1 (the two classes).")
    return inputs, labels


def _require_params(params, n_inputs):
    params = require_finite_array(params, "params", ndim=1)
    if params.size != n_inputs + 1:
        raise ValueError(
            f"params must hold {n_inputs} weights and a bias ({n_inputs + 1} numbers) for "
            f"inputs with {n_inputs} columns, but got {params.size} numbers."
        )
    return params


# --- data, model, loss and its gradient -----------------------------------------


def make_dataset(rng, *, n_points=100, n_inputs=2, separation=2.0):
    """Points of two classes, labels 0 and 1, in n_inputs dimensions.

    Each point is a standard normal sample (one per input) shifted by
    ±separation/2 along the diagonal direction (1, 1, …, 1)/√n_inputs: class 1
    towards +, class 0 towards −. The two clouds overlap, so no line separates
    them perfectly and the best loss is above 0. Labels alternate 0, 1, 0, 1, ….

    Parameters
    ----------
    rng : numpy.random.Generator
        The seeded source of randomness, e.g. ``np.random.default_rng(0)``.
    n_points : int >= 2
        How many points (rows).
    n_inputs : int >= 1
        How many inputs each point has (columns).
    separation : float > 0
        The distance between the two class centres.

    Returns
    -------
    inputs : array of shape (n_points, n_inputs)
    labels : array of shape (n_points,), each 0.0 or 1.0

    Examples
    --------
    >>> inputs, labels = make_dataset(np.random.default_rng(0), n_points=6, n_inputs=3)
    >>> inputs.shape, labels.tolist()
    ((6, 3), [0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    """
    rng = require_rng(rng)
    n_points = require_count(n_points, "n_points")
    if n_points < 2:
        raise ValueError(f"n_points must be 2 or more (one per class at least), got {n_points}.")
    n_inputs = require_count(n_inputs, "n_inputs")
    if n_inputs < 1:
        raise ValueError(f"n_inputs must be 1 or more, but got {n_inputs}.")
    separation = require_positive_number(separation, "separation")
    labels = (np.arange(n_points) % 2).astype(float)
    direction = np.ones(n_inputs) / np.sqrt(n_inputs)
    shift = (labels - 0.5)[:, None] * separation * direction  # ±separation/2 along it
    inputs = rng.normal(size=(n_points, n_inputs)) + shift
    return inputs, labels


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)): squashes any number into (0, 1).

    Examples
    --------
    >>> sigmoid(np.array([-100.0, 0.0, 100.0])).round(6)
    array([0. , 0.5, 1. ])
    """
    # e^(−z) overflows for z < −709; 0.5·(1 + tanh(z/2)) is the same σ and never does.
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))


def _weighted_sums(params, inputs):
    """z = inputs · w + b, one number per data point."""
    return inputs @ params[:-1] + params[-1]


def predict(params, inputs):
    """The neuron's output p = σ(w·x + b) for every row x of ``inputs``.

    Examples
    --------
    >>> predict(np.array([1.0, -1.0, 0.0]), np.array([[2.0, 2.0], [0.0, 50.0]])).round(3)
    array([0.5, 0. ])
    """
    inputs = require_finite_array(inputs, "inputs (one row per data point)", ndim=2)
    params = _require_params(params, inputs.shape[1])
    return sigmoid(_weighted_sums(params, inputs))


def _loss(params, inputs, labels):
    """mean(log(1 + e^z) − y·z), for arrays already checked."""
    z = _weighted_sums(params, inputs)
    return float(np.mean(np.logaddexp(0.0, z) - labels * z))


def loss(params, inputs, labels):
    """The mean cross-entropy L = mean(log(1 + e^z) − y·z) with z = w·x + b.

    Parameters
    ----------
    params : 1-D array [w₁, …, wₙ, b]
    inputs : array of shape (N, n)
    labels : array of shape (N,), each 0 or 1

    Returns
    -------
    float ≥ 0. With every parameter 0, p = 1/2 for every point and L = log 2.

    Examples
    --------
    >>> round(loss(np.zeros(3), np.ones((4, 2)), np.array([0, 1, 1, 0])), 6)
    0.693147
    """
    inputs, labels = _require_data(inputs, labels)
    params = _require_params(params, inputs.shape[1])
    return _loss(params, inputs, labels)


def loss_gradient(params, inputs, labels):
    """Every partial derivative of ``loss``, from the formula (no nudging).

        ∂L/∂wⱼ = mean((p − y)·xⱼ),   ∂L/∂b = mean(p − y)

    One pass forward (z, then p) and one pass back (two products with the
    data) give all n + 1 partials at once: that is backpropagation for one neuron.

    Returns
    -------
    1-D array [∂L/∂w₁, …, ∂L/∂wₙ, ∂L/∂b], the same shape as ``params``.

    Examples
    --------
    Two points, labels 1 and 0, all parameters 0, so p = 1/2 for both:

    >>> loss_gradient(np.zeros(2), np.array([[2.0], [4.0]]), np.array([1.0, 0.0]))
    array([0.5, 0. ])
    """
    inputs, labels = _require_data(inputs, labels)
    params = _require_params(params, inputs.shape[1])
    error = (sigmoid(_weighted_sums(params, inputs)) - labels) / len(labels)  # ∂L/∂z
    return np.append(inputs.T @ error, np.sum(error))


# --- counting the cost -------------------------------------------------------------


class NeuronLoss:
    """The neuron's loss on fixed data, as a function of ``params`` alone: ``loss(params)``.

    The same number as ``loss(params, inputs, labels)``, with the data held. Because
    it says what it computes (not just any function), the loss-slice explorer can send
    its data to the page, which then computes every curve itself, with no kernel.

    Examples
    --------
    >>> neuron_loss = NeuronLoss(np.ones((4, 2)), np.array([0, 1, 1, 0]))
    >>> round(neuron_loss(np.zeros(3)), 6), neuron_loss.n_params
    (0.693147, 3)
    """

    def __init__(self, inputs, labels):
        self.inputs, self.labels = _require_data(inputs, labels)
        self.n_params = self.inputs.shape[1] + 1

    def __call__(self, params):
        return _loss(_require_params(params, self.n_params - 1), self.inputs, self.labels)


class CountedLoss(NeuronLoss):
    """The neuron's loss on fixed data, as a function of ``params`` alone, that counts its calls.

    Call it like a function, ``counted(params)``; ``counted.count`` says how many
    times the loss has been evaluated since it was made or ``reset()``.

    Examples
    --------
    >>> counted = CountedLoss(np.ones((4, 2)), np.array([0, 1, 1, 0]))
    >>> round(counted(np.zeros(3)), 6), counted.count
    (0.693147, 1)
    """

    def __init__(self, inputs, labels):
        super().__init__(inputs, labels)
        self.count = 0

    def __call__(self, params):
        self.count += 1
        return super().__call__(params)

    def reset(self):
        """Start counting from 0 again."""
        self.count = 0


def descent_evaluations(path):
    """How many loss evaluations a numeric gradient descent had used at each point of ``path``.

    ``helpers.gradient_descent`` evaluates the loss once at the start, and then
    per step: 2 per parameter for the numeric gradient (the loss a step h to each
    side) plus 1 at the new point. With P parameters, after k steps:

        evaluations = 1 + k·(2P + 1)

    Parameters
    ----------
    path : DescentPath
        What ``helpers.gradient_descent`` returned for an array start.

    Returns
    -------
    int array, one count per point of the path.

    Examples
    --------
    >>> from helpers.descent import gradient_descent
    >>> path = gradient_descent(lambda w: np.sum(w**2), np.ones(3), learning_rate=0.1, steps=2)
    >>> descent_evaluations(path)
    array([ 1,  8, 15])
    """
    points = getattr(path, "points", None)
    if points is None or np.ndim(points) != 2:
        raise TypeError(
            "path must be what helpers.gradient_descent returned for an array start "
            f"(with .points of shape (steps + 1, P)), but got {type(path).__name__}."
        )
    n_steps, n_params = len(points) - 1, points.shape[1]
    return 1 + np.arange(n_steps + 1) * (2 * n_params + 1)


@dataclass(frozen=True)
class RandomSearch:
    """The result of a random search.

    best         the best parameters found.
    best_values  the lowest loss found so far, after each evaluation: shape (samples,).
    """

    best: np.ndarray
    best_values: np.ndarray

    @property
    def evaluations(self):
        """1, 2, …, samples: the loss evaluations used when each best value was known."""
        return np.arange(1, len(self.best_values) + 1)


def random_search(loss, n_params, *, samples, rng, scale=3.0):
    """Guess parameters at random and keep the best: one loss evaluation per guess.

    Each guess draws every parameter uniformly from [−scale, scale].

    Parameters
    ----------
    loss : callable
        The loss as a function of a 1-D parameter array, ``loss(params)``.
    n_params : int >= 1
        How many parameters a guess has.
    samples : int >= 1
        How many guesses (= loss evaluations).
    rng : numpy.random.Generator
        The seeded source of randomness.
    scale : float > 0
        Guesses lie in [−scale, scale] in every parameter.

    Returns
    -------
    RandomSearch with ``.best``, ``.best_values`` and ``.evaluations``.

    Examples
    --------
    The best loss so far can only go down (here the loss is w₁² + w₂²):

    >>> search = random_search(lambda w: np.sum(w**2), 2, samples=5, rng=np.random.default_rng(0))
    >>> search.best_values.round(3), search.evaluations
    (array([2.583, 2.583, 2.583, 2.305, 2.305]), array([1, 2, 3, 4, 5]))
    """
    loss = require_callable(loss, "loss")
    n_params = require_count(n_params, "n_params")
    samples = require_count(samples, "samples")
    for value, name in [(n_params, "n_params"), (samples, "samples")]:
        if value < 1:
            raise ValueError(f"{name} must be 1 or more, but got {value}.")
    rng = require_rng(rng)
    scale = require_positive_number(scale, "scale")
    guesses = rng.uniform(-scale, scale, size=(samples, n_params))
    values = np.array([float(loss(guess)) for guess in guesses])
    best_so_far = np.minimum.accumulate(values)
    return RandomSearch(guesses[np.argmin(values)], best_so_far)
