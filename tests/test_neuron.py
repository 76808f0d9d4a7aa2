"""helpers/neuron.py: the single neuron of notebook 07, its data, loss and gradient."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support import loss_on

import helpers  # noqa: E402
from helpers import neuron  # noqa: E402

# --- make_dataset -----------------------------------------------------------------


def test_make_dataset_has_the_asked_shape_and_alternating_labels():
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=7, n_inputs=4)
    assert inputs.shape == (7, 4)
    assert labels.tolist() == [0, 1, 0, 1, 0, 1, 0]


def test_make_dataset_is_reproducible_from_the_seed():
    first = neuron.make_dataset(np.random.default_rng(3), n_points=20, n_inputs=2)
    second = neuron.make_dataset(np.random.default_rng(3), n_points=20, n_inputs=2)
    assert np.array_equal(first[0], second[0])


def test_make_dataset_shifts_the_classes_apart_along_the_diagonal():
    inputs, labels = neuron.make_dataset(
        np.random.default_rng(0), n_points=4000, n_inputs=2, separation=2.0
    )
    centre_1 = inputs[labels == 1].mean(axis=0)
    centre_0 = inputs[labels == 0].mean(axis=0)
    assert np.linalg.norm(centre_1 - centre_0) == pytest.approx(2.0, abs=0.1)
    assert centre_1 == pytest.approx([1 / np.sqrt(2)] * 2, abs=0.06)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"rng": 0}, TypeError, "rng"),
        ({"n_points": 1}, ValueError, "n_points"),
        ({"n_points": 2.5}, TypeError, "n_points"),
        ({"n_inputs": 0}, ValueError, "n_inputs"),
        ({"separation": -1.0}, ValueError, "separation"),
    ],
)
def test_make_dataset_rejects_bad_arguments(kwargs, error, name):
    arguments = {"rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(error, match=name):
        neuron.make_dataset(**arguments)


# --- the model, the loss and its gradient ------------------------------------------


def test_sigmoid_is_stable_far_out():
    values = neuron.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert values.tolist() == [0.0, 0.5, 1.0]


def test_predict_is_the_sigmoid_of_the_weighted_sum():
    params = np.array([1.0, -2.0, 0.5])
    inputs = np.array([[1.0, 1.0], [0.0, -1.0]])
    z = inputs @ params[:2] + params[2]
    assert neuron.predict(params, inputs) == pytest.approx(1 / (1 + np.exp(-z)))


def test_loss_equals_the_cross_entropy_formula(data):
    inputs, labels = data
    params = np.array([0.3, -0.7, 1.1, 0.2])
    p = 1 / (1 + np.exp(-(inputs @ params[:3] + params[3])))
    expected = np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p))
    assert neuron.loss(params, inputs, labels) == pytest.approx(expected, rel=1e-12)


def test_loss_at_zero_is_log_2(data):
    assert neuron.loss(np.zeros(4), *data) == pytest.approx(np.log(2))


def test_loss_stays_finite_for_huge_weights(data):
    assert np.isfinite(neuron.loss(np.full(4, 1e6), *data))


def test_loss_gradient_matches_the_numeric_gradient(data):
    params = np.array([0.5, -1.0, 0.3, 0.2])
    analytic = neuron.loss_gradient(params, *data)
    numeric = helpers.gradient(loss_on(*data), params)
    assert analytic.shape == params.shape
    assert numeric == pytest.approx(analytic, rel=1e-7, abs=1e-9)


def test_loss_gradient_of_the_bias_is_mean_p_minus_y():
    inputs, labels = np.ones((4, 2)), np.array([1.0, 0.0, 1.0, 1.0])
    assert neuron.loss_gradient(np.zeros(3), inputs, labels)[-1] == pytest.approx(-0.25)


@pytest.mark.parametrize(
    "params, inputs, labels, error, name",
    [
        (np.zeros(2), np.ones((4, 2)), np.zeros(4), ValueError, "params"),
        ("w", np.ones((4, 2)), np.zeros(4), TypeError, "params"),
        (np.array([0.0, np.nan, 0.0]), np.ones((4, 2)), np.zeros(4), ValueError, "params"),
        (np.zeros(3), np.ones(4), np.zeros(4), ValueError, "inputs"),
        (np.zeros(3), np.ones((4, 2)), np.zeros(3), ValueError, "labels"),
        (np.zeros(3), np.ones((4, 2)), np.full(4, 0.5), ValueError, "labels"),
        (np.zeros(3), [[1.0, np.inf]], [1.0], ValueError, "inputs"),
    ],
)
@pytest.mark.parametrize("function", [neuron.loss, neuron.loss_gradient])
def test_loss_and_gradient_reject_bad_arrays(function, params, inputs, labels, error, name):
    with pytest.raises(error, match=name):
        function(params, inputs, labels)


def test_predict_rejects_params_of_the_wrong_size():
    with pytest.raises(ValueError, match="params"):
        neuron.predict(np.zeros(5), np.ones((3, 2)))


# --- counting and random search ------------------------------------------------------


def test_counted_loss_counts_two_evaluations_per_parameter_for_a_gradient(data):
    counted = neuron.CountedLoss(*data)
    helpers.gradient(counted, np.zeros(4))
    assert counted.count == 2 * 4
    counted.reset()
    assert counted.count == 0


def test_counted_loss_gives_the_same_value_as_loss(data):
    params = np.array([0.1, 0.2, 0.3, 0.4])
    assert neuron.CountedLoss(*data)(params) == neuron.loss(params, *data)


def test_counted_loss_rejects_bad_data_and_params(data):
    with pytest.raises(ValueError, match="labels"):
        neuron.CountedLoss(np.ones((3, 2)), np.ones(2))
    with pytest.raises(ValueError, match="params"):
        neuron.CountedLoss(*data)(np.zeros(2))


def test_descent_evaluations_match_what_gradient_descent_counted(data):
    counted = neuron.CountedLoss(*data)
    path = helpers.gradient_descent(counted, np.zeros(4), learning_rate=1.0, steps=7)
    evaluations = neuron.descent_evaluations(path)
    assert evaluations.tolist() == [1 + k * (2 * 4 + 1) for k in range(8)]
    assert evaluations[-1] == counted.count


def test_descent_evaluations_rejects_what_is_not_an_array_path():
    scalar_path = helpers.gradient_descent(lambda w: w**2, 1.0, learning_rate=0.1, steps=2)
    for wrong in [scalar_path, "path", None]:
        with pytest.raises(TypeError, match="path"):
            neuron.descent_evaluations(wrong)


def test_random_search_keeps_the_best_guess_so_far(data):
    counted = neuron.CountedLoss(*data)
    search = neuron.random_search(counted, 4, samples=50, rng=np.random.default_rng(0))
    assert counted.count == 50
    assert search.best_values.shape == (50,)
    assert np.all(np.diff(search.best_values) <= 0)
    assert search.best_values[-1] == pytest.approx(neuron.loss(search.best, *data))
    assert search.evaluations.tolist() == list(range(1, 51))
    assert np.all(np.abs(search.best) <= 3.0)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"loss": 3}, TypeError, "loss"),
        ({"n_params": 0}, ValueError, "n_params"),
        ({"samples": 0}, ValueError, "samples"),
        ({"samples": 1.5}, TypeError, "samples"),
        ({"rng": 42}, TypeError, "rng"),
        ({"scale": 0.0}, ValueError, "scale"),
    ],
)
def test_random_search_rejects_bad_arguments(kwargs, error, name):
    arguments = {
        "loss": lambda w: float(np.sum(w**2)),
        "n_params": 2,
        "samples": 3,
        "rng": np.random.default_rng(0),
        **kwargs,
    }
    with pytest.raises(error, match=name):
        neuron.random_search(**arguments)


def test_gradient_descent_beats_random_guessing_with_many_parameters():
    rng = np.random.default_rng(0)
    counted = neuron.CountedLoss(*neuron.make_dataset(rng, n_points=100, n_inputs=20))
    path = helpers.gradient_descent(counted, np.zeros(21), learning_rate=1.0, steps=10)
    search = neuron.random_search(counted, 21, samples=int(counted.count), rng=rng)
    assert path.values[-1] < np.log(2) < search.best_values[-1]


def test_notebook_07_times_with_the_one_timer():
    assert neuron.seconds is helpers.timing.seconds
