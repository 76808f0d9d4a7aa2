"""helpers/sgd.py: noisy and minibatch gradients, decaying rates, loss floors."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import momentum, neuron, sgd  # noqa: E402

# --- noisy and minibatch gradients -------------------------------------------------------------


def test_noisy_slope_is_right_on_average_with_the_asked_spread():
    noisy = sgd.noisy_slope(momentum.ravine_gradient, 0.5, np.random.default_rng(0))
    w = np.array([1.0, 1.0])
    draws = np.array([noisy(w) for _ in range(20_000)])
    np.testing.assert_allclose(draws.mean(axis=0), momentum.ravine_gradient(w), atol=0.02)
    np.testing.assert_allclose(draws.std(axis=0), [0.5, 0.5], rtol=0.03)


def test_zero_noise_is_the_exact_slope():
    assert sgd.noisy_slope(momentum.ravine_gradient, 0, np.random.default_rng(0)) is (
        momentum.ravine_gradient
    )


@pytest.fixture
def data():
    return neuron.make_dataset(np.random.default_rng(0), n_points=40, n_inputs=2)


def test_minibatch_gradients_average_to_the_full_gradient(data):
    inputs, labels = data
    params = np.array([0.4, -0.3, 0.1])
    slope = sgd.minibatch_slope(inputs, labels, 5, np.random.default_rng(0))
    mean = np.mean([slope(params) for _ in range(8000)], axis=0)
    np.testing.assert_allclose(mean, neuron.loss_gradient(params, inputs, labels), atol=0.01)


def test_a_batch_of_all_points_is_the_full_gradient(data):
    inputs, labels = data
    params = np.array([0.4, -0.3, 0.1])
    slope = sgd.minibatch_slope(inputs, labels, len(labels), np.random.default_rng(0))
    np.testing.assert_allclose(slope(params), neuron.loss_gradient(params, inputs, labels))


def test_smaller_batches_leave_a_higher_floor_and_decay_lowers_it(data):
    inputs, labels = data

    def floor(batch, rate):
        slope = sgd.minibatch_slope(inputs, labels, batch, np.random.default_rng(2))
        path = helpers.gradient_descent(
            lambda p: neuron.loss(p, inputs, labels),
            np.zeros(3),
            learning_rate=rate,
            steps=600,
            tolerance=0.0,
            slope=slope,
        )
        return sgd.loss_floor(path.values)

    assert floor(2, 1.0) > floor(20, 1.0)
    assert floor(2, sgd.decaying_rate(1.0, half_life=30)) < floor(2, 1.0)


def test_decaying_rate_halves_after_its_half_life():
    rate = sgd.decaying_rate(0.8, half_life=25)
    assert [rate(0), rate(25), rate(100)] == pytest.approx([0.8, 0.4, 0.16])


def test_loss_floor_averages_the_last_part():
    assert sgd.loss_floor([4.0, 3.0, 2.0, 1.0], last=0.25) == 1.0
    assert sgd.loss_floor([4.0, 3.0, 2.0, 1.0], last=1) == 2.5
    assert sgd.loss_floor([5.0]) == 5.0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda d: sgd.noisy_slope(3.0, 0.1, np.random.default_rng(0)), TypeError, ["slope"]),
        (lambda d: sgd.noisy_slope(abs, -0.1, np.random.default_rng(0)), ValueError, ["noise"]),
        (lambda d: sgd.noisy_slope(abs, 0.1, 0), TypeError, ["rng"]),
        (lambda d: sgd.minibatch_slope(*d, 0, np.random.default_rng(0)), ValueError, ["batch"]),
        (lambda d: sgd.minibatch_slope(*d, 41, np.random.default_rng(0)), ValueError, ["40"]),
        (lambda d: sgd.minibatch_slope(*d, 2.5, np.random.default_rng(0)), TypeError, ["batch"]),
        (lambda d: sgd.decaying_rate(0, half_life=10), ValueError, ["initial"]),
        (lambda d: sgd.decaying_rate(0.1, half_life=-1), ValueError, ["half_life"]),
        (lambda d: sgd.loss_floor([1.0, np.nan]), ValueError, ["values"]),
        (lambda d: sgd.loss_floor([1.0], last=2), ValueError, ["last", "2"]),
    ],
)
def test_sgd_helpers_refuse_bad_input_by_name(data, call, error, words):
    with pytest.raises(error) as raised:
        call(data)
    for word in words:
        assert word in str(raised.value)
