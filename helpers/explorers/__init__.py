"""Interactive explorers: a figure drawn once, moved by sliders and the mouse.

One module per explorer; ``base.py`` holds what they share.
"""

from .base import Explorer, ipympl_active
from .secant import secant_explorer
from .tangent import tangent_explorer
from .step_size import *  # noqa: F403
from .partials import *  # noqa: F403
from .gradient_field import *  # noqa: F403
from .descent_steps import *  # noqa: F403
from .descent_paths import *  # noqa: F403
from .loss_slice import *  # noqa: F403
