"""The course style: every figure and explorer is drawn in it, and none changes
matplotlib's global settings (the style lives inside ``matplotlib.rc_context``)."""

import matplotlib as mpl
import numpy as np
import pytest

import helpers
from helpers.style import STYLE, course_style

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
