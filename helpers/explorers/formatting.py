"""How an explorer writes a number in its readout: ``shown(2.0, ".2f") == "2.00"``.

The browser writes the readout (``formatNumber`` in explorer.js) and Python writes
``explorer.summary()``; both must print the same characters for the same number.
So the rules are few and exact:

- ``.Nf`` (N decimals) and ``.Ne`` (N decimals, then e±XX), rounded as Python's
  ``format`` rounds: the exact binary value, ties to the even digit;
- ``large=".2e"``: switch to that format once |value| ≥ 1e6 (a diverging run);
- ``small=".2e"``: switch to that format once 0 < |value| < 0.1, where two decimals
  would keep one digit or none (x = 0.004 written "0.00" beside slope = 0.008 written
  "0.01" reads as if slope = 2x were broken);
- never "-0.00": a number that rounds to zero is written without its sign;
- nan and inf are written "nan", "inf", "-inf".
"""

import math
import re

LARGE = 1e6  # from here on a ".2f" number is written with ``large`` instead
SMALL = 0.1  # below this (but not 0), with ``small`` instead
_NEGATIVE_ZERO = re.compile(r"^-(0\.?0*)(e[+-]0+)?$")


def shown(value, spec=".2f", large=None, small=None):
    """``value`` as the readout writes it.

    >>> shown(2.0), shown(-0.001), shown(0.125), shown(3.2e-7, ".2e"), shown(5e9, large=".2e")
    ('2.00', '0.00', '0.12', '3.20e-07', '5.00e+09')
    >>> shown(0.004, small=".2e"), shown(0.0, small=".2e"), shown(0.25, small=".2e")
    ('4.00e-03', '0.00', '0.25')
    """
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if large is not None and abs(value) >= LARGE:
        spec = large
    if small is not None and 0 < abs(value) < SMALL:
        spec = small
    text = format(value, spec)
    # A value that rounds to zero keeps no sign: "-0.00" would read as a negative slope.
    return _NEGATIVE_ZERO.sub(lambda match: match.group(0)[1:], text)
