"""The course's digits network next to scikit-learn's ``MLPClassifier``, same settings.

Both train a 64 → 32 → 10 network with tanh hidden units and a softmax output on the
same fixed split (``helpers.digits.digits_split()``), by minibatch SGD with the same
momentum, learning rate, batch size and number of epochs, from the same kind of random
start, and are measured in the same run:

- test accuracy (on the 359 held-out images), for seeds 0, 1, 2 (their mean is shown);
- training time, the median of those 3 runs each (the two alternate, run by run);
- that they take the same steps: from the same start (scikit-learn warm-started with the
  course's weights) and with full batches, 5 steps of each land on the same parameters,
  to rounding (``convention_check``).

Settings that make them the same algorithm:

- activation="tanh"; the output is softmax with cross-entropy in both.
- solver="sgd", learning_rate="constant", nesterovs_momentum=False.
- Momentum: scikit-learn keeps u ← β·u − η·g and adds it, w ← w + u; the course keeps
  v ← β·v + g and steps w ← w − η·v (notebook 09). With u = −η·v these are the same
  recurrence (−η·v' = β·(−η·v) − η·g), so the same β and the same η give the same steps:
  no rescaling is needed while η is constant. (A rescaling would be needed against the
  other common convention, v ← β·v + (1 − β)·g.)
- alpha=0: no L2 penalty (the course's loss has none).
- batch_size, max_iter = epochs, shuffle=True; early_stopping=False, tol=0 and
  n_iter_no_change > epochs, so every epoch runs (checked: ``n_iter_``).
- The start: both draw every weight and bias of a layer uniformly in
  ±√(6 / (fan_in + fan_out)) (Glorot), from their own seeded generators, so the starts
  differ in the numbers drawn, not in their distribution; the shuffles differ likewise.

The course's timing includes what ``train`` measures after every epoch (loss and
accuracy on the training and the test set, as notebook 10 asks for); scikit-learn's
does not. OPENBLAS_CORETYPE and the BLAS thread count are left as the environment has
them: both use the same numpy. (Both multiply minibatches of 32, which OpenBLAS keeps on
one thread; the course's per-epoch measurements go in chunks of 128 images for the same
reason, see ``helpers.network.CHUNK``.)

Run alone: ``.venv/bin/python -m benchmarks.network`` (writes "network" in
benchmarks/results.json, keeping the other keys, and benchmarks/network.md); or as a
part of ``python -m benchmarks network``.
"""

import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from helpers import network
from helpers.digits import digits_split

from . import report

HERE = Path(__file__).parent

#: The settings both get: the course's defaults.
SETTINGS = {"learning_rate": 0.1, "momentum": 0.9, "batch_size": 32, "epochs": 20}
SEEDS = (0, 1, 2)
HEADERS = ["network", "test accuracy (mean)", "per seed", "training s (median of 3)", "per run"]


def train_course(split, seed):
    """The course's network: (test accuracy, seconds)."""
    start = time.perf_counter()
    history = network.train(
        network.init_network(seed=seed),
        split.train_images,
        split.train_labels,
        test_images=split.test_images,
        test_labels=split.test_labels,
        seed=seed,
        **SETTINGS,
    )
    seconds = time.perf_counter() - start
    return float(history.test_accuracy[-1]), seconds


def sklearn_classifier(seed):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(network.ARCHITECTURE[1],),
        activation="tanh",
        solver="sgd",
        alpha=0.0,
        batch_size=SETTINGS["batch_size"],
        learning_rate="constant",
        learning_rate_init=SETTINGS["learning_rate"],
        momentum=SETTINGS["momentum"],
        nesterovs_momentum=False,
        max_iter=SETTINGS["epochs"],
        shuffle=True,
        random_state=seed,
        tol=0.0,
        n_iter_no_change=SETTINGS["epochs"] + 1,
        early_stopping=False,
    )


def train_sklearn(split, seed):
    """scikit-learn's MLPClassifier: (test accuracy, seconds)."""
    from sklearn.exceptions import ConvergenceWarning

    classifier = sklearn_classifier(seed)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # "max_iter reached": as asked
        classifier.fit(split.train_images, split.train_labels)
    seconds = time.perf_counter() - start
    if classifier.n_iter_ != SETTINGS["epochs"]:
        raise RuntimeError(f"MLPClassifier stopped after {classifier.n_iter_} epochs")
    return float(classifier.score(split.test_images, split.test_labels)), seconds


def convention_check(steps=5):
    """The largest |difference| between the two networks' parameters after ``steps`` full-
    batch steps from the same start (the course's; scikit-learn by warm start): the same
    update rule, checked. Full batches, so that no shuffle can differ."""
    from sklearn.exceptions import ConvergenceWarning

    split = digits_split()
    images, labels = split.train_images, split.train_labels
    start = network.init_network(seed=5)
    classifier = sklearn_classifier(0).set_params(
        batch_size=len(labels), shuffle=False, warm_start=True, max_iter=1
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(images, labels)  # sets it up; then start from the course's weights
        classifier.coefs_ = [start["W1"].copy(), start["W2"].copy()]
        classifier.intercepts_ = [start["b1"].copy(), start["b2"].copy()]
        classifier.set_params(max_iter=steps)
        classifier.fit(images, labels)  # warm start: those weights, velocity 0
    ours = network.train(
        start,
        images,
        labels,
        learning_rate=SETTINGS["learning_rate"],
        momentum=SETTINGS["momentum"],
        batch_size=len(labels),
        epochs=steps,
    ).network
    theirs = dict(zip(["W1", "W2", "b1", "b2"], [*classifier.coefs_, *classifier.intercepts_]))
    return max(float(np.abs(ours[name] - theirs[name]).max()) for name in theirs)


def measure():
    """Both networks, 3 seeds each, alternating: accuracies and training times."""
    split = digits_split()
    runs = {"helpers.network": [], "sklearn MLPClassifier": []}
    train_sklearn(split, 0)  # first call imports and warms scikit-learn; not timed
    for seed in SEEDS:
        runs["helpers.network"].append(train_course(split, seed))
        runs["sklearn MLPClassifier"].append(train_sklearn(split, seed))
    result = {
        "settings": dict(
            SETTINGS,
            architecture=list(network.ARCHITECTURE),
            parameters=network.count_parameters(),
            activation="tanh",
            seeds=list(SEEDS),
            train_images=len(split.train_labels),
            test_images=len(split.test_labels),
        ),
    }
    for name, measured in runs.items():
        accuracies = [accuracy for accuracy, _ in measured]
        seconds = [s for _, s in measured]
        result[name] = {
            "test_accuracy_mean": statistics.mean(accuracies),
            "test_accuracies": accuracies,
            "train_seconds_median": statistics.median(seconds),
            "train_seconds": seconds,
        }
    result["same_steps_max_difference"] = convention_check()
    course, sklearn = result["helpers.network"], result["sklearn MLPClassifier"]
    result["targets"] = {
        "accuracy within 1 point of scikit-learn's": course["test_accuracy_mean"]
        >= sklearn["test_accuracy_mean"] - 0.01,
        "training time no worse than scikit-learn's": course["train_seconds_median"]
        <= sklearn["train_seconds_median"],
        "test accuracy ≥ 95 %": min(course["test_accuracies"]) >= 0.95,
        "the same steps from the same start (5 full batches, |Δw| ≤ 1e-12)": result[
            "same_steps_max_difference"
        ]
        <= 1e-12,
    }
    return result


def table_rows(result):
    rows = []
    for name in ("helpers.network", "sklearn MLPClassifier"):
        row = result[name]
        rows.append(
            [
                name,
                f"{row['test_accuracy_mean']:.2%}",
                " ".join(f"{a:.2%}" for a in row["test_accuracies"]),
                f"{row['train_seconds_median']:.3f}",
                " ".join(f"{s:.3f}" for s in row["train_seconds"]),
            ]
        )
    return rows


def settings_line(result):
    s = result["settings"]
    same = result["same_steps_max_difference"]
    return (
        f"{' → '.join(map(str, s['architecture']))} ({s['parameters']:,} parameters), "
        f"{s['activation']}, softmax cross-entropy; SGD with momentum {s['momentum']}, "
        f"learning rate {s['learning_rate']}, batch {s['batch_size']}, {s['epochs']} epochs; "
        f"{s['train_images']} training and {s['test_images']} test images "
        f"(helpers.digits.digits_split()); seeds {', '.join(map(str, s['seeds']))}. "
        f"From the same start, 5 full-batch steps of each differ by at most {same:.1e}."
    )


def markdown(result, measured_on):
    lines = [
        "# The digits network against scikit-learn's MLPClassifier",
        "",
        measured_on,
        "",
        settings_line(result),
        "",
        report.markdown_table(HEADERS, table_rows(result)),
        "",
        *(f"- {'met' if held else 'MISSED'}: {target}" for target, held in targets(result)),
        "",
        "Made by `.venv/bin/python -m benchmarks.network` (benchmarks/network.py), which",
        "says how the two are set up to run the same algorithm.",
        "",
    ]
    return "\n".join(lines)


def targets(result):
    return result["targets"].items()


def print_and_save(result, measured_on):
    """Print the table and the targets; write benchmarks/network.md."""
    print(settings_line(result))
    print(report.text_table(HEADERS, table_rows(result)))
    for target, held in targets(result):
        print(f"{'target met    ' if held else 'TARGET MISSED '} {target}")
    path = HERE / "network.md"
    path.write_text(markdown(result, measured_on))
    print(f"wrote {path}")


def main():
    started = time.perf_counter()
    machine = report.machine()
    print(report.machine_line(machine))
    result = measure()
    result["measured_on"] = machine
    result["seconds"] = round(time.perf_counter() - started, 1)
    print_and_save(result, report.machine_line(machine))
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results["network"] = result
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f'wrote {path} ("network"; {result["seconds"]} s)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
