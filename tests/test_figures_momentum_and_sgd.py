"""helpers/figures/momentum_and_sgd.py: the static figures of notebook 09."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import momentum  # noqa: E402

# --- figures -------------------------------------------------------------------------------------


def test_ravine_paths_figure_draws_each_path_and_the_map():
    paths = {
        "plain": momentum.ravine_descent(0.45, steps=30),
        "momentum": momentum.ravine_descent(0.6, momentum=0.5, steps=30),
    }
    figure = helpers.figures.ravine_paths_figure(paths, "two runs")
    ax = figure.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "plain" in labels and "momentum" in labels
    drawn = next(line for line in ax.get_lines() if line.get_label() == "momentum")
    np.testing.assert_array_equal(drawn.get_xydata(), paths["momentum"].points)
    assert ax.collections, "the contour map is drawn"


def test_loss_curves_figure_marks_floors_and_clips_divergence():
    curves = {"a": np.array([4.0, 2.0, 1.0]), "b": np.array([4.0, 1e50, 1e99])}
    figure = helpers.figures.loss_curves_figure(curves, floors={"a": 1.0})
    ax = figure.axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_ylim()[1] == pytest.approx(40.0)
    assert any(list(line.get_ydata()) == [1.0, 1.0] for line in ax.get_lines())


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: helpers.figures.ravine_paths_figure([]), TypeError, ["paths", "dict"]),
        (lambda: helpers.figures.ravine_paths_figure({"x": 3}), TypeError, ["paths['x']"]),
        (lambda: helpers.figures.loss_curves_figure({"a": [1.0, -1.0]}), ValueError, ["above 0"]),
        (
            lambda: helpers.figures.loss_curves_figure({"a": [1.0]}, floors={"b": 1}),
            ValueError,
            ["'b'"],
        ),
        (
            lambda: helpers.figures.loss_curves_figure({str(i): [1.0] for i in range(5)}),
            ValueError,
            ["at most 4"],
        ),  # fmt: skip
    ],
)
def test_momentum_figures_refuse_bad_input_by_name(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)
