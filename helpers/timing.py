"""Timing: how long a call takes, by Python's ``time.perf_counter``.

``timed`` runs a call once and returns its result with its time; ``seconds`` keeps
the shortest of a few runs, the one least disturbed by whatever else the computer
did. Notebook 07 and ``helpers.gradient_cost`` time gradients with them.
"""

import time

from .validation import require_callable, require_count

__all__ = ["seconds", "timed"]


def timed(function, *args):
    """``(function(*args), seconds it took)``, for one run.

    Examples
    --------
    >>> total, took = timed(sum, [1, 2, 3])
    >>> total, took < 1.0
    (6, True)
    """
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def seconds(function, *args, repeats=3):
    """The shortest of ``repeats`` wall-clock times of ``function(*args)``, in seconds.

    The shortest run is the one least disturbed by whatever else the computer did.

    Examples
    --------
    >>> seconds(sum, [1, 2, 3]) < 1.0
    True
    """
    function = require_callable(function, "function")
    repeats = require_count(repeats, "repeats")
    if repeats < 1:
        raise ValueError(f"repeats must be 1 or more, but got {repeats}.")
    return min(timed(function, *args)[1] for _ in range(repeats))
