"""helpers/figures/chain_rule_and_backprop.py: the computational graph drawing."""

import math

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402
from support import NEURON_POINT as POINT

import helpers  # noqa: E402
from helpers import neuron_graph  # noqa: E402
from helpers.autograd import Value, topological_order  # noqa: E402
from helpers.figures.chain_rule_and_backprop import box_centre, graph_layout  # noqa: E402

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
