"""Numeric derivatives: the slope of f, measured by nudging its input.

Everything here rests on one formula, the central difference::

    f'(x) ≈ (f(x + h) - f(x - h)) / (2h)

It is the slope of the secant line through two points of the curve, one a
step h to the left of x and one a step h to the right. As h shrinks, that
secant turns into the tangent line, whose slope is the derivative.
"""

import numpy as np

from .validation import (
    UndefinedError,
    real_array,
    require_callable,
    require_defined,
    require_defined_beside,
    require_finite_numbers,
    require_finite_result,
    require_key,
    require_point,
    require_step,
)

#: Machine epsilon: the gap between 1.0 and the next float, about 2.2e-16.
EPSILON = np.finfo(float).eps

#: The default step, relative to |x|: ε^(1/3), about 6.06e-6. It balances the
#: two errors of the central difference: truncation, which grows like h², and
#: round-off, which grows like ε/h. Notebook 03 shows both.
RELATIVE_STEP = EPSILON ** (1 / 3)


def default_step(x):
    """The step h that ``derivative`` uses when you give none: ε^(1/3)·|x|.

    It scales with |x|, so the step is small next to x both at x = 1e6 and at
    x = 1e-3 (where a fixed step could leave the domain of log or sqrt). At
    x = 0 there is no scale to follow, and the step is ε^(1/3).

    Examples
    --------
    >>> print(f"{default_step(1.0):.3g}  {default_step(1e6):.3g}  {default_step(0.0):.3g}")
    6.06e-06  6.06  6.06e-06
    """
    magnitude = np.abs(x)
    # Below the smallest normal float, ε^(1/3)·|x| would round to 0: keep it above that.
    scale = np.where(magnitude > 0, np.maximum(magnitude, np.finfo(float).tiny), 1.0)
    return RELATIVE_STEP * scale


def values_of(f, at, describe):
    """f(at) as floats, the same shape as ``at``; nan and inf are kept (see ``evaluate``)."""
    try:
        # nan or inf from outside f's domain is reported by the caller, with the point named.
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            values = f(at)
    except TypeError as error:
        if np.ndim(at) == 0:
            raise
        raise TypeError(
            "f must accept a whole numpy array of x values (use np.sin, np.exp, ... "
            f"rather than math.sin, math.exp, ...); calling it on an array failed: {error}"
        ) from error
    try:
        values = real_array(values, "f's values")
    except (TypeError, ValueError):
        raise TypeError(
            f"f must return numbers, but at {describe(float(np.ravel(at)[0]))} "
            f"it returned {values!r:.60}."
        ) from None
    if values.shape != np.shape(at):
        if values.size != 1:
            raise ValueError(
                f"f must return one number per x, but for x of shape {np.shape(at)} "
                f"it returned shape {values.shape}."
            )
        values = np.broadcast_to(values.reshape(()), np.shape(at))
    return values


def evaluate(f, at, describe):
    """f(at) as floats, the same shape as ``at``; raise UndefinedError if f gives nan or inf."""
    values = values_of(f, at, describe)
    if not np.all(np.isfinite(values)):
        first_bad = np.flatnonzero(~np.isfinite(values))[0]
        require_finite_result(values, describe(float(np.ravel(at)[first_bad])))
    return values


def forward_quotient(f, x, h):
    """(f(x + h) − f(x)) / h: the forward difference quotient, as notebook 03 writes it.

    The secant slope from x to x + h; its error shrinks like h. No checks: the
    step-size explorer shows it at every h, round-off and all.

    Examples
    --------
    >>> round(forward_quotient(lambda x: x**2, 3.0, 0.5), 6)  # 6 + h
    6.5
    """
    return (f(x + h) - f(x)) / h


def central_quotient(f, x, h):
    """(f(x + h) − f(x − h)) / (2h): the central difference quotient, as notebook 03
    writes it.

    The secant slope from x − h to x + h; its error shrinks like h². No checks, and
    the denominator is 2h exactly, so at tiny h the step-size explorer shows round-off
    as it is. ``derivative`` measures with ``central_difference`` below: the same
    quotient, its denominator as stored, and clear errors.

    Examples
    --------
    >>> round(central_quotient(lambda x: x**2, 3.0, 0.5), 6)  # exact for a parabola
    6.0
    """
    return (f(x + h) - f(x - h)) / (2 * h)


def complex_step_slope(f, x, h=1e-20):
    """Im f(x + ih) / h, the complex-step derivative: exact to about 1e-16.

    It needs an f that works on complex numbers (np.sin, np.exp, x**3, ...).

    Examples
    --------
    >>> complex_step_slope(lambda x: x**3, 2.0)
    12.0
    """
    try:
        value = f(x + 1j * h)
    except TypeError as error:
        raise ValueError(
            f"f could not be evaluated at a complex number ({error}); pass its exact "
            "derivative as df=..."
        ) from None
    if not np.iscomplexobj(value) or not np.isfinite(value):
        raise ValueError(
            "f did not return a finite complex number for a complex input, so the exact "
            "slope cannot be found for you; pass its derivative as df=..."
        )
    return float(np.imag(value) / h)


def relative_error(backprop, numeric, *, whole=False):
    """|backprop − numeric| / max(|backprop|, |numeric|): how far two gradients disagree.

    Entry by entry (0 where both are 0); with ``whole=True``, for the two vectors as a
    whole, by their lengths (one float). It does not depend on the size of the gradient.

    Examples
    --------
    >>> print(f"{relative_error(2.0, 2.0002):.2e}")
    1.00e-04
    >>> relative_error([1.0, 0.0], [1.0, 0.0]).tolist()
    [0.0, 0.0]
    >>> relative_error([3.0, 0.0], [0.0, 4.0], whole=True)
    1.25
    """
    backprop = np.asarray(require_finite_numbers(backprop, "backprop"), dtype=float)
    numeric = np.asarray(require_finite_numbers(numeric, "numeric"), dtype=float)
    if backprop.shape != numeric.shape:
        raise ValueError(
            f"backprop and numeric must have the same shape, but got {backprop.shape} "
            f"and {numeric.shape}."
        )
    if whole:
        scale = max(np.linalg.norm(backprop), np.linalg.norm(numeric))
        return float(np.linalg.norm(backprop - numeric) / scale) if scale > 0 else 0.0
    scale = np.maximum(np.abs(backprop), np.abs(numeric))
    gap = np.abs(backprop - numeric)
    return np.divide(gap, scale, out=np.zeros_like(gap), where=scale > 0)


def central_difference(f, x, h, describe=lambda at: f"x = {at!r}"):
    """(f(x + h) - f(x - h)) / (2h), for validated x (float or array) and h.

    The denominator is the distance between the two points as the computer
    stores them, (x + h) - (x - h), which can differ from 2h by rounding.
    """
    x_right, x_left = x + h, x - h
    run = x_right - x_left
    if not np.all((run > 0) & np.isfinite(run)):
        raise ValueError(
            f"the step h = {np.max(h):.3g} does not fit x = {np.ravel(x)[0]:.6g}: x + h and x − h "
            "are the same float, or overflow. Pass h= near 1e-5·|x| instead."
        )
    rise = evaluate(f, x_right, describe) - evaluate(f, x_left, describe)
    return rise / run


def derivative(f, x, *, h=None):
    """The derivative f'(x) by the central difference (f(x+h) - f(x-h)) / (2h).

    Parameters
    ----------
    f : callable
        A function of one number. When ``x`` is an array, f is called once on
        the whole array (use numpy functions such as ``np.sin``).
    x : float or array of floats
        Where to measure the slope.
    h : float > 0, optional
        The step. By default ε^(1/3)·|x| (see ``default_step``).

    Returns
    -------
    float, or an array of the same shape as ``x``.

    Accuracy
    --------
    With the default step the error is about ε^(2/3)·(|f(x)/x| + x²·|f‴(x)|/6):
    a relative error near 1e-11 wherever f varies on the scale of x
    (polynomials, log, sqrt, tanh, ... at any |x|, next to a domain edge too).
    It grows where f is far from 0 while x is tiny (exp or cos at x = 1e-6:
    round-off) or where f wiggles on a scale much smaller than |x| (sin at
    x = 1000: truncation). Notebook 03 shows both; pass ``h=`` there.

    Examples
    --------
    The slope of y = x² at x = 3 is 2·3 = 6:

    >>> round(derivative(lambda x: x**2, 3.0), 6)
    6.0
    >>> derivative(np.sin, np.array([0.0, np.pi])).round(6)
    array([ 1., -1.])
    """
    f = require_callable(f, "f")
    x = require_finite_numbers(x, "x")
    h = require_step(h, "h")
    step = default_step(x) if h is None else h
    try:
        slope = central_difference(f, x, step)
    except UndefinedError:
        require_defined_near(f, x, step, h is None, _name_x(x))
        raise
    return float(slope) if np.ndim(x) == 0 else slope


def _name_x(x):
    """How the learner wrote entry i of x, for errors: ("x[1] = -2.0", "f(-2.0)", "x")."""

    def name(i):
        value = float(np.ravel(x)[i])
        if np.ndim(x) == 0:
            return f"x = {value!r}", f"f({value!r})", "x"
        index = ", ".join(str(int(k)) for k in np.unravel_index(i, np.shape(x)))
        return f"x[{index}] = {value!r}", f"f({value!r})", "x"

    return name


def require_defined_near(f, x, h, step_is_default, name, describe=lambda at: f"x = {at!r}"):
    """Once f had no value at some x ± h: raise an error naming the learner's own point.

    For the first entry i of x where f(x − h) or f(x + h) is nan or inf,
    ``name(i)`` says how the learner wrote it, ``(where, call, variable)``, e.g.
    ``("x = -2.0", "f(-2.0)", "x")``. If f has no value at that point itself
    (log at x = -2), or only a default step beside it (sqrt at x = 0), the
    error says so, and whether the step was the default or the learner's own h.
    """
    f_left, f_right = values_of(f, x - h, describe), values_of(f, x + h, describe)
    i = np.flatnonzero(~(np.isfinite(f_left) & np.isfinite(f_right)))[0]
    where, call, variable = name(i)
    require_defined(np.ravel(values_of(f, x, describe))[i], where, call)
    step = float(np.ravel(np.broadcast_to(h, np.shape(x)))[i])
    left_is_bad = not np.isfinite(np.ravel(f_left)[i])
    side, at = (f"{variable} − h", x - h) if left_is_bad else (f"{variable} + h", x + h)
    value = np.ravel(f_left if left_is_bad else f_right)[i]
    require_defined_beside(value, where, side, float(np.ravel(at)[i]), step, step_is_default)


def _partial(f, point, key, h):
    """∂f/∂point[key] at a validated point: only that entry moves, the rest are held.

    ``point`` is a dict (f is called as f(**point)) or a 1-D array (f(point)).
    """

    def moved_to(value):
        moved = point.copy()
        moved[key] = float(value)
        return moved

    def f_along_key(value):
        moved = moved_to(value)
        return f(**moved) if isinstance(moved, dict) else f(moved)

    def describe(at):
        return f"point {moved_to(at)}"

    x = point[key]
    step = default_step(x) if h is None else h
    try:
        return float(central_difference(f_along_key, x, step, describe))
    except UndefinedError:
        variable = key if isinstance(point, dict) else f"point[{key}]"
        learners_point = (*describe_point(point), variable)
        require_defined_near(f_along_key, x, step, h is None, lambda _: learners_point, describe)
        raise


def describe_point(point):
    """A point as the learner wrote it, and f called there, for errors:
    ("point {'x': -2.0, 'y': 1.0}", "f(x=-2.0, y=1.0)") or ("point [1.0, -2.0]", "f([1.0, -2.0])").
    """
    if isinstance(point, dict):
        values = {key: float(value) for key, value in point.items()}
        arguments = ", ".join(f"{key}={value!r}" for key, value in values.items())
        return f"point {values}", f"f({arguments})"
    values = [float(value) for value in point]
    return f"point {values}", f"f({values})"


def partial_derivative(f, point, wrt, *, h=None):
    """The partial derivative ∂f/∂wrt: the slope when only ``wrt`` moves.

    Every other variable is held constant, so this is the ordinary derivative
    of the one-variable function  v ↦ f(**{**point, wrt: v}).

    Parameters
    ----------
    f : callable
        Called with keyword arguments, ``f(**point)``.
    point : dict
        The values of all of f's arguments, e.g. ``{"x": 1.0, "y": 2.0}``.
    wrt : str
        The variable that moves ("with respect to"); one of point's keys.
    h : float > 0, optional
        The step; by default ε^(1/3)·|point[wrt]|.

    Examples
    --------
    For f(x, y) = 3x²y, ∂f/∂x = 6xy, which is 12 at x = 1, y = 2:

    >>> round(partial_derivative(lambda x, y: 3 * x**2 * y, {"x": 1.0, "y": 2.0}, "x"), 6)
    12.0
    """
    f = require_callable(f, "f")
    if not isinstance(point, dict):
        raise TypeError(
            "point must be a dict of f's arguments, like {'x': 1.0, 'y': 2.0}, "
            f"but got {type(point).__name__}."
        )
    point = require_point(point, "point")
    wrt = require_key(wrt, point, "wrt")
    h = require_step(h, "h")
    return _partial(f, point, wrt, h)


def gradient(f, point, *, h=None):
    """The gradient ∇f: every partial derivative of f at ``point``.

    Parameters
    ----------
    f : callable
        ``f(**point)`` when point is a dict; ``f(array)`` when it is an array.
    point : dict or 1-D array
        Where to measure.
    h : float > 0, optional
        The step for every partial; by default ε^(1/3)·|value| per variable.

    Returns
    -------
    dict of the partials under the same keys, or an array of them.
    Each partial costs two evaluations of f.

    Examples
    --------
    >>> def f(x, y):
    ...     return x**2 + 3 * y
    >>> {name: round(value, 6) for name, value in gradient(f, {"x": 2.0, "y": 5.0}).items()}
    {'x': 4.0, 'y': 3.0}
    >>> gradient(lambda w: np.sum(w**2), np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    """
    f = require_callable(f, "f")
    point = require_point(point, "point")
    h = require_step(h, "h")
    if isinstance(point, dict):
        return {name: _partial(f, point, name, h) for name in point}
    return np.array([_partial(f, point, i, h) for i in range(point.size)])
