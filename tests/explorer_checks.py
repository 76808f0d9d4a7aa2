"""What the unit tests read off a browser-drawn explorer: its readout, its saved state."""

import json

from ipywidgets.widgets.widget import _remove_buffers

from helpers.explorers.widget import GAP


def readout_numbers(explorer):
    """{name: value} for every ``name = number`` item of the readout as the browser writes
    it ("…", a number still pending, becomes None)."""
    numbers = {}
    for item in explorer.readout_text().split(GAP):
        name, _, value = item.partition(" = ")
        numbers[name] = None if value == "…" else float(value)
    return numbers


def saved_state_kb(widget):
    """The size of the widget's state as a notebook saves it: JSON, with its binary
    buffers (the pictures and tables) written in base64 (4 characters per 3 bytes)."""
    state, _, buffers = _remove_buffers(widget.get_state())
    return (len(json.dumps(state)) + sum(4 * -(-len(b) // 3) for b in buffers)) / 1024
