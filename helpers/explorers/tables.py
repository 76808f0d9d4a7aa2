"""Tables: every number an explorer shows, computed at every position its controls reach.

A table runs ``over`` some controls: for x on a lattice of 601 values, the column
"slope" holds 601 slopes, one per x. Over two controls (y, x) it holds one value per
grid point, row by row (y is the row, x the column), as numpy's ``ravel`` lays out
an array of shape (len(y), len(x)).

A table may also hold only ``at`` given positions of other controls: the slice of a
loss curve computed while the other weights sit where they are now, or a descent path
computed for one start and one learning rate. Anywhere else it does not apply,
and the number it would give is "pending" until the kernel computes a new table.

The browser (``Tables`` in explorer.js) and Python (``Tables.value``) find a number
the same way: the first table that has the column and applies at the position.
A column can also be read a few positions on: ``shifted("x", steps=1)`` is the x of
the next step.
"""

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Table:
    """Columns of numbers (or text), one entry per position of the ``over`` controls.

    With ``over=()`` a table holds one entry per column, and a column may be a whole
    array (a path: all the points of one descent run).
    """

    over: tuple
    columns: dict
    at: dict = field(default_factory=dict)

    def __post_init__(self):
        self.over = tuple(self.over)
        self.columns = {name: _column(column, self) for name, column in self.columns.items()}

    def applies(self, position):
        return all(position.get(name) == index for name, index in self.at.items())

    def row(self, position, sizes):
        """The entry's index for ``position``: row-major over the ``over`` controls."""
        index = 0
        for name in self.over:
            index = index * sizes[name] + position[name]
        return index

    def spec(self, sizes):
        """The table as the browser receives it: numbers as float64 bytes, text as lists."""
        shape = [sizes[name] for name in self.over]
        columns = {}
        for name, column in self.columns.items():
            if isinstance(column, (str, list)):
                columns[name] = {"text": column}
            else:
                if self.over and column.size != math.prod(shape):
                    raise ValueError(
                        f"column {name!r} has {column.size} entries, not {math.prod(shape)}"
                    )
                columns[name] = {
                    "float64": np.ascontiguousarray(column, dtype="<f8").tobytes(),
                    "shape": list(column.shape),
                }
        return {"over": list(self.over), "shape": shape, "at": dict(self.at), "columns": columns}


def shifted(column, **shift):
    """Column ``column`` read a few positions on: ``shifted("x", steps=1)``."""
    return {"column": column, "shift": shift}


def _column(column, table):
    """Text stays text (a str, or a list of them); numbers become floats, flat over the
    table's controls, or as given (a number, a path's array) in a table over nothing."""
    if isinstance(column, str):
        return column
    if isinstance(column, (list, tuple)) and any(isinstance(item, str) for item in column):
        return [str(item) for item in column]
    values = np.asarray(column, dtype=float)
    return values.ravel() if table.over else values


class Tables:
    """The explorer's tables: those computed once, then the kernel's latest answers."""

    def __init__(self, lattices, fixed):
        self.lattices = lattices  # control name -> the values it can take
        self.sizes = {name: len(values) for name, values in lattices.items()}
        self.fixed = list(fixed)
        self.answers = []

    def find(self, name, position):
        """The first table that has column ``name`` and applies at ``position``, or None."""
        for table in [*self.answers, *self.fixed]:
            if name in table.columns and table.applies(position):
                return table
        return None

    def value(self, name, position):
        """Column ``name``'s entry at ``position``; None where no table applies (pending).

        ``name`` may be ``shifted(column, control=k)``: that column, k positions on.
        """
        if isinstance(name, dict):
            position = {**position}
            for control, steps in name["shift"].items():
                position[control] += steps
                if not 0 <= position[control] < self.sizes[control]:
                    return None
            name = name["column"]
        table = self.find(name, position)
        if table is None:
            return None
        column = table.columns[name]
        if not table.over:
            return column if isinstance(column, str) else _plain(column)
        entry = column[table.row(position, self.sizes)]
        return entry if isinstance(entry, str) else float(entry)

    def along(self, name, control, position):
        """Column ``name`` at every position of ``control``, the others held (a slice)."""
        return [
            self.value(name, {**position, control: index}) for index in range(self.sizes[control])
        ]


def _plain(values):
    """A table's whole column: a float for one number, a copy of an array."""
    return float(values) if values.ndim == 0 else values.copy()
