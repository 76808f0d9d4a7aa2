"""Static figures of notebook 07_training_a_neuron."""

import matplotlib.pyplot as plt
import numpy as np

from ..style import COLORS, CURVE, PATH, POINT, TANGENT, in_course_style
from ..validation import require_finite_array, require_finite_numbers

__all__ = ["gradient_cost_figure", "loss_vs_evaluations_figure", "neuron_data_figure"]

CLASS_STYLES = [  # (label, marker, colour) for class 0 and class 1
    ("class 0", "o", COLORS["blue"]),
    ("class 1", "^", COLORS["orange"]),
]
BOUNDARY_STYLES = [("--", TANGENT), ("-", POINT), (":", PATH)]


@in_course_style
def neuron_data_figure(inputs, labels, *, boundaries=None):
    """The two classes of 2-D points and, optionally, where fitted neurons split them.

    A neuron with params [w₁, w₂, b] says "class 1" where p = σ(w₁x₁ + w₂x₂ + b) > 1/2,
    that is on one side of the line  w₁x₁ + w₂x₂ + b = 0, its decision boundary.

    Parameters
    ----------
    inputs : array of shape (N, 2)
    labels : array of shape (N,), 0 or 1
    boundaries : dict, optional
        {legend label: params [w₁, w₂, b]}; each is drawn as its boundary line (at most 3).
    """
    inputs = require_finite_numbers(inputs, "inputs")
    labels = require_finite_array(labels, "labels", ndim=1)
    if np.ndim(inputs) != 2 or inputs.shape[1] != 2 or len(inputs) != len(labels):
        raise ValueError("inputs must have shape (N, 2), with one label per row.")
    boundaries = boundaries or {}
    if len(boundaries) > len(BOUNDARY_STYLES):
        raise ValueError(f"boundaries can hold at most {len(BOUNDARY_STYLES)} neurons.")

    fig, ax = plt.subplots(figsize=(7.5, 5), layout="constrained")
    for value, (name, marker, colour) in enumerate(CLASS_STYLES):
        chosen = inputs[labels == value]
        ax.plot(
            chosen[:, 0],
            chosen[:, 1],
            marker,
            color=colour,
            alpha=0.8,
            linestyle="none",
            markeredgecolor="white",
            label=name,
        )
    low, high = inputs.min() - 0.5, inputs.max() + 0.5
    x1 = np.array([low, high])
    for (label, params), (style, colour) in zip(boundaries.items(), BOUNDARY_STYLES, strict=False):
        w1, w2, b = require_finite_array(params, f"boundaries[{label!r}]", ndim=1)
        # w₁x₁ + w₂x₂ + b = 0  ⇔  x₂ = −(w₁x₁ + b) / w₂
        ax.plot(x1, -(w1 * x1 + b) / w2, style, color=colour, label=label)
    ax.set(xlim=(low, high), ylim=(low, high), xlabel="x1", ylabel="x2", aspect="equal")
    ax.set_title("The data" if not boundaries else "Where each neuron says p = 1/2")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


@in_course_style
def loss_vs_evaluations_figure(descent_evaluations, descent_losses, random_losses, title):
    """The loss reached against the loss evaluations spent, for both methods (log x-axis).

    Parameters
    ----------
    descent_evaluations, descent_losses : 1-D arrays
        Gradient descent: the evaluations used when each point was reached, and its loss.
    random_losses : 1-D array
        Random guessing: the best loss after 1, 2, 3, … evaluations.
    title : str
    """
    descent_evaluations = require_finite_array(descent_evaluations, "descent_evaluations", ndim=1)
    descent_losses = require_finite_array(descent_losses, "descent_losses", ndim=1)
    random_losses = require_finite_array(random_losses, "random_losses", ndim=1)
    if descent_evaluations.shape != descent_losses.shape:
        raise ValueError("descent_evaluations and descent_losses must have the same length.")

    fig, ax = plt.subplots(figsize=(7.5, 4.5), layout="constrained")
    guesses = np.arange(1, len(random_losses) + 1)
    ax.step(
        guesses,
        random_losses,
        ":",
        where="post",
        color=TANGENT,
        label="random guessing (best so far)",
    )
    ax.plot(
        descent_evaluations,
        descent_losses,
        "-",
        marker=".",
        color=CURVE,
        label="gradient descent (numeric gradient)",
    )
    ax.set_xscale("log")
    ax.set(xlabel="loss evaluations spent (log scale)", ylabel="loss reached", title=title)
    ax.legend(loc="upper right")
    return fig


@in_course_style
def gradient_cost_figure(parameter_counts, numeric_seconds, analytic_seconds, loss_seconds):
    """Time of one gradient against the number of parameters (log–log), in milliseconds.

    Three lines: the numeric gradient (2 loss evaluations per parameter), the
    analytic gradient (one forward and one backward pass), and one loss evaluation.
    """
    counts = require_finite_array(parameter_counts, "parameter_counts", ndim=1)
    series = [
        (numeric_seconds, "numeric_seconds", "numeric gradient", "-", "o", TANGENT),
        (analytic_seconds, "analytic_seconds", "analytic gradient (backprop)", "--", "s", CURVE),
        (loss_seconds, "loss_seconds", "one loss evaluation", ":", "^", POINT),
    ]
    fig, ax = plt.subplots(figsize=(7.5, 4.5), layout="constrained")
    for seconds, name, label, style, marker, colour in series:
        seconds = require_finite_array(seconds, name, ndim=1)
        if seconds.shape != counts.shape or np.any(seconds <= 0):
            raise ValueError(f"{name} must hold one positive time per parameter count.")
        ax.plot(counts, seconds * 1e3, style, marker=marker, color=colour, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set(
        xlabel="parameters (log scale)",
        ylabel="time (ms, log scale)",
        title="The cost of one gradient",
    )
    ax.legend(loc="upper left")
    return fig
