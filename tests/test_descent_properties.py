"""Property-based tests (hypothesis) of helpers/descent.py: gradient_descent on
a·(w − c)² converges below the critical learning rate 1/a and diverges cleanly
above it."""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from support import PROPERTY

import helpers

# --- 4. gradient descent on convex quadratics ---------------------------------
#
# f(w) = a·(w − c)² has curvature L = 2a; each step multiplies w − c by
# 1 − 2a·learning_rate, so the run converges for learning_rate < 2/L = 1/a and
# diverges above it. With learning_rate = r/a, r in [0.02, 0.98], the factor is at
# most 0.96 in size, and the run stops within 25·tolerance·(1 + |w|) of c.

curvatures = st.floats(0.1, 10)
centres = st.floats(-100, 100)
signs = st.sampled_from([-1.0, 1.0])
offsets = st.builds(lambda s, m: s * m, signs, st.floats(0.01, 100))


@settings(PROPERTY, max_examples=40)
@given(a=curvatures, c=centres, offset=offsets, ratio=st.floats(0.02, 0.98))
def test_descent_on_a_convex_quadratic_converges_to_its_minimum_below_rate_1_over_a(
    a, c, offset, ratio
):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = helpers.gradient_descent(
            lambda w: a * (w - c) ** 2, c + offset, learning_rate=ratio / a, steps=5000
        )
    assert path.converged and not path.diverged
    assert abs(path.final - c) <= 1e-8 * (1 + abs(c))
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.values))


@settings(PROPERTY, max_examples=30)
@given(a=curvatures, c=centres, offset=offsets, ratio=st.floats(1.05, 10))
def test_descent_on_a_convex_quadratic_diverges_cleanly_above_rate_1_over_a(a, c, offset, ratio):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow on the way out
        path = helpers.gradient_descent(
            lambda w: a * (w - c) ** 2, c + offset, learning_rate=ratio / a, steps=20_000
        )
    assert path.diverged and not path.converged
    assert path.steps < 20_000
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.values))
    assert abs(path.final - c) > abs(offset)  # it moved away from the minimum
