"""The fixtures every test file shares; shared helpers are in support.py."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import neuron


@pytest.fixture(autouse=True)
def close_figures():
    """Close every pyplot figure a test opened, whatever the test's outcome."""
    yield
    plt.close("all")


@pytest.fixture
def data():
    """40 points of the neuron's two classes, 3 inputs each (a file may ask for others)."""
    return neuron.make_dataset(np.random.default_rng(0), n_points=40, n_inputs=3)
