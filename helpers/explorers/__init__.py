"""Interactive explorers: the kernel computes, the browser draws.

``widget.py`` is the one explorer widget and ``explorer.js`` its one front end; the
rest of the mechanism: controls.py (sliders on lattices), tables.py (every number
at every position), layers.py (what moves), figure.py (the still picture),
formatting.py (how numbers are written). Each explorer is one short module that says
what to compute and which layers to draw.
"""

from .backprop_graph import backprop_explorer
from .descent_paths import descent_path_explorer
from .descent_steps import descent_explorer
from .gradient_field import gradient_explorer
from .loss_slice import loss_slice_explorer
from .momentum_ravine import momentum_explorer
from .partials import partials_explorer
from .secant import secant_explorer
from .step_size import step_size_explorer
from .tangent import tangent_explorer
from .training import training_explorer
from .widget import Explorer

__all__ = [
    "Explorer",
    "backprop_explorer",
    "descent_explorer",
    "descent_path_explorer",
    "gradient_explorer",
    "loss_slice_explorer",
    "momentum_explorer",
    "partials_explorer",
    "secant_explorer",
    "step_size_explorer",
    "tangent_explorer",
    "training_explorer",
]
