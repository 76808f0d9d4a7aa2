"""The course style: every figure and explorer is drawn in it, and none changes
matplotlib's global settings (the style lives inside ``matplotlib.rc_context``)."""

import matplotlib as mpl
import numpy as np
import pytest

import helpers
from helpers.style import STYLE, course_style


def _small_history():
    split = helpers.digits.digits_split()
    return helpers.network.train(
        helpers.network.init_network(), split.train_images, split.train_labels,
        test_images=split.test_images, test_labels=split.test_labels, epochs=2,
        keep_snapshots=True,
    )  # fmt: skip


EXPLORERS = {
    "tangent": lambda: helpers.tangent_explorer(),
    "secant": lambda: helpers.secant_explorer(),
    "step_size": lambda: helpers.step_size_explorer(show_secants=True),
    "partials": lambda: helpers.partials_explorer(),
    "gradient": lambda: helpers.gradient_explorer(),
    "descent": lambda: helpers.descent_explorer(),
    "descent_path": lambda: helpers.descent_path_explorer(),
    "loss_slice": lambda: helpers.loss_slice_explorer(lambda p: float(np.sum(p**2)), [1.0, 2.0]),
    "backprop": lambda: helpers.backprop_explorer(),
    "momentum": lambda: helpers.momentum_explorer(),
    "training": lambda: helpers.training_explorer(_small_history(), helpers.digits.digits_split()),
}


def settings():
    return {key: str(value) for key, value in mpl.rcParams.items()}


@pytest.mark.parametrize("name", EXPLORERS)
def test_building_an_explorer_leaves_rcparams_as_they_were(name):
    before = settings()
    explorer = EXPLORERS[name]()
    explorer.png()
    assert settings() == before


@pytest.mark.parametrize("name", EXPLORERS)
def test_an_explorer_is_drawn_in_the_course_style_whatever_the_global_style(name):
    with mpl.rc_context({"font.size": 7.0, "axes.grid": False}):
        explorer = EXPLORERS[name]()
    texts = [text for axes in explorer.figure.axes for text in [axes.title, axes.xaxis.label]]
    sizes = {text.get_fontsize() for text in texts if text.get_text()}
    assert sizes and 7.0 not in sizes


def test_course_style_applies_inside_the_block_only():
    before = settings()
    with course_style():
        assert mpl.rcParams["font.size"] == STYLE["font.size"]
    assert settings() == before


FIGURES = {
    "rise_over_run": lambda: helpers.figures.rise_over_run_figure((0.0, 1.0), (2.0, 3.0)),
    "gradient_field": lambda: helpers.figures.gradient_field_figure(lambda x, y: x**2 + y**2),
    "descent_regimes": lambda: helpers.figures.descent_regimes_figure(),
    "ravine_paths": lambda: helpers.figures.ravine_paths_figure(
        {"plain": helpers.momentum.ravine_descent(0.45, steps=10)}
    ),
}


@pytest.mark.parametrize("name", FIGURES)
def test_a_static_figure_is_drawn_in_the_course_style_and_leaves_rcparams_alone(name):
    with mpl.rc_context({"font.size": 7.0}):
        before = settings()
        figure = FIGURES[name]()
        assert settings() == before
    assert figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    sizes = {text.get_fontsize() for axes in figure.axes for text in [axes.xaxis.label]}
    assert 7.0 not in sizes
