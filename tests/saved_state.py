"""The size of a widget's state as a notebook saves it (nbconvert's store_widget_state)."""

import base64
import json

from ipywidgets.widgets.widget import _remove_buffers

#: The budget for one explorer's saved state (issue 8).
MOST_SAVED_BYTES = 256 * 1024


def saved_state_bytes(widget):
    """Bytes of the widget's saved state: its traits as JSON, its binary buffers (the
    background pictures, the tables) in base64, as the notebook's metadata holds them."""
    state, _, buffers = _remove_buffers(widget.get_state())
    return len(json.dumps(state)) + sum(len(base64.b64encode(bytes(b))) for b in buffers)
