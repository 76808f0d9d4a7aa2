"""helpers/figures/training_a_neuron.py: the static figures of notebook 07."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import neuron  # noqa: E402


@pytest.fixture
def data():
    return neuron.make_dataset(np.random.default_rng(0), n_points=40, n_inputs=3)


# --- static figures ---------------------------------------------------------------------


def test_neuron_data_figure_draws_classes_and_boundaries(data):
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=30, n_inputs=2)
    fig = helpers.figures.neuron_data_figure(
        inputs, labels, boundaries={"a": [1.0, 1.0, 0.0], "b": [1.0, 2.0, 0.5]}
    )
    assert len(fig.axes) == 1
    assert len(fig.axes[0].lines) == 4


def test_neuron_data_figure_rejects_bad_input(data):
    with pytest.raises(ValueError, match="inputs"):
        helpers.figures.neuron_data_figure(*data)  # 3 inputs cannot be drawn in the plane
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=30, n_inputs=2)
    with pytest.raises(ValueError, match="boundaries"):
        helpers.figures.neuron_data_figure(
            inputs, labels, boundaries={str(i): [1, 1, 0] for i in range(4)}
        )


def test_loss_vs_evaluations_figure_uses_a_log_axis():
    fig = helpers.figures.loss_vs_evaluations_figure([1, 8, 15], [0.7, 0.5, 0.4], [1.0, 0.9], "t")
    assert fig.axes[0].get_xscale() == "log"
    assert len(fig.axes[0].lines) == 2
    with pytest.raises(ValueError, match="descent_losses"):
        helpers.figures.loss_vs_evaluations_figure([1, 8], [0.7], [1.0], "t")


def test_gradient_cost_figure_draws_three_lines_and_checks_times():
    fig = helpers.figures.gradient_cost_figure([11, 101], [1e-3, 1e-2], [1e-4, 1e-4], [5e-5] * 2)
    assert len(fig.axes[0].lines) == 3
    assert fig.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="numeric_seconds"):
        helpers.figures.gradient_cost_figure([11, 101], [1e-3], [1e-4] * 2, [1e-4] * 2)
