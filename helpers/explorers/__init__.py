"""Interactive explorers: a figure drawn once, moved by sliders and the mouse."""

from .base import Explorer, ipympl_active
from .secant import secant_explorer
from .tangent import tangent_explorer

__all__ = ["Explorer", "ipympl_active", "secant_explorer", "tangent_explorer"]
