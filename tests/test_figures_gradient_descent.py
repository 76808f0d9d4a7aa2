"""helpers/figures/gradient_descent.py: the static figures of notebook 06."""

import numpy as np
import pytest
from support import two_valleys

import helpers
from helpers.figures.gradient_descent import run_regime

# --- the static figures -----------------------------------------------------------------


def test_regimes_figure_labels_each_run_by_what_it_did():
    fig = helpers.figures.descent_regimes_figure(
        4.0, 1.0, learning_rates=[0.1, 0.45, 0.52], steps=15
    )
    labels = [line.get_label() for line in fig.axes[0].lines[:3]]
    assert labels == [
        "learning rate 0.1: converge",
        "learning rate 0.45: oscillate",
        "learning rate 0.52: diverge",
    ]
    xs, ys = fig.axes[0].lines[1].get_data()
    np.testing.assert_allclose(ys, (-0.8) ** np.arange(16), rtol=1e-9)


def test_sweep_figure_marks_one_over_l_and_two_over_l():
    fig = helpers.figures.learning_rate_sweep_figure(curvature=4.0, start=1.0, steps=10)
    ax = fig.axes[0]
    labels = {line.get_label(): line for line in ax.lines}
    assert labels["1/L = 0.25: fastest"].get_xdata()[0] == 0.25
    assert labels["2/L = 0.5: limit"].get_xdata()[0] == 0.5
    assert {text.get_text() for text in ax.texts} == {"converge", "oscillate", "diverge"}
    rates, finals = labels["|x| after 10 steps"].get_data()
    np.testing.assert_allclose(finals, np.abs(1 - 4.0 * rates) ** 10, rtol=1e-6, atol=1e-300)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_starting_points_figure_says_where_each_run_ends():
    fig = helpers.figures.starting_points_figure(two_valleys, [-0.5, 0.5], learning_rate=0.05)
    labels = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert labels[1:] == ["start -0.5 → ends at -1.30", "start 0.5 → ends at 1.13"]


def test_bowl_and_valley_figure_has_two_maps_with_step_counts():
    fig = helpers.figures.bowl_and_valley_figure(start=(-2.5, 1.0), learning_rates=(0.5, 0.035))
    assert len(fig.axes) == 2
    assert "2 steps, converged" in fig.axes[0].get_title()
    assert "narrow valley" in fig.axes[1].get_title()


@pytest.mark.parametrize(
    "points, regime",
    [([1.0, 0.5, 0.25], "converge"), ([1.0, -0.5, 0.25], "oscillate"), ([1.0, -2.0], "diverge")],
)
def test_run_regime_reads_the_sign_and_size_of_x(points, regime):
    assert run_regime(np.array(points)) == regime


FIGURES = helpers.figures


@pytest.mark.parametrize(
    "make, error, name",
    [
        (lambda: FIGURES.descent_regimes_figure(curvature=0), ValueError, "curvature"),
        (lambda: FIGURES.descent_regimes_figure(start=0.0), ValueError, "start"),
        (lambda: FIGURES.descent_regimes_figure(learning_rates=[-1]), ValueError, "learning"),
        (lambda: FIGURES.descent_regimes_figure(steps=0), ValueError, "steps"),
        (lambda: FIGURES.learning_rate_sweep_figure(curvature="L"), TypeError, "curvature"),
        (lambda: FIGURES.learning_rate_sweep_figure(floor=0), ValueError, "floor"),
        (lambda: FIGURES.starting_points_figure(3, [0.5], learning_rate=0.1), TypeError, "f"),
        (
            lambda: FIGURES.starting_points_figure(two_valleys, [0.5], learning_rate=0),
            ValueError,
            "learning",
        ),
        (lambda: FIGURES.bowl_and_valley_figure(start=(1.0,)), ValueError, "start"),
        (lambda: FIGURES.bowl_and_valley_figure(learning_rates=(0.1,)), ValueError, "learning"),
    ],
)
def test_figures_reject_bad_arguments(make, error, name):
    with pytest.raises(error, match=name):
        make()
