"""Static figures of notebook 10_a_network_learns."""

import matplotlib.pyplot as plt
import numpy as np

from ..network import History
from ..style import COLORS, in_course_style
from ..validation import require_class_labels, require_finite_array, require_finite_numbers

__all__ = [
    "confusion_matrix_figure",
    "digits_figure",
    "first_layer_weights_figure",
    "input_gradient_figure",
    "misclassified_figure",
    "training_curves_figure",
]

INK = "gray_r"  # pixels: white paper, black ink
SIGNED = "PuOr_r"  # weights and gradients: purple below 0, white at 0, orange above


def _images(images, name):
    images = require_finite_array(images, name, ndim=2)
    if images.shape[1] != 64:
        raise ValueError(f"{name} must have shape (N, 64), but got {images.shape}.")
    return images.reshape(-1, 8, 8)


def _labels(labels, name, count):
    return require_class_labels(labels, name, 10, count)


def _signed_limit(values):
    return float(np.abs(values).max()) or 1.0


@in_course_style
def digits_figure(images, labels, *, title="", columns=10):
    """A row (or rows) of digit images, each titled with its label.

    images : (N, 64) pixels 0–1;  labels : N digits.
    """
    pictures = _images(images, "images")
    labels = _labels(labels, "labels", len(pictures))
    rows = int(np.ceil(len(pictures) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.0 * columns, 1.2 * rows + 0.4),
                             layout="constrained", squeeze=False)  # fmt: skip
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i < len(pictures):
            ax.imshow(pictures[i], cmap=INK, vmin=0, vmax=1)
            ax.set_title(str(labels[i]), fontsize=12)
    fig.suptitle(title)
    return fig


@in_course_style
def training_curves_figure(history, *, title=""):
    """Left: the loss on the training and the test set after each epoch (log scale).
    Right: the accuracy on the test set after each epoch."""
    if not isinstance(history, History) or history.test_loss is None:
        raise TypeError("history must be what train(...) returns, trained with a test set.")
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
    left.plot(history.epochs, history.train_loss, "-o", color=COLORS["blue"], markersize=3,
              label="training set")  # fmt: skip
    left.plot(history.epochs, history.test_loss, "--s", color=COLORS["vermillion"], markersize=3,
              label="test set")  # fmt: skip
    left.set(yscale="log", xlabel="epoch", ylabel="loss (log scale)", title="Loss")
    left.legend()
    right.plot(history.epochs, 100 * history.test_accuracy, "-o", color=COLORS["green"],
               markersize=3)  # fmt: skip
    right.axhline(10, color=COLORS["black"], linestyle=":", lw=1)
    right.text(history.epochs[-1], 12, "guessing: 10 %", ha="right", fontsize=10)
    right.set(xlabel="epoch", ylabel="test accuracy (%)", ylim=(0, 100), title="Test accuracy")
    fig.suptitle(title)
    return fig


@in_course_style
def first_layer_weights_figure(network, *, title=""):
    """Each hidden unit's 64 weights from the pixels (a column of W1) as an 8 × 8 image."""
    weights = require_finite_array(network["W1"], "network['W1']", ndim=2)
    units = weights.shape[1]
    columns = 8
    rows = int(np.ceil(units / columns))
    limit = _signed_limit(weights)
    fig, axes = plt.subplots(rows, columns, figsize=(9, 1.15 * rows + 0.6), layout="constrained",
                             squeeze=False)  # fmt: skip
    for unit, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if unit < units:
            shown = ax.imshow(weights[:, unit].reshape(8, 8), cmap=SIGNED, vmin=-limit, vmax=limit)
            ax.set_title(f"unit {unit}", fontsize=9)
    fig.colorbar(shown, ax=axes, shrink=0.8, label="weight")
    fig.suptitle(title)
    return fig


@in_course_style
def confusion_matrix_figure(labels, predicted, *, title=""):
    """How often each true digit (row) was read as each digit (column); counts written in."""
    labels = _labels(labels, "labels", np.shape(labels)[0] if np.ndim(labels) else 1)
    predicted = _labels(predicted, "predicted", len(labels))
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    fig, ax = plt.subplots(figsize=(5.6, 5), layout="constrained")
    ax.imshow(counts, cmap="Blues")
    for (row, column), count in np.ndenumerate(counts):
        if count:
            colour = "white" if count > counts.max() / 2 else COLORS["black"]
            ax.text(column, row, str(count), ha="center", va="center", fontsize=9, color=colour)
    ax.set(xticks=range(10), yticks=range(10), xlabel="read as", ylabel="true digit", title=title)
    ax.grid(False)
    return fig


@in_course_style
def misclassified_figure(images, labels, probabilities, *, title=""):
    """Each digit (top) above the network's probability for every digit (bottom); the bar
    of the true digit is green and hatched, the others blue."""
    pictures = _images(images, "images")
    labels = _labels(labels, "labels", len(pictures))
    probabilities = require_finite_array(probabilities, "probabilities", ndim=2)
    if probabilities.shape != (len(pictures), 10):
        raise ValueError(
            f"probabilities must have shape ({len(pictures)}, 10), one row per image, "
            f"but got {probabilities.shape}."
        )
    count = len(pictures)
    fig, axes = plt.subplots(2, count, figsize=(2.3 * count, 4.4), layout="constrained",
                             squeeze=False, height_ratios=[1, 1])  # fmt: skip
    for i in range(count):
        top, bottom = axes[0, i], axes[1, i]
        top.imshow(pictures[i], cmap=INK, vmin=0, vmax=1)
        top.set_axis_off()
        read = int(np.argmax(probabilities[i]))
        top.set_title(f"true {labels[i]}, read {read}", fontsize=11)
        bars = bottom.bar(range(10), probabilities[i], color=COLORS["blue"])
        bars[labels[i]].set(color=COLORS["green"], hatch="//", edgecolor=COLORS["black"])
        bottom.set(xticks=range(10), ylim=(0, 1), xlabel="digit")
        bottom.tick_params(labelsize=9)
        if i == 0:
            bottom.set_ylabel("probability")
    fig.suptitle(title)
    return fig


@in_course_style
def input_gradient_figure(image, gradient, digit, *, title=""):
    """Left: a digit. Right: d(score of ``digit``)/d(each pixel) as an 8 × 8 map."""
    picture = require_finite_numbers(image, "image").reshape(8, 8)
    gradient = require_finite_numbers(gradient, "gradient").reshape(8, 8)
    limit = _signed_limit(gradient)
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.5, 3.6), layout="constrained")
    left.imshow(picture, cmap=INK, vmin=0, vmax=1)
    left.set_title("the image")
    shown = right.imshow(gradient, cmap=SIGNED, vmin=-limit, vmax=limit)
    right.set_title(f"d(score of {digit}) / d(pixel)")
    fig.colorbar(shown, ax=right, shrink=0.9)
    for ax in (left, right):
        ax.set_axis_off()
    fig.suptitle(title)
    return fig
