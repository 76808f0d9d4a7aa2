"""helpers/figures/chain_rule_and_backprop.py: the computational graph drawing."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.figure  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402
from support import NEURON_POINT as POINT

import helpers  # noqa: E402
from helpers import neuron_graph  # noqa: E402
from helpers.autograd import Value, topological_order  # noqa: E402
from helpers.figures.chain_rule_and_backprop import (  # noqa: E402
    box_centre,
    draw_graph_down,
    graph_layout,
    graph_layout_down,
    node_title,
)

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


@pytest.mark.parametrize("lanes", [1, 2, 3])
def test_graph_layout_down_puts_every_input_above_its_operation(lanes):
    """Top to bottom (a phone): every node above the operations that use it, at most
    ``lanes`` boxes on a level, no two in one place, and the output at the bottom."""
    loss = neuron_graph.neuron_graph(**POINT, label=0)  # with a constant, the 1 in 1 − p
    layout = graph_layout_down(loss, lanes=lanes)
    assert set(layout) == set(topological_order(loss))
    assert len(set(layout.values())) == len(layout)
    assert all(0 <= lane < lanes for lane, _ in layout.values())
    for node, (_, level) in layout.items():
        assert all(layout[child][1] < level for child in node.children)
    assert layout[loss][1] == max(level for _, level in layout.values())


def test_graph_drawn_down_has_a_box_and_a_name_per_node_and_an_arrow_per_input():
    loss = neuron_graph.neuron_graph(**POINT, label=1)
    figure = matplotlib.figure.Figure()
    layout = draw_graph_down(figure.subplots(), loss, lanes=3)
    boxes, arrows, texts = boxes_and_texts(figure)
    order = topological_order(loss)
    assert len(boxes) == len(order) and list(layout) == order
    assert len(arrows) == sum(len(node.children) for node in order)
    assert texts == [node_title(node) for node in order]
    for arrow in arrows:  # every arrow points down
        (_, start), (_, end) = arrow._posA_posB
        assert end < start


@pytest.mark.parametrize("lanes", [0, 1.5, "3"])
def test_graph_layout_down_refuses_bad_lanes(lanes):
    words = f"lanes must be a whole number at least 1, but got {lanes!r}"
    with pytest.raises(ValueError, match=words):
        graph_layout_down(Value(1.0, "x") + 1, lanes=lanes)


def test_graph_layout_down_puts_more_inputs_than_lanes_on_levels_one_after_another():
    a, b, c = Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "c")
    product = a * b
    layout = graph_layout_down(product * c, lanes=1)
    assert [layout[node][1] for node in (a, b, product, c)] == [0, 1, 2, 2 + 1]


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
