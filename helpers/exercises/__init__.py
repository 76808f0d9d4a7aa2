"""Self-checking exercises: the checker and one bank of exercises per notebook."""

from . import slope, start_here, tangent_lines  # noqa: F401  (importing registers a bank)
from .checker import EXERCISES, Exercise, Feedback, check, evaluate

__all__ = ["EXERCISES", "Exercise", "Feedback", "check", "evaluate"]
