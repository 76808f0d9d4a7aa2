"""The handwritten digits that notebook 10's network learns to read.

1,797 images of 8 × 8 pixels, each pixel a whole number 0–16 (how much ink), with
their labels 0–9: the UCI "Optical Recognition of Handwritten Digits" set
(Alpaydin & Kaynak 1998, CC BY 4.0), shipped inside the package as
``helpers/data/digits.npz`` (see ``helpers/data/README.md``). Nothing is downloaded.

The network does not learn from all of them: ``digits_split`` keeps a **test set**
aside, images it never trains on, so that its accuracy there says how well it reads
digits it has never seen. The split is **stratified** (each digit has the same share
in the test set as in the whole set) and fixed by a seed, so every run of the
notebook sees the same split.
"""

from dataclasses import dataclass
from importlib import resources

import numpy as np

from .validation import require_count, require_finite_number

__all__ = ["DigitsSplit", "digits_split", "load_digits"]

#: The largest pixel value: pixels are 0, 1, …, 16.
PIXEL_MAX = 16


def load_digits():
    """All 1,797 images and labels, as stored: uint8 pixels 0–16, uint8 labels 0–9.

    Returns
    -------
    images : uint8 array of shape (1797, 8, 8)
    labels : uint8 array of shape (1797,)

    Examples
    --------
    >>> images, labels = load_digits()
    >>> images.shape, labels.shape, int(images.max()), np.bincount(labels).tolist()[:3]
    ((1797, 8, 8), (1797,), 16, [178, 182, 177])
    """
    path = resources.files("helpers") / "data" / "digits.npz"
    with path.open("rb") as file, np.load(file) as data:
        return data["images"], data["labels"]


@dataclass(frozen=True)
class DigitsSplit:
    """The digits split in two: train on one part, measure on the other.

    train_images, test_images  float arrays of shape (N, 64): one row per image, its
                               8 × 8 pixels row after row, scaled to 0–1 (pixel / 16).
                               ``image.reshape(8, 8)`` shows it.
    train_labels, test_labels  int arrays of shape (N,): the digit, 0–9.
    train_index, test_index    where each image sits in ``load_digits()``.
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    train_index: np.ndarray
    test_index: np.ndarray


def digits_split(*, test_fraction=0.2, seed=0):
    """A fixed, stratified split of the digits into a training set and a test set.

    For each digit separately, its images are shuffled (with
    ``np.random.default_rng(seed)``) and round(test_fraction × count) of them go to
    the test set: every digit keeps its share. Same seed, same split.

    Parameters
    ----------
    test_fraction : float, 0 < test_fraction < 1
        The share of each digit's images kept aside for testing.
    seed : int >= 0
        Which shuffle.

    Returns
    -------
    DigitsSplit

    Examples
    --------
    >>> split = digits_split()
    >>> split.train_images.shape, split.test_images.shape
    ((1438, 64), (359, 64))
    >>> float(split.train_images.max()), np.bincount(split.test_labels).tolist()
    (1.0, [36, 36, 35, 37, 36, 36, 36, 36, 35, 36])
    """
    test_fraction = require_finite_number(test_fraction, "test_fraction")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, but got {test_fraction}.")
    seed = require_count(seed, "seed")
    images, labels = load_digits()
    rng = np.random.default_rng(seed)
    test = []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(labels == digit))
        test.extend(members[: round(test_fraction * len(members))])
    is_test = np.zeros(len(labels), dtype=bool)
    is_test[test] = True
    if is_test.all() or not is_test.any():
        raise ValueError(
            f"test_fraction = {test_fraction} leaves the training set or the test set empty."
        )
    train_index, test_index = np.flatnonzero(~is_test), np.flatnonzero(is_test)
    flat = images.reshape(len(images), -1).astype(float) / PIXEL_MAX  # pixels 0–1
    labels = labels.astype(int)
    return DigitsSplit(
        flat[train_index],
        labels[train_index],
        flat[test_index],
        labels[test_index],
        train_index,
        test_index,
    )
