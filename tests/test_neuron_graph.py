"""helpers/neuron_graph.py: the neuron of notebook 07 built from Values."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support import NEURON_POINT as POINT

from helpers import gradient_cost, neuron, neuron_graph  # noqa: E402

# --- the neuron from Values ------------------------------------------------------------


@pytest.mark.parametrize("label", [0, 1])
def test_point_loss_is_notebook_07s_loss_for_one_point(label):
    params = np.array([*POINT["weights"], POINT["bias"]])
    expected = neuron.loss(params, np.array([POINT["inputs"]]), np.array([label]))
    on_floats = neuron_graph.point_loss(POINT["weights"], POINT["bias"], POINT["inputs"], label)
    on_values = neuron_graph.neuron_graph(**POINT, label=label)
    assert on_floats == pytest.approx(expected, rel=1e-12)
    assert on_values.data == on_floats  # the same arithmetic, both ways


@pytest.mark.parametrize("label", [0, 1])
def test_backward_gives_notebook_07s_gradient_formula(label):
    loss = neuron_graph.neuron_graph(**POINT, label=label)
    loss.backward()
    nodes = neuron_graph.named_nodes(loss)
    params = np.array([*POINT["weights"], POINT["bias"]])
    expected = neuron.loss_gradient(params, np.array([POINT["inputs"]]), np.array([label]))
    got = [nodes["w1"].grad, nodes["w2"].grad, nodes["b"].grad]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    p = nodes["p"].data
    assert nodes["z"].grad == pytest.approx(p - label, rel=1e-12)  # ∂L/∂z = p − y
    assert nodes["x1"].grad == pytest.approx((p - label) * POINT["weights"][0], rel=1e-12)


def test_mean_loss_matches_the_numpy_loss_on_many_points():
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=20, n_inputs=3)
    params = np.array([0.3, -0.7, 1.1, 0.2])
    on_floats = neuron_graph.mean_loss(params[:-1], params[-1], inputs.tolist(), labels.tolist())
    assert on_floats == pytest.approx(neuron.loss(params, inputs, labels), rel=1e-12)
    graph, grad = gradient_cost.backprop_gradient(params, inputs.tolist(), labels.tolist())
    assert graph.data == pytest.approx(on_floats, rel=1e-12)
    np.testing.assert_allclose(grad, neuron.loss_gradient(params, inputs, labels), rtol=1e-10)


def test_neuron_graph_names_its_leaves_and_stages():
    loss = neuron_graph.neuron_graph(**POINT, label=1)
    assert set(neuron_graph.named_nodes(loss)) == {"x1", "x2", "w1", "w2", "b", "z", "p", "L"}


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"inputs": [1.0], "weights": [1.0, 2.0]}, ValueError, ["same length", "1 inputs"]),
        ({"inputs": "ab"}, TypeError, ["inputs"]),
        ({"weights": [1.0, float("nan")]}, ValueError, ["weights", "nan"]),
        ({"bias": "b"}, TypeError, ["bias", "'b'"]),
        ({"label": 2}, ValueError, ["label", "0 or 1", "2"]),
        ({"label": "1"}, TypeError, ["label", "'1'"]),
        ({"label": True}, TypeError, ["label", "True"]),
    ],
)
def test_neuron_graph_refuses_bad_input_by_name(kwargs, error, words):
    with pytest.raises(error) as raised:
        neuron_graph.neuron_graph(**{**POINT, "label": 1, **kwargs})
    for word in words:
        assert word in str(raised.value)
