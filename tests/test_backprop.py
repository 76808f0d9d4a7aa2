"""Notebook 08's helpers: the neuron built from Values, its backward pass node by node,
the gradient check, the cost of a gradient two ways, and the graph drawing."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

import helpers  # noqa: E402
from helpers import backprop, gradient_cost, neuron, neuron_graph  # noqa: E402
from helpers.autograd import Value, topological_order  # noqa: E402
from helpers.figures.chain_rule_and_backprop import box_centre, graph_layout  # noqa: E402

POINT = dict(inputs=[1.5, -0.5], weights=[0.8, -1.2], bias=0.3)


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


# --- what the backprop explorer shows ----------------------------------------------------


@pytest.mark.parametrize("label", [0, 1])
def test_neuron_backprop_lists_every_node_in_topological_order(label):
    nodes = backprop.neuron_backprop(**POINT, label=label)
    loss = neuron_graph.neuron_graph(**POINT, label=label)
    loss.backward()
    reference = topological_order(loss)
    assert len(nodes) == len(reference)
    assert nodes[-1].name == "L" and nodes[-1].grad == 1.0
    for i, (state, node) in enumerate(zip(nodes, reference)):
        assert (state.value, state.grad, state.op) == (node.data, node.grad, node.op)
        assert all(child < i for child in state.children)
    leaves = {state.name for state in nodes if not state.op}
    assert {"x1", "x2", "w1", "w2", "b"} <= leaves
    assert [(s.column, s.row) for s in nodes] == list(graph_layout(loss).values())


@pytest.mark.parametrize("label", [0, 1])
@pytest.mark.parametrize("node", ["x1", "x2", "w1", "w2", "b", "z", "p", "L"])
def test_node_check_agrees_with_backprop_on_every_named_node(label, node):
    check = backprop.node_check(**POINT, label=label, node=node)
    assert check.node == node
    assert check.relative_error < 1e-7 and check.verdict == "right"
    assert check.numeric == pytest.approx(check.backprop, rel=1e-7)


def test_node_check_slope_of_p_is_minus_one_over_p():
    check = backprop.node_check(**POINT, label=1, node="p")
    assert check.backprop == pytest.approx(-1 / check.value, rel=1e-12)  # d(−log p)/dp


def test_node_check_refuses_an_unknown_node_listing_the_valid_ones():
    with pytest.raises(ValueError, match="named nodes .*w1.*but got 'w9'"):
        backprop.node_check(**POINT, label=1, node="w9")


def test_relative_error_is_scale_free_and_zero_for_zeros():
    assert backprop.relative_error(1e-8, 1.01e-8) == pytest.approx(backprop.relative_error(1, 1.01))
    assert backprop.relative_error([0.0], [0.0]).tolist() == [0.0]
    assert float(backprop.relative_error(-1.0, 1.0)) == 2.0


@pytest.mark.parametrize(
    "error, verdict",
    [
        (0.0, "right"),
        (9e-8, "right"),
        (1e-6, "probably right"),
        (1e-3, "suspicious"),
        (0.5, "wrong"),
    ],
)
def test_check_verdict_follows_cs231n_thresholds(error, verdict):
    assert backprop.check_verdict(error) == verdict


def test_relative_error_and_verdict_refuse_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        backprop.relative_error([1.0, 2.0], [1.0])
    with pytest.raises(TypeError, match="numeric"):
        backprop.relative_error(1.0, "x")
    with pytest.raises(ValueError, match="0 or more"):
        backprop.check_verdict(-1.0)


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


# --- the graph drawing ------------------------------------------------------------------------


def boxes_and_texts(figure):
    ax = figure.axes[0]
    boxes = [patch for patch in ax.patches if isinstance(patch, FancyBboxPatch)]
    arrows = [patch for patch in ax.patches if isinstance(patch, FancyArrowPatch)]
    return boxes, arrows, [text.get_text() for text in ax.texts]


def test_graph_figure_draws_one_box_per_node_and_one_arrow_per_input():
    loss = neuron_graph.neuron_graph(**POINT, label=0)
    loss.backward()
    order = topological_order(loss)
    figure = helpers.figures.computational_graph_figure(loss)
    boxes, arrows, texts = boxes_and_texts(figure)
    assert len(boxes) == len(order)
    assert len(arrows) == sum(len(node.children) for node in order)
    joined = "\n".join(texts)
    assert "p = σ" in joined and "constant" in joined
    assert f"value {loss.data:.3g}" in joined and "grad 1" in joined


def test_graph_figure_without_gradients_shows_values_only():
    x = Value(1.0, "x")
    figure = helpers.figures.computational_graph_figure((3 * x + 1) ** 2, gradients=False)
    _, _, texts = boxes_and_texts(figure)
    assert not any("grad" in text for text in texts)
    assert any("value 16" in text for text in texts)


def test_graph_figure_as_a_background_names_the_nodes_without_numbers():
    loss = neuron_graph.neuron_graph(**POINT, label=1)
    figure = helpers.figures.computational_graph_figure(loss, values=False)
    boxes, _, texts = boxes_and_texts(figure)
    assert len(boxes) == len(topological_order(loss))
    assert "p = σ" in texts and not any("value" in text or "grad" in text for text in texts)
    centre = box_centre(*graph_layout(loss)[loss])
    assert boxes[-1].get_x() + boxes[-1].get_width() / 2 == pytest.approx(centre[0])


def test_graph_layout_puts_operations_right_of_their_inputs():
    loss = neuron_graph.neuron_graph(**POINT, label=1)
    layout = graph_layout(loss)
    for node, (column, row) in layout.items():
        for child in node.children:
            assert layout[child][0] < column
        if node.children:
            rows = [layout[child][1] for child in node.children]
            assert min(rows) <= row <= max(rows)
    assert layout[loss][0] == max(column for column, _ in layout.values())


def test_reused_value_draws_two_bent_arrows():
    a = Value(3.0, "a")
    figure = helpers.figures.computational_graph_figure(a + a)
    _, arrows, _ = boxes_and_texts(figure)
    assert len(arrows) == 2
    assert {arrow.get_connectionstyle().rad for arrow in arrows} == {0.35, -0.35}


def test_layout_of_a_deep_graph_needs_no_recursion():
    x = Value(1.0)
    total = x
    for _ in range(3000):
        total = total + x
    assert len(graph_layout(total)) == 3001  # x and 3000 additions


def test_graph_figure_refuses_a_non_value():
    with pytest.raises(TypeError, match="Value"):
        helpers.figures.computational_graph_figure(math.pi)


# --- the backprop explorer (notebook 08) -------------------------------------------


@pytest.fixture(scope="module")
def graph_explorer():
    return helpers.backprop_explorer(inputs=(1.5, -0.5), weights=(0.8, -1.2), bias=0.3)


def test_backprop_explorer_boxes_hold_every_nodes_value_and_gradient(graph_explorer):
    start = {name: graph_explorer.sliders[name].index for name in ("x1", "w1", "w2", "b")}
    graph_explorer.move(**start)
    loss = helpers.neuron_graph.neuron_graph([1.5, -0.5], [0.8, -1.2], 0.3, 1)
    loss.backward()
    order = helpers.autograd.topological_order(loss)
    for i, node in enumerate(order):
        assert graph_explorer.lookup(f"value_{i}") == pytest.approx(node.data, abs=1e-12)
        assert graph_explorer.lookup(f"grad_{i}") == pytest.approx(node.grad, abs=1e-12)
    texts = [layer for layer in graph_explorer.layers if layer["draw"] == "text"]
    assert len(texts) == 2 * len(order)  # a value and a gradient in every box


@pytest.mark.parametrize("node", ["w1", "x1", "w2", "x2", "b", "z", "p", "L"])
def test_backprop_explorer_checks_the_chosen_node_against_nudging(graph_explorer, node):
    graph_explorer.nudge(node)
    check = helpers.backprop.node_check([1.5, -0.5], [0.8, -1.2], 0.3, 1, node)
    assert graph_explorer.gradient(node) == check.backprop
    assert graph_explorer.lookup(f"numeric_{node}") == check.numeric
    text = graph_explorer.readout_text()
    assert f"dL/d{node} by backprop = {check.backprop:.6f}" in text.replace("\xa0", " ")
    assert check.verdict == "right" and check.verdict in text


def test_moving_one_slider_needs_no_kernel_then_a_second_gets_new_tables(graph_explorer):
    graph_explorer.nudge("w1")
    start = {name: graph_explorer.sliders[name].index for name in ("x1", "w1", "w2", "b")}
    graph_explorer.move(**start)
    assert graph_explorer.answers == []  # at the start, the saved tables hold everything
    graph_explorer.move_to(x1=0.5)
    moved = graph_explorer._tables.answers
    assert {table.over for table in moved} == {("w1",), ("w2",), ("b",)}
    assert all(table.at["x1"] == graph_explorer.position["x1"] for table in moved)
    check = helpers.backprop.node_check([0.5, -0.5], [0.8, -1.2], 0.3, 1, "w1")
    assert graph_explorer.gradient("w1") == pytest.approx(check.backprop, abs=1e-12)
    graph_explorer.move_to(w1=-1.0)  # the x1 table now holds at the new w1
    check = helpers.backprop.node_check([0.5, -0.5], [-1.0, -1.2], 0.3, 1, "w1")
    assert graph_explorer.gradient("w1") == pytest.approx(check.backprop, abs=1e-12)


def test_a_click_on_a_box_chooses_that_node(graph_explorer):
    [drag] = graph_explorer.drags
    assert drag["pick"] == "node" and drag["pick_at"] == ["box_x", "box_y"]


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: helpers.backprop_explorer(inputs=(1.0,)), ValueError, "two numbers each"),
        (lambda: helpers.backprop_explorer(bias=5.0), ValueError, r"bias \(the slider b\) must"),
        (lambda: helpers.backprop_explorer(label=2), ValueError, "label"),
        (lambda: helpers.backprop_explorer(inputs="ab"), TypeError, "inputs"),
    ],
)
def test_backprop_explorer_refuses_bad_arguments(make, error, words):
    with pytest.raises(error, match=words):
        make()


def test_backprop_explorer_refuses_an_unknown_node_or_slider(graph_explorer):
    with pytest.raises(ValueError, match="node must be one of"):
        graph_explorer.nudge("q")
    with pytest.raises(ValueError, match="the sliders are"):
        graph_explorer.move_to(x2=1.0)


def test_slow_answers_wait_for_the_end_of_a_move(graph_explorer):
    """While a slider is dragged (the browser says "moving"), the kernel skips the
    tables of the other sliders; the move's last position gets them."""
    start = {name: graph_explorer.sliders[name].index for name in ("x1", "w1", "w2", "b")}
    graph_explorer.move(**start)
    assert graph_explorer.answers == []
    graph_explorer.position = {**graph_explorer.position, "x1": 5, "moving": True}
    assert graph_explorer.answers == []  # nothing computed mid-move
    assert graph_explorer.lookup("grad_0") is not None  # the x1 table still answers
    graph_explorer.position = {**graph_explorer.position, "moving": False}
    assert {tuple(a["over"]) for a in graph_explorer.answers} == {("w1",), ("w2",), ("b",)}
