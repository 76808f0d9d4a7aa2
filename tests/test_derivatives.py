"""derivative, partial_derivative and gradient: accuracy, shapes and bad input."""

import math

import numpy as np
import pytest

import helpers
from helpers.derivatives import EPSILON, central_quotient, complex_step_slope, forward_quotient


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _sigmoid_1(x):
    return sigmoid(x) * (1 - sigmoid(x))


def _tanh_1(x):
    return 1 - np.tanh(x) ** 2


# name: (f, f', f''') — f''' sets the truncation error of the central difference.
SMOOTH = {
    "x^2": (lambda x: x**2, lambda x: 2 * x, lambda x: 0 * x),
    "x^3": (lambda x: x**3, lambda x: 3 * x**2, lambda x: 6 + 0 * x),
    "3x^4-2x+1": (
        lambda x: 3 * x**4 - 2 * x + 1,
        lambda x: 12 * x**3 - 2,
        lambda x: 72 * x,
    ),
    "sin": (np.sin, np.cos, lambda x: -np.cos(x)),
    "cos": (np.cos, lambda x: -np.sin(x), np.sin),
    "exp": (np.exp, np.exp, np.exp),
    "log": (np.log, lambda x: 1 / x, lambda x: 2 / x**3),
    "sqrt": (np.sqrt, lambda x: 0.5 / np.sqrt(x), lambda x: 0.375 * x**-2.5),
    "tanh": (np.tanh, _tanh_1, lambda x: -2 * _tanh_1(x) * (1 - 3 * np.tanh(x) ** 2)),
    "sigmoid": (
        sigmoid,
        _sigmoid_1,
        lambda x: _sigmoid_1(x) * (1 - 2 * sigmoid(x)) ** 2 - 2 * _sigmoid_1(x) ** 2,
    ),
}
MAGNITUDES = 10.0 ** np.arange(-6, 7)  # 1e-6 ... 1e6
NEAR_DOMAIN_EDGE = {"log": [1e-3, 1e-5], "sqrt": [1e-4, 1e-6]}


def suite():
    """Every (name, x, f(x), f'(x), f'''(x)) where all three are finite and f'(x) != 0."""
    rows = []
    for name, (f, df, d3f) in SMOOTH.items():
        xs = np.concatenate([MAGNITUDES, -MAGNITUDES, NEAR_DOMAIN_EDGE.get(name, [])])
        with np.errstate(all="ignore"):
            values = [f(xs), df(xs), d3f(xs), f(xs * (1 + 1e-4)), f(xs * (1 - 1e-4))]
        keep = np.all([np.isfinite(v) for v in values], axis=0) & (values[1] != 0)
        rows += [
            (name, x, fx, dfx, d3fx)
            for x, fx, dfx, d3fx in zip(*[v[keep] for v in [xs, *values[:3]]])
        ]
    return rows


def condition(x, fx, dfx, d3fx):
    """How much the default step h = ε^(1/3)|x| amplifies round-off and truncation.

    round-off ≈ ε·|f|/h and truncation ≈ h²|f'''|/6, relative to |f'|.
    """
    return abs(fx) / abs(x * dfx), x**2 * abs(d3fx) / abs(dfx)


SUITE = suite()
WELL_CONDITIONED = [row for row in SUITE if max(condition(*row[1:])) <= 1e3]
ILL_CONDITIONED = [row for row in SUITE if max(condition(*row[1:])) > 1e3]


def relative_errors(rows):
    errors = []
    for name, x, _, dfx, _ in rows:
        f = SMOOTH[name][0]
        errors.append(abs(helpers.derivative(f, x) - dfx) / abs(dfx))
    return np.array(errors)


def test_derivative_relative_error_is_below_1e_7_where_the_step_rule_fits():
    """Polynomials, sin, exp, log, sqrt, tanh, sigmoid at |x| = 1e-6 ... 1e6, domain edges too."""
    assert len(WELL_CONDITIONED) > 150
    errors = relative_errors(WELL_CONDITIONED)
    worst = int(np.argmax(errors))
    assert errors.max() <= 1e-7, WELL_CONDITIONED[worst][:2]
    assert np.median(errors) <= 1e-10  # typically about 1e-11


def test_derivative_error_stays_within_its_stated_bound_everywhere():
    """Where the step rule does not fit (exp or cos near 0, sin at 1e3), the error stays
    within ε^(2/3)·(|f(x)/x| + x²|f'''(x)|), ten times the rounding + truncation estimate."""
    assert ILL_CONDITIONED, "the suite should include the hard cases too"
    for name, x, fx, dfx, d3fx in SUITE:
        bound = EPSILON ** (2 / 3) * (abs(fx / x) + x**2 * abs(d3fx)) + 1e-15 * abs(dfx)
        error = abs(helpers.derivative(SMOOTH[name][0], x) - dfx)
        assert error <= bound, (name, x, error, bound)


@pytest.mark.parametrize("f, x, slope", [(np.log, 1e-3, 1e3), (np.sqrt, 1e-4, 50.0)])
def test_derivative_is_accurate_next_to_a_domain_edge(f, x, slope):
    assert helpers.derivative(f, x) == pytest.approx(slope, rel=1e-9)


def test_derivative_at_zero_uses_the_cube_root_of_epsilon_as_step():
    assert helpers.default_step(0.0) == pytest.approx(EPSILON ** (1 / 3))
    assert helpers.derivative(np.sin, 0.0) == pytest.approx(1.0, rel=1e-10)


def test_derivative_of_an_array_keeps_its_shape_and_calls_f_on_whole_arrays():
    calls = []

    def f(x):
        calls.append(np.shape(x))
        return np.sin(x)

    x = np.linspace(-3, 3, 12).reshape(3, 4)
    slopes = helpers.derivative(f, x)
    assert slopes.shape == (3, 4)
    assert calls == [(3, 4), (3, 4)]  # two evaluations, no loop per point
    np.testing.assert_allclose(slopes, np.cos(x), rtol=1e-9, atol=1e-12)


def test_derivative_of_a_float_is_a_float():
    assert type(helpers.derivative(np.exp, 1.0)) is float
    assert type(helpers.derivative(np.exp, 2)) is float


def test_derivative_uses_the_step_it_is_given():
    # The forward-backward average of x³ has error exactly h².
    assert helpers.derivative(lambda x: x**3, 1.0, h=0.1) == pytest.approx(3 + 0.1**2)


def test_derivative_of_a_constant_function_is_zero():
    assert helpers.derivative(lambda x: 5.0, np.array([1.0, 2.0])).tolist() == [0.0, 0.0]


def test_partial_derivative_holds_the_other_variables_constant():
    def f(a, x, y, z):
        return 3 * x**2 * y + a * z**3 + 5

    point = {"a": 2.0, "x": 1.5, "y": -1.0, "z": 0.5}
    expected = {"x": 6 * 1.5 * -1.0, "y": 3 * 1.5**2, "z": 3 * 2.0 * 0.5**2, "a": 0.5**3}
    for name, value in expected.items():
        assert helpers.partial_derivative(f, point, name) == pytest.approx(value, rel=1e-9)
    assert point == {"a": 2.0, "x": 1.5, "y": -1.0, "z": 0.5}  # not modified


def test_gradient_of_a_dict_point_is_a_dict_of_partials():
    grad = helpers.gradient(lambda x, y: x**2 * y, {"x": 2.0, "y": 3.0})
    assert list(grad) == ["x", "y"]
    assert grad["x"] == pytest.approx(12.0) and grad["y"] == pytest.approx(4.0)


def test_gradient_of_an_array_point_is_an_array_of_partials():
    calls = []

    def f(w):
        calls.append(1)
        return np.sum(w**2) + w[0] * w[1]

    w = np.array([1.0, -2.0, 0.5])
    grad = helpers.gradient(f, w)
    np.testing.assert_allclose(grad, [2 * 1 - 2, 2 * -2 + 1, 1.0], rtol=1e-9, atol=1e-9)
    assert len(calls) == 2 * w.size  # two evaluations per parameter
    assert w.tolist() == [1.0, -2.0, 0.5]  # not modified


def test_gradient_accepts_a_list_as_a_vector_point():
    np.testing.assert_allclose(helpers.gradient(lambda w: w[0] * w[1], [2.0, 3.0]), [3.0, 2.0])


# --- bad input: a clear error that names the argument, never a silent nan ----


def square(x):
    return x**2


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: helpers.derivative(3.0, 1.0), TypeError, "f must be a function"),
        (lambda: helpers.derivative(square, float("nan")), ValueError, "x must"),
        (lambda: helpers.derivative(square, np.array([1.0, np.inf])), ValueError, "x must"),
        (lambda: helpers.derivative(square, "1.0"), TypeError, "x must"),
        (lambda: helpers.derivative(square, None), TypeError, "x must"),
        (lambda: helpers.derivative(square, []), ValueError, "x must"),
        (lambda: helpers.derivative(square, 1.0, h=0), ValueError, "h must be greater than 0"),
        (lambda: helpers.derivative(square, 1.0, h=-1e-3), ValueError, "h must"),
        (lambda: helpers.derivative(square, 1.0, h=float("nan")), ValueError, "h must"),
        (lambda: helpers.derivative(square, 1.0, h="small"), TypeError, "h must"),
        (lambda: helpers.derivative(np.log, -1.0), ValueError, "at x = -1.0"),
        (
            lambda: helpers.derivative(np.sqrt, 1e-4, h=1e-3),
            ValueError,
            "f is defined at x = 0.0001 but not at x − h = -0.0009 (h = 0.001, the step you gave)",
        ),
        (lambda: helpers.derivative(lambda x: [1, 2, 3], 1.0), ValueError, "one number per x"),
        (lambda: helpers.partial_derivative("f", {"x": 1.0}, "x"), TypeError, "f must"),
        (lambda: helpers.partial_derivative(square, [1.0], "x"), TypeError, "point must be a dict"),
        (lambda: helpers.partial_derivative(square, {"x": 1.0}, "y"), ValueError, "'x'"),
        (lambda: helpers.partial_derivative(square, {"x": np.nan}, "x"), ValueError, "point['x']"),
        (lambda: helpers.partial_derivative(square, {}, "x"), ValueError, "point must"),
        (lambda: helpers.gradient(lambda x: np.log(x), {"x": -1.0}), ValueError, "point {'x'"),
        (lambda: helpers.gradient(square, np.ones((2, 2))), ValueError, "1-D"),
        (lambda: helpers.gradient(square, {"x": 1.0}, h=0), ValueError, "h must"),
        (lambda: helpers.gradient(None, {"x": 1.0}), TypeError, "f must"),
    ],
)
def test_bad_input_gets_an_error_naming_the_argument(call, error, words):
    with pytest.raises(error, match=None) as raised:
        call()
    assert words in str(raised.value)


# Outside f's domain, the error names the point the learner typed, not the shifted
# points x ± h where the central difference evaluated f.
@pytest.mark.parametrize(
    "call, named",
    [
        (
            lambda: helpers.derivative(np.log, -2.0),
            "f is not defined at x = -2.0: f(-2.0) gives nan",
        ),
        (lambda: helpers.derivative(np.log, -2), "at x = -2.0"),
        (lambda: helpers.derivative(np.log, 0.0), "at x = 0.0: f(0.0) gives -inf"),
        (lambda: helpers.derivative(np.log, [1.0, -2.0, -3.0]), "at x[1] = -2.0: f(-2.0)"),
        (lambda: helpers.derivative(np.log, np.array([[1.0, 2.0], [-3.0, 1.0]])), "x[1, 0] = -3.0"),
        (
            lambda: helpers.partial_derivative(
                lambda x, y: np.log(x) * y, {"x": -2.0, "y": 1}, "x"
            ),
            "not defined at point {'x': -2.0, 'y': 1.0}: f(x=-2.0, y=1.0) gives nan",
        ),
        (
            lambda: helpers.gradient(lambda x, y: np.log(x) + y, {"x": -2.0, "y": 3.0}),
            "not defined at point {'x': -2.0, 'y': 3.0}",
        ),
        (
            lambda: helpers.gradient(lambda w: np.sum(np.log(w)), np.array([1.0, -2.0])),
            "not defined at point [1.0, -2.0]: f([1.0, -2.0]) gives nan",
        ),
    ],
)
def test_outside_the_domain_the_error_names_the_learners_own_point(call, named):
    with pytest.raises(ValueError) as raised:
        call()
    message = str(raised.value)
    assert named in message
    assert "1.99998" not in message and "2.00001" not in message  # not x ± h


@pytest.mark.parametrize(
    "call, named",
    [
        (
            lambda: helpers.derivative(np.sqrt, 0.0),
            "defined at x = 0.0 but not at x − h = -6.06e-06",
        ),
        (lambda: helpers.derivative(np.sqrt, [4.0, 0.0]), "defined at x[1] = 0.0 but not at x − h"),
        (
            lambda: helpers.partial_derivative(lambda x, y: x * np.sqrt(y), {"x": 2, "y": 0}, "y"),
            "defined at point {'x': 2.0, 'y': 0.0} but not at y − h = -6.06e-06",
        ),
        (
            lambda: helpers.gradient(lambda w: np.sum(np.sqrt(w)), [1.0, 0.0]),
            "defined at point [1.0, 0.0] but not at point[1] − h",
        ),
    ],
)
def test_at_a_domain_edge_the_error_names_the_point_and_the_default_step(call, named):
    with pytest.raises(ValueError) as raised:
        call()
    assert named in str(raised.value) and "edge of the domain" in str(raised.value)


def test_with_a_step_the_learner_chose_the_error_names_x_and_x_minus_h():
    # Notebook 03 shows this message: x = 1e-6 is inside the domain, x − h = -9e-6 is not.
    expected = r"defined at x = 1e-06 but not at x − h = -9e-06 \(h = 1e-05, the step you gave\)"
    with pytest.raises(ValueError, match=expected):
        helpers.derivative(np.sqrt, 1e-6, h=1e-5)


def test_wrt_error_lists_the_valid_names():
    with pytest.raises(ValueError) as raised:
        helpers.partial_derivative(lambda x, y: x * y, {"x": 1.0, "y": 2.0}, "z")
    assert "'x', 'y'" in str(raised.value) and "wrt" in str(raised.value)


def test_scalar_only_f_on_an_array_gets_advice():
    import math

    with pytest.raises(TypeError, match="np.sin"):
        helpers.derivative(math.sin, np.array([1.0, 2.0]))


# --- the difference quotients ------------------------------------------------


def test_forward_and_central_quotients_have_errors_h_and_h_squared():
    h = 1e-3
    forward_error = forward_quotient(np.sin, 1.0, h) - np.cos(1.0)
    central_error = central_quotient(np.sin, 1.0, h) - np.cos(1.0)
    assert forward_error == pytest.approx(-h / 2 * np.sin(1.0), rel=1e-2)
    assert central_error == pytest.approx(-(h**2) / 6 * np.cos(1.0), rel=1e-2)


def test_differences_work_on_arrays_of_steps():
    steps = np.array([1e-1, 1e-2, 1e-3])
    assert forward_quotient(np.exp, 0.0, steps).shape == (3,)
    assert np.allclose(central_quotient(lambda x: x**2, 3.0, steps), 6.0)


def test_complex_step_slope_is_exact_to_machine_precision():
    assert complex_step_slope(np.sin, 1.0) == pytest.approx(np.cos(1.0), abs=2e-16)
    assert complex_step_slope(lambda x: x**3, 2.0) == pytest.approx(12.0, abs=1e-14)


def test_complex_step_slope_asks_for_df_when_f_cannot_take_complex_numbers():
    with pytest.raises(ValueError, match="df"):
        complex_step_slope(math.sin, 1.0)
    with pytest.raises(ValueError, match="df"):
        complex_step_slope(np.abs, 1.0)  # real output for complex input
