"""Notebook 10's figures: each draws what its caption says, and refuses bad input by name."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import network as net  # noqa: E402
from helpers.digits import digits_split  # noqa: E402

SPLIT = digits_split()


@pytest.fixture(scope="module")
def history():
    return net.train(net.init_network(), SPLIT.train_images, SPLIT.train_labels,
                     test_images=SPLIT.test_images, test_labels=SPLIT.test_labels,
                     epochs=3)  # fmt: skip


def test_digits_figure_shows_each_image_with_its_label():
    figure = helpers.figures.digits_figure(SPLIT.train_images[:12], SPLIT.train_labels[:12])
    shown = [ax for ax in figure.axes if ax.get_images()]
    assert len(shown) == 12
    assert [ax.get_title() for ax in shown] == [str(d) for d in SPLIT.train_labels[:12]]
    np.testing.assert_array_equal(shown[0].get_images()[0].get_array(),
                                  SPLIT.train_images[0].reshape(8, 8))  # fmt: skip
    plt.close(figure)


def test_training_curves_figure_draws_losses_and_test_accuracy(history):
    figure = helpers.figures.training_curves_figure(history)
    left, right = figure.axes
    assert left.get_yscale() == "log"
    np.testing.assert_array_equal(left.get_lines()[0].get_ydata(), history.train_loss)
    np.testing.assert_array_equal(left.get_lines()[1].get_ydata(), history.test_loss)
    np.testing.assert_array_equal(right.get_lines()[0].get_ydata(), 100 * history.test_accuracy)
    plt.close(figure)


def test_first_layer_weights_figure_draws_one_image_per_hidden_unit(history):
    figure = helpers.figures.first_layer_weights_figure(history.network)
    images = [ax.get_images()[0] for ax in figure.axes if ax.get_images()]
    assert len(images) == 32
    np.testing.assert_array_equal(images[5].get_array(), history.network["W1"][:, 5].reshape(8, 8))
    low, high = images[0].get_clim()
    assert low == -high, "0 is white: the colour scale is symmetric"
    plt.close(figure)


def test_confusion_matrix_figure_counts_every_image(history):
    predicted = net.predict(history.network, SPLIT.test_images)
    figure = helpers.figures.confusion_matrix_figure(SPLIT.test_labels, predicted)
    counts = np.asarray(figure.axes[0].get_images()[0].get_array())
    assert counts.sum() == len(SPLIT.test_labels)
    assert np.trace(counts) == np.sum(predicted == SPLIT.test_labels)
    plt.close(figure)


def test_misclassified_figure_draws_the_probabilities(history):
    images, labels = SPLIT.test_images[:3], SPLIT.test_labels[:3]
    p = net.probabilities(history.network, images)
    figure = helpers.figures.misclassified_figure(images, labels, p)
    bars = figure.axes[3].patches
    assert [bar.get_height() for bar in bars] == pytest.approx(p[0])
    plt.close(figure)


def test_input_gradient_figure_draws_the_slopes(history):
    image = SPLIT.test_images[1]
    slopes = net.input_gradient(history.network, image)
    figure = helpers.figures.input_gradient_figure(image, slopes, 9)
    np.testing.assert_array_equal(figure.axes[1].get_images()[0].get_array(), slopes.reshape(8, 8))
    plt.close(figure)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: helpers.figures.digits_figure(np.zeros((2, 63)), [1, 2]), ValueError, ["(N, 64)"]),
        (lambda: helpers.figures.digits_figure(np.zeros((2, 64)), [1]), ValueError, ["labels"]),
        (lambda: helpers.figures.training_curves_figure({}), TypeError, ["train"]),
        (
            lambda: helpers.figures.confusion_matrix_figure([1, 2], [1, 12]),
            ValueError,
            ["predicted"],
        ),
        (
            lambda: helpers.figures.misclassified_figure(
                np.zeros((2, 64)), [1, 2], np.ones((2, 9))
            ),
            ValueError,
            ["probabilities"],
        ),
    ],
)
def test_network_figures_refuse_bad_input_by_name(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)
    plt.close("all")
