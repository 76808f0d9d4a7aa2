"""The training explorer: drag through the epochs of a network learning to read digits.

``helpers.network.train(..., keep_snapshots=True)`` keeps the parameters after every
epoch. At each epoch e this explorer shows what that network does, all computed here
once per epoch by ``helpers.network``:

- the loss curves (training and test, drawn once) with the point of epoch e on each;
- the first hidden units' weights W1[:, j], each as an 8 × 8 image (purple below 0,
  orange above, on one scale for every epoch), quantised to 256 colours;
- a few fixed test digits with the ten probabilities the network gives each (the
  tallest bar highlighted).

An epoch slider (and a drag along the loss curves) moves through the snapshots; it
all moves with no kernel (a saved notebook, the website).

And a digit of your own: an 8 × 8 pad (``controls.Sketch``) starts with a test digit
and takes the pointer's ink. For what is drawn, the kernel computes the network's
probabilities at the epoch shown and the gradient of the winning digit's score with
respect to each pixel (``helpers.network.input_gradient``), as a map. With no kernel
only the starting digit has its numbers; the page says a drawing needs a kernel.
"""

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import ListedColormap, to_hex

from ..digits import DigitsSplit
from ..network import History, input_gradient, probabilities
from ..style import COLORS, POINT
from ..validation import require_count, require_finite_numbers
from . import figure as still
from .controls import Sketch, slider
from .figure import new_figure
from .layers import Bars, Guide, Images, Point
from .tables import Table
from .widget import Column, Drag, Explorer, Number

__all__ = ["TrainingExplorer", "training_explorer"]

SIDE = 8  # an image is 8 × 8 pixels
SIGNED = "PuOr_r"  # as helpers.figures.a_network_learns: purple below 0, orange above
INK = "gray_r"
#: The confusable digits whose first test image is shown by default.
DEFAULT_DIGITS = (2, 3, 5, 8, 9)
#: The digit whose first test image the pad starts with.
SKETCH_DIGIT = 4
#: The numbers (not arrays) of a drawing's reading.
READ = ("drawn_digit", "drawn_probability")


def colour_codes(values, limit):
    """Values in [−limit, limit] as whole numbers 0–255 (0 at −limit, 255 at +limit), the
    index of their colour: one byte per pixel instead of eight.

    >>> colour_codes(np.array([-2.0, 0.0, 1.0, 5.0]), 2.0).tolist()
    [0, 128, 191, 255]
    """
    return np.clip(np.round((np.asarray(values) / limit + 1) * 127.5), 0, 255).astype(np.uint8)


def palette(name):
    """The 256 colours of matplotlib's colour map ``name``, as hex, code 0 to code 255."""
    cmap = colormaps[name]
    return [to_hex(cmap(q / 255)) for q in range(256)]


class TrainingExplorer(Explorer):
    """An explorer of a network's training, epoch by epoch: drag the epoch slider.

    Top: the training and test loss after each epoch (log scale), the current epoch
    marked on both; the first hidden units' weights as 8 × 8 images. Below: a few
    fixed test digits and the ten probabilities the network gives each at that epoch.
    The readout: the epoch, both losses and the test accuracy.

    "Draw a digit": paint on the 8 × 8 pad (it starts with a test 4), and, where a kernel
    runs, the readout says what the network at this epoch reads, with its probabilities
    and the map of d(winning score)/d(pixel) in the last column.

    Parameters
    ----------
    history : helpers.network.History
        What ``helpers.network.train`` returned, trained with ``keep_snapshots=True`` and
        a test set (``test_images``, ``test_labels``).
    split : helpers.digits.DigitsSplit
        The split it was trained on: its test images are the digits shown.
    epoch : int, optional
        Where the slider starts; by default the last epoch.
    units : int
        How many hidden units' weights to show (the first ones), 1 to 16.
    examples : sequence of int, optional
        Which test images to show (2 to 6 indices into ``split.test_images``); by
        default the first test image of each of the digits 2, 3, 5, 8 and 9.

    Examples
    --------
    >>> from helpers import digits, network as net
    >>> split = digits.digits_split()
    >>> history = net.train(net.init_network(), split.train_images, split.train_labels,
    ...                     test_images=split.test_images, test_labels=split.test_labels,
    ...                     epochs=3, keep_snapshots=True)
    >>> explorer = training_explorer(history, split, epoch=0)
    >>> explorer.summary()
    'Training explorer: epoch = 0, test loss = 2.325, test accuracy = 0.187'
    >>> explorer.move_to(3)
    >>> explorer.test_accuracy == float(history.test_accuracy[3])
    True
    """

    def __init__(self, history, split, *, epoch=None, units=16, examples=None):
        super().__init__()
        history, split = _history(history), _split(split)
        last = len(history.epochs) - 1
        epoch = last if epoch is None else require_count(epoch, "epoch")
        if epoch > last:
            raise ValueError(f"epoch must be 0 to {last}, but got {epoch}.")
        hidden = history.sizes[1]
        units = require_count(units, "units")
        if not 1 <= units <= min(16, hidden):
            raise ValueError(f"units must be 1 to {min(16, hidden)}, but got {units}.")
        self.examples = _examples(examples, split)
        self.history, self.split = history, split
        start = split.test_images[int(np.flatnonzero(split.test_labels == SKETCH_DIGIT)[0])]
        self._sketch = Sketch("drawing", "draw a digit", start)
        self._drawn = (None, None)  # (what was drawn, at which epoch), its answer table

        control = slider("epoch", "epoch", 0, last, 1, epoch, format=".0f", page=5)
        networks = [history.snapshot(e) for e in range(last + 1)]
        weights = np.array([network["W1"][:, :units].T for network in networks])  # (E, units, 64)
        # One scale for every epoch; the largest 1 % of weights saturate, so that the
        # rest are not washed out by a few outliers.
        self.weight_limit = float(np.quantile(np.abs(weights), 0.99)) or 1.0
        images = split.test_images[self.examples]
        self.probabilities = np.array([probabilities(network, images) for network in networks])
        self.networks = networks
        curves = Table(
            ("epoch",),
            {
                "train_loss": history.train_loss,
                "test_loss": history.test_loss,
                "test_accuracy": history.test_accuracy,
            },
        )
        at_each_epoch = [
            Table(
                (),
                {
                    "weights": colour_codes(weights[e], self.weight_limit).ravel(),
                    "p": self.probabilities[e].ravel(),  # 10 per example, one after another
                },
                at={"epoch": e},
                drawn={"p"},
            )
            for e in range(last + 1)
        ]
        # The starting drawing's numbers at every epoch: they move with no kernel too.
        readings = [self._reading(start, e, {"epoch": e, "drawing": 0}) for e in range(last + 1)]
        numbers = {name: [r.columns.pop(name) for r in readings] for name in READ}
        # Each epoch's arrays in its own table; the numbers of every epoch in one.
        at_start = [Table(("epoch",), numbers, at={"drawing": 0}), *readings]

        figure, layers, drags = self._figure(history, images, units)
        self.assemble(
            figure,
            controls=[control, self._sketch],
            tables=[curves, *at_each_epoch, *at_start],
            layers=layers,
            readout=[
                Number("epoch", control="epoch", strong=True),
                Number("train loss", "train_loss", format=".3f"),
                Number("test loss", "test_loss", format=".3f", strong=True),
                Number("test accuracy", "test_accuracy", format=".3f", strong=True),
                Number("your digit read as", "drawn_digit", format=".0f", strong=True),
                Number("its probability", "drawn_probability", format=".3f"),
            ],
            drags=drags,
            description="The training and test loss after each epoch, the first hidden "
            "units' weights as 8 × 8 images, and five test digits with the ten "
            "probabilities the network gives each, at the epoch chosen; last, the "
            "probabilities for the digit drawn on the pad and the derivative of its winning "
            "score with respect to each pixel.",
        )

    # --- a digit of your own ------------------------------------------------------------

    answers_while_moving = True  # one forward pass: cheap enough to follow the pointer

    def _reading(self, image, epoch, at):
        """What the network after ``epoch`` epochs makes of ``image``: its ten
        probabilities, the digit it reads and how sure it is, and the gradient of that
        digit's score with respect to each pixel, as colour codes (on the map's own scale)."""
        network = self.networks[epoch]
        p = probabilities(network, image[None])[0]
        slopes = input_gradient(network, image)
        limit = float(np.abs(slopes).max()) or 1.0
        return Table(
            (),
            {
                "drawn_p": p,
                "drawn_digit": int(np.argmax(p)),
                "drawn_probability": float(p.max()),
                "drawn_gradient": colour_codes(slopes, limit),
            },
            at=at,
            drawn={"drawn_p"},
        )

    def answers_for(self, position):
        """The reading of what is drawn on the pad, at the epoch shown (none is needed
        for the starting digit: the fixed tables hold it at every epoch)."""
        drawing = position.get("drawing", 0)
        if drawing == 0:
            return []
        image = np.clip(np.nan_to_num(self._sketch.image(position)), 0.0, 1.0)
        if image.size != SIDE * SIDE:
            return []
        key = (drawing, position["epoch"], image.tobytes())
        if self._drawn[0] != key:
            at = {"drawing": drawing, "epoch": position["epoch"]}
            self._drawn = (key, self._reading(image, position["epoch"], at))
        return [self._drawn[1]]

    def draw(self, pixels):
        """Put ``pixels`` (64 numbers 0–1, or 8 × 8) on the pad, as painting would."""
        image = np.asarray(require_finite_numbers(pixels, "pixels"), dtype=float)
        if image.size != SIDE * SIDE or not (0 <= image.min() and image.max() <= 1):
            raise ValueError(f"pixels must be {SIDE * SIDE} numbers from 0 to 1.")
        drawing = self.position.get("drawing", 0) % self._sketch.most + 1
        pixels = [round(float(value), 3) for value in image.ravel()]
        self.move(drawing=drawing, **{self._sketch.pixels: pixels})

    def clear(self):
        """An empty pad, as its Clear button gives."""
        self.draw(np.zeros(SIDE * SIDE))

    def narrow_layout(self, figure):
        """On a phone: the loss, then the hidden units' weights, each the full width;
        then the digits two by two, each over its bars."""
        loss_ax, weights_ax, *pairs = figure.axes  # as _figure adds them
        rows = -(-len(pairs) // 4)  # rows of two (digit, bars) pairs
        grid = figure.add_gridspec(2 + 2 * rows, 2, height_ratios=[1.0, 1.2] + [0.7, 0.4] * rows)
        places = {loss_ax: grid[0, :], weights_ax: grid[1, :]}
        for k, (digit_ax, bars_ax) in enumerate(zip(pairs[::2], pairs[1::2])):
            row, column = 2 + 2 * (k // 2), k % 2
            places[digit_ax], places[bars_ax] = grid[row, column], grid[row + 1, column]
        height = (2 + rows) * still.NARROW_PANEL_HEIGHT
        return still.NarrowLayout(places, height, least_axes_height=still.NARROW_AXES_HEIGHT / 3)

    def _figure(self, history, images, units):
        count = len(self.examples)
        figure = new_figure((11.0, 6.6))
        grid = figure.add_gridspec(3, count + 1, height_ratios=[2.7, 1.0, 1.1])
        loss_ax = figure.add_subplot(grid[0, : count - 1])
        loss_ax.plot(history.epochs, history.train_loss, "-", color=COLORS["blue"],
                     label="training loss")  # fmt: skip
        loss_ax.plot(history.epochs, history.test_loss, "--", color=COLORS["vermillion"],
                     label="test loss")  # fmt: skip
        (now,) = loss_ax.plot([], [], ":", color=POINT, linewidth=1)
        (train_point,) = loss_ax.plot([], [], "o", color=COLORS["blue"], zorder=3)
        (test_point,) = loss_ax.plot([], [], "s", color=COLORS["vermillion"], zorder=3)
        loss_ax.set_yscale("log")
        last = history.epochs[-1]
        loss_ax.set(xlim=(-0.02 * last, 1.02 * last), xlabel="epoch", ylabel="loss (log scale)")
        loss_ax.set_title("the loss after each epoch (drag along it)", loc="left")
        # Above the axes, beside the title: the epoch's guide line runs the axes' full
        # height and would cross a legend inside them.
        loss_ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize=9,
                       borderaxespad=0.2)  # fmt: skip

        weights_ax = figure.add_subplot(grid[0, count - 1 :])
        columns = 4 if units > 8 else units
        rows = -(-units // columns)
        step = SIDE + 1
        cmap = ListedColormap(palette(SIGNED)).with_extremes(bad=(0, 0, 0, 0))
        blank = np.full((rows * step - 1, columns * step - 1), np.nan)
        shown = weights_ax.imshow(blank, cmap=cmap, vmin=0, vmax=255, interpolation="nearest")
        weights_ax.set_axis_off()
        weights_ax.set_title(f"the first {units} hidden units' weights")

        layers = [
            Guide(now, at="epoch", vertical=True),
            Point(train_point, at=("epoch", "train_loss")),
            Point(test_point, at=("epoch", "test_loss")),
            Images(shown, "weights", count=units, columns=columns, colors=palette(SIGNED)),
        ]
        for i, (image, label) in enumerate(zip(images, self.split.test_labels[self.examples])):
            digit_ax = figure.add_subplot(grid[1, i])
            digit_ax.imshow(image.reshape(SIDE, SIDE), cmap=INK, vmin=0, vmax=1)
            digit_ax.set_axis_off()
            digit_ax.set_title(f"test digit, a {label}", fontsize=10)
            bars_ax = figure.add_subplot(grid[2, i])
            bars = bars_ax.bar(range(10), np.zeros(10), color=COLORS["blue"], linewidth=0)
            bars_ax.set(xlim=(-0.6, 9.6), ylim=(0, 1), xticks=range(10))
            bars_ax.tick_params(labelsize=8)
            bars_ax.grid(False)
            bars_ax.set_yticks([0, 1])
            if i == 0:
                bars_ax.set_ylabel("probability", fontsize=9)
            layers.append(Bars(bars, "p", start=10 * i, highlight=COLORS["orange"]))

        gradient_ax = figure.add_subplot(grid[1, count])
        gradient_cmap = ListedColormap(palette(SIGNED))
        shown = gradient_ax.imshow(np.zeros((SIDE, SIDE)), cmap=gradient_cmap, vmin=0, vmax=255)
        gradient_ax.set_axis_off()
        gradient_ax.set_title("your digit: slopes", fontsize=10)
        bars_ax = figure.add_subplot(grid[2, count])
        bars = bars_ax.bar(range(10), np.zeros(10), color=COLORS["sky"], linewidth=0)
        bars_ax.set(xlim=(-0.6, 9.6), ylim=(0, 1), xticks=range(10), yticks=[0, 1])
        bars_ax.tick_params(labelsize=8)
        bars_ax.grid(False)
        layers += [
            Images(shown, "drawn_gradient", count=1, columns=1, colors=palette(SIGNED)),
            Bars(bars, "drawn_p", highlight=COLORS["orange"]),
        ]
        return figure, layers, [Drag(loss_ax, x="epoch")]

    epoch = Column("epoch", "The epoch shown: the network after that many epochs.")
    train_loss = Column("train_loss")
    test_loss = Column("test_loss")
    test_accuracy = Column("test_accuracy", "The share of test digits read right, 0 to 1.")
    drawn_digit = Column("drawn_digit", "The digit the network reads on the pad.")
    drawn_probability = Column("drawn_probability", "The probability it gives that digit.")

    def move_to(self, epoch):
        """Show the network after ``epoch`` epochs, as the slider would."""
        self.move_near(epoch=epoch)

    def summary(self):
        return (
            f"Training explorer: epoch = {self.shown('epoch', '.0f')}, "
            f"test loss = {self.shown('test_loss', '.3f')}, "
            f"test accuracy = {self.shown('test_accuracy', '.3f')}"
        )


def _history(history):
    if not isinstance(history, History):
        raise TypeError(
            f"history must be what helpers.network.train returns, but got {type(history).__name__}."
        )
    if history.snapshots is None:
        raise ValueError("history has no snapshots: train it with keep_snapshots=True.")
    if history.test_loss is None:
        raise ValueError("history has no test set: train it with test_images and test_labels.")
    return history


def _split(split):
    if not isinstance(split, DigitsSplit):
        raise TypeError(
            f"split must be a helpers.digits.DigitsSplit, but got {type(split).__name__}."
        )
    return split


def _examples(examples, split):
    """Indices into the test set: 2 to 6 of them, each a test image."""
    if examples is None:
        labels = split.test_labels
        return np.array([int(np.flatnonzero(labels == d)[0]) for d in DEFAULT_DIGITS])
    not_a_sequence = TypeError(
        f"examples must be a sequence of test-image indices, but got {examples!r:.60}."
    )
    if isinstance(examples, (str, bytes)):
        raise not_a_sequence
    try:
        examples = list(examples)  # a number or a 0-d array is no sequence
    except TypeError:
        raise not_a_sequence from None
    indices = [require_count(index, f"examples[{i}]") for i, index in enumerate(examples)]
    if not 2 <= len(indices) <= 6:
        raise ValueError(f"examples must hold 2 to 6 test-image indices, but got {len(indices)}.")
    if max(indices) >= len(split.test_labels):
        raise ValueError(
            f"examples must be indices 0 to {len(split.test_labels) - 1} into the test set, "
            f"but got {max(indices)}."
        )
    return np.array(indices)


#: The same explorer by its lower-case name, as the notebooks call it.
training_explorer = TrainingExplorer
