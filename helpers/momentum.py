"""Momentum on a ravine: what notebook 09 and its explorer run.

The ravine is the quadratic

    f(x₁, x₂) = 0.1·x₁² + 2·x₂²,    ∇f = (0.2·x₁, 4·x₂),

with curvature 0.2 along its floor (x₁) and L = 4 across it (x₂). On a quadratic,
plain gradient descent converges only for learning rates η < 2/L, and then crawls
along the floor, where each step multiplies x₁ by 1 − 0.2·η.

Momentum (``helpers.gradient_descent(..., momentum=β)``) follows a velocity,

    v ← β·v + ∇f(w),    w ← w − η·v,

and on a quadratic it converges for η < (2 + 2β)/L: the same run can take larger
steps, and the velocity builds up speed along the floor.
"""

import numpy as np

from .descent import gradient_descent
from .sgd import noisy_slope
from .validation import (
    require_count,
    require_finite_number,
    require_momentum,
    require_pair,
    require_positive_number,
)

__all__ = [
    "RAVINE_CURVATURES",
    "RAVINE_START",
    "ravine",
    "ravine_descent",
    "ravine_gradient",
    "ravine_noise_floor",
    "stability_limits",
]

#: The curvatures of the ravine along x₁ (its floor) and x₂ (across it).
RAVINE_CURVATURES = np.array([0.2, 4.0])

#: Where notebook 09's runs start.
RAVINE_START = (-5.0, 1.5)


def ravine(w):
    """f(x₁, x₂) = 0.1·x₁² + 2·x₂², for w = [x₁, x₂] (or arrays of them, stacked first).

    Examples
    --------
    >>> float(ravine(np.array([1.0, 1.0])))
    2.1
    """
    w = np.asarray(w, dtype=float)
    return 0.5 * (RAVINE_CURVATURES[0] * w[0] ** 2 + RAVINE_CURVATURES[1] * w[1] ** 2)


def ravine_gradient(w):
    """∇f = (0.2·x₁, 4·x₂), exactly.

    Examples
    --------
    >>> ravine_gradient(np.array([1.0, 1.0])).tolist()
    [0.2, 4.0]
    """
    return RAVINE_CURVATURES * np.asarray(w, dtype=float)


def stability_limits(momentum, *, curvature=None):
    """The largest stable learning rates on a quadratic of largest curvature L.

    Returns
    -------
    (2/L, (2 + 2β)/L): plain gradient descent, and with momentum β.

    Examples
    --------
    >>> stability_limits(0.5)
    (0.5, 0.75)
    """
    momentum = require_momentum(momentum)
    if curvature is None:
        curvature = float(RAVINE_CURVATURES.max())
    curvature = require_positive_number(curvature, "curvature")
    return 2 / curvature, (2 + 2 * momentum) / curvature


def ravine_noise_floor(learning_rate, noise):
    """The mean loss that plain gradient descent with gradient noise σ settles at.

    Along a direction of curvature c each step is x ← (1 − ηc)·x − η·σ·ξ, so x
    ends up jiggling with variance η²σ² / (1 − (1 − ηc)²), and its share of the loss,
    c/2 times that, is ησ² / (2(2 − ηc)). Summed over both directions:

        floor = Σᵢ η σ² / (2 (2 − η cᵢ))     (for η < 2/L)

    The floor grows with the learning rate and with the noise's variance σ².

    Examples
    --------
    >>> round(ravine_noise_floor(0.1, 1.0), 5)
    0.0565
    """
    learning_rate = require_positive_number(learning_rate, "learning_rate")
    noise = require_finite_number(noise, "noise")
    limit, _ = stability_limits(0.0)
    if learning_rate >= limit:
        raise ValueError(
            f"learning_rate must be below 2/L = {limit:g} for the run to settle, "
            f"but got {learning_rate}."
        )
    shares = learning_rate * noise**2 / (2 * (2 - learning_rate * RAVINE_CURVATURES))
    return float(np.sum(shares))


def ravine_descent(
    learning_rate, *, momentum=0.0, noise=0.0, seed=0, steps=100, start=RAVINE_START
):
    """Gradient descent with momentum on the ravine, from ``start``: the explorer's run.

    Parameters
    ----------
    learning_rate : float > 0
        η.
    momentum : float in [0, 1)
        β (0: plain gradient descent).
    noise : float >= 0
        σ: each gradient gets normal noise of this standard deviation added, per
        coordinate, drawn from ``np.random.default_rng(seed)``.
    seed : int
    steps : int >= 0
        Every step is taken (no early stop), unless the run diverges.
    start : (x₁, x₂)

    Returns
    -------
    DescentPath: ``.points`` the path (steps + 1, 2), ``.values`` the loss per step;
    a diverging run stops early with ``.diverged`` set.

    Examples
    --------
    At η = 0.6, above 2/L = 0.5, plain descent blows up; with β = 0.5 it converges:

    >>> plain, heavy = ravine_descent(0.6, steps=100), ravine_descent(0.6, momentum=0.5, steps=100)
    >>> bool(plain.values[-1] > plain.values[0]), bool(heavy.values[-1] < 1e-12)
    (True, True)
    """
    noise = require_finite_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, but got {noise}.")
    seed = require_count(seed, "seed")
    start = np.array(require_pair(start, "start"))
    slope = noisy_slope(ravine_gradient, noise, np.random.default_rng(seed))
    return gradient_descent(
        ravine,
        start,
        learning_rate=learning_rate,
        steps=steps,
        tolerance=0.0,
        slope=slope,
        momentum=momentum,
    )
