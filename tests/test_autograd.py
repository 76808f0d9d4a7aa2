"""helpers.autograd.Value: every backward rule against nudging, random expressions of
several variables against helpers.gradient, reused values, the lesson's function at
notebook 04's points, what a second backward() does, and every bad input."""

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
import support
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers.autograd import Value, topological_order

# support.PROPERTY: a fixed seed in CI, new examples elsewhere.
PROPERTY = settings(
    support.PROPERTY,
    max_examples=150,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


# --- each operation's rule against the central difference ------------------------

OPERATIONS = {
    "a + b": lambda a, b: a + b,
    "a - b": lambda a, b: a - b,
    "a * b": lambda a, b: a * b,
    "a / b": lambda a, b: a / b,
    "a + 2": lambda a, b: a + 2,
    "2 + a": lambda a, b: 2 + a,
    "a - 2": lambda a, b: a - 2,
    "2 - a": lambda a, b: 2 - a,
    "a * 2": lambda a, b: a * 2,
    "2 * a": lambda a, b: 2 * a,
    "a / 2": lambda a, b: a / 2,
    "2 / a": lambda a, b: 2 / a,
    "-a": lambda a, b: -a,
    "a ** 3": lambda a, b: a**3,
    "a ** -2": lambda a, b: a**-2,
    "a ** 0.5": lambda a, b: a**0.5,
}
FUNCTIONS = {
    "exp": (lambda v: v.exp(), math.exp),
    "log": (lambda v: v.log(), math.log),
    "tanh": (lambda v: v.tanh(), math.tanh),
    "sigmoid": (lambda v: v.sigmoid(), lambda t: 1 / (1 + math.exp(-t))),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_has_the_slope_of_nudging(name):
    operation = OPERATIONS[name]
    a0, b0 = 1.7, -0.6
    a, b = Value(a0), Value(b0)
    out = operation(a, b)
    out.backward()
    assert out.data == pytest.approx(operation(a0, b0), rel=1e-12)
    assert a.grad == pytest.approx(helpers.derivative(lambda t: operation(t, b0), a0), rel=1e-8)
    assert b.grad == pytest.approx(
        helpers.derivative(lambda t: operation(a0, t), b0), rel=1e-8, abs=1e-9
    )


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("x", [-1.3, 0.4, 2.5])
def test_each_function_has_the_slope_of_nudging(name, x):
    on_value, on_float = FUNCTIONS[name]
    x = abs(x) if name == "log" else x  # log needs x > 0
    v = Value(x)
    out = on_value(v)
    out.backward()
    assert out.data == pytest.approx(on_float(x), rel=1e-12)
    assert v.grad == pytest.approx(helpers.derivative(on_float, x), rel=1e-8)


def test_sigmoid_does_not_overflow_far_out():
    assert Value(-800.0).sigmoid().data == 0.0
    assert Value(800.0).sigmoid().data == 1.0


def exact_sigmoid(x):
    """σ(x) = 1/(1 + e⁻ˣ) in 50-digit decimal arithmetic: the reference."""
    with localcontext() as context:
        context.prec = 50
        return 1 / (1 + (-Decimal(x)).exp())


def relative_gap(computed, exact):
    return abs((Decimal(computed) - exact) / exact)


def test_sigmoid_and_its_slope_keep_full_relative_precision_on_minus_700_to_700():
    worst_value = worst_slope = Decimal(0)
    for x in [*np.linspace(-700.0, 700.0, 14001), -40.0, -37.0, -20.0, 1e-300]:
        v = Value(float(x))
        out = v.sigmoid()
        out.backward()
        exact = exact_sigmoid(float(x))
        worst_value = max(worst_value, relative_gap(out.data, exact))
        # dσ/dx = σ(x)·σ(−x), and exact_sigmoid(−x) is 1 − σ(x) with no cancellation
        worst_slope = max(worst_slope, relative_gap(v.grad, exact * exact_sigmoid(-float(x))))
    assert worst_value < 1e-15  # a few ulps: measured 2.8e-16
    assert worst_slope < 1e-15


def test_sigmoid_at_minus_40_is_not_zero_and_its_log_loss_is_40():
    assert Value(-40.0).sigmoid().data == pytest.approx(4.248354255291589e-18, rel=1e-15)
    log_loss = -(Value(-40.0).sigmoid().log())
    assert log_loss.data == pytest.approx(40.0, rel=1e-15)


@pytest.mark.parametrize("x", [0.0, 2.0, -3.0])
def test_the_slope_of_x_to_the_power_0_is_0_even_at_0(x):
    v = Value(x)
    out = v**0
    out.backward()
    assert (out.data, v.grad) == (1.0, 0.0)


# --- random expressions of several variables --------------------------------------

N_VARIABLES = 3
UNARY = ["neg", "exp", "log", "tanh", "sigmoid", "square", "cube", "inverse", "sqrt"]
BINARY = ["add", "sub", "mul", "div"]


def expressions():
    """Random expression trees over x0, x1, x2 and small constants."""
    leaves = st.one_of(
        st.tuples(st.just("var"), st.integers(0, N_VARIABLES - 1)),
        st.tuples(st.just("const"), st.floats(-3, 3, allow_nan=False).map(lambda c: round(c, 2))),
    )

    def extend(children):
        return st.one_of(
            st.tuples(st.sampled_from(UNARY), children),
            st.tuples(st.sampled_from(BINARY), children, children),
        )

    return st.recursive(leaves, extend, max_leaves=10)


class OutOfRange(Exception):
    """An intermediate value where the numeric reference is ill-conditioned."""


def _number(value):
    return value.data if isinstance(value, Value) else value


def evaluate(tree, variables):
    """The expression at ``variables``: floats give a float, Values build a graph.

    Values are kept moderate (|v| ≤ 50, divisors and log/sqrt/inverse arguments
    away from 0) so that the central difference is an accurate reference.
    """
    kind = tree[0]
    if kind == "var":
        return variables[tree[1]]
    if kind == "const":
        return tree[1]
    args = [evaluate(child, variables) for child in tree[1:]]
    data = [_number(arg) for arg in args]
    if kind in ("log", "sqrt", "inverse") and data[0] < 0.5:
        raise OutOfRange
    if kind == "div" and abs(data[1]) < 0.5:
        raise OutOfRange
    if kind == "exp" and data[0] > 3:
        raise OutOfRange
    is_value = any(isinstance(arg, Value) for arg in args)
    if kind in ("log", "exp", "tanh", "sigmoid") and not is_value:
        result = {
            "log": math.log,
            "exp": math.exp,
            "tanh": math.tanh,
            "sigmoid": lambda t: 1 / (1 + math.exp(-t)),
        }[kind](args[0])
    else:
        result = {
            "neg": lambda a: -a,
            "exp": lambda a: a.exp(),
            "log": lambda a: a.log(),
            "tanh": lambda a: a.tanh(),
            "sigmoid": lambda a: a.sigmoid(),
            "square": lambda a: a**2,
            "cube": lambda a: a**3,
            "inverse": lambda a: a**-1,
            "sqrt": lambda a: a**0.5,
            "add": lambda a, b: a + b,
            "sub": lambda a, b: a - b,
            "mul": lambda a, b: a * b,
            "div": lambda a, b: a / b,
        }[kind](*args)
    if abs(_number(result)) > 50:
        raise OutOfRange
    return result


@PROPERTY
@given(expressions(), st.lists(st.floats(-2, 2), min_size=N_VARIABLES, max_size=N_VARIABLES))
def test_backward_matches_helpers_gradient_on_random_expressions(tree, point):
    variables = [Value(v, f"x{i}") for i, v in enumerate(point)]
    try:
        out = evaluate(tree, variables)
        # A fixed step: a step relative to |x| is too small at x = 1e-12 beside x0 = 1.
        numeric = helpers.gradient(
            lambda w: float(evaluate(tree, w.tolist())), np.array(point), h=1e-5
        )
    except OutOfRange:
        assume(False)
    if not isinstance(out, Value):
        assume(False)  # a tree of constants only
    out.backward()
    backprop = np.array([v.grad for v in variables])
    np.testing.assert_allclose(backprop, numeric, rtol=1e-5, atol=1e-6)


# --- reused values, the lesson's function -------------------------------------------


def test_gradients_add_up_where_a_value_is_reused():
    a = Value(3.0, "a")
    b = a + a
    c = b + b
    c.backward()
    assert (c.data, b.grad, a.grad) == (12.0, 2.0, 4.0)


def test_a_value_times_itself_gets_both_paths():
    a = Value(3.0)
    (a * a).backward()
    assert a.grad == 6.0  # d(a²)/da = 2a: 3 from each input of ×


def test_a_value_used_on_two_branches_sums_its_paths():
    x = Value(0.7)
    out = x.tanh() * x.exp() + x
    out.backward()
    exact = (1 - math.tanh(0.7) ** 2) * math.exp(0.7) + math.tanh(0.7) * math.exp(0.7) + 1
    assert x.grad == pytest.approx(exact, rel=1e-12)


NOTEBOOK_04_POINTS = [(2, 1, 2, 1), (1, -1, 3, 2), (-1, 0.5, -2, 1.5), (3, 2, 0.5, -1)]


def seed_function(a, x, y, z):
    return 3 * x**2 * y + a * z**3 + 5


@pytest.mark.parametrize("point", NOTEBOOK_04_POINTS, ids=str)
def test_one_backward_pass_gives_all_four_partials_of_the_lesson_function(point):
    a, x, y, z = (Value(float(v), name) for v, name in zip(point, "axyz"))
    out = seed_function(a, x, y, z)
    out.backward()
    pa, px, py, pz = point
    assert out.data == seed_function(*point)
    assert a.grad == pytest.approx(pz**3, rel=1e-12)  # ∂f/∂a = z³
    assert x.grad == pytest.approx(6 * px * py, rel=1e-12)  # ∂f/∂x = 6xy
    assert y.grad == pytest.approx(3 * px**2, rel=1e-12)  # ∂f/∂y = 3x²
    assert z.grad == pytest.approx(3 * pa * pz**2, rel=1e-12)  # ∂f/∂z = 3az²
    at = dict(zip("axyz", map(float, point)))
    for leaf in (a, x, y, z):
        numeric = helpers.partial_derivative(seed_function, at, leaf.label)
        assert leaf.grad == pytest.approx(numeric, rel=1e-8, abs=1e-9)


# --- a second backward, zero_grad --------------------------------------------------------


def test_second_backward_adds_the_same_gradients_to_the_leaves():
    a, b = Value(2.0), Value(-3.0)
    c = a * b + a
    c.backward()
    first = (a.grad, b.grad)
    c.backward()
    assert (a.grad, b.grad) == (2 * first[0], 2 * first[1])


def test_second_backward_leaves_interior_nodes_at_this_pass():
    a = Value(2.0)
    b = a * 3
    c = b.tanh()
    c.backward()
    first = b.grad
    c.backward()
    assert b.grad == first and c.grad == 1.0


def test_zero_grad_resets_every_node_and_backward_starts_afresh():
    a = Value(3.0)
    b = a + a
    b.backward()
    b.backward()
    assert a.grad == 4.0
    b.zero_grad()
    assert all(node.grad == 0.0 for node in topological_order(b))
    b.backward()
    assert a.grad == 2.0


def test_backward_of_two_outputs_sharing_leaves_adds_both():
    w = Value(1.5)
    first, second = w * 2, w**2
    first.backward()
    second.backward()
    assert w.grad == pytest.approx(2 + 2 * 1.5)


# --- the graph, for drawing --------------------------------------------------------------


def test_graph_records_children_operations_and_labels():
    x = Value(2.0, "x")
    y = (x * 3).exp()
    y.label = "y"
    assert y.op == "exp" and y.label == "y"
    (product,) = y.children
    assert product.op == "×" and product.children[0] is x
    assert product.children[1].data == 3.0 and product.children[1].op == ""
    assert (x**2).op == "**2"


def test_topological_order_lists_each_node_once_after_its_children():
    a = Value(1.0)
    b = a + a
    c = b * a
    order = topological_order(c)
    assert order[-1] is c and len(order) == len(set(order)) == 3
    for i, node in enumerate(order):
        assert all(order.index(child) < i for child in node.children)


def test_deep_graph_needs_no_recursion():
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    total.backward()
    assert x.grad == 5001.0


def test_repr_shows_data_grad_and_label():
    assert repr(Value(2.5, "w")) == "Value(data=2.5, grad=0, label='w')"


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: Value("abc"), TypeError, ["Value(data)", "'abc'"]),
        (lambda: Value(None), TypeError, ["Value(data)", "None"]),
        (lambda: Value(True), TypeError, ["Value(data)", "True"]),
        (lambda: Value([1.0, 2.0]), TypeError, ["Value(data)", "list"]),
        (lambda: Value(float("nan")), ValueError, ["Value(data)", "nan"]),
        (lambda: Value(float("inf")), ValueError, ["Value(data)", "inf"]),
        (lambda: Value(10**400), ValueError, ["Value(data)", "too large"]),
        (lambda: Value(1.0, label=3), TypeError, ["label", "int"]),
        (lambda: Value(1.0) + "x", TypeError, ["+", "'x'"]),
        (lambda: "x" * Value(1.0), TypeError, ["×", "'x'"]),
        (lambda: Value(1.0) - None, TypeError, ["−", "None"]),
        (lambda: Value(1.0) / [2], TypeError, ["÷", "[2]"]),
        (lambda: Value(1.0) + float("nan"), ValueError, ["+", "nan"]),
        (lambda: Value(2.0) ** Value(3.0), TypeError, ["plain number", "Value(data=3"]),
        (lambda: 2 ** Value(3.0), TypeError, ["exponent", "Value(data=3"]),
        (lambda: Value(2.0) ** "2", TypeError, ["exponent", "'2'"]),
        (lambda: Value(-1.0).log(), ValueError, ["log", "positive", "-1"]),
        (lambda: Value(0.0).log(), ValueError, ["log", "positive", "data=0"]),
        (lambda: Value(1.0) / 0, ValueError, ["divide", "zero"]),
        (lambda: 1 / Value(0.0), ValueError, ["divide", "zero"]),
        (lambda: Value(-8.0) ** 0.5, ValueError, ["-8", "negative base"]),
        (lambda: Value(0.0) ** -1, ValueError, ["0 ** -1"]),
        (lambda: Value(1e200) ** 2, ValueError, ["too large"]),
        (lambda: Value(1000.0).exp(), ValueError, ["exp", "1000", "too large"]),
        (lambda: Value(1e308) * 10, ValueError, ["×", "1e+308", "overflow"]),
        (lambda: Value(1e308) + 1e308, ValueError, ["+", "overflow"]),
        (lambda: topological_order(3.0), TypeError, ["Value", "float"]),
    ],
)
def test_bad_input_gets_a_clear_error_naming_it(make, error, words):
    with pytest.raises(error) as raised:
        make()
    for word in words:
        assert word in str(raised.value)


def test_infinite_slope_at_zero_is_refused_on_backward():
    root = Value(0.0) ** 0.5
    assert root.data == 0.0
    with pytest.raises(ValueError, match="slope of x \\*\\* 0.5 at x = 0 is infinite"):
        root.backward()


def test_gradient_overflow_is_refused_not_left_as_inf():
    x = Value(1e-160)
    with pytest.raises(ValueError, match="overflowed"):
        (x**-1).backward()  # the slope −1/x² = −1e320 is too large for a float
    y = Value(1e300)
    with pytest.raises(ValueError, match="overflowed"):
        (y * 1e-300 * y).backward()  # the constant's gradient y·y = 1e600 would be inf


def test_numpy_numbers_are_accepted():
    out = Value(np.float64(2.0)) * np.float32(3.0) + np.int64(1)
    out.backward()
    assert out.data == 7.0
