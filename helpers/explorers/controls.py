"""The controls of an explorer, and the lattice of values each one can reach.

A slider for x from −3 to 3 in steps of 0.01 reaches 601 values, no more: the
explorer computes its numbers at exactly those values, once, and the browser
looks them up. The explorer's position is the index of each control on its
lattice (``{"x": 400}`` is x = 1.00).

- ``Slider``: a value on a lattice, moved by the mouse, the arrow keys, Page Up/Down
  (big steps) and Home/End;
- ``Choice``: one of a few options (which function, which parameter);
- ``Counter``: a whole number that only buttons change (steps taken);
- ``Button``: adds to a counter or sets it ("Step", "Run 10 steps", "Reset");
- ``Sketch``: a small image the learner paints with the pointer (a digit to read).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .formatting import shown


def lattice(low, high, step):
    """low, low + step, low + 2·step, ... up to high (high itself included).

    Each value is rounded to 10 decimals, so x = 0.3 is 0.3 and not 0.30000000000000004;
    the ends are low and high exactly.

    >>> lattice(-1.0, 1.0, 0.5).tolist()
    [-1.0, -0.5, 0.0, 0.5, 1.0]
    """
    count = int(np.floor((high - low) / step + 1e-9)) + 1
    values = np.round(low + step * np.arange(count), 10)
    values[0] = low
    if values[-1] < high - 1e-9 * step:  # a range that is not a whole number of steps
        values = np.append(values, high)
    values[-1] = high
    return values


#: Steps a map's lattice may take: round numbers that two decimals write exactly,
#: 0.01, 0.02, 0.05, then 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, ...
ROUND_STEPS = [0.01, 0.02, 0.05] + [
    round(m * 10.0**k, 2) for k in range(-1, 308) for m in (1, 2, 2.5, 5)
]


def map_step(x_range, y_range, most=4000):
    """The smallest round step for which the lattice over x_range × y_range (the same
    step along both) has at most ``most`` points: 0.1 for (−2, 2) × (−3, 3), 41 × 61.

    >>> map_step((-2.0, 2.0), (-3.0, 3.0)), map_step((-20.0, 20.0), (-30.0, 30.0))
    (0.1, 1.0)
    """
    widths = [high - low for low, high in (x_range, y_range)]
    if not all(math.isfinite(width) for width in widths):
        raise ValueError(
            "x_range and y_range must each span less than the largest float, "
            f"but got {x_range} and {y_range}."
        )
    for step in ROUND_STEPS:
        if any(width / step > most for width in widths):
            continue  # more than `most` steps along one side alone
        # len(lattice(low, high, step)) for both, without making them
        sizes = [math.ceil(width / step - 1e-9) + 1 for width in widths]
        if sizes[0] * sizes[1] <= most:
            return step
    return ROUND_STEPS[-1]


def nearest(values, value):
    """The index of the lattice value nearest to ``value``."""
    return int(np.argmin(np.abs(np.asarray(values) - value)))


@dataclass
class Slider:
    """A value on a lattice. ``index`` is where it starts."""

    name: str
    label: str
    values: np.ndarray
    index: int
    format: str = ".2f"
    page: int = 10  # one Page Up/Down moves this many steps
    shown_when: dict = field(default_factory=dict)
    # Ticks on the track: (label, where) with where a number or a column (a limit that
    # moves with another control, like (2 + 2β)/L with β).
    marks: list = field(default_factory=list)

    @property
    def labels(self):
        """Each value as the slider and the readout write it."""
        return [shown(value, self.format) for value in self.values]

    def spec(self):
        # The values as float64 bytes, and the format the browser writes them in (as
        # ``labels`` does): a list of 601 numbers and 601 texts would fill 600 lines of
        # the saved notebook.
        return {
            "kind": "slider",
            "name": self.name,
            "label": self.label,
            "values": _float64_bytes(self.values),
            "format": self.format,
            "page": self.page,
            "shown_when": self.shown_when,
            "marks": [{"label": label, "at": at} for label, at in self.marks],
        }


def slider(name, label, low, high, step, value, format=".2f", page=10, shown_when=None, marks=()):
    """A slider over ``lattice(low, high, step)`` starting at the value nearest ``value``."""
    values = lattice(low, high, step)
    index = nearest(values, value)
    return Slider(name, label, values, index, format, page, shown_when or {}, list(marks))


@dataclass
class Choice:
    """One of ``options`` (text), picked from a drop-down list."""

    name: str
    label: str
    options: list
    index: int = 0

    @property
    def values(self):
        return self.options

    @property
    def labels(self):
        return list(self.options)

    def spec(self):
        return {"kind": "choice", "name": self.name, "label": self.label, "options": self.options}


@dataclass
class Counter:
    """A whole number 0, 1, ..., ``most`` that only buttons change."""

    name: str
    most: int
    index: int = 0

    @property
    def values(self):
        return np.arange(self.most + 1)

    @property
    def labels(self):
        return [str(value) for value in self.values]

    def spec(self):
        return {"kind": "counter", "name": self.name, "values": _float64_bytes(self.values)}


@dataclass
class Button:
    """A button that adds ``add`` to a counter, or sets it to ``set_to``."""

    label: str
    counter: str
    add: int = 0
    set_to: int = None
    tooltip: str = ""

    def spec(self):
        return {
            "kind": "button",
            "label": self.label,
            "counter": self.counter,
            "add": self.add,
            "set_to": self.set_to,
            "tooltip": self.tooltip,
        }


@dataclass
class Sketch:
    """A ``side`` × ``side`` image the learner paints with the pointer, and clears with a
    button. Its pixels (0–1, row by row) travel in the position, as ``position[pixels]``
    (absent: ``start``); its index counts the drawings, 0 for ``start``, then 1, 2, …,
    ``most``, 1, 2, … again, so that a table computed for one drawing applies to it only
    (``at={name: index}``). What the pixels give is for the kernel to compute
    (``Explorer.answers_for``): with no kernel, only ``start`` has its numbers."""

    name: str
    label: str
    start: np.ndarray
    side: int = 8
    most: int = 255
    index: int = 0

    @property
    def pixels(self):
        """The key of the position that holds the pixels."""
        return f"{self.name}_pixels"

    @property
    def values(self):
        return np.arange(self.most + 1)

    @property
    def labels(self):
        return [str(value) for value in self.values]

    def image(self, position):
        """The pixels at ``position``, as a flat float array."""
        pixels = position.get(self.pixels)
        return np.asarray(self.start if pixels is None else pixels, dtype=float).ravel()

    def spec(self):
        return {
            "kind": "sketch",
            "name": self.name,
            "label": self.label,
            "values": _float64_bytes(self.values),
            "side": self.side,
            "start": [round(float(value), 3) for value in np.ravel(self.start)],
        }


def _float64_bytes(values):
    return np.ascontiguousarray(values, dtype="<f8").tobytes()


def control_values(spec):
    """A control's values as the browser reads them from its spec (for tests)."""
    return np.frombuffer(spec["values"], dtype="<f8").tolist()
