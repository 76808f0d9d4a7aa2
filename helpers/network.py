"""A network that reads handwritten digits: notebook 10, in one file of numpy.

An 8 × 8 image is a row x of 64 pixels (0–1). The network has one hidden layer of
32 tanh units and 10 outputs, one score ("logit") per digit:

    z1     = x · W1 + b1            W1: 64 × 32,  b1: 32
    h      = tanh(z1)               the hidden layer
    logits = h · W2 + b2            W2: 32 × 10,  b2: 10
    p      = softmax(logits)        pₖ = e^logitₖ / Σⱼ e^logitⱼ, how sure it is of digit k

Its loss on N images with labels y is the mean cross-entropy,

    L = mean( −log p_y ) = mean( log Σⱼ e^logitⱼ − logit_y ),

small when the network gives the right digit a high probability. That is notebook 07's
neuron, with 2,410 parameters instead of 3, and ten classes instead of two.

The backward pass is notebook 08's chain rule, layer by layer, with the same local
rules as ``helpers.autograd.Value`` (d(a·b)/da = b, d(a + b)/da = 1, tanh' = 1 − tanh²),
written for whole matrices at once (N images, all units). ``train`` then follows the
gradient with minibatches and momentum, in notebook 09's convention

    v ← β·v + ∇L(w),    w ← w − η·v.

The parameters live in a dict of arrays, ``{"W1": …, "b1": …, "W2": …, "b2": …}``: a
row of W1 holds the weights from one pixel to every hidden unit.

Here: ``init_network``, ``count_parameters``; ``forward``, ``probabilities``,
``predict``, ``accuracy``, ``loss``; ``gradients`` (the backward pass); ``train``
(→ ``History``, every epoch's snapshot if asked); ``input_gradient`` (which pixels
matter); ``random_search`` (→ ``Guesses``: guessing instead of descending); ``flatten``
and ``unflatten`` (all parameters as one vector).

Examples
--------
>>> from helpers.digits import digits_split
>>> split = digits_split()
>>> network = init_network()                       # 64 → 32 → 10, random weights
>>> count_parameters(network)
2410
>>> round(loss(network, split.test_images, split.test_labels), 2)   # about log 10
2.32
"""

import time
from dataclasses import dataclass

import numpy as np

from .validation import (
    require_class_labels,
    require_count,
    require_finite_array,
    require_finite_numbers,
    require_flag,
    require_image,
    require_images,
    require_momentum,
    require_network,
    require_positive_number,
)

__all__ = [
    "ARCHITECTURE",
    "EVALUATIONS_PER_EPOCH",
    "Guesses",
    "History",
    "accuracy",
    "count_parameters",
    "cross_entropy",
    "flatten",
    "forward",
    "gradients",
    "init_network",
    "input_gradient",
    "loss",
    "predict",
    "probabilities",
    "random_search",
    "softmax",
    "train",
    "unflatten",
]

#: Pixels in, hidden units, digits out.
ARCHITECTURE = (64, 32, 10)

#: The parameters, in the order ``flatten`` lays them out.
NAMES = ("W1", "b1", "W2", "b2")

#: What one epoch of training costs, in loss evaluations on the training set: every image
#: goes forward once and backward once, and a backward pass costs about what the forward
#: pass does (``helpers.gradient_cost``: backpropagation ≈ 2 loss evaluations).
EVALUATIONS_PER_EPOCH = 2


# --- the parameters ---------------------------------------------------------------


def _sizes(sizes):
    """(inputs, hidden, outputs) as three ints ≥ 1 (outputs ≥ 2: softmax needs two classes)."""
    if not isinstance(sizes, (tuple, list)) or len(sizes) != 3:
        raise TypeError(
            f"sizes must be three whole numbers (inputs, hidden, outputs), like {ARCHITECTURE}, "
            f"but got {sizes!r:.60}."
        )
    sizes = tuple(require_count(size, f"sizes[{i}]") for i, size in enumerate(sizes))
    if min(sizes) < 1 or sizes[2] < 2:
        raise ValueError(f"sizes must be ≥ 1 each, with ≥ 2 outputs, but got {sizes}.")
    return sizes


def _random_network(sizes, rng):
    """Every parameter of a layer uniform in ±√(6 / (fan_in + fan_out)) (Glorot & Bengio,
    2010): the hidden units start neither flat (all 0) nor saturated (tanh = ±1)."""
    n_in, n_hidden, n_out = sizes
    network = {}
    for layer, (fan_in, fan_out) in enumerate([(n_in, n_hidden), (n_hidden, n_out)], start=1):
        bound = np.sqrt(6 / (fan_in + fan_out))
        network[f"W{layer}"] = rng.uniform(-bound, bound, size=(fan_in, fan_out))
        network[f"b{layer}"] = rng.uniform(-bound, bound, size=fan_out)
    return network


def init_network(sizes=ARCHITECTURE, *, seed=0):
    """A network with random weights: {"W1", "b1", "W2", "b2"}, the same for the same seed.

    Parameters
    ----------
    sizes : (inputs, hidden, outputs)
        By default (64, 32, 10): 8 × 8 pixels, 32 hidden units, 10 digits.
    seed : int >= 0

    Examples
    --------
    >>> network = init_network((4, 3, 2))
    >>> {name: array.shape for name, array in network.items()}
    {'W1': (4, 3), 'b1': (3,), 'W2': (3, 2), 'b2': (2,)}
    """
    sizes = _sizes(sizes)
    seed = require_count(seed, "seed")
    return _random_network(sizes, np.random.default_rng(seed))


def count_parameters(network_or_sizes=ARCHITECTURE):
    """How many numbers training adjusts: inputs·hidden + hidden + hidden·outputs + outputs.

    Examples
    --------
    >>> count_parameters((64, 32, 10))    # 64·32 + 32 + 32·10 + 10
    2410
    """
    if isinstance(network_or_sizes, dict):
        return sum(array.size for array in require_network(network_or_sizes).values())
    n_in, n_hidden, n_out = _sizes(network_or_sizes)
    return n_in * n_hidden + n_hidden + n_hidden * n_out + n_out


def flatten(network):
    """All parameters in one 1-D array: W1 row by row, then b1, W2, b2.

    Examples
    --------
    >>> flatten(init_network((4, 3, 2))).shape
    (23,)
    """
    network = require_network(network)
    return np.concatenate([network[name].ravel() for name in NAMES])


def unflatten(vector, sizes=ARCHITECTURE):
    """The network whose ``flatten`` is ``vector``.

    Examples
    --------
    >>> network = init_network((4, 3, 2))
    >>> all(np.array_equal(a, b) for a, b in zip(unflatten(flatten(network), (4, 3, 2)).values(),
    ...                                          network.values()))
    True
    """
    n_in, n_hidden, n_out = sizes = _sizes(sizes)
    vector = np.asarray(vector, dtype=float)
    if vector.shape != (count_parameters(sizes),):
        raise ValueError(
            f"vector must hold the {count_parameters(sizes)} parameters of a {sizes} network, "
            f"but got shape {vector.shape}."
        )
    shapes = [(n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
    ends = np.cumsum([np.prod(shape) for shape in shapes])
    pieces = np.split(vector, ends[:-1])
    return {name: piece.reshape(shape) for name, piece, shape in zip(NAMES, pieces, shapes)}


# --- forward: images → probabilities → loss ----------------------------------------


#: Images per matrix product in ``_forward``. numpy's matrix product (OpenBLAS) splits
#: larger products across threads, which on a busy shared machine (a hub, two cores)
#: costs far more than it saves: all 1,438 training images at once took 5–10 ms there,
#: in chunks of 128 0.2 ms (and the numbers came out the same, bit for bit).
CHUNK = 128


def _forward(network, x):
    """The hidden layer h and the logits, for checked arrays."""
    if len(x) > CHUNK:
        parts = [_forward(network, x[i : i + CHUNK]) for i in range(0, len(x), CHUNK)]
        return tuple(np.concatenate(part) for part in zip(*parts))
    h = np.tanh(x @ network["W1"] + network["b1"])  # h = tanh(x·W1 + b1)
    logits = h @ network["W2"] + network["b2"]  # logits = h·W2 + b2
    return h, logits


def _log_softmax(logits):
    """log pₖ = logitₖ − log Σⱼ e^logitⱼ, computed without overflow or log(0).

    Log-sum-exp: with m = maxⱼ logitⱼ, log Σⱼ e^logitⱼ = m + log Σⱼ e^(logitⱼ − m). Every
    e^(logitⱼ − m) is at most 1 (no overflow), and the largest is e⁰ = 1, so the sum is at
    least 1 (no log 0).
    """
    m = logits.max(axis=1, keepdims=True)
    return logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))


def softmax(logits):
    """pₖ = e^logitₖ / Σⱼ e^logitⱼ, row by row: scores → probabilities that add up to 1.

    Examples
    --------
    >>> softmax(np.array([[0.0, np.log(3.0)], [1e4, -1e4]])).round(3)
    array([[0.25, 0.75],
           [1.  , 0.  ]])
    """
    logits = require_finite_numbers(logits, "logits")
    if np.ndim(logits) not in (1, 2):
        raise ValueError(f"logits must be 1-D or 2-D, but got shape {np.shape(logits)}.")
    rows = np.atleast_2d(logits)
    return np.exp(_log_softmax(rows)).reshape(np.shape(logits))


def _cross_entropy(logits, labels):
    """mean(−log p_y), for checked arrays."""
    return float(-np.mean(_log_softmax(logits)[np.arange(len(labels)), labels]))


def cross_entropy(logits, labels):
    """The mean cross-entropy L = mean(log Σⱼ e^logitⱼ − logit_y) of logits (N, K), labels (N,).

    Finite at any finite logits (see ``softmax``): a confident wrong answer costs a
    lot, but never inf.

    Examples
    --------
    >>> round(cross_entropy(np.zeros((1, 10)), [3]), 6)    # no idea: p = 1/10, L = log 10
    2.302585
    >>> cross_entropy(np.array([[1e4, -1e4]]), [1])            # sure, and wrong
    20000.0
    """
    logits = require_finite_array(logits, "logits", ndim=2)
    if logits.shape[1] < 2:
        raise ValueError(
            f"logits must have shape (N, classes) with 2 or more classes, but got {logits.shape}."
        )
    labels = require_class_labels(labels, "labels", logits.shape[1], len(logits))
    return _cross_entropy(logits, labels)


def _checked(network, images, labels=None):
    """The network, images and labels as checked arrays, their shapes matching."""
    network = require_network(network)
    n_in, n_out = network["W1"].shape[0], network["W2"].shape[1]
    images = require_images(images, "images", n_in)
    if labels is None:
        return network, images
    return network, images, require_class_labels(labels, "labels", n_out, len(images))


def forward(network, images):
    """The hidden layer h (N × hidden) and the logits (N × outputs), one row per image.

    Examples
    --------
    >>> h, logits = forward(init_network((4, 3, 2)), np.zeros((5, 4)))
    >>> h.shape, logits.shape
    ((5, 3), (5, 2))
    """
    return _forward(*_checked(network, images))


def probabilities(network, images):
    """p = softmax(logits): one row per image, one probability per digit.

    Examples
    --------
    >>> probabilities(init_network(), np.zeros((1, 64))).sum().round(12)
    np.float64(1.0)
    """
    network, images = _checked(network, images)
    return np.exp(_log_softmax(_forward(network, images)[1]))


def predict(network, images):
    """The digit the network reads in each image: the one with the highest probability.

    Examples
    --------
    >>> predict(init_network(), np.zeros((2, 64))).tolist()
    [5, 5]
    """
    network, images = _checked(network, images)
    return np.argmax(_forward(network, images)[1], axis=1)


def accuracy(network, images, labels):
    """The share of images whose digit the network reads right, 0 to 1.

    Examples
    --------
    >>> accuracy(init_network(), np.zeros((2, 64)), [5, 2])
    0.5
    """
    network, images, labels = _checked(network, images, labels)
    return float(np.mean(np.argmax(_forward(network, images)[1], axis=1) == labels))


def loss(network, images, labels):
    """The mean cross-entropy of the network on these images: L = mean(−log p_y).

    Examples
    --------
    With every parameter 0, p = 1/10 for every digit, so L = log 10:

    >>> zero = {name: np.zeros_like(array) for name, array in init_network().items()}
    >>> round(loss(zero, np.ones((3, 64)), [0, 4, 9]), 6)
    2.302585
    """
    network, images, labels = _checked(network, images, labels)
    return _cross_entropy(_forward(network, images)[1], labels)


# --- backward: the chain rule, layer by layer ----------------------------------------


def _gradients(network, x, y):
    """L and dL/d(every parameter), for checked arrays: one forward and one backward pass."""
    n = len(y)
    h, logits = _forward(network, x)
    log_p = _log_softmax(logits)
    p = np.exp(log_p)
    L = float(-np.mean(log_p[np.arange(n), y]))

    # dL/dlogits = (p − y)/n, with y one-hot (1 at the right digit): softmax and
    # cross-entropy together have this short derivative, as the sigmoid neuron had p − y.
    d_logits = p  # (p is not needed again: it becomes dL/dlogits in place)
    d_logits[np.arange(n), y] -= 1
    d_logits /= n
    # logits = h·W2 + b2: d(a·b)/da = b, summed over the images (matrix products do it)
    d_W2 = h.T @ d_logits  # dL/dW2 = hᵀ · dL/dlogits
    d_b2 = d_logits.sum(axis=0)  # dL/db2 = Σ over images of dL/dlogits
    d_h = d_logits @ network["W2"].T  # dL/dh = dL/dlogits · W2ᵀ
    # h = tanh(z1): tanh' = 1 − tanh² = 1 − h², element by element
    d_z1 = d_h * (1 - h**2)  # dL/dz1 = dL/dh ⊙ (1 − h²)
    # z1 = x·W1 + b1
    d_W1 = x.T @ d_z1  # dL/dW1 = xᵀ · dL/dz1
    d_b1 = d_z1.sum(axis=0)  # dL/db1 = Σ over images of dL/dz1
    return L, {"W1": d_W1, "b1": d_b1, "W2": d_W2, "b2": d_b2}


def gradients(network, images, labels):
    """The loss and its gradient by backpropagation: (L, {"W1": dL/dW1, …, "b2": dL/db2}).

    Each gradient has its parameter's shape. One forward pass and one backward pass give
    all 2,410 partial derivatives at once; nudging would take 4,820 loss evaluations.

    Examples
    --------
    With all weights 0 every digit gets p = 1/10, and only the output biases matter:
    dL/db2 = mean(p − y) = 1/10 − (share of each digit among the labels).

    >>> zero = {name: np.zeros_like(array) for name, array in init_network((4, 3, 2)).items()}
    >>> L, grads = gradients(zero, np.ones((2, 4)), [0, 0])
    >>> round(L, 6), grads["b2"].tolist(), float(np.abs(grads["W1"]).max())
    (0.693147, [-0.5, 0.5], 0.0)
    """
    return _gradients(*_checked(network, images, labels))


def input_gradient(network, image, *, digit=None):
    """d(logit of ``digit``)/d(each pixel): which pixels, made darker, raise that digit's score.

    By the same chain rule, now down to the input: with s = logit_k,

        ds/dh = W2[:, k],   ds/dz1 = ds/dh ⊙ (1 − h²),   ds/dx = W1 · ds/dz1.

    Parameters
    ----------
    image : array of 64 pixels, flat or 8 × 8 (``inputs`` pixels for another network)
    digit : int, optional
        Whose score; by default the winning digit, ``predict(network, image)``.

    Returns
    -------
    An array shaped like ``image``.

    Examples
    --------
    >>> network = init_network()
    >>> input_gradient(network, np.zeros((8, 8))).shape
    (8, 8)
    """
    network = require_network(network)
    n_in, n_out = network["W1"].shape[0], network["W2"].shape[1]
    image = require_image(image, "image", n_in)
    x = image.reshape(1, n_in)
    h, logits = _forward(network, x)
    if digit is None:
        k = int(np.argmax(logits[0]))
    else:
        k = require_count(digit, "digit")
        if k >= n_out:
            raise ValueError(f"digit must be a whole number 0 to {n_out - 1}, but got {k}.")
    d_h = network["W2"][:, k]  # ds/dh = W2[:, k]
    d_z1 = d_h * (1 - h[0] ** 2)  # ds/dz1 = ds/dh ⊙ (1 − h²)
    return (network["W1"] @ d_z1).reshape(image.shape)  # ds/dx = W1 · ds/dz1


# --- training: minibatch SGD with momentum -------------------------------------------


@dataclass(frozen=True)
class History:
    """What ``train`` returns: the trained network and how it got there, epoch by epoch.

    Entry e of each array is measured after e epochs (entry 0: before training).

    network         the parameters after the last epoch.
    epochs          0, 1, …, epochs.
    train_loss, train_accuracy   on the whole training set.
    test_loss, test_accuracy     on the test set (None without one).
    snapshots       every epoch's parameters as rows of ``flatten`` (None unless
                    ``keep_snapshots=True``); ``history.snapshot(e)`` gives a network.
    seconds         the training's wall-clock time (the measurements included).
    """

    network: dict
    sizes: tuple
    epochs: np.ndarray
    train_loss: np.ndarray
    train_accuracy: np.ndarray
    test_loss: np.ndarray | None
    test_accuracy: np.ndarray | None
    snapshots: np.ndarray | None
    seconds: float

    @property
    def evaluations(self):
        """The cost after each epoch, in loss evaluations on the training set (2 per epoch)."""
        return EVALUATIONS_PER_EPOCH * self.epochs

    def snapshot(self, epoch):
        """The network as it was after ``epoch`` epochs (needs ``keep_snapshots=True``)."""
        if self.snapshots is None:
            raise ValueError("this run kept no snapshots: train it with keep_snapshots=True.")
        epoch = require_count(epoch, "epoch")
        if epoch >= len(self.snapshots):
            raise ValueError(f"epoch must be 0 to {len(self.snapshots) - 1}, but got {epoch}.")
        return unflatten(self.snapshots[epoch], self.sizes)


def train(
    network,
    images,
    labels,
    *,
    test_images=None,
    test_labels=None,
    learning_rate=0.1,
    momentum=0.9,
    batch_size=32,
    epochs=20,
    seed=0,
    keep_snapshots=False,
):
    """Train by minibatch gradient descent with momentum; ``network`` itself is not changed.

    Each epoch shuffles the training images (``np.random.default_rng(seed)``) and walks
    through them in minibatches of ``batch_size`` (the last one may be smaller). At each
    minibatch, with its gradient g = ∇L (from ``gradients``):

        v ← β·v + g,    w ← w − η·v      (every parameter, v starting at 0)

    The same arguments give the same numbers, bit for bit.

    Parameters
    ----------
    network : dict
        The starting parameters, e.g. ``init_network()``.
    images, labels : arrays (N, 64) and (N,)
        The training set.
    test_images, test_labels : arrays, optional
        A test set, measured after every epoch (never trained on).
    learning_rate : float > 0
        η.
    momentum : float in [0, 1)
        β (0: plain minibatch gradient descent).
    batch_size : int >= 1
    epochs : int >= 0
    seed : int >= 0
        Which shuffles.
    keep_snapshots : bool
        Keep the parameters after every epoch in ``history.snapshots`` (2,410 numbers
        each).

    Returns
    -------
    History

    Examples
    --------
    >>> from helpers.digits import digits_split
    >>> split = digits_split()
    >>> history = train(init_network(), split.train_images, split.train_labels,
    ...                 test_images=split.test_images, test_labels=split.test_labels, epochs=2)
    >>> history.train_loss.round(2).tolist(), history.test_accuracy.round(2).tolist()
    ([2.34, 0.25, 0.14], [0.19, 0.89, 0.92])
    """
    network, x, y = _checked(network, images, labels)
    sizes = (x.shape[1], network["W1"].shape[1], network["W2"].shape[1])
    has_test = test_images is not None or test_labels is not None
    if has_test:
        if test_images is None or test_labels is None:
            raise ValueError("test_images and test_labels come together: give both or neither.")
        test_x = require_images(test_images, "test_images", sizes[0])
        test_y = require_class_labels(test_labels, "test_labels", sizes[2], len(test_x))
    learning_rate = require_positive_number(learning_rate, "learning_rate")
    momentum = require_momentum(momentum)
    batch_size = require_count(batch_size, "batch_size")
    if not 1 <= batch_size <= len(y):
        raise ValueError(
            f"batch_size must be between 1 and the {len(y)} training images, but got {batch_size}."
        )
    epochs = require_count(epochs, "epochs")
    seed = require_count(seed, "seed")
    keep_snapshots = require_flag(keep_snapshots, "keep_snapshots")

    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    w = {name: array.copy() for name, array in network.items()}  # the learner's stays as it was
    v = {name: np.zeros_like(array) for name, array in w.items()}
    measured = {"train_loss": [], "train_accuracy": [], "test_loss": [], "test_accuracy": []}
    snapshots = np.empty((epochs + 1, count_parameters(sizes))) if keep_snapshots else None

    parts = [("train", x, y)] + ([("test", test_x, test_y)] if has_test else [])

    def measure(epoch):
        for part, xs, ys in parts:
            logits = _forward(w, xs)[1]
            measured[f"{part}_loss"].append(_cross_entropy(logits, ys))
            measured[f"{part}_accuracy"].append(np.mean(np.argmax(logits, axis=1) == ys))
        if keep_snapshots:
            snapshots[epoch] = np.concatenate([w[name].ravel() for name in NAMES])

    measure(0)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        for first in range(0, len(y), batch_size):
            batch = order[first : first + batch_size]
            _, g = _gradients(w, x[batch], y[batch])
            for name in NAMES:
                v[name] *= momentum  # v ← β·v + g
                v[name] += g[name]
                w[name] -= learning_rate * v[name]  # w ← w − η·v
        measure(epoch)

    arrays = {key: np.array(values) if values else None for key, values in measured.items()}
    return History(
        network=w,
        sizes=sizes,
        epochs=np.arange(epochs + 1),
        snapshots=snapshots,
        seconds=time.perf_counter() - start,
        **arrays,
    )


# --- guessing: random search ------------------------------------------------------------


@dataclass(frozen=True)
class Guesses:
    """What ``random_search`` returns.

    best         the best network guessed.
    best_losses  the lowest loss found so far, after each evaluation: shape (evaluations,).
    """

    best: dict
    best_losses: np.ndarray

    @property
    def evaluations(self):
        """1, 2, …: the loss evaluations used when each best loss was known."""
        return np.arange(1, len(self.best_losses) + 1)


def random_search(images, labels, *, evaluations, sizes=ARCHITECTURE, seed=0):
    """Guess networks at random and keep the best: one loss evaluation per guess.

    Each guess is a fresh random network, drawn as ``init_network`` draws one. Notebook
    07's neuron (3 parameters) is found well by guessing
    (``helpers.neuron.random_search``); with 2,410 parameters, almost every direction of a
    guess is wrong, and the best of thousands of guesses stays near the loss of no
    idea, log 10 ≈ 2.3. Compare at the same cost: ``train`` uses
    ``EVALUATIONS_PER_EPOCH`` = 2 evaluations per epoch.

    Parameters
    ----------
    images, labels : the training set.
    evaluations : int >= 1
        The budget: how many guesses.
    sizes : (inputs, hidden, outputs)
    seed : int >= 0

    Examples
    --------
    >>> from helpers.digits import digits_split
    >>> split = digits_split()
    >>> guesses = random_search(split.train_images, split.train_labels, evaluations=20)
    >>> guesses.best_losses[[0, -1]].round(2), guesses.evaluations[-1]
    (array([2.34, 2.23]), np.int64(20))
    """
    sizes = _sizes(sizes)
    n_in, _, n_out = sizes
    x = require_images(images, "images", n_in)
    y = require_class_labels(labels, "labels", n_out, len(x))
    evaluations = require_count(evaluations, "evaluations")
    if evaluations < 1:
        raise ValueError(f"evaluations must be 1 or more, but got {evaluations}.")
    rng = np.random.default_rng(require_count(seed, "seed"))
    best, best_loss, losses = None, np.inf, np.empty(evaluations)
    for i in range(evaluations):
        guess = _random_network(sizes, rng)  # a fresh random network
        losses[i] = _cross_entropy(_forward(guess, x)[1], y)  # one loss evaluation
        if losses[i] < best_loss:  # keep the best so far
            best, best_loss = guess, losses[i]
    return Guesses(best, np.minimum.accumulate(losses))
