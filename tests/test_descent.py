"""gradient_descent: the update rule, the three regimes, clean divergence, bad input."""

import warnings

import matplotlib
import numpy as np
import pytest
from support import RAVINE_START_ARRAY as START
from support import ravine_run

import helpers

matplotlib.use("Agg")
from helpers import momentum  # noqa: E402


def test_one_step_follows_the_update_rule():
    path = helpers.gradient_descent(lambda w: w**2, start=3.0, learning_rate=0.1, steps=1)
    # w ← w − learning_rate · 2w = 3 − 0.1 · 6
    assert path.points.tolist() == pytest.approx([3.0, 2.4])
    assert path.values.tolist() == pytest.approx([9.0, 5.76])


def test_points_start_with_the_start_and_values_match_f():
    f = lambda w: (w - 1.0) ** 2  # noqa: E731
    path = helpers.gradient_descent(f, -2.0, learning_rate=0.2, steps=25, tolerance=0)
    assert path.points[0] == -2.0
    assert len(path.points) == len(path.values) == 26
    np.testing.assert_allclose(path.values, f(path.points))


@pytest.mark.parametrize(
    "learning_rate, regime",
    [(0.1, "converge"), (0.5, "converge"), (0.95, "oscillate"), (1.05, "diverge")],
)
def test_quadratic_regimes_switch_at_two_over_curvature(learning_rate, regime):
    # f = w², curvature L = 2: converge below 1/L·2 = 1, diverge above.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = helpers.gradient_descent(
            lambda w: w**2, 1.0, learning_rate=learning_rate, steps=2000
        )
    early = path.points[1:6]
    signs = np.sign(early[np.abs(early) > 1e-6])
    if regime == "diverge":
        assert path.diverged and not path.converged
    else:
        assert path.converged and not path.diverged
        assert abs(path.final) < 1e-8
        oscillates = bool(np.any(signs[1:] != signs[:-1]))
        assert oscillates == (regime == "oscillate")


def test_divergence_stops_cleanly_without_overflow_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = helpers.gradient_descent(
            lambda w: np.sum(w**2), np.array([1.0, 1.0]), learning_rate=5.0, steps=10_000
        )
    assert path.diverged
    assert path.steps < 10_000
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.values))


def test_vector_descent_reaches_the_minimum_of_a_narrow_valley():
    def valley(w):
        return w[0] ** 2 + 25 * w[1] ** 2

    path = helpers.gradient_descent(valley, np.array([2.0, 1.0]), learning_rate=0.035, steps=2000)
    assert path.points.shape[1] == 2
    assert path.converged
    np.testing.assert_allclose(path.final, [0.0, 0.0], atol=1e-6)


def test_an_analytic_slope_can_replace_the_numeric_one():
    path = helpers.gradient_descent(
        lambda w: w**2, 3.0, learning_rate=0.25, steps=3, slope=lambda w: 2 * w
    )
    assert path.points.tolist() == [3.0, 1.5, 0.75, 0.375]


def test_zero_steps_returns_just_the_start():
    path = helpers.gradient_descent(lambda w: w**2, 3.0, learning_rate=0.1, steps=0)
    assert path.points.tolist() == [3.0] and not path.converged and not path.diverged


def test_repr_summarises_the_run():
    text = repr(helpers.gradient_descent(lambda w: w**2, 3.0, learning_rate=1.5, steps=500))
    assert "diverged" in text


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"f": "w**2"}, TypeError, "f must be a function"),
        ({"start": float("nan")}, ValueError, "start"),
        ({"start": "3"}, TypeError, "start"),
        ({"start": np.ones((2, 2))}, ValueError, "start"),
        ({"learning_rate": 0}, ValueError, "learning_rate must be greater than 0"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate"),
        ({"learning_rate": float("inf")}, ValueError, "learning_rate"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate"),
        ({"steps": 2.5}, TypeError, "steps must be a whole number"),
        ({"steps": -1}, ValueError, "steps"),
        ({"steps": True}, TypeError, "steps"),
        ({"tolerance": -1.0}, ValueError, "tolerance"),
        ({"slope": 3}, TypeError, "slope"),
    ],
)
def test_bad_input_gets_an_error_naming_the_argument(kwargs, error, words):
    arguments = {"f": lambda w: w**2, "start": 1.0, "learning_rate": 0.1, "steps": 5}
    arguments.update(kwargs)
    with pytest.raises(error) as raised:
        helpers.gradient_descent(**arguments)
    assert words in str(raised.value)


@pytest.mark.parametrize(
    "start, named",
    [
        (-2.0, "f is not defined at start = -2.0: f(-2.0) gives nan"),
        (np.array([1.0, -2.0]), "f is not defined at start = [1.0, -2.0]: f([1.0, -2.0])"),
    ],
)
def test_a_start_outside_the_domain_gets_an_error_naming_the_start(start, named):
    with pytest.raises(ValueError) as raised:
        helpers.gradient_descent(lambda w: np.sum(np.log(w)), start, learning_rate=0.1, steps=5)
    assert named in str(raised.value)


def test_a_step_out_of_the_domain_names_the_step_the_start_and_the_learning_rate():
    # From w = 1 the slope of log(w) + w² is 3: a step of 0.9 · 3 lands at w = -1.7.
    with pytest.raises(ValueError) as raised:
        helpers.gradient_descent(lambda w: np.log(w) + w**2, 1.0, learning_rate=0.9, steps=5)
    message = str(raised.value)
    assert "not defined at w = -1.7, where step 1 landed" in message
    assert "start = 1.0; learning_rate = 0.9 at this step" in message
    assert "smaller learning_rate" in message


def test_an_overflowing_run_is_still_diverged_not_outside_the_domain():
    # w⁴ − w⁴ + w² is inf − inf = nan once w⁴ overflows: a blow-up, not a domain edge.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = helpers.gradient_descent(
            lambda w: w**4 - w**4 + w**2, 3.0, learning_rate=1.5, steps=1000
        )
    assert path.diverged and np.all(np.isfinite(path.points))


# --- gradient_descent with momentum --------------------------------------------------------


def test_zero_momentum_is_plain_gradient_descent():
    plain = helpers.gradient_descent(lambda w: w**2, 3.0, learning_rate=0.1, steps=20, tolerance=0)
    zero = helpers.gradient_descent(
        lambda w: w**2, 3.0, learning_rate=0.1, steps=20, tolerance=0, momentum=0.0
    )
    np.testing.assert_array_equal(plain.points, zero.points)


def test_momentum_steps_follow_the_stated_convention():
    """v ← β·v + ∇f(w), w ← w − η·v, v = 0 at the start, written out by hand."""
    rate, beta = 0.3, 0.7
    path = ravine_run(rate, beta, steps=6, tolerance=0)
    w, v = START.copy(), np.zeros(2)
    for k in range(6):
        v = beta * v + momentum.ravine_gradient(w)
        w = w - rate * v
        np.testing.assert_allclose(path.points[k + 1], w, rtol=1e-14)


def test_a_learning_rate_schedule_is_called_with_the_step_number():
    seen = []

    def rate(k):
        seen.append(k)
        return 0.1 / (1 + k)

    path = helpers.gradient_descent(lambda w: w**2, 1.0, learning_rate=rate, steps=4, tolerance=0)
    assert seen == [0, 1, 2, 3]
    w = 1.0
    for k in range(4):
        w -= 0.1 / (1 + k) * 2 * w
    assert path.final == pytest.approx(w)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"momentum": 1.0}, ValueError, ["momentum", "below 1", "1.0"]),
        ({"momentum": -0.1}, ValueError, ["momentum", "-0.1"]),
        ({"momentum": "0.5"}, TypeError, ["momentum", "'0.5'"]),
        ({"learning_rate": lambda k: -1.0}, ValueError, ["learning_rate(0)", "-1.0"]),
        ({"learning_rate": lambda k: "fast"}, TypeError, ["learning_rate(0)", "'fast'"]),
    ],
)
def test_momentum_and_schedule_refuse_bad_input_by_name(kwargs, error, words):
    arguments = {"learning_rate": 0.1, **kwargs}
    with pytest.raises(error) as raised:
        helpers.gradient_descent(lambda w: w**2, 1.0, steps=3, **arguments)
    for word in words:
        assert word in str(raised.value)
