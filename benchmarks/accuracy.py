"""Accuracy of ``helpers.derivative`` next to two reference libraries.

Every method gets the same functions at the same points, with its default
settings:

- helpers.derivative            one central difference, step ε^(1/3)·|x|
- scipy.differentiate.derivative   adaptive finite differences (order 8, steps
                                   0.5, 0.25, ... until its error estimate is small)
- numdifftools.Derivative       central differences at many steps, combined by
                                Richardson extrapolation

For each method: the median and worst relative error |estimate − exact| / |exact|
against the exact derivative written out by hand, how many times it calls f
per point, and how often it fails (returns nan or inf, or raises).

Points where f is flat at float64 precision (tanh and sigmoid far from 0, exp
at −1e6: the exact derivative is 0 or far below what f's values can show, see
``is_flat``) have no meaningful relative error; they are counted apart, with
the worst absolute error.
"""

import warnings
from collections.abc import Callable
from typing import NamedTuple

import numdifftools
import numpy as np
import scipy.differentiate
from scipy.special import expit

import helpers

from . import report


class Function(NamedTuple):
    name: str
    f: Callable  # accepts numpy arrays
    exact: Callable  # the derivative, written out
    positive_only: bool = False  # defined for x > 0 only


SUITE = [
    Function("x²", lambda x: x**2, lambda x: 2 * x),
    Function("x³ − 2x", lambda x: x**3 - 2 * x, lambda x: 3 * x**2 - 2),
    Function("sin", np.sin, np.cos),
    Function("cos", np.cos, lambda x: -np.sin(x)),
    Function("exp", np.exp, np.exp),
    Function("log", np.log, lambda x: 1 / x, positive_only=True),
    Function("sqrt", np.sqrt, lambda x: 0.5 / np.sqrt(x), positive_only=True),
    # tanh′ = 1/cosh², written so that it underflows to 0 instead of overflowing
    Function("tanh", np.tanh, lambda x: 4 * np.exp(-2 * abs(x)) / (1 + np.exp(-2 * abs(x))) ** 2),
    Function("sigmoid", expit, lambda x: expit(x) * expit(-x)),
]

#: |x| from 1e-6 to 1e6, two points per decade; this includes the points next
#: to a domain edge (log at 1e-3, sqrt at 1e-4) and large |x|.
MAGNITUDES = np.logspace(-6, 6, 25)


def points(function):
    """The points where ``function`` is defined and it and its derivative are finite."""
    xs = MAGNITUDES if function.positive_only else np.concatenate([-MAGNITUDES, MAGNITUDES])
    with np.errstate(all="ignore"):
        keep = np.isfinite(function.f(xs)) & np.isfinite(function.exact(xs))
    return xs[keep]


class Counted:
    """Wrap f to count its evaluations: every call adds the number of x values it got."""

    def __init__(self, f):
        self.f = f
        self.evaluations = 0

    def __call__(self, x):
        self.evaluations += np.size(x)
        return self.f(x)


#: Each method, called as method(f, x) with its default settings.
METHODS = {
    "helpers.derivative": helpers.derivative,
    "scipy.differentiate.derivative": lambda f, x: scipy.differentiate.derivative(f, x).df,
    "numdifftools.Derivative": lambda f, x: numdifftools.Derivative(f)(x),
}


def estimate(method, function, x):
    """(estimate or None, evaluations of f, failure kind or None) at one point."""
    counted = Counted(function.f)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = float(np.squeeze(method(counted, x)))
    except Exception as error:  # a failure to count, not to stop on
        return None, counted.evaluations, f"exception ({type(error).__name__})"
    if not np.isfinite(value):
        return None, counted.evaluations, "nan/inf"
    return value, counted.evaluations, None


def is_flat(function, x, exact):
    """True where f is flat at float64 precision, so no method that only evaluates f sees a slope.

    That is where |x·f′(x)| ≤ ε·|f(x)|: even moving x by all of |x| would change
    f(x) by less than one rounding step (tanh and sigmoid far out, exp at −1e6,
    where the exact derivative underflows to 0).
    """
    return abs(x * exact) <= np.finfo(float).eps * abs(float(function.f(x)))


def evaluate_method(method):
    """Run one method over the whole suite and summarise its errors, costs and failures."""
    relative, evaluations, failures, flat = [], [], [], []
    worst_at, worst_by_function = None, {}
    for function in SUITE:
        worst_by_function[function.name] = None
        for x in points(function):
            exact = float(function.exact(x))
            value, count, failure = estimate(method, function, x)
            evaluations.append(count)
            where = f"{function.name} at x = {x:.3g}"
            if failure:
                failures.append(f"{where}: {failure}")
            elif is_flat(function, x, exact):
                flat.append(abs(value - exact))
            else:
                error = abs(value - exact) / abs(exact)
                if not relative or error > max(relative):
                    worst_at = where
                relative.append(error)
                worst_by_function[function.name] = max(error, worst_by_function[function.name] or 0)
    return {
        "points": len(evaluations),
        "median_relative_error": float(np.median(relative)),
        "worst_relative_error": float(np.max(relative)),
        "worst_at": worst_at,
        "share_below_1e-6": float(np.mean(np.array(relative) <= 1e-6)),
        "evaluations_per_point_median": float(np.median(evaluations)),
        "evaluations_per_point_max": int(np.max(evaluations)),
        "failures": len(failures),
        "failures_nan_inf": sum(f.endswith("nan/inf") for f in failures),
        "failures_exception": sum("exception" in f for f in failures),
        "failed_at": failures,
        "flat_points": len(flat),
        "flat_worst_abs_error": max(flat, default=None),
        "worst_by_function": worst_by_function,
    }


def run():
    """{method: summary} for every method in METHODS."""
    return {name: evaluate_method(method) for name, method in METHODS.items()}


HEADERS = ["method", "points", "median rel. error", "worst rel. error", "worst at",
           "≤1e-6", "f evals/point", "failures (nan/inf, raised)", "flat points"]  # fmt: skip


def table_rows(results):
    rows = []
    for name, r in results.items():
        rows.append(
            [
                name,
                str(r["points"]),
                f"{r['median_relative_error']:.1e}",
                f"{r['worst_relative_error']:.1e}",
                r["worst_at"],
                f"{r['share_below_1e-6']:.0%}",
                f"{r['evaluations_per_point_median']:g} (max {r['evaluations_per_point_max']})",
                f"{r['failures']} ({r['failures_nan_inf']}, {r['failures_exception']})",
                str(r["flat_points"]),
            ]
        )
    return rows


def by_function_rows(results):
    """Rows: one per function, the worst relative error of each method."""
    names = list(results)
    rows = []
    for function in SUITE:
        worst = [results[name]["worst_by_function"][function.name] for name in names]
        cells = ["all failed" if w is None else f"{w:.1e}" for w in worst]
        rows.append([function.name, str(len(points(function))), *cells])
    return ["function", "points", *names], rows


def suite_description():
    names = ", ".join(function.name for function in SUITE)
    return (
        f"Functions: {names}; at ±|x| for |x| = 1e-6, 10^-5.5, ..., 1e6 (x > 0 only for "
        "log and sqrt), where f and f′ are finite. Default settings for every method."
    )


def markdown(results, machine_line):
    """benchmarks/accuracy.md: both tables, with the machine they were measured on."""
    by_function_headers, by_function = by_function_rows(results)
    return (
        "\n\n".join(
            [
                "# Derivative accuracy: helpers.derivative against SciPy and numdifftools",
                machine_line,
                suite_description(),
                report.markdown_table(HEADERS, table_rows(results)),
                "Relative error = |estimate − exact| / |exact|, over the points where the method "
                "returned a finite number and f is not flat. *Flat points*: |x·f′(x)| ≤ ε·|f(x)|, "
                "so f's values cannot show the slope (tanh and sigmoid far from 0, exp at −1e6); "
                "they are counted apart. *f evals/point*: calls of f × the size of each call's x.",
                "Worst relative error per function:",
                report.markdown_table(by_function_headers, by_function),
                "Made by `make bench` (benchmarks/accuracy.py).",
            ]
        )
        + "\n"
    )
