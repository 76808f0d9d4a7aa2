"""helpers/explorers/backprop_graph.py: the backprop explorer."""

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

import helpers  # noqa: E402

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
    assert drag["narrow"] == {"pick_at": ["down_box_x", "down_box_y"]}  # drawn for a phone


def inside(point, box):
    (x, y), (left, bottom, width, height) = point, box
    return left <= x <= left + width and bottom <= y <= bottom + height


def test_on_a_phone_every_number_ring_and_click_lands_on_its_own_box(graph_explorer):
    """In the narrow figure (the graph top to bottom), each box's value and gradient are
    written inside that box, the ring round the node being nudged encloses its box within
    the plot, and a click at a box picks that box's node."""
    [ax] = graph_explorer.figure.axes
    with graph_explorer.narrow_still_parts():
        boxes = [p for p in ax.patches if p.get_visible() and isinstance(p, FancyBboxPatch)]
        limits = ax.get_xlim(), ax.get_ylim()
        titles = [t.get_text() for t in ax.texts if t.get_visible()]
    order = helpers.autograd.topological_order(graph_explorer._loss_graph)
    assert len(boxes) == len(order) == len(graph_explorer.nodes)  # in the same order
    assert titles == [helpers.figures.chain_rule_and_backprop.node_title(n) for n in order]
    extents = [(b.get_x(), b.get_y(), b.get_width(), b.get_height()) for b in boxes]
    texts = [layer for layer in graph_explorer.layers if layer["draw"] == "text"]
    for layer in texts:
        i = int(layer["value"].rsplit("_", 1)[1])
        assert inside(layer["narrow"]["at"], extents[i]), layer["value"]
    names = [node.name for node in graph_explorer.nodes]
    for k, name in enumerate(graph_explorer.checked):
        at = {**graph_explorer.position, "node": k}
        left, bottom, width, height = extents[names.index(name)]
        centre = (
            graph_explorer._tables.value("down_box_x", at),
            graph_explorer._tables.value("down_box_y", at),
        )
        assert centre == pytest.approx((left + width / 2, bottom + height / 2))
        ring_x = graph_explorer._tables.value(f"down_ring_x_{k}", at)
        ring_y = graph_explorer._tables.value(f"down_ring_y_{k}", at)
        assert min(ring_x) < left and max(ring_x) > left + width
        assert min(ring_y) < bottom and max(ring_y) > bottom + height
        assert limits[0][0] <= min(ring_x) and max(ring_x) <= limits[0][1]
        assert limits[1][0] <= min(ring_y) and max(ring_y) <= limits[1][1]
    rings = [layer for layer in graph_explorer.layers if layer["draw"] == "path"]
    assert [r["narrow"] for r in rings] == [
        {"x": f"down_ring_x_{k}", "y": f"down_ring_y_{k}"} for k in range(len(rings))
    ]


def test_after_the_phone_figure_the_wide_graph_is_back(graph_explorer):
    [ax] = graph_explorer.figure.axes
    before = [(a, a.get_visible()) for a in (*ax.patches, *ax.texts)], ax.get_xlim()
    with graph_explorer.narrow_still_parts():
        assert ax.get_xlim() != before[1]
    assert [(a, a.get_visible()) for a in (*ax.patches, *ax.texts)] == before[0]
    assert ax.get_xlim() == before[1] and ax.get_aspect() == 1.0


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
