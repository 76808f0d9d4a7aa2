"""helpers: the code behind the derivatives course notebooks.

Each name below lives in a small module you can read:

- derivatives.py   derivative, partial_derivative, gradient (central differences)
- descent.py       gradient_descent (w ← w − learning_rate · slope)
- explorers/       tangent_explorer, secant_explorer (interactive figures)
- exercises/       check (the self-checking exercises)
- style.py         use_course_style (one colour-blind-safe plot style)
- environment.py   check_environment (are interactive plots on?)
- figures.py       the static figures the notebooks show
"""

from . import figures, neuron
from .descent import DescentPath, gradient_descent
from .derivatives import default_step, derivative, gradient, partial_derivative
from .environment import check_environment
from .exercises import check
from .explorers import *  # noqa: F403  (every explorer function)
from .explorers import ipympl_active, secant_explorer, tangent_explorer
from .style import COLORS, use_course_style

__all__ = [
    "COLORS",
    "DescentPath",
    "figures",
    "check",
    "check_environment",
    "default_step",
    "derivative",
    "gradient",
    "gradient_descent",
    "ipympl_active",
    "partial_derivative",
    "secant_explorer",
    "tangent_explorer",
    "use_course_style",
]
