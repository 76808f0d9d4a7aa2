"""The digits shipped in helpers/data: equal to scikit-learn's copy, and split fairly."""

import subprocess
import sys
import zipfile
from importlib import resources

import numpy as np
import pytest

from helpers import digits


def test_the_shipped_copy_is_small_uint8_and_complete():
    path = resources.files("helpers") / "data" / "digits.npz"
    assert path.is_file()
    with path.open("rb") as file:
        assert zipfile.is_zipfile(file)  # np.savez_compressed: a compressed zip of .npy files
        file.seek(0)
        assert len(file.read()) < 100_000  # 45 KB
    images, labels = digits.load_digits()
    assert images.dtype == np.uint8 and labels.dtype == np.uint8
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0 and images.max() == 16
    assert set(np.unique(labels)) == set(range(10))


def test_the_shipped_copy_equals_scikit_learns_exactly():
    datasets = pytest.importorskip("sklearn.datasets")
    reference = datasets.load_digits()  # scikit-learn's own file: no download
    images, labels = digits.load_digits()
    np.testing.assert_array_equal(images, reference.images)  # pixel for pixel
    np.testing.assert_array_equal(labels, reference.target)
    np.testing.assert_array_equal(images.reshape(1797, 64), reference.data)


def test_the_split_is_a_partition_scaled_to_0_1():
    split = digits.digits_split()
    assert len(np.intersect1d(split.train_index, split.test_index)) == 0  # no overlap
    together = np.sort(np.concatenate([split.train_index, split.test_index]))
    np.testing.assert_array_equal(together, np.arange(1797))  # nothing lost
    images, labels = digits.load_digits()
    np.testing.assert_array_equal(split.test_images * 16, images[split.test_index].reshape(-1, 64))
    np.testing.assert_array_equal(split.train_labels, labels[split.train_index])
    assert split.train_images.min() == 0 and split.train_images.max() == 1
    assert split.train_labels.dtype.kind == "i"


@pytest.mark.parametrize("test_fraction", [0.2, 0.3, 0.5])
def test_the_split_is_stratified(test_fraction):
    split = digits.digits_split(test_fraction=test_fraction, seed=3)
    _, labels = digits.load_digits()
    for digit in range(10):
        in_test = np.sum(split.test_labels == digit)
        share = in_test / np.sum(labels == digit)
        # Each digit's share of the test set is test_fraction, up to rounding one image.
        assert abs(share - test_fraction) <= 1 / np.sum(labels == digit)


def test_the_split_is_fixed_by_its_seed():
    first, again = digits.digits_split(seed=0), digits.digits_split(seed=0)
    np.testing.assert_array_equal(first.test_index, again.test_index)
    np.testing.assert_array_equal(first.train_images, again.train_images)
    other = digits.digits_split(seed=1)
    assert not np.array_equal(first.test_index, other.test_index)
    # The default split, pinned: notebooks and benchmarks all see this one.
    assert first.test_index[:5].tolist() == digits.digits_split().test_index[:5].tolist()
    assert len(first.test_index) == 359 and first.test_index.sum() == 324_981


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"test_fraction": 0}, ValueError, "test_fraction must be between 0 and 1, but got 0"),
        ({"test_fraction": 1.5}, ValueError, "but got 1.5"),
        ({"test_fraction": "a"}, TypeError, "test_fraction must be a number"),
        ({"seed": -1}, ValueError, "seed must be 0 or more, but got -1"),
        ({"seed": 0.5}, TypeError, "seed must be a whole number"),
    ],
)
def test_bad_split_arguments_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        digits.digits_split(**kwargs)


def test_split_options_are_keyword_only():
    with pytest.raises(TypeError):
        digits.digits_split(0.2)


def test_the_course_never_needs_scikit_learn():
    """scikit-learn is in the test and bench extras only: loading the digits and training
    the network must not import it."""
    code = (
        "import sys, helpers; from helpers.digits import digits_split; digits_split(); "
        "assert 'sklearn' not in sys.modules, 'helpers imported sklearn'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
