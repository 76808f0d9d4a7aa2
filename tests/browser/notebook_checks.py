"""What each notebook's explorers must do in the browser: which slider a key press moves,
where a drag goes, and the relation of the maths their readout must then obey."""

import functools
import re
import time
from dataclasses import dataclass


@dataclass
class ExplorerCheck:
    """How to move one explorer and what its readout must then satisfy."""

    relation: object  # function(numbers, text) -> True when the readout is consistent
    pressed: str  # the readout number that a key press on the slider changes
    dragged: str  # the readout number that a mouse drag on the figure changes (None: the
    # drag picks something else, e.g. which node of a graph is checked: the text changes)
    slider: int = 0  # which visible slider of the explorer the key presses
    key: str = "ArrowRight"
    drag_from: tuple = (0.35, 0.5)  # fractions of the figure's width and height; None:
    drag_to: tuple = (0.65, 0.5)  # the explorer has no drag (its controls are sliders)


def close(a, b, tolerance=0.011):
    return abs(a - b) <= tolerance


def slope_is_two_x(n, _):
    return close(n["slope"], 2 * n["x"])


def secant_slope_is_two_plus_h(n, _):
    return close(n["secant slope"], 2 + n["h"]) and n["tangent slope"] == 2.0


def h_is_ten_to_the_slider(n, _):
    return (
        abs(n["h"] - 10 ** n["log10 h"]) <= 0.006 * n["h"]
        and n["central error"] < n["forward error"]
    )


def partials_of_three_x_squared_y(n, _):
    # The readout rounds x and y to 0.01, so allow for that in products.
    return (
        close(n["df/dx"], 6 * n["x"] * n["y"], 0.1)
        and close(n["df/dy"], 3 * n["x"] ** 2, 0.05)
        and close(n["f"], 3 * n["x"] ** 2 * n["y"] + 6, 0.1)
    )


def gradient_of_the_bowl(n, _):
    from math import cos, hypot, radians, sin

    angle = radians(n["angle"])
    return (
        close(n["df/dx"], 2 * n["x"], 0.02)
        and close(n["df/dy"], 6 * n["y"], 0.04)
        and close(n["|grad|"], hypot(n["df/dx"], n["df/dy"]), 0.02)
        and close(n["slope along u"], n["df/dx"] * cos(angle) + n["df/dy"] * sin(angle), 0.02)
    )


def next_step_follows_the_update_rule(n, _):
    return close(n["next x"], n["x"] - n["learning rate"] * n["slope"], 0.02)


def descent_on_the_parabola(n, text):
    return slope_is_two_x(n, text) and next_step_follows_the_update_rule(n, text)


def descent_path_reports_its_run(n, text):
    return n["steps"] >= 0 and any(
        word in text for word in ("converged", "diverged", "diverging", "bouncing", "still moving")
    )


def says_it_needs_the_kernel(explorer, patience_s=4.0):
    """The status line says, once the page has waited for an answer, that a kernel is
    needed (it first says "Computing…", for 1.5 s)."""
    deadline = time.monotonic() + patience_s
    while time.monotonic() < deadline:
        if "kernel" in explorer.locator(".explorer-status").inner_text():
            return True
        time.sleep(0.1)
    return False


def backprop_agrees_with_nudging(n, text):
    """The two gradients agree, and the relative error (a number, or "< 1e-8" for
    round-off) is below 1e-7: right."""
    gradient = next(value for name, value in n.items() if name.startswith("dL/d"))
    error = re.search(r"relative error: (< 1e-8|\S+)", text.replace("\xa0", " ")).group(1)
    small = error == "< 1e-8" or float(error) < 1e-7
    return close(gradient, n["numeric"], 1e-5) and small and "right" in text


def momentum_limit_moves_with_beta(n, text):
    """(2 + 2β)/L with L = 4 is 0.5 + 0.5β, and the run says what it did."""
    said = any(word in text for word in ("converged", "diverged", "noise", "crawling"))
    return close(n["(2 + 2β)/L"], 0.5 + 0.5 * n["momentum"], 0.006) and said


def advice_goes_against_the_slope(n, text):
    if n["slope"] == 0:
        return "keep" in text
    return ("increase" in text) == (n["slope"] < 0) and ("decrease" in text) == (n["slope"] > 0)


@functools.cache
def notebook_10_training():
    """Notebook 10's training run, made again (the same arguments give the same numbers,
    bit for bit): what its explorer must show at each epoch."""
    import helpers

    split = helpers.digits.digits_split()
    return helpers.network.train(
        helpers.network.init_network(seed=0), split.train_images, split.train_labels,
        test_images=split.test_images, test_labels=split.test_labels,
        learning_rate=0.1, momentum=0.9, batch_size=32, epochs=30, seed=0,
    )  # fmt: skip


def the_epochs_numbers_are_the_training_runs(n, _):
    """Accuracy in [0, 1], and the accuracy and losses of that epoch's network (to the
    readout's 3 decimals); the pad's digit read as 0–9 with a probability in [0, 1]."""
    run = notebook_10_training()
    epoch = int(n["epoch"])
    return (
        0 <= n["test accuracy"] <= 1
        and close(n["test accuracy"], run.test_accuracy[epoch], 0.0005)
        and close(n["test loss"], run.test_loss[epoch], 0.0005)
        and close(n["train loss"], run.train_loss[epoch], 0.0005)
        and n["your digit read as"] in range(10)
        and 0 <= n["its probability"] <= 1
    )


LEFT_MAP = {"drag_from": (0.2, 0.5), "drag_to": (0.3, 0.35)}
EXPLORERS = {
    "00_start_here.ipynb": [ExplorerCheck(slope_is_two_x, "x", "x")],
    "01_slope.ipynb": [
        ExplorerCheck(
            secant_slope_is_two_plus_h,
            "h",
            "h",
            key="ArrowLeft",
            drag_from=(0.8, 0.5),
            drag_to=(0.6, 0.5),
        )
    ],
    "02_tangent_lines.ipynb": [
        ExplorerCheck(slope_is_two_x, "x", "x", drag_from=(0.15, 0.5), drag_to=(0.35, 0.5))
    ],
    "03_numerical_derivatives.ipynb": [ExplorerCheck(h_is_ten_to_the_slider, "log10 h", "h")],
    "04_partial_derivatives.ipynb": [
        ExplorerCheck(partials_of_three_x_squared_y, "x", "x", **LEFT_MAP)
    ],
    "05_gradient.ipynb": [ExplorerCheck(gradient_of_the_bowl, "x", "x", **LEFT_MAP)],
    "06_gradient_descent.ipynb": [
        ExplorerCheck(
            descent_on_the_parabola,
            "learning rate",
            "x",
            drag_from=(0.8, 0.5),
            drag_to=(0.3, 0.5),
        ),
        ExplorerCheck(
            next_step_follows_the_update_rule,
            "learning rate",
            "x",
            drag_to=(0.75, 0.5),
        ),
        ExplorerCheck(descent_path_reports_its_run, "learning rate", "start x"),
    ],
    "07_training_a_neuron.ipynb": [ExplorerCheck(advice_goes_against_the_slope, "w1", "w1")],
    "08_chain_rule_and_backprop.ipynb": [
        ExplorerCheck(
            backprop_agrees_with_nudging, "x1", None, drag_from=(0.1, 0.2), drag_to=(0.9, 0.62)
        )
    ],
    "09_momentum_and_sgd.ipynb": [
        ExplorerCheck(momentum_limit_moves_with_beta, "learning rate", None, drag_from=None)
    ],
    "10_a_network_learns.ipynb": [
        ExplorerCheck(
            the_epochs_numbers_are_the_training_runs,
            "epoch",
            "epoch",
            drag_from=(0.1, 0.3),
            drag_to=(0.45, 0.3),
        )
    ],
}
