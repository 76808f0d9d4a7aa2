"""Checks on the arguments of every public helper, in one place.

Each check either returns the argument in the form the maths needs (a float, a
float array, a dict of floats) or raises a ``TypeError``/``ValueError`` whose
message names the argument and says what it accepts. The algorithms in the
other modules can then assume clean input.
"""

import numbers

import numpy as np


def require_callable(f, name="f"):
    """Return ``f`` if it can be called like a function, else raise TypeError."""
    if not callable(f):
        raise TypeError(
            f"{name} must be a function (something you can call, like f(x)), "
            f"but got {type(f).__name__} {f!r:.60}."
        )
    return f


def _is_real_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def require_finite_number(value, name):
    """Return ``value`` as a float; raise if it is not a finite real number."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not _is_real_number(value):
        raise TypeError(f"{name} must be a number, but got {type(value).__name__} {value!r:.60}.")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a finite number, but got an integer too large for a float."
        ) from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, but got {value}.")
    return value


def real_array(value, name):
    """``value`` as a float array; refuse text, yes/no values, complex numbers and ints
    too large for a float (numpy would convert or drop some of them silently)."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers in a list or array, but got {value!r:.60}."
        ) from None
    if array.dtype.kind == "O":
        is_real = all(_is_real_number(item) or isinstance(item, np.floating) for item in array.flat)
    else:
        is_real = array.dtype.kind in "iuf"
    if not is_real:
        raise TypeError(f"{name} must be real numbers, but got {value!r:.60}.")
    try:
        return array.astype(float)
    except OverflowError:
        raise ValueError(
            f"{name} must be finite numbers, but holds an integer too large for a float."
        ) from None


def require_finite_numbers(value, name):
    """Return a float or a float array; raise if any entry is not a finite real number.

    Plain numbers stay plain floats; arrays and lists become float arrays.
    """
    if _is_real_number(value) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return require_finite_number(value, name)
    if value is None or isinstance(value, (str, bytes, dict, set)) or callable(value):
        raise TypeError(
            f"{name} must be a number or an array of numbers, but got {type(value).__name__}."
        )
    array = real_array(value, name)
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one number, but it is empty.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite numbers only, but it contains nan or inf.")
    return array


def require_finite_array(value, name, ndim):
    """Return ``value`` as a float array of ``ndim`` dimensions, not empty, all finite."""
    array = np.asarray(require_finite_numbers(value, name))
    if array.ndim != ndim:
        shape = "a 1-D array" if ndim == 1 else f"a {ndim}-D array"
        raise ValueError(f"{name} must be {shape}, but got shape {array.shape}.")
    return array


def require_rng(rng, name="rng"):
    """Return ``rng`` if it is a numpy random generator (seeded, so runs repeat)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy random generator, made with np.random.default_rng(0), "
            f"but got {type(rng).__name__}."
        )
    return rng


def require_positive_number(value, name):
    """Return ``value`` as a float; raise unless it is a finite number > 0."""
    value = require_finite_number(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be greater than 0, but got {value}.")
    return value


def require_between(value, name, low, high):
    """Return ``value`` as a float; raise unless it is a finite number in [low, high]."""
    value = require_finite_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie between {low} and {high}, but got {value}.")
    return value


def require_momentum(value, name="momentum"):
    """Return ``value`` as a float; raise unless it is a momentum β with 0 ≤ β < 1."""
    value = require_finite_number(value, name)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be at least 0 and below 1, but got {value}.")
    return value


def require_step(h, name="h"):
    """Return the finite-difference step: None (use the default) or a number > 0."""
    return None if h is None else require_positive_number(h, name)


def require_count(value, name):
    """Return ``value`` as an int; raise unless it is a whole number >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number (0, 1, 2, ...), but got {type(value).__name__} "
            f"{value!r:.60}."
        )
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, but got {value}.")
    return int(value)


def require_class_label(label, name="label"):
    """Return a data point's class, 0 or 1, as an int."""
    if not _is_real_number(label):
        raise TypeError(f"{name} must be 0 or 1 (the point's class), but got {label!r:.40}.")
    if label not in (0, 1):
        raise ValueError(f"{name} must be 0 or 1 (the point's class), but got {label!r:.40}.")
    return int(label)


def require_point(point, name="point"):
    """Return a point: a dict of named numbers, or a 1-D float array.

    A dict stands for keyword arguments, ``f(**point)``; an array (or list) for
    one vector argument, ``f(array)``.
    """
    if isinstance(point, dict):
        if not point:
            raise ValueError(f"{name} must name at least one variable, but it is empty.")
        return {
            key: require_finite_number(value, f"{name}[{key!r}]") for key, value in point.items()
        }
    array = require_finite_numbers(point, name)
    if np.ndim(array) != 1:
        raise ValueError(
            f"{name} must be a dict of named values or a 1-D array, "
            f"but got an array of shape {np.shape(array)}."
        )
    return array


def require_key(wrt, point, name="wrt"):
    """Return ``wrt`` if it is one of the point's variable names."""
    if not isinstance(wrt, (str, int)) or wrt not in point:
        valid = ", ".join(repr(key) for key in point)
        raise ValueError(f"{name} must be one of the point's variables ({valid}), but got {wrt!r}.")
    return wrt


def require_pair(value, name):
    """Return a point ``(x, y)`` as two floats."""
    refusal = f"{name} must be a pair (x, y), like (2.0, 1.0), but got {value!r:.60}."
    if isinstance(value, (str, bytes, dict, set)):
        raise TypeError(refusal)
    try:
        x, y = value
    except TypeError:
        raise TypeError(refusal) from None
    except ValueError:  # the wrong number of values
        raise ValueError(refusal) from None
    return require_finite_number(x, f"{name}[0]"), require_finite_number(y, f"{name}[1]")


def require_range(value, name, widest=None):
    """Return ``(low, high)`` as floats with low < high (and high − low ≤ ``widest``:
    an explorer computes its numbers at every slider step of the range)."""
    try:
        low, high = value
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (low, high), but got {value!r:.60}.") from None
    low = require_finite_number(low, f"{name}[0]")
    high = require_finite_number(high, f"{name}[1]")
    if not low < high:
        raise ValueError(f"{name} must have low < high, but got ({low}, {high}).")
    if widest is not None and not high - low <= widest:
        raise ValueError(
            f"{name} must be at most {widest:g} wide (the slider steps through all of it), "
            f"but got ({low}, {high})."
        )
    return low, high


def require_flag(value, name):
    """Return ``value`` if it is True or False."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, but got {value!r:.40}.")
    return value


def require_label(label, name="label"):
    """Return a figure label: None (use the default) or text, with "$" shown as itself
    (a "$" would switch matplotlib to maths typesetting, which can fail)."""
    if label is None:
        return None
    if not isinstance(label, str):
        raise TypeError(f"{name} must be text, like 'sin(x)', but got {label!r:.40}.")
    return label.replace("$", r"\$")


def require_one_number(value, name, where):
    """Return what the function ``name`` returned at ``where`` as a float; raise
    TypeError unless it is one real number. ``where``: the point in words, or a function
    that says it, called only for the message (an explorer checks a loss at hundreds of
    points, and writing each point out costs more than the loss)."""
    try:
        return float(real_array(value, name))
    except (TypeError, ValueError):
        where = where() if callable(where) else where
        raise TypeError(
            f"{name} must return one number, but at {where} it returned {value!r:.60}."
        ) from None


class UndefinedError(ValueError):
    """f has no value (nan or inf) at a point where it was evaluated: outside its domain."""


def require_finite_result(values, where, advice="Is that point outside the domain of f?"):
    """Raise UndefinedError (a ValueError) if the values f returned hold nan or inf.

    ``where`` says at which point f was evaluated, for the message.
    """
    if not np.all(np.isfinite(values)):
        raise UndefinedError(f"f is not defined at {where}: it gives nan or inf there. {advice}")
    return values


def require_defined(value, where, call, advice="Choose a point inside the domain of f."):
    """Return f's value at a point the learner gave; raise ValueError if it is nan or inf.

    ``where`` names the point as the learner wrote it ("x = -2.0"), ``call`` is
    f called there ("f(-2.0)"): np.log(-2.0) is nan, 1 / 0.0 is inf.
    """
    if not np.isfinite(value):
        raise ValueError(f"f is not defined at {where}: {call} gives {value}. {advice}")
    return value


def require_defined_beside(value, where, side, at, step, step_is_default=True):
    """Raise ValueError if f is nan or inf one step beside the learner's point.

    The central difference needs f on both sides of the point; at ``side`` =
    ``at`` ("x − h = -6.06e-06"), one step ``step`` away, f gave ``value``.
    """
    if not np.isfinite(value):
        whose = "the default step" if step_is_default else "the step you gave"
        advice = (
            "The point is at the edge of the domain of f; choose a point inside it."
            if step_is_default
            else "Choose a smaller h, or a point further inside the domain of f."
        )
        raise ValueError(
            f"f is defined at {where} but not at {side} = {at:.3g} (h = {step:.3g}, {whose}): "
            f"the slope needs f on both sides. {advice}"
        )
    return value


# --- the digits network (helpers/network.py) ------------------------------------


def _first_bad(mask):
    """The index of the first True entry of ``mask``, as text like "[3, 12]"."""
    index = np.argwhere(mask)[0]
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def require_images(images, name, n_inputs):
    """Return ``images`` as a float array of shape (N, n_inputs), N ≥ 1, every pixel finite.

    One row per image, its pixels in a row (an 8 × 8 digit is a row of 64).
    """
    array = real_array(images, name)
    if array.ndim != 2 or array.shape[1] != n_inputs or array.shape[0] == 0:
        raise ValueError(
            f"{name} must have shape (number of images, {n_inputs}): one row of {n_inputs} "
            f"pixels per image, but got shape {array.shape}."
        )
    bad = ~np.isfinite(array)
    if bad.any():
        where = _first_bad(bad)
        raise ValueError(
            f"{name} must hold finite numbers only, but {name}{where} is {array[bad][0]}."
        )
    return array


def require_image(image, name, n_inputs):
    """Return one image as a float array of its own shape: ``n_inputs`` pixels, flat (1-D)
    or in rows (2-D, like 8 × 8), every pixel finite."""
    array = real_array(image, name)
    if array.ndim not in (1, 2) or array.size != n_inputs:
        raise ValueError(
            f"{name} must hold the {n_inputs} pixels of one image (flat, or in rows), "
            f"but got shape {array.shape}."
        )
    bad = ~np.isfinite(array)
    if bad.any():
        raise ValueError(
            f"{name} must hold finite numbers only, but {name}{_first_bad(bad)} is {array[bad][0]}."
        )
    return array


def require_class_labels(labels, name, n_classes, n_images):
    """Return ``labels`` as an int array of shape (n_images,), each a class 0, …, n_classes − 1."""
    try:
        array = np.asarray(labels)
    except (TypeError, ValueError):
        array = np.asarray(None, dtype=object)
    if array.dtype.kind == "b" or array.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be whole numbers 0 to {n_classes - 1} (the digits), "
            f"but got {labels!r:.60}."
        )
    if array.shape != (n_images,):
        raise ValueError(
            f"{name} must have shape ({n_images},): one label per image, "
            f"but got shape {array.shape}."
        )
    whole = np.isfinite(array) & (array == np.round(array)) if array.dtype.kind == "f" else True
    bad = ~(whole & (array >= 0) & (array <= n_classes - 1))
    if np.any(bad):
        where = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} must be whole numbers 0 to {n_classes - 1} (the digits), "
            f"but {name}[{where}] is {array[where].item()!r}."
        )
    return array.astype(int)


def require_network(network, name="network"):
    """Return the network's parameters {"W1", "b1", "W2", "b2"} as float arrays, checked.

    W1 has shape (inputs, hidden), b1 (hidden,), W2 (hidden, outputs), b2 (outputs,);
    every entry is finite.
    """
    names = ("W1", "b1", "W2", "b2")
    if not isinstance(network, dict):
        raise TypeError(
            f"{name} must be a dict of arrays {{'W1', 'b1', 'W2', 'b2'}}, as "
            f"helpers.network.init_network() makes, but got {type(network).__name__}."
        )
    if set(network) != set(names):
        raise ValueError(
            f"{name} must have exactly the keys W1, b1, W2, b2, but got {sorted(network)}."
        )
    arrays = {key: real_array(network[key], f"{name}[{key!r}]") for key in names}
    W1, b1, W2, b2 = (arrays[key] for key in names)
    if W1.ndim != 2 or W2.ndim != 2 or W1.size == 0 or W2.size == 0:
        raise ValueError(
            f"{name}['W1'] and {name}['W2'] must be 2-D weight matrices, "
            f"but got shapes {W1.shape} and {W2.shape}."
        )
    expected = {"b1": (W1.shape[1],), "W2": (W1.shape[1], W2.shape[1]), "b2": (W2.shape[1],)}
    for key, shape in expected.items():
        if arrays[key].shape != shape:
            raise ValueError(
                f"{name}[{key!r}] must have shape {shape} to fit W1 of shape {W1.shape}, "
                f"but got {arrays[key].shape}."
            )
    for key, array in arrays.items():
        if not np.all(np.isfinite(array)):
            raise ValueError(
                f"{name}[{key!r}] must hold finite numbers only, but it contains nan or inf."
            )
    return arrays
