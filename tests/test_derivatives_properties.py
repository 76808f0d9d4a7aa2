"""Property-based tests (hypothesis) of helpers/derivatives.py: derivative /
partial_derivative / gradient match exact derivatives of random polynomials within
the stated error, at |x| from 1e-6 to 1e6 and at x = 0."""

import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from support import PROPERTY

import helpers
from helpers.derivatives import EPSILON, RELATIVE_STEP

EPSILON_2_3 = EPSILON ** (2 / 3)


# --- 1. accuracy on random polynomials ----------------------------------------
#
# The stated accuracy is  ε^(2/3)·(|f(x)/x| + x²·|f'''(x)|/6)  with h = ε^(1/3)·|x|.
# Its first term is the round-off ε·|f|/h: it assumes f(x ± h) is computed to
# within ε·|f|. A polynomial evaluated by Horner's rule is only computed to
# within γ_2n·P̃, where P̃(t) = Σ|a_k|·t^k is the size of its terms (Higham,
# "Accuracy and Stability of Numerical Algorithms", §5.1) and γ_2n ≈ n·ε. Near a
# root P̃ is much larger than |p| (x² − 1 at x = 1: |p| = 0, P̃ = 2), so the
# honest round-off term uses P̃ at |x| + h:
#
#   round-off   2·γ_2n·P̃(|x| + h) / 2h     = n·ε^(2/3)·P̃(|x| + h)/s
#   truncation  h²|p'''|/6 + h⁴|p⁽⁵⁾|/120  = ε^(2/3)·s²|p'''|/6 + ε^(4/3)·s⁴|p⁽⁵⁾|/120
#
# with s = |x| (s = 1 at x = 0, where h = ε^(1/3)), exact for degree ≤ 5. The
# rest (rounding of x ± h, of the subtraction and of the division) is below
# ε^(2/3)·P̃/s + 2ε|p'|, so C = n + 1 on the round-off and 1.01 on the truncation.
# The reference derivatives are exact (fractions), not floats.


def horner(coefficients, x):
    """a0 + a1·x + ... + an·xⁿ by Horner's rule, for a float or an array x."""
    value = coefficients[-1]
    for coefficient in reversed(coefficients[:-1]):
        value = value * x + coefficient
    return value


def exact_derivative(coefficients, x, order=1):
    """The order-th derivative of the polynomial at x, exactly (a Fraction)."""
    at = Fraction(x)
    return sum(
        (
            Fraction(a) * math.perm(k, order) * at ** (k - order)
            for k, a in enumerate(coefficients)
            if k >= order
        ),
        Fraction(0),
    )


def term_size(coefficients, reach):
    """P̃(reach) = Σ|a_k|·reach^k: the size of the terms that make p(±reach)."""
    return sum(abs(float(a)) * reach**k for k, a in enumerate(coefficients))


def error_bound(coefficients, x, rounding_steps, sizes=None):
    """The rounding + truncation bound above, for the default step at x.

    ``rounding_steps`` is C: the degree plus one for Horner's rule. ``sizes``
    are the |coefficients| that enter the rounding when they are themselves
    computed (a slice of a 2-variable polynomial); by default |coefficients|.
    """
    scale = abs(x) if x != 0 else 1.0
    reach = abs(x) + RELATIVE_STEP * scale
    third = abs(float(exact_derivative(coefficients, x, 3)))
    fifth = abs(float(exact_derivative(coefficients, x, 5)))
    slope = abs(float(exact_derivative(coefficients, x, 1)))
    round_off = rounding_steps * term_size(coefficients if sizes is None else sizes, reach) / scale
    truncation = 1.01 * scale**2 * third / 6 + EPSILON_2_3 * scale**4 * fifth / 120
    return EPSILON_2_3 * (round_off + truncation) + 2 * EPSILON * slope


signs = st.sampled_from([-1.0, 1.0])
coefficient = st.one_of(st.just(0.0), st.builds(lambda s, m: s * m, signs, st.floats(1e-3, 10)))
polynomials = st.lists(coefficient, min_size=1, max_size=6)  # degree 0 ... 5
magnitudes = st.builds(lambda s, e: s * 10.0**e, signs, st.floats(-6, 6))
points = st.one_of(st.just(0.0), magnitudes)


def _error(computed, exact):
    return float(abs(Fraction(computed) - exact))


@settings(PROPERTY, max_examples=500)
@given(coefficients=polynomials, x=points)
def test_derivative_of_a_random_polynomial_is_within_the_stated_error(coefficients, x):
    slope = helpers.derivative(lambda t: horner(coefficients, t), x)
    assert type(slope) is float
    bound = error_bound(coefficients, x, rounding_steps=len(coefficients))
    assert _error(slope, exact_derivative(coefficients, x)) <= bound


@settings(PROPERTY, max_examples=100)
@given(
    coefficients=polynomials,
    xs=st.lists(points, min_size=1, max_size=12),
    layout=st.sampled_from(["flat", "row", "column"]),
)
def test_derivative_of_an_array_keeps_its_shape_and_matches_pointwise(coefficients, xs, layout):
    shape = {"flat": (len(xs),), "row": (1, len(xs)), "column": (len(xs), 1)}[layout]
    x = np.array(xs).reshape(shape)
    slopes = helpers.derivative(lambda t: horner(coefficients, t), x)
    assert isinstance(slopes, np.ndarray) and slopes.shape == shape and slopes.dtype == float
    for at, slope in zip(x.ravel(), slopes.ravel(), strict=True):
        # The same floating-point operations as for a single x, so the same bits.
        assert slope == helpers.derivative(lambda t: horner(coefficients, t), float(at))
        bound = error_bound(coefficients, float(at), rounding_steps=len(coefficients))
        assert _error(slope, exact_derivative(coefficients, float(at))) <= bound


# p(x, y) = Σ a_ij xⁱ yʲ, degree ≤ 3 in each variable: rows[i][j] = a_ij.
two_variable_polynomials = st.lists(
    st.lists(coefficient, min_size=1, max_size=4), min_size=1, max_size=4
).map(lambda rows: [row + [0.0] * (4 - len(row)) for row in rows])


def two_variable(rows):
    """p(x, y), evaluated as Horner in x of Horner-in-y coefficients."""

    def p(x, y):
        return horner([horner(row, y) for row in rows], x)

    return p


def slice_coefficients(rows, wrt, held):
    """Exact coefficients of p as a polynomial in ``wrt``, the other variable held."""
    held = Fraction(held)
    if wrt == "x":
        return [sum(Fraction(a) * held**j for j, a in enumerate(row)) for row in rows]
    return [sum(Fraction(row[j]) * held**i for i, row in enumerate(rows)) for j in range(4)]


@settings(PROPERTY, max_examples=300)
@given(rows=two_variable_polynomials, x=points, y=points, wrt=st.sampled_from(["x", "y"]))
def test_partial_derivative_is_the_derivative_with_the_other_variable_held(rows, x, y, wrt):
    p = two_variable(rows)
    point = {"x": x, "y": y}
    partial = helpers.partial_derivative(p, point, wrt)
    assert point == {"x": x, "y": y}  # not modified
    if wrt == "x":
        assert partial == helpers.derivative(lambda v: p(v, y), x)
    else:
        assert partial == helpers.derivative(lambda v: p(x, v), y)
    # Both Horner passes round, each on the sizes Σ|a_ij|·|x|^i·|y|^j of the terms:
    # C = (degree in x) + (degree in y) + 1, with rows padded to degree 3 in y.
    moving, held = point[wrt], point["y" if wrt == "x" else "x"]
    exact_slice = slice_coefficients(rows, wrt, held)
    sizes = slice_coefficients([[abs(a) for a in row] for row in rows], wrt, abs(held))
    bound = error_bound(exact_slice, moving, rounding_steps=len(rows) + 3, sizes=sizes)
    assert _error(partial, exact_derivative(exact_slice, moving)) <= bound


@settings(PROPERTY, max_examples=150)
@given(
    names=st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=4, unique=True),
    data=st.data(),
    h=st.one_of(st.none(), st.floats(1e-6, 1e-1)),
)
def test_gradient_is_the_partial_derivative_per_variable_as_dict_or_array(names, data, h):
    values = data.draw(st.lists(points, min_size=len(names), max_size=len(names)))
    per_variable = data.draw(
        st.lists(
            st.lists(coefficient, min_size=1, max_size=4),
            min_size=len(names),
            max_size=len(names),
        )
    )
    coupling = data.draw(coefficient)

    def total(entries):
        product = coupling
        for entry in entries:
            product = product * entry
        return product + sum(horner(c, v) for c, v in zip(per_variable, entries, strict=True))

    def f_of_names(**kwargs):
        return total([kwargs[name] for name in names])

    def f_of_vector(w):
        return total([w[i] for i in range(len(names))])

    point = dict(zip(names, values, strict=True))
    by_name = helpers.gradient(f_of_names, point, h=h)
    partials = {name: helpers.partial_derivative(f_of_names, point, name, h=h) for name in names}
    assert list(by_name) == names
    assert by_name == partials

    vector = np.array(values)
    by_index = helpers.gradient(f_of_vector, vector, h=h)
    assert by_index.shape == (len(names),) and by_index.dtype == float
    assert by_index.tolist() == [partials[name] for name in names]
    assert vector.tolist() == values  # not modified
