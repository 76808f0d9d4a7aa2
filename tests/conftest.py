"""The fixtures every test file shares; shared helpers are in support.py."""

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def close_figures():
    """Close every pyplot figure a test opened, whatever the test's outcome."""
    yield
    plt.close("all")
