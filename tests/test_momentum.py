"""helpers/momentum.py: the ravine of notebook 09 and its stability limits."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support import ravine_run

import helpers  # noqa: E402
from helpers import momentum, sgd  # noqa: E402

# --- the ravine and its limits ----------------------------------------------------------------


def test_ravine_gradient_is_the_measured_gradient():
    for point in [np.array([1.0, -2.0]), np.array([-3.5, 0.25])]:
        np.testing.assert_allclose(
            momentum.ravine_gradient(point), helpers.gradient(momentum.ravine, point), rtol=1e-8
        )


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.8])
def test_momentum_converges_below_its_limit_and_diverges_above(beta):
    _, limit = momentum.stability_limits(beta)
    assert ravine_run(0.97 * limit, beta, steps=20_000).converged
    assert ravine_run(1.03 * limit, beta, steps=20_000).diverged


def test_plain_limit_is_two_over_the_largest_curvature():
    plain, with_momentum = momentum.stability_limits(0.0)
    assert plain == with_momentum == 2 / 4.0
    assert momentum.stability_limits(0.5, curvature=10.0) == (0.2, 0.3)


def test_momentum_converges_where_plain_descent_diverges():
    assert ravine_run(0.6).diverged
    heavy = ravine_run(0.6, 0.5)
    assert heavy.converged and heavy.values[-1] < 1e-18
    best_plain = ravine_run(0.45)  # just below 2/L = 0.5
    assert heavy.steps < best_plain.steps / 2


def test_ravine_descent_is_reproducible_and_noise_changes_it():
    first = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=4, steps=50)
    again = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=4, steps=50)
    other = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=5, steps=50)
    quiet = momentum.ravine_descent(0.3, momentum=0.5, noise=0.0, steps=50)
    np.testing.assert_array_equal(first.points, again.points)
    assert not np.array_equal(first.points, other.points)
    assert first.points.shape == (51, 2) and first.values.shape == (51,)
    np.testing.assert_allclose(quiet.points, ravine_run(0.3, 0.5, steps=50, tolerance=0).points)


def test_ravine_descent_stops_a_diverging_run_cleanly():
    path = momentum.ravine_descent(0.6, steps=1000)
    assert path.diverged and path.steps < 1000
    assert np.all(np.isfinite(path.values))


def test_noise_floor_of_plain_descent_matches_its_formula():
    """On a quadratic, noise σ leaves E f = Σᵢ η σ² / (2(2 − η cᵢ)) at the end."""
    rate, noise = 0.2, 1.0
    path = momentum.ravine_descent(rate, noise=noise, seed=0, steps=20_000)
    predicted = momentum.ravine_noise_floor(rate, noise)
    assert predicted == pytest.approx(
        sum(rate * noise**2 / (2 * (2 - rate * c)) for c in momentum.RAVINE_CURVATURES)
    )
    assert sgd.loss_floor(path.values) == pytest.approx(predicted, rel=0.1)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: momentum.stability_limits(1.2), ValueError, ["momentum", "1.2"]),
        (lambda: momentum.stability_limits(0.5, curvature=0), ValueError, ["curvature"]),
        (lambda: momentum.ravine_descent(0.1, noise=-1), ValueError, ["noise", "-1"]),
        (lambda: momentum.ravine_descent(0.1, seed=1.5), TypeError, ["seed"]),
        (lambda: momentum.ravine_descent(0.1, start=(1, 2, 3)), ValueError, ["start"]),
        (lambda: momentum.ravine_descent(0.0), ValueError, ["learning_rate"]),
        (lambda: momentum.ravine_descent(0.1, momentum=1), ValueError, ["momentum"]),
        (lambda: momentum.ravine_noise_floor(0.6, 1.0), ValueError, ["learning_rate", "2/L"]),
    ],
)
def test_ravine_helpers_refuse_bad_input_by_name(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)
