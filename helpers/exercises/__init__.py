"""Self-checking exercises: the checker, and one bank of exercises per notebook.

Every module here other than ``checker`` and ``slips`` (Python's own slips, which
the checker names) is a bank, named after its notebook; importing it registers its
exercises, so each bank is imported below.
"""

import importlib
import pkgutil

from .checker import EXERCISES, Exercise, Feedback, check, evaluate

for _bank in pkgutil.iter_modules(__path__):
    if _bank.name not in ("checker", "slips"):
        importlib.import_module(f"{__name__}.{_bank.name}")

__all__ = ["EXERCISES", "Exercise", "Feedback", "check", "evaluate"]
