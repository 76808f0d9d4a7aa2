"""helpers/figures/gradient.py: the static figures of notebook 05."""

import re

import numpy as np
import pytest
from matplotlib.text import Annotation

import helpers
from helpers.explorers.gradient_field import (
    bowl,
)

# --- the static figures -----------------------------------------------------------


def test_gradient_field_figure_draws_a_quiver_of_the_gradient_on_a_grid():
    fig = helpers.figures.gradient_field_figure(bowl, arrows=6, label="x² + 3y²")
    ax = fig.axes[0]
    (quiver,) = [c for c in ax.collections if type(c).__name__ == "Quiver"]
    assert quiver.N == 36
    feet = quiver.get_offsets()
    np.testing.assert_allclose(quiver.U, 2 * feet[:, 0], atol=1e-8)
    np.testing.assert_allclose(quiver.V, 6 * feet[:, 1], atol=1e-8)
    assert "x² + 3y²" in ax.get_title()


def test_steepest_directions_figure_draws_three_arrows_of_equal_length():
    fig = helpers.figures.steepest_directions_figure(bowl, (2.0, 1.0))
    arrows = [t for t in fig.axes[0].texts if isinstance(t, Annotation)]
    assert len(arrows) == 3
    vectors = [np.subtract(a.xy, a.xyann) for a in arrows]
    lengths = [np.hypot(*v) for v in vectors]
    assert lengths == pytest.approx([lengths[0]] * 3)
    up, down, along = vectors
    assert np.dot(up, [4.0, 6.0]) == pytest.approx(lengths[0] * np.hypot(4, 6))
    np.testing.assert_allclose(down, -up)
    assert np.dot(along, up) == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: helpers.figures.gradient_field_figure("f"), TypeError, "f"),
        (lambda: helpers.figures.gradient_field_figure(bowl, arrows=1), ValueError, "arrows"),
        (lambda: helpers.figures.gradient_field_figure(bowl, arrows=3.0), TypeError, "arrows"),
        (
            lambda: helpers.figures.gradient_field_figure(bowl, x_range=(1, 1)),
            ValueError,
            "x_range",
        ),
        (lambda: helpers.figures.gradient_field_figure(bowl, levels=-1), ValueError, "levels"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, (0.0, 0.0)), ValueError, "flat"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, (9.0, 0.0)), ValueError, "point"),
        (lambda: helpers.figures.steepest_directions_figure(bowl, None), TypeError, "point"),
    ],
)
def test_gradient_figures_reject_bad_arguments_naming_them(call, error, name):
    with pytest.raises(error, match=re.escape(name)):
        call()
