"""Gradient descent: walk downhill by stepping against the slope.

One step moves every weight against its partial derivative:

    w ← w − learning_rate · ∇f(w)

A positive slope means "uphill to the right", so we step left, and the other
way round. The learning rate sets how far each step goes.

With momentum β (notebook 09) the step follows a velocity v that remembers the
past slopes, with this one sign convention (PyTorch's, for its SGD):

    v ← β·v + ∇f(w),    w ← w − learning_rate · v,    v = 0 at the start.

β = 0 is plain gradient descent.
"""

from dataclasses import dataclass

import numpy as np

from .derivatives import derivative, gradient
from .validation import (
    real_array,
    require_callable,
    require_count,
    require_defined,
    require_finite_number,
    require_finite_numbers,
    require_momentum,
    require_positive_number,
)

#: A run whose point or value grows past this has left any sensible scale: we
#: call it diverged and stop, before floats overflow to inf.
DIVERGENCE_LIMIT = 1e100


@dataclass(frozen=True)
class DescentPath:
    """The path of a gradient descent run.

    points     every point visited, the start first: shape (k + 1,) for a number,
               (k + 1, n) for an array start, after k steps.
    values     f at each point, shape (k + 1,).
    converged  True if the run stopped early because the steps became negligible.
    diverged   True if the run stopped because the point or value blew up.
    """

    points: np.ndarray
    values: np.ndarray
    converged: bool
    diverged: bool

    @property
    def steps(self):
        """How many steps were taken."""
        return len(self.points) - 1

    @property
    def final(self):
        """The last point reached."""
        return self.points[-1]

    def __repr__(self):
        status = "converged" if self.converged else "diverged" if self.diverged else "ran all steps"
        shown = ", ".join(f"{value:.6g}" for value in np.atleast_1d(self.final))
        final = shown if np.ndim(self.final) == 0 else f"[{shown}]"
        return (
            f"DescentPath({self.steps} steps, {status}, final point {final}, "
            f"final value {self.values[-1]:.6g})"
        )


def gradient_descent(f, start, *, learning_rate, steps, tolerance=1e-10, slope=None, momentum=0.0):
    """Run gradient descent on f from ``start``: w ← w − learning_rate · ∇f(w).

    Parameters
    ----------
    f : callable
        The function to minimise: f(w) for a number w, or f(array) for an array w.
    start : float or 1-D array
        Where to begin.
    learning_rate : float > 0, or a function of the step number
        How far each step goes, as a multiple of the slope. A function
        ``learning_rate(k)`` gives the rate of step k = 0, 1, 2, … (a schedule,
        e.g. one that decays).
    steps : int >= 0
        The most steps to take.
    tolerance : float >= 0
        Stop early (converged) once a step moves w by less than
        tolerance · (1 + |w|).
    slope : callable, optional
        The derivative or gradient of f, if you know it; by default it is
        measured with ``helpers.derivative`` / ``helpers.gradient``. A slope
        with noise in it (a minibatch's gradient) makes this stochastic
        gradient descent.
    momentum : float in [0, 1)
        β: each step follows v ← β·v + slope(w), w ← w − learning_rate · v.

    Returns
    -------
    DescentPath with ``.points``, ``.values``, ``.converged`` and ``.diverged``.
    A diverging run stops cleanly, with ``.diverged`` set.

    Examples
    --------
    >>> path = gradient_descent(lambda w: w**2, start=3.0, learning_rate=0.1, steps=3)
    >>> path.points.round(4)
    array([3.   , 2.4  , 1.92 , 1.536])
    >>> gradient_descent(lambda w: w**2, 3.0, learning_rate=1.5, steps=500).diverged
    True

    With momentum 0.5 the second step also carries half of the first slope:
    v = 0.5·6 + 4.8 = 7.8, so w = 2.4 − 0.1·7.8:

    >>> heavy = gradient_descent(lambda w: w**2, 3.0, learning_rate=0.1, steps=2, momentum=0.5)
    >>> heavy.points.round(4)
    array([3.  , 2.4 , 1.62])
    """
    f = require_callable(f, "f")
    w = np.asarray(require_finite_numbers(start, "start"), dtype=float)
    if np.ndim(w) > 1:
        raise ValueError(f"start must be a number or a 1-D array, but got shape {np.shape(w)}.")
    rate_of_step = _learning_rate_schedule(learning_rate)
    steps = require_count(steps, "steps")
    momentum = require_momentum(momentum)
    tolerance = require_finite_number(tolerance, "tolerance")
    if tolerance < 0:
        raise ValueError(f"tolerance must be 0 or more, but got {tolerance}.")
    if slope is None:
        slope = (lambda at: derivative(f, at)) if np.ndim(w) == 0 else (lambda at: gradient(f, at))
    else:
        slope = require_callable(slope, "slope")

    w = w.copy() if w.ndim else w[()]  # a numpy float: overflow gives inf, not an exception
    start_shown = _shown(w)
    points = [w]
    values = [require_defined(value_of(f, w), f"start = {start_shown}", f"f({start_shown})")]
    velocity = np.zeros_like(w)
    converged = diverged = False
    for k in range(steps):
        step = k + 1
        with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is caught just below
            velocity = momentum * velocity + _slope_value(slope, w)
            new_w = w - rate_of_step(k) * velocity
        new_value = value_of(f, new_w) if is_moderate(new_w) else np.inf
        if np.isnan(new_value) and not _overflows(f, new_w):
            # A step that lands outside f's domain (log below 0) has not diverged.
            reached = _shown(new_w, digits=6)
            require_defined(
                new_value,
                f"w = {reached}, where step {step} landed (the run started at "
                f"start = {start_shown}; learning_rate = {rate_of_step(k)!r} at this step)",
                f"f({reached})",
                "A smaller learning_rate takes shorter steps.",
            )
        if not is_moderate(new_value):
            diverged = True
            break
        points.append(new_w)
        values.append(new_value)
        if np.linalg.norm(np.atleast_1d(new_w - w)) <= tolerance * (1 + np.linalg.norm(w)):
            converged = True
            break
        w = new_w
    return DescentPath(np.array(points), np.array(values), converged, diverged)


def _learning_rate_schedule(learning_rate):
    """The learning rate as a function of the step number k, each value checked."""
    if not callable(learning_rate):
        rate = require_positive_number(learning_rate, "learning_rate")
        return lambda k: rate
    return lambda k: require_positive_number(learning_rate(k), f"learning_rate({k})")


def value_of(f, w):
    """f(w) as a float; overflow to inf is expected here and detected by the caller."""
    with np.errstate(over="ignore", invalid="ignore"):
        value = f(w)
    try:
        return float(real_array(value, "f"))
    except (TypeError, ValueError):
        raise TypeError(
            f"f must return one number, but at w = {w} it returned {value!r:.60}."
        ) from None


def _shown(w, digits=None):
    """A weight or weight vector as the learner would write it: -2.0 or [1.0, -2.0];
    with ``digits``, rounded to that many significant digits (for computed weights)."""
    numbers = [float(value) for value in np.atleast_1d(w)]
    shown = [repr(value) if digits is None else f"{value:.{digits}g}" for value in numbers]
    return shown[0] if np.ndim(w) == 0 else "[" + ", ".join(shown) + "]"


def _overflows(f, w):
    """True if computing f(w) overflows: its nan is then a blow-up (inf − inf), not a domain."""
    try:
        with np.errstate(over="raise", invalid="ignore", divide="ignore"):
            f(w)
    except (FloatingPointError, OverflowError):
        return True
    return False


def _slope_value(slope, w):
    """slope(w) as floats, the shape of w."""
    value = slope(w)
    try:
        return real_array(value, "slope").reshape(np.shape(w))
    except (TypeError, ValueError):
        raise TypeError(
            f"slope must return one number per weight, but at w = {w} it returned {value!r:.60}."
        ) from None


def is_moderate(value):
    """Finite and below DIVERGENCE_LIMIT in size: the run has not blown up. (The largest
    size is nan if any is, and nan, like inf, is not below the limit.)"""
    return bool(np.max(np.abs(value), initial=0.0) < DIVERGENCE_LIMIT)
