"""Interactive explorers: a figure drawn once, moved by sliders and the mouse.

One module per explorer; ``base.py`` holds what they share.
"""

from .base import Explorer, ipympl_active
from .descent_paths import descent_path_explorer
from .descent_steps import descent_explorer
from .gradient_field import gradient_explorer
from .loss_slice import loss_slice_explorer
from .partials import partials_explorer
from .secant import secant_explorer
from .step_size import step_size_explorer
from .tangent import tangent_explorer

__all__ = [
    "Explorer",
    "descent_explorer",
    "descent_path_explorer",
    "gradient_explorer",
    "ipympl_active",
    "loss_slice_explorer",
    "partials_explorer",
    "secant_explorer",
    "step_size_explorer",
    "tangent_explorer",
]
