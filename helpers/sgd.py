"""Stochastic gradient descent: stepping with gradients that are right only on average.

A real network's loss is a mean over millions of data points; its exact gradient
costs a pass over all of them. **Stochastic** gradient descent steps with the
gradient of a small random **minibatch** instead: cheap, right on average, and
noisy. The noise keeps the weights jiggling around the minimum, so at a fixed
learning rate the loss stops falling at a **floor** above the minimum. A smaller
learning rate lowers the floor, so training lowers it step by step: a
**decaying** learning rate, here

    η_k = η₀ / (1 + k/k_half)      (η halves after k_half steps, thirds after 2·k_half, …).

All three plug into ``helpers.gradient_descent``: a noisy slope as ``slope=``,
the schedule as ``learning_rate=``.
"""

import numpy as np

from .neuron import _require_data, loss_gradient
from .validation import (
    require_callable,
    require_count,
    require_finite_array,
    require_finite_number,
    require_positive_number,
    require_rng,
)

__all__ = ["decaying_rate", "loss_floor", "minibatch_slope", "noisy_slope"]


def noisy_slope(slope, noise, rng):
    """``slope`` plus normal noise: w ↦ slope(w) + noise·ξ, ξ a fresh standard normal draw.

    Parameters
    ----------
    slope : callable
        The exact gradient, slope(w) → array shaped like w.
    noise : float >= 0
        σ, the noise's standard deviation per coordinate (0: no noise).
    rng : numpy.random.Generator

    Examples
    --------
    >>> exact = lambda w: 2 * w
    >>> noisy = noisy_slope(exact, 0.1, np.random.default_rng(0))
    >>> noisy(np.array([1.0, -1.0])).round(3)
    array([ 2.013, -2.013])
    """
    slope = require_callable(slope, "slope")
    noise = require_finite_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, but got {noise}.")
    rng = require_rng(rng)
    if noise == 0:
        return slope
    return lambda w: slope(w) + noise * rng.standard_normal(np.shape(w))


def minibatch_slope(inputs, labels, batch_size, rng):
    """The neuron's loss gradient on a random minibatch, a new one at every call.

    Each call draws ``batch_size`` different points at random and returns
    ``helpers.neuron.loss_gradient`` on them: the gradient of the loss on that
    batch, an estimate of the gradient on all the data.

    Examples
    --------
    >>> inputs, labels = np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([0, 1, 0, 1])
    >>> full = minibatch_slope(inputs, labels, 4, np.random.default_rng(0))
    >>> full(np.zeros(2)).tolist()   # a batch of all 4 points is the exact gradient
    [-0.25, 0.0]
    """
    inputs, labels = _require_data(inputs, labels)
    batch_size = require_count(batch_size, "batch_size")
    if not 1 <= batch_size <= len(labels):
        raise ValueError(
            f"batch_size must be between 1 and the {len(labels)} data points, but got {batch_size}."
        )
    rng = require_rng(rng)

    def slope(params):
        batch = rng.choice(len(labels), size=batch_size, replace=False)
        return loss_gradient(params, inputs[batch], labels[batch])

    return slope


def decaying_rate(initial, *, half_life):
    """The schedule η_k = initial / (1 + k/half_life), for ``learning_rate=``.

    Examples
    --------
    >>> rate = decaying_rate(0.5, half_life=100)
    >>> rate(0), rate(100), rate(300)
    (0.5, 0.25, 0.125)
    """
    initial = require_positive_number(initial, "initial")
    half_life = require_positive_number(half_life, "half_life")
    return lambda k: initial / (1 + k / half_life)


def loss_floor(values, *, last=0.5):
    """The mean loss over the last part of a run: where noise lets the loss settle.

    Parameters
    ----------
    values : 1-D array
        The loss at each step (``path.values``).
    last : float in (0, 1]
        The fraction of the run at its end to average (by default the second half).

    Examples
    --------
    >>> loss_floor([9.0, 5.0, 1.0, 3.0])
    2.0
    """
    values = require_finite_array(values, "values", ndim=1)
    last = require_positive_number(last, "last")
    if last > 1:
        raise ValueError(f"last must be a fraction of the run, at most 1, but got {last}.")
    count = max(1, int(round(last * len(values))))
    return float(np.mean(values[-count:]))
