"""helpers/explorers/training.py: the training explorer (notebook 10)."""

import numpy as np
import pytest
from support import readout_numbers, saved_state_kb

import helpers
from helpers import network as net
from helpers.explorers.training import colour_codes

EPOCHS = 6


@pytest.fixture(scope="module")
def split():
    return helpers.digits.digits_split()


@pytest.fixture(scope="module")
def history(split):
    return net.train(
        net.init_network(seed=0), split.train_images, split.train_labels,
        test_images=split.test_images, test_labels=split.test_labels,
        epochs=EPOCHS, seed=0, keep_snapshots=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def explorer(history, split):
    return helpers.training_explorer(history, split)


def test_it_starts_at_the_last_epoch_and_its_slider_reaches_every_snapshot(explorer):
    assert explorer.epoch == EPOCHS
    assert explorer.nearest("epoch", 0) == 0 and explorer.nearest("epoch", 99) == EPOCHS


@pytest.mark.parametrize("epoch", range(EPOCHS + 1))
def test_its_numbers_are_the_networks_at_every_epoch(explorer, history, split, epoch):
    explorer.move_to(epoch)
    network = history.snapshot(epoch)
    test = split.test_images, split.test_labels
    assert explorer.test_loss == pytest.approx(net.loss(network, *test), rel=1e-12)
    assert explorer.test_accuracy == net.accuracy(network, *test)
    assert explorer.train_loss == pytest.approx(
        net.loss(network, split.train_images, split.train_labels), rel=1e-12
    )
    numbers = readout_numbers(explorer)
    assert numbers["epoch"] == epoch and 0 <= numbers["test accuracy"] <= 1
    expected = net.probabilities(network, split.test_images[explorer.examples])
    # the bars travel as float32, ten per example in one column
    np.testing.assert_allclose(explorer.lookup("p"), expected.ravel(), atol=1e-7)
    codes = explorer.lookup("weights").reshape(16, 64)
    weights = network["W1"][:, :16].T / explorer.weight_limit
    assert np.abs(codes / 127.5 - 1 - np.clip(weights, -1, 1)).max() <= 0.5 / 127.5 + 1e-12


def test_the_default_examples_are_five_confusable_digits(explorer, split):
    assert split.test_labels[explorer.examples].tolist() == [2, 3, 5, 8, 9]


def test_colour_codes_span_one_byte_with_zero_in_the_middle():
    codes = colour_codes(np.array([-10.0, -1.0, 0.0, 1.0, 10.0]), 1.0)
    assert codes.tolist() == [0, 0, 128, 255, 255] and codes.dtype == np.uint8


def test_the_layers_are_the_curves_points_weights_and_bars(explorer):
    draws = [layer["draw"] for layer in explorer.layers]
    assert draws == ["guide", "point", "point", "images", *["bars"] * 5, "images", "bars"]
    images = explorer.layers[3]
    assert len(images["colors"]) == 256 and images["count"] == 16 and images["side"] == 8


def test_the_png_shows_the_epoch_chosen(explorer):
    explorer.move_to(0)
    first = explorer.png()
    explorer.move_to(EPOCHS)
    assert explorer.png() != first


def test_its_saved_state_is_small(split):
    history = net.train(
        net.init_network(seed=0), split.train_images, split.train_labels,
        test_images=split.test_images, test_labels=split.test_labels,
        epochs=30, seed=0, keep_snapshots=True,
    )  # fmt: skip
    assert saved_state_kb(helpers.training_explorer(history, split)) <= 200


@pytest.mark.parametrize(
    ("arguments", "options", "error", "named"),
    [
        (("history",), {}, TypeError, "history"),
        (("no snapshots",), {}, ValueError, "keep_snapshots"),
        (("no test set",), {}, ValueError, "test"),
        ((None, "split"), {}, TypeError, "split"),
        ((), {"epoch": EPOCHS + 1}, ValueError, "epoch"),
        ((), {"epoch": -1}, ValueError, "epoch"),
        ((), {"units": 0}, ValueError, "units"),
        ((), {"units": 17}, ValueError, "units"),
        ((), {"examples": [0]}, ValueError, "examples"),
        ((), {"examples": [0, 10_000]}, ValueError, "examples"),
        ((), {"examples": "12"}, TypeError, "examples"),
    ],
)
def test_bad_arguments_are_named(history, split, arguments, options, error, named):
    small = net.train(net.init_network(), split.train_images[:64], split.train_labels[:64],
                      epochs=1, keep_snapshots=True)  # fmt: skip
    stand_ins = {
        "history": object(),
        "no snapshots": net.train(
            net.init_network(),
            split.train_images[:64],
            split.train_labels[:64],
            test_images=split.test_images,
            test_labels=split.test_labels,
            epochs=1,
        ),  # fmt: skip
        "no test set": small,
        "split": object(),
        None: history,
    }
    given = [stand_ins.get(a, a) for a in arguments]
    given += [history, split][len(given) :]
    with pytest.raises(error, match=named):
        helpers.training_explorer(*given, **options)


# --- a digit of your own ---------------------------------------------------------------


def test_the_pad_starts_with_a_test_four_read_at_every_epoch_with_no_kernel(explorer, split):
    """Drawing 0 is the first test 4: its numbers are in the fixed tables, every epoch."""
    start = split.test_images[np.flatnonzero(split.test_labels == 4)[0]]
    [sketch] = [c for c in explorer.controls if c["kind"] == "sketch"]
    np.testing.assert_allclose(sketch["start"], start, atol=5e-4)
    for epoch in range(EPOCHS + 1):
        explorer.move(epoch=epoch, drawing=0)
        network = explorer.history.snapshot(epoch)
        p = net.probabilities(network, start[None])[0]
        assert explorer.drawn_digit == np.argmax(p)
        assert explorer.drawn_probability == pytest.approx(p.max(), rel=1e-12)
        np.testing.assert_allclose(explorer.lookup("drawn_p"), p, atol=1e-7)
    assert explorer._tables.answers == []


def test_a_drawing_is_read_by_the_network_at_the_epoch_shown(explorer):
    one = np.zeros((8, 8))
    one[1:7, 4] = 1.0
    explorer.move_to(EPOCHS)
    explorer.draw(one)
    assert explorer.position["drawing"] == 1
    network = explorer.history.snapshot(EPOCHS)
    p = net.probabilities(network, one.reshape(1, 64))[0]
    digit = int(np.argmax(p))
    assert explorer.drawn_digit == digit
    assert readout_numbers(explorer)["your digit read as"] == digit
    slopes = net.input_gradient(network, one.ravel())
    codes = explorer.lookup("drawn_gradient")
    np.testing.assert_array_equal(codes, colour_codes(slopes, np.abs(slopes).max()))
    explorer.move_to(0)  # the same drawing, read by the untrained network
    p0 = net.probabilities(explorer.history.snapshot(0), one.reshape(1, 64))[0]
    assert explorer.drawn_probability == pytest.approx(p0.max(), rel=1e-12)


def test_clear_empties_the_pad_and_each_drawing_gets_the_next_index(explorer):
    explorer.move(drawing=255)
    explorer.clear()
    assert explorer.position["drawing"] == 1  # 1 … 255, then 1 again: 0 is the start
    assert explorer.position["drawing_pixels"] == [0.0] * 64
    assert explorer.drawn_digit is not None


def test_a_drawing_from_the_page_that_is_not_64_pixels_gets_no_answer(explorer):
    explorer.move(drawing=3, drawing_pixels=[1.0, 0.0])
    assert explorer.drawn_digit is None  # pending: the readout shows "…"


@pytest.mark.parametrize("pixels", [np.zeros(63), np.full(64, 2.0), [np.nan] * 64, "ink"])
def test_bad_pixels_are_named(explorer, pixels):
    with pytest.raises((TypeError, ValueError), match="pixels"):
        explorer.draw(pixels)
