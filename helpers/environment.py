"""The environment check of notebook 00: are interactive plots on?"""

import sys

import ipywidgets
import matplotlib
import numpy as np

from .explorers.base import ipympl_active


def environment_report():
    """Plain-words lines on what this kernel can do, for notebook 00.

    Returns a list of strings; ``check_environment()`` prints them.
    """
    lines = [
        f"Python {sys.version.split()[0]}, numpy {np.__version__}, "
        f"matplotlib {matplotlib.__version__}, ipywidgets {ipywidgets.__version__}",
    ]
    if ipympl_active():
        lines.append("✓ Interactive plots are ON (ipympl): you can drag points on the figures.")
    else:
        lines += [
            f"✗ Interactive plots are OFF (matplotlib backend: {matplotlib.get_backend()}).",
            "  Sliders still work, but dragging on a figure does not.",
            "  Fix: run  %matplotlib widget  in a cell (needs the ipympl package:",
            "  pip install ipympl), then restart the kernel and run the notebook again.",
        ]
    return lines


def check_environment():
    """Print whether interactive plots are active and what to do if not."""
    print("\n".join(environment_report()))
