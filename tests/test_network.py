"""helpers.network: the digits network's gradients (checked two ways), its loss at extreme
scores, training (deterministic, ≥ 95 % on the test set), guessing, and its refusals."""

import warnings

import numpy as np
import pytest

from helpers import derivative, network, neuron
from helpers.autograd import Value
from helpers.backprop import CHECK_THRESHOLDS, check_verdict, relative_error
from helpers.digits import digits_split

SPLIT = digits_split()
TINY = (4, 3, 2)

#: Backprop against Value's backward pass: the same local rules in a different order of
#: floating-point operations, so they agree to rounding, far below CS231n's "right" (1e-7).
VALUE_THRESHOLD = 1e-10
#: Backprop against central differences (h = 1e-5): "right" by notebook 08's thresholds,
#: relative error < 1e-7, wherever the partial derivative is not tiny.
NUMERIC_THRESHOLD = CHECK_THRESHOLDS[0][0]
#: For small partials the round-off of the two losses, ε·L/h ≈ 5.5e-11, is no longer small
#: beside them: "right" (< 1e-7) is asked where |dL/dw| ≥ 1e-3; everywhere, that
#: |backprop − numeric| is round-off (< 1e-10). Not a relative bound there: at
#: |dL/dw| = 4.4e-6 the same 2e-11 of round-off was a relative error of 8.7e-7 on an
#: earlier machine and is 4.2e-6 on one whose BLAS (AVX-512) sums in another order.
#: Measured: every |backprop − numeric| < 4e-11 on both.
TINY_PARTIAL = 1e-3


def tiny_batch(seed=0, n=5):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 1, size=(n, TINY[0])), rng.integers(0, TINY[2], size=n)


def value_loss(params, images, labels):
    """The same network and loss built from Values, one operation at a time: every
    parameter a leaf, so one backward() gives dL/d(every parameter)."""
    leaves = {
        name: np.vectorize(lambda w, name=name: Value(w, name), otypes=[object])(array)
        for name, array in params.items()
    }
    W1, b1, W2, b2 = (leaves[name] for name in network.NAMES)
    total = Value(0.0)
    for x, y in zip(images.tolist(), labels.tolist()):
        h = [
            (sum((W1[i, j] * x[i] for i in range(len(x))), Value(0.0)) + b1[j]).tanh()
            for j in range(W1.shape[1])
        ]
        logits = [
            sum((h[j] * W2[j, k] for j in range(len(h))), Value(0.0)) + b2[k]
            for k in range(W2.shape[1])
        ]
        # −log p_y = log Σ e^logit − logit_y (the logits are small here: no shift needed)
        total = total + (sum((z.exp() for z in logits), Value(0.0)).log() - logits[y])
    L = total / len(labels)
    L.backward()
    return L.data, {name: np.vectorize(lambda v: v.grad)(leaf) for name, leaf in leaves.items()}


# --- the gradient, checked two ways ---------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tiny_network_gradient_equals_values_backward_for_every_parameter(seed):
    params = network.init_network(TINY, seed=seed)
    images, labels = tiny_batch(seed)
    L, grads = network.gradients(params, images, labels)
    value_L, value_grads = value_loss(params, images, labels)
    assert L == pytest.approx(value_L, rel=1e-12)
    for name in network.NAMES:
        assert grads[name].shape == params[name].shape
        errors = relative_error(grads[name], value_grads[name])
        assert errors.max() < VALUE_THRESHOLD, (name, errors.max())
    checked = sum(grads[name].size for name in network.NAMES)
    assert checked == network.count_parameters(TINY) == 23  # every parameter


def test_full_network_gradient_matches_central_differences_on_50_parameters():
    params = network.init_network(seed=1)
    images, labels = SPLIT.train_images[:200], SPLIT.train_labels[:200]
    _, grads = network.gradients(params, images, labels)
    flat, flat_grads = network.flatten(params), network.flatten(grads)
    chosen = np.random.default_rng(0).choice(flat.size, size=50, replace=False)

    def loss_along(index):
        def f(value):
            moved = flat.copy()
            moved[index] = value
            return network.loss(network.unflatten(moved), images, labels)

        return f

    numeric = np.array([derivative(loss_along(i), flat[i], h=1e-5) for i in chosen])
    errors = relative_error(flat_grads[chosen], numeric)
    large = np.abs(flat_grads[chosen]) >= TINY_PARTIAL
    assert large.sum() >= 10, large.sum()
    assert errors[large].max() < NUMERIC_THRESHOLD, errors[large].max()
    assert check_verdict(errors[large]) == "right"
    assert np.abs(flat_grads[chosen] - numeric).max() < 1e-10  # round-off, ε·L/h


def test_input_gradient_is_the_winning_scores_slope_in_each_pixel():
    params = network.init_network(seed=2)
    image = SPLIT.test_images[0].reshape(8, 8)
    winner = int(network.predict(params, image.reshape(1, 64))[0])
    slope = network.input_gradient(params, image)
    assert slope.shape == (8, 8)

    def score(pixel, digit):
        def f(value):
            moved = image.ravel().copy()
            moved[pixel] = value
            return network.forward(params, moved[None, :])[1][0, digit]

        return f

    for digit, slopes in [(winner, slope), (3, network.input_gradient(params, image, digit=3))]:
        numeric = [derivative(score(p, digit), image.ravel()[p], h=1e-5) for p in range(64)]
        assert relative_error(slopes.ravel(), numeric).max() < NUMERIC_THRESHOLD
    flat = network.input_gradient(params, image.ravel())
    np.testing.assert_array_equal(flat, slope.ravel())


# --- the loss: softmax cross-entropy, stably ---------------------------------------------


def test_loss_is_finite_at_extreme_logits():
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4], [1e4, 1e4, 1e4]])
    labels = np.array([1, 0, 2])
    # no overflow, no log(0), no 0/0 (e^-20000 underflows to 0, as it should)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        L = network.cross_entropy(logits, labels)
        p = network.softmax(logits)
    # −log p_y = log Σ e^logit − logit_y: 2e4, 2e4 + log 2, log 3
    assert L == pytest.approx((2e4 + 2e4 + np.log(2) + np.log(3)) / 3, rel=1e-15)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert network.cross_entropy(np.array([[1e4, -1e4]]), [0]) == 0.0  # sure and right


def test_gradients_are_finite_when_the_network_is_saturated():
    params = {name: 1e3 * array for name, array in network.init_network().items()}
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        L, grads = network.gradients(params, SPLIT.train_images[:50], SPLIT.train_labels[:50])
    assert np.isfinite(L) and L > 100  # confident and often wrong: a large, finite loss
    assert all(np.all(np.isfinite(g)) for g in grads.values())


def test_softmax_keeps_the_shape_it_is_given():
    p = network.softmax([1.0, 2.0, 3.0])
    assert p.shape == (3,) and p.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(network.softmax([[1.0, 2.0, 3.0]])[0], p)


def test_zero_network_gives_log_10():
    zero = {name: np.zeros_like(a) for name, a in network.init_network().items()}
    assert network.loss(zero, SPLIT.test_images, SPLIT.test_labels) == pytest.approx(np.log(10))
    np.testing.assert_allclose(network.probabilities(zero, SPLIT.test_images[:3]), 0.1)


def test_the_default_architecture_has_2410_parameters():
    assert network.ARCHITECTURE == (64, 32, 10)
    assert network.count_parameters() == 64 * 32 + 32 + 32 * 10 + 10 == 2410
    assert network.count_parameters(network.init_network()) == 2410
    assert network.flatten(network.init_network()).shape == (2410,)


# --- training ------------------------------------------------------------------------


def default_training(**options):
    return network.train(
        network.init_network(),
        SPLIT.train_images,
        SPLIT.train_labels,
        test_images=SPLIT.test_images,
        test_labels=SPLIT.test_labels,
        **options,
    )


def test_default_training_reaches_95_percent_on_the_test_set():
    history = default_training()
    assert history.test_accuracy[-1] >= 0.95
    assert (
        network.accuracy(history.network, SPLIT.test_images, SPLIT.test_labels)
        == (history.test_accuracy[-1])
    )
    assert history.train_loss[-1] < history.train_loss[0] / 10
    assert len(history.train_loss) == len(history.test_loss) == 21  # epochs 0 … 20
    np.testing.assert_array_equal(history.evaluations, 2 * np.arange(21))


def test_training_is_bit_identical_run_to_run_and_leaves_the_network_alone():
    start = network.init_network()
    before = {name: array.copy() for name, array in start.items()}
    runs = [
        network.train(start, SPLIT.train_images, SPLIT.train_labels, epochs=3, keep_snapshots=True)
        for _ in range(2)
    ]
    np.testing.assert_array_equal(runs[0].snapshots, runs[1].snapshots)
    np.testing.assert_array_equal(runs[0].train_loss, runs[1].train_loss)
    for name in network.NAMES:
        np.testing.assert_array_equal(runs[0].network[name], runs[1].network[name])
        np.testing.assert_array_equal(start[name], before[name])  # not trained in place
    other = network.train(start, SPLIT.train_images, SPLIT.train_labels, epochs=3, seed=1)
    assert not np.array_equal(other.network["W1"], runs[0].network["W1"])


def test_snapshots_hold_every_epoch():
    history = network.train(
        network.init_network(),
        SPLIT.train_images,
        SPLIT.train_labels,
        epochs=4,
        keep_snapshots=True,
    )
    assert history.snapshots.shape == (5, 2410)
    np.testing.assert_array_equal(history.snapshots[0], network.flatten(network.init_network()))
    for name in network.NAMES:
        np.testing.assert_array_equal(history.snapshot(4)[name], history.network[name])
    epoch_2 = history.snapshot(2)
    assert network.loss(epoch_2, SPLIT.train_images, SPLIT.train_labels) == pytest.approx(
        history.train_loss[2], rel=1e-12
    )
    assert history.test_loss is None and history.test_accuracy is None
    no_snapshots = network.train(
        network.init_network(), SPLIT.train_images, SPLIT.train_labels, epochs=1
    )
    assert no_snapshots.snapshots is None
    with pytest.raises(ValueError, match="keep_snapshots=True"):
        no_snapshots.snapshot(0)
    with pytest.raises(ValueError, match="epoch must be 0 to 4, but got 5"):
        history.snapshot(5)


def test_momentum_follows_notebook_09s_convention():
    """Full-batch epochs, so each epoch is one step: v ← βv + g, w ← w − ηv, by hand."""
    images, labels = SPLIT.train_images[:40], SPLIT.train_labels[:40]
    start, eta, beta = network.init_network(seed=3), 0.2, 0.5
    history = network.train(
        start,
        images,
        labels,
        learning_rate=eta,
        momentum=beta,
        batch_size=40,
        epochs=2,
        keep_snapshots=True,
    )
    w = network.flatten(start)
    v = np.zeros_like(w)
    for epoch in (1, 2):
        _, g = network.gradients(network.unflatten(w), images, labels)
        v = beta * v + network.flatten(g)
        w = w - eta * v
        np.testing.assert_allclose(history.snapshots[epoch], w, rtol=1e-13, atol=1e-15)


def test_training_steps_equal_scikit_learns_sgd_with_the_same_momentum_and_rate():
    """MLPClassifier keeps u ← βu − ηg, w ← w + u; the course v ← βv + g, w ← w − ηv. With
    u = −ηv they are one recurrence: from the same start, with full batches (no shuffle
    to differ), 5 steps land on the same parameters, to rounding."""
    neural_network = pytest.importorskip("sklearn.neural_network")
    from sklearn.exceptions import ConvergenceWarning

    images, labels, steps = SPLIT.train_images, SPLIT.train_labels, 5
    start = network.init_network(seed=5)
    classifier = neural_network.MLPClassifier(
        hidden_layer_sizes=(32,),
        activation="tanh",
        solver="sgd",
        alpha=0.0,
        batch_size=len(labels),
        learning_rate="constant",
        learning_rate_init=0.1,
        momentum=0.9,
        nesterovs_momentum=False,
        max_iter=1,
        shuffle=False,
        random_state=0,
        tol=0.0,
        n_iter_no_change=steps + 1,
        early_stopping=False,
        warm_start=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(images, labels)  # sets up the classifier; then start from ours
        classifier.coefs_ = [start["W1"].copy(), start["W2"].copy()]
        classifier.intercepts_ = [start["b1"].copy(), start["b2"].copy()]
        classifier.set_params(max_iter=steps)
        classifier.fit(images, labels)  # warm start: our weights, velocity 0
    assert classifier.n_iter_ == steps
    ours = network.train(
        start,
        images,
        labels,
        learning_rate=0.1,
        momentum=0.9,
        batch_size=len(labels),
        epochs=steps,
    ).network
    theirs = [*classifier.coefs_, *classifier.intercepts_]
    for name, their in zip(["W1", "W2", "b1", "b2"], theirs):
        np.testing.assert_allclose(ours[name], their, rtol=0, atol=1e-14)
    assert np.abs(ours["W1"] - start["W1"]).max() > 0.01  # they did move


# --- guessing --------------------------------------------------------------------------


def test_random_search_counts_its_budget_and_keeps_the_best():
    guesses = network.random_search(SPLIT.train_images, SPLIT.train_labels, evaluations=30)
    assert guesses.best_losses.shape == (30,) and guesses.evaluations[-1] == 30
    assert np.all(np.diff(guesses.best_losses) <= 0)
    assert (
        network.loss(guesses.best, SPLIT.train_images, SPLIT.train_labels)
        == (guesses.best_losses[-1])
    )


def test_guessing_works_for_3_weights_and_fails_for_2410():
    # Notebook 07's neuron: 200 guesses come close to the best loss gradient descent finds.
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=100)
    counted = neuron.CountedLoss(inputs, labels)
    guessed = neuron.random_search(counted, n_params=3, samples=200, rng=np.random.default_rng(1))
    params = np.zeros(3)
    for _ in range(2000):
        params -= 1.0 * neuron.loss_gradient(params, inputs, labels)
    best = neuron.loss(params, inputs, labels)
    assert guessed.best_values[-1] < best + 0.02
    # The network: the same 200 loss evaluations buy 100 epochs of training, or 200 guesses.
    budget = 200
    guesses = network.random_search(SPLIT.train_images, SPLIT.train_labels, evaluations=budget)
    history = default_training(epochs=budget // network.EVALUATIONS_PER_EPOCH)
    assert history.evaluations[-1] == budget
    assert guesses.best_losses[-1] > 1.5  # near log 10 ≈ 2.3: no better than a guess
    assert history.train_loss[-1] < 0.01
    assert network.accuracy(guesses.best, SPLIT.test_images, SPLIT.test_labels) < 0.5


# --- refusals ---------------------------------------------------------------------------


def nan_pixel():
    images = SPLIT.train_images.copy()
    images[3, 12] = np.nan
    return images


TRAIN_ARGS = (SPLIT.train_images, SPLIT.train_labels)
N = len(SPLIT.train_labels)


@pytest.mark.parametrize(
    ("args", "options", "error", "message"),
    [
        (
            (SPLIT.train_images[:, :63], SPLIT.train_labels),
            {},
            ValueError,
            r"images must have shape \(number of images, 64\).*but got shape \(1438, 63\)",
        ),
        (
            (SPLIT.train_images.reshape(-1, 8, 8), SPLIT.train_labels),
            {},
            ValueError,
            r"images must have shape .* but got shape \(1438, 8, 8\)",
        ),
        (
            (nan_pixel(), SPLIT.train_labels),
            {},
            ValueError,
            r"images must hold finite numbers only, but images\[3, 12\] is nan",
        ),
        (("pixels", SPLIT.train_labels), {}, TypeError, "images must be real numbers"),
        (
            (SPLIT.train_images, SPLIT.train_labels[:-1]),
            {},
            ValueError,
            r"labels must have shape \(1438,\): one label per image, but got shape \(1437,\)",
        ),
        (
            (SPLIT.train_images, np.where(np.arange(N) == 7, 10, SPLIT.train_labels)),
            {},
            ValueError,
            r"labels must be whole numbers 0 to 9 .* but labels\[7\] is 10",
        ),
        (
            (SPLIT.train_images, np.where(np.arange(N) == 2, -1, SPLIT.train_labels)),
            {},
            ValueError,
            r"labels\[2\] is -1",
        ),
        (
            (SPLIT.train_images, np.where(np.arange(N) == 0, 2.5, SPLIT.train_labels)),
            {},
            ValueError,
            r"labels\[0\] is 2.5",
        ),
        (
            (SPLIT.train_images, SPLIT.train_labels > 4),
            {},
            TypeError,
            "labels must be whole numbers 0 to 9",
        ),
        (
            TRAIN_ARGS,
            {"learning_rate": 0},
            ValueError,
            "learning_rate must be greater than 0, but got 0.0",
        ),
        (TRAIN_ARGS, {"learning_rate": -0.1}, ValueError, "but got -0.1"),
        (TRAIN_ARGS, {"learning_rate": np.nan}, ValueError, "learning_rate must be a finite"),
        (
            TRAIN_ARGS,
            {"momentum": 1.0},
            ValueError,
            r"momentum must be at least 0 and below 1, but got 1.0",
        ),
        (TRAIN_ARGS, {"momentum": -0.5}, ValueError, "but got -0.5"),
        (TRAIN_ARGS, {"momentum": "0.9"}, TypeError, "momentum must be a number"),
        (TRAIN_ARGS, {"batch_size": 0}, ValueError, "batch_size must be between 1 and the 1438"),
        (TRAIN_ARGS, {"batch_size": 2.5}, TypeError, "batch_size must be a whole number"),
        (TRAIN_ARGS, {"epochs": -1}, ValueError, "epochs must be 0 or more, but got -1"),
        (TRAIN_ARGS, {"seed": "x"}, TypeError, "seed must be a whole number"),
        (TRAIN_ARGS, {"keep_snapshots": 1}, TypeError, "keep_snapshots must be True or False"),
        (TRAIN_ARGS, {"test_images": SPLIT.test_images}, ValueError, "give both or neither"),
        (
            TRAIN_ARGS,
            {"test_images": SPLIT.test_images, "test_labels": SPLIT.test_labels[:3]},
            ValueError,
            r"test_labels must have shape \(359,\)",
        ),
    ],
)
def test_bad_training_input_is_named(args, options, error, message):
    with pytest.raises(error, match=message):
        network.train(network.init_network(), *args, **options)


def test_bad_networks_are_named():
    good = network.init_network()
    missing = {name: good[name] for name in ("W1", "b1", "W2")}
    with pytest.raises(ValueError, match=r"exactly the keys W1, b1, W2, b2, but got \['W1'"):
        network.predict(missing, SPLIT.test_images)
    with pytest.raises(TypeError, match="network must be a dict"):
        network.predict([good["W1"]], SPLIT.test_images)
    wrong = dict(good, b1=np.zeros(31))
    with pytest.raises(ValueError, match=r"network\['b1'\] must have shape \(32,\).*\(31,\)"):
        network.loss(wrong, *TRAIN_ARGS)
    broken = dict(good, W2=np.full((32, 10), np.nan))
    with pytest.raises(ValueError, match=r"network\['W2'\] must hold finite numbers only"):
        network.gradients(broken, *TRAIN_ARGS)
    with pytest.raises(ValueError, match=r"image must hold the 64 pixels .* shape \(8, 7\)"):
        network.input_gradient(good, np.zeros((8, 7)))
    blot = np.zeros((8, 8))
    blot[2, 5] = np.nan
    with pytest.raises(ValueError, match=r"image must hold finite numbers only, but image\[2, 5\]"):
        network.input_gradient(good, blot)
    with pytest.raises(ValueError, match=r"logits must be a 2-D array, but got shape \(3,\)"):
        network.cross_entropy([1.0, 2.0, 3.0], [0])
    with pytest.raises(ValueError, match=r"digit must be a whole number 0 to 9, but got 12"):
        network.input_gradient(good, np.zeros(64), digit=12)
    with pytest.raises(ValueError, match="evaluations must be 1 or more, but got 0"):
        network.random_search(*TRAIN_ARGS, evaluations=0)
    with pytest.raises(TypeError, match="sizes must be three whole numbers"):
        network.init_network((64, 10))


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        network.train(network.init_network(), *TRAIN_ARGS, 0.1)
    with pytest.raises(TypeError):
        network.init_network(network.ARCHITECTURE, 0)
    with pytest.raises(TypeError):
        network.random_search(*TRAIN_ARGS, 10)
