"""Python's own slips: an answer cell that says something other than what the learner meant.

A newcomer writes maths as on paper, and Python reads some of it differently:

- ``3^2`` is 1: ``^`` is "exclusive or" on whole numbers, not a power (``3**2``);
- ``2x`` does not run: Python needs ``*`` for every product (``2*x``);
- ``x²`` does not run: a power is written ``x**2``;
- ``7//2`` is 3: ``//`` divides and rounds down to a whole number, ``/`` divides.

The checker knows only the value of ``answer``; ``slip_in`` reads the source of the
cell that set it (from IPython's history) and names the first of these slips, so that
"3^2" earns a word about ``**`` rather than a hint about squaring.

Examples
--------
>>> slip_in("answer = 3^2").hint.startswith("In Python, `^` is not a power")
True
>>> slip_in("answer = 2x").cell_ran
False
>>> slip_in("answer = 3**2") is None
True
"""

import ast
import re
import warnings
from dataclasses import dataclass

__all__ = ["Slip", "slip_in"]


@dataclass(frozen=True)
class Slip:
    """A slip's ``hint``; ``cell_ran`` is False when the cell stopped at a SyntaxError, so
    ``answer`` still holds whatever it held before."""

    hint: str
    cell_ran: bool


CARET = (
    "In Python, `^` is not a power: it is 'exclusive or' on whole numbers, so 3^2 gives 1. "
    "Write a power with two stars: 3**2."
)
TIMES = (
    "Python needs a `*` for every product: write 2*x, not 2x (and 3*(x + 1), not 3(x + 1)). "
    "Your answer cell stopped at that line with an error, so `answer` was not set."
)
POWER_SIGN = (
    "Python does not read ² or ³: write a power with two stars, x**2 or x**3. "
    "Your answer cell stopped at that line with a SyntaxError, so `answer` was not set."
)
FLOOR = (
    "If you meant to divide: `//` divides and then rounds down to a whole number "
    "(7 // 2 is 3); one slash divides (7 / 2 is 3.5)."
)
DID_NOT_RUN = (
    "Your answer cell did not run (Python could not read it: see the SyntaxError under it), "
    "so `answer` was not set. Fix that line and run the cell again."
)

# Text in quotes and comments is not code: a "^" there is not a slip.
_NOT_CODE = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|#[^\n]*")
# A number written right before a name or a bracket: 2x, 0.5y, 3(x + 1); not 1e5 or 2j.
_NUMBER_BEFORE_NAME = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![eE][-+]?\d|[jJ]\b)[A-Za-z_(]")


def _calls_a_number(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Constant)
        and isinstance(node.func.value, (int, float))
    )


def slip_in(source):
    """The first Python slip in an answer cell's ``source``, as a ``Slip``; or None."""
    if not isinstance(source, str):
        return None
    code = _NOT_CODE.sub("", source)
    try:
        with warnings.catch_warnings():  # "int is not callable" is ours to explain
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(source)
    except SyntaxError:
        if _NUMBER_BEFORE_NAME.search(code):
            return Slip(TIMES, cell_ran=False)
        if re.search("[²³]", code):
            return Slip(POWER_SIGN, cell_ran=False)
        return Slip(DID_NOT_RUN, cell_ran=False)
    if any(_calls_a_number(node) for node in ast.walk(tree)):  # 3(x + 1): "int is not callable"
        return Slip(TIMES, cell_ran=False)
    if "^" in code:
        return Slip(CARET, cell_ran=True)
    if "//" in code:
        return Slip(FLOOR, cell_ran=True)
    return None
