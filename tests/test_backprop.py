"""helpers/backprop.py: the neuron's backward pass node by node, and gradient checks."""

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from support import NEURON_POINT as POINT

from helpers import backprop, neuron_graph  # noqa: E402
from helpers.autograd import topological_order  # noqa: E402
from helpers.figures.chain_rule_and_backprop import graph_layout  # noqa: E402

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


# The explorer's far corners: z = 3·3 + (−3)·(−0.5) + 3 = 13.5, where 1 − p is 1.4e-6
# (a nudge of p by ε^(1/3)·p would cross 1, out of log's domain), and z = 6e-15, where
# a nudge of z by ε^(1/3)·|z| would vanish in 1 + tanh(z/2) (the slope would read 0).
# Far out, the float loss itself loses digits (1 − p cancels), so "probably right".
FAR_CORNER = {"inputs": [3.0, -0.5], "weights": [3.0, -3.0], "bias": 3.0}
NEAR_ZERO = {"inputs": [1.5, -0.5], "weights": [1.6, -1.2], "bias": -3.0}


@pytest.mark.parametrize("label", [0, 1])
@pytest.mark.parametrize("point", [FAR_CORNER, NEAR_ZERO], ids=["z = 13.5", "z near 0"])
def test_node_checks_hold_where_the_nudge_meets_a_limit_of_floats(label, point):
    checks = backprop.node_checks(**point, label=label)
    z = checks["z"].value
    assert abs(z) > 13 or 0 < abs(z) < 1e-12  # the points are what they claim
    for name, check in checks.items():
        assert check.verdict in ("right", "probably right"), f"{name}: {check}"
        assert check.numeric == pytest.approx(check.backprop, rel=1e-5)


def test_nudge_steps_keep_p_inside_logs_domain_and_z_at_unit_scale():
    p = 1 - 1.4e-6
    assert p + backprop.nudge_step("p", p, 0) < 1
    assert backprop.nudge_step("z", 1e-16, 1) == backprop.nudge_step("z", 1.0, 1)


def test_a_relative_error_of_round_off_is_shown_as_below_1e_8():
    assert backprop.shown_error(8.21e-11) == backprop.shown_error(9.9e-9) == "< 1e-8"
    assert backprop.shown_error(1.04e-8) == "1.0e-08"
    assert backprop.shown_error(0.891) == "8.9e-01"
    with pytest.raises(ValueError, match="error"):
        backprop.shown_error(float("nan"))


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
