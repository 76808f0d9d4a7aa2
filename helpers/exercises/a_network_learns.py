"""Exercises of notebook 10_a_network_learns."""

import numbers

import numpy as np

from ..digits import digits_split
from ..network import ARCHITECTURE, count_parameters, init_network, softmax, train
from .checker import Exercise, _as_number, _Refusal, register

# 10.1: the parameters of 64 → 32 → 10.
N_IN, N_HIDDEN, N_OUT = ARCHITECTURE
WEIGHTS = N_IN * N_HIDDEN + N_HIDDEN * N_OUT

# 10.2: dL/dlogits of the mean cross-entropy, for a batch of two images and three classes.
LOGITS = np.array([[2.0, 1.0, 0.0], [0.5, 0.5, 2.0]])
LABELS = [1, 2]
P = softmax(LOGITS)
ONE_HOT = np.eye(3)[LABELS]
D_LOGITS = (P - ONE_HOT) / len(LABELS)

# 10.4: a learning rate at which 5 epochs of training end above the starting loss.
DIVERGE_EPOCHS, MAX_RATE = 5, 100.0
LEARNS = "it learns. Try a learning rate ten times bigger, and again."

# 10.5: a gradient check on the output biases b2 passes below this relative error.
THRESHOLD = 1e-6
ABSOLUTE = (
    "those are the absolute differences, one per bias. A gradient check boils them down "
    "to one relative error, ‖n − b‖ / (‖n‖ + ‖b‖): an absolute difference of 1e-6 is "
    "tiny for a slope of 10 and huge for a slope of 1e-7."
)

# 10.6: dL/dW2 from the hidden layer h (3 images × 4 units) and delta = dL/dlogits (3 × 2).
H = np.array([[0.5, -0.2, 0.1, 0.9], [-0.3, 0.8, 0.0, 0.4], [0.7, 0.1, -0.6, 0.2]])
DELTA = np.array([[0.1, -0.1], [-0.2, 0.2], [0.05, -0.05]])
D_W2 = H.T @ DELTA
TRANSPOSED = (
    "that is the transpose, delta.T @ h, of shape (2, 4). A gradient has its parameter's "
    "shape, and W2 is 4 × 2: hᵀ · delta = (4 × 3)·(3 × 2)."
)
TWICE_DIVIDED = "delta = dL/dlogits already holds the division by N; don't divide again."


def _as_array(answer):
    if isinstance(answer, (numbers.Number, str, dict, set)) or answer is None or callable(answer):
        raise _Refusal(f"I expected an array of numbers, like h.T @ delta, but got {answer!r:.60}.")
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise _Refusal(f"I could not read {answer!r:.60} as an array of numbers.") from None
    if not np.all(np.isfinite(values)):
        raise _Refusal("Some of your numbers are nan or infinite.")
    return values


def _diverges(answer):
    rate = _as_number(answer)
    if rate <= 0:
        return "a learning rate is a positive number: the step is −η times the gradient."
    if rate > MAX_RATE:
        return f"try rates up to {MAX_RATE:g}: above that, the numbers simply overflow."
    split = digits_split()
    with np.errstate(all="ignore"):
        history = train(init_network(), split.train_images, split.train_labels,
                        learning_rate=rate, epochs=DIVERGE_EPOCHS)  # fmt: skip
    start, end = history.train_loss[0], history.train_loss[-1]
    if not np.isfinite(end) or end > start:
        return None
    return (
        f"at η = {rate:g} the training loss went from {start:.2f} to {end:.2f} in "
        f"{DIVERGE_EPOCHS} epochs: {LEARNS}"
    )


def _gradient_check(answer):
    if isinstance(answer, (list, tuple, np.ndarray)) and np.size(answer) == N_OUT:
        return ABSOLUTE
    error = _as_number(answer)
    if error < 0:
        return "a relative error is a ratio of lengths, never negative."
    if np.isclose(error, 1.0, rtol=1e-3):
        return (
            "a relative error of 1: your nudged slopes have the opposite sign. "
            "(L(b + h) − L(b − h)) / (2h)."
        )
    if np.isclose(error, 1 / 3, rtol=1e-3):
        return (
            "your nudged slopes are twice backprop's: divide by 2h, "
            "the distance between b − h and b + h."
        )
    if error >= THRESHOLD:
        return (
            f"a relative error of {error:.2g} is above {THRESHOLD:g}. Nudge one bias at a time "
            "by h = 1e-5 both ways, put it back, and compare with gradients(...)['b2']."
        )
    return None


def _weight_gradient(answer):
    values = _as_array(answer)
    if values.shape == D_W2.shape and np.allclose(values, D_W2, rtol=1e-6, atol=1e-9):
        return None
    if values.shape == D_W2.T.shape and np.allclose(values, D_W2.T):
        return TRANSPOSED
    if values.shape == D_W2.shape and np.allclose(values, D_W2 / len(H)):
        return TWICE_DIVIDED
    return (
        f"dL/dW2 = hᵀ · delta, of W2's shape (4, 2); yours has shape {values.shape}. "
        "delta @ h fails: (3 × 2)·(3 × 4) do not fit."
    )


register(
    Exercise(
        key="10.1",
        kind="number",
        expected=count_parameters(ARCHITECTURE),
        hint="count the weights of each layer (inputs × outputs) and its biases (one per output).",
        mistakes=[
            (WEIGHTS, "those are the weights only: each unit has a bias too, 32 + 10 of them."),
            (WEIGHTS + N_HIDDEN, "you forgot the 10 output biases b2."),
            (WEIGHTS + N_OUT, "you forgot the 32 hidden biases b1."),
            (N_IN * N_HIDDEN + N_OUT, "you forgot W2 (32 × 10) and b1."),
            (N_IN * N_HIDDEN + N_HIDDEN, "that is the first layer only; add W2 and b2."),
            (N_IN + N_HIDDEN + N_OUT, "that counts the units; count the connections between them."),
            (N_IN * N_HIDDEN * N_OUT, "multiply within a layer, add the layers: 64·32 + 32·10 + …"),
        ],
        explain="64·32 + 32 + 32·10 + 10 = 2048 + 32 + 320 + 10 = 2410.",
    ),
    Exercise(
        key="10.2",
        kind="numbers",
        expected=D_LOGITS.ravel(),
        hint="p = softmax(logits) row by row, y one-hot (1 at the label), then (p − y) / N, "
        "and .ravel() to give the 6 numbers.",
        mistakes=[
            (
                (ONE_HOT - P).ravel() / 2,
                "the sign: the loss falls as the right logit rises, so "
                "dL/dlogit at the label is p − 1 < 0. It is p − y, not y − p.",
            ),  # fmt: skip
            ((P - ONE_HOT).ravel(), "L is the mean over the N = 2 images: divide by 2."),
            (P.ravel() / 2, "subtract the one-hot y: 1 at each image's label, 0 elsewhere."),
            ((P - np.eye(3)[[0, 1]]).ravel() / 2, "the labels are 1 and 2, counted from 0."),
        ],
        explain="softmax and cross-entropy together have the short derivative (p − y)/N, "
        "as the sigmoid neuron had p − y.",
    ),
    Exercise(
        key="10.3",
        kind="number",
        expected=1 / N_OUT,
        hint="a guess picks one of the ten digits; how often is it the right one?",
        mistakes=[
            (0.5, "right or wrong is not a coin toss: there are ten digits to pick from."),
            (1 / N_IN, "64 is the number of pixels; the answer is one of the 10 digits."),
            (10, "give a share between 0 and 1: 10 % is 0.1."),
            (0.0, "a guess is sometimes right by luck: once in ten."),
        ],
        explain="the ten digits are about equally common, so a guess (or a network that knows "
        "nothing) is right one time in ten: 10 %.",
    ),
    Exercise(
        key="10.4",
        kind="rule",
        expected=_diverges,
        hint=f"a learning rate between 0 and {MAX_RATE:g} at which the loss ends higher than it "
        "started.",
        mistakes=[
            (0.1, LEARNS),
            (-1.0, "a learning rate is a positive number"),
            (1e6, f"try rates up to {MAX_RATE:g}"),
        ],
        explain=f"past a limit the steps overshoot, as on notebook 06's parabola: after "
        f"{DIVERGE_EPOCHS} epochs the loss is higher than at the start.",
    ),
    Exercise(
        key="10.5",
        kind="rule",
        expected=_gradient_check,
        hint="relative error = ‖n − b‖ / (‖n‖ + ‖b‖), with n the nudged slopes and b backprop's.",
        mistakes=[
            (np.full(N_OUT, 1e-11), ABSOLUTE),
            (1.0, "opposite sign"),
            (1 / 3, "divide by 2h"),
            (0.01, "is above"),
        ],
        explain="backpropagation and nudging agree to about 10 digits: the backward pass is right.",
    ),
    Exercise(
        key="10.6",
        kind="rule",
        expected=_weight_gradient,
        hint="dL/dW2 = h.T @ delta.",
        mistakes=[
            (D_W2.T, TRANSPOSED),
            (D_W2 / len(H), TWICE_DIVIDED),
            (np.zeros((3, 4)), "delta @ h fails"),
        ],
        explain="(4 × 3)·(3 × 2) = 4 × 2, W2's shape: each weight's slope summed over the images.",
    ),
)
