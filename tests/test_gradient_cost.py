"""helpers/gradient_cost.py: one gradient priced two ways."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import gradient_cost  # noqa: E402

# --- the cost of a gradient ----------------------------------------------------------------


def operations_in_mean_loss(n_inputs, labels):
    """Operations of mean_loss, counted from its formula: per point n products, n − 1
    additions, + b, σ, log, negation, and 1 − p for label 0; then N − 1 additions and ÷ N."""
    per_point = [2 * n_inputs + 3 + (label == 0) for label in labels]
    return sum(per_point) + len(labels) - 1 + 1


@pytest.mark.parametrize("n_params", [2, 3, 11])
def test_gradient_cost_counts_are_exact(n_params):
    cost = gradient_cost.measure_gradient_cost(n_params, np.random.default_rng(0), n_points=3)
    assert cost.parameters == n_params
    assert cost.numeric_evaluations == 2 * n_params
    assert cost.operations == operations_in_mean_loss(n_params - 1, [0, 1, 0])
    assert cost.numeric_operations == 2 * n_params * cost.operations
    assert cost.backprop_operations == 2 * cost.operations
    assert cost.relative_error < 1e-7
    assert min(cost.numeric_seconds, cost.backprop_seconds, cost.evaluation_seconds) > 0


def test_gradient_cost_refuses_bad_input():
    with pytest.raises(ValueError, match="n_params must be 2 or more"):
        gradient_cost.measure_gradient_cost(1, np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng"):
        gradient_cost.measure_gradient_cost(3, 0)
    with pytest.raises(TypeError, match="repeats"):
        gradient_cost.measure_gradient_cost(3, np.random.default_rng(0), repeats=1.5)
