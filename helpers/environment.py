"""The environment check of notebook 00: will the explorers work here?

An explorer has two halves: Python (this kernel) computes its numbers, and the
browser draws it. ``check_environment()`` reports the kernel's half in words, then
shows a tiny widget that only the browser's half can draw: a green tick when the
explorers' front end runs in this window, and the fix when it does not.
"""

import sys

import anywidget
import ipywidgets
import matplotlib
import numpy as np
import traitlets

WORKS = "✓ Explorers work here: your browser is drawing this line, as it will draw them."
FIX = (
    "✗ Explorers cannot run in this window: you are reading the text a notebook shows where "
    "its widgets do not run (a still page, or widgets switched off). Open the notebook in "
    "JupyterLab (`make lab`), on Binder or on Colab (see docs/launching.md), run it from the "
    "top, and this line turns into a green tick."
)


class BrowserCheck(anywidget.AnyWidget):
    """A line of text the browser writes: proof that anywidget's front end runs here."""

    _esm = """
    export default {
      render({ model, el }) {
        el.textContent = model.get("message");
        el.style.color = "#00734d";
        el.style.fontWeight = "bold";
      },
    };
    """
    message = traitlets.Unicode(WORKS).tag(sync=True)

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = FIX  # what places without widgets show instead of the tick
        return data, metadata


def environment_report():
    """Plain-words lines on the kernel's half, for notebook 00 (a list of strings)."""
    return [
        f"Python {sys.version.split()[0]}, numpy {np.__version__}, "
        f"matplotlib {matplotlib.__version__}, ipywidgets {ipywidgets.__version__}, "
        f"anywidget {anywidget.__version__}",
        "✓ The kernel can compute the explorers. Below, the browser's half: a green tick "
        "means explorers work here; anything else comes with its fix.",
    ]


def check_environment():
    """Print the kernel's half of the check; return the browser's half to display."""
    print("\n".join(environment_report()))
    return BrowserCheck()
