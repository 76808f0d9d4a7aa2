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
the next step. A table may hold ``beyond`` the last position of a control it runs
over (``beyond={"steps": 1}``: one more step than the counter reaches), so that the
last position too has a next one.
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
    beyond: dict = field(default_factory=dict)  # control -> positions held past its last
    # Columns that are only drawn, never written in a readout (a path's points): they
    # travel as float32, half the bytes, and Python keeps the same rounded values.
    drawn: frozenset = frozenset()

    def __post_init__(self):
        self.over = tuple(self.over)
        self.columns = {name: _column(column, self) for name, column in self.columns.items()}
        for name in self.drawn:  # float32 reaches 3e38: far past any picture's edge
            values = np.clip(self.columns[name], -1e30, 1e30)
            self.columns[name] = values.astype(np.float32).astype(float)

    def shape(self, sizes):
        """Entries along each ``over`` control: its lattice, and any positions beyond."""
        return [sizes[name] + self.beyond.get(name, 0) for name in self.over]

    def applies(self, position, sizes):
        """True where the table holds an entry: its ``at`` positions match, and the
        position lies inside every control's lattice (or this table's shape)."""
        if not all(position.get(name) == index for name, index in self.at.items()):
            return False
        inside = dict(sizes, **dict(zip(self.over, self.shape(sizes))))
        return all(0 <= position[name] < size for name, size in inside.items())

    def row(self, position, sizes):
        """The entry's index for ``position``: row-major over the ``over`` controls."""
        index = 0
        for name, size in zip(self.over, self.shape(sizes)):
            index = index * size + position[name]
        return index

    def spec(self, sizes):
        """The table as the browser receives it: numbers as float64 bytes, text as lists
        (see ``_packed`` for the shorter forms of long text and whole-number columns)."""
        shape = self.shape(sizes)
        columns = {}
        for name, column in self.columns.items():
            if isinstance(column, (str, list)):
                columns[name] = _packed_text(column)
            else:
                if self.over and column.size != math.prod(shape):
                    raise ValueError(
                        f"column {name!r} has {column.size} entries, not {math.prod(shape)}"
                    )
                packed = _packed_numbers(column, name in self.drawn)
                columns[name] = {**packed, "shape": list(column.shape)}
        return {"over": list(self.over), "shape": shape, "at": dict(self.at), "columns": columns}


def _packed_numbers(column, drawn=False):
    """Numbers as little-endian bytes: whole numbers 0 … 65535 (a count of steps) in one
    or two bytes each, a drawn column as float32, anything else as float64. The browser
    reads back the same values."""
    if drawn:
        return {"float32": np.ascontiguousarray(column, dtype="<f4").tobytes()}
    finite = np.all(np.isfinite(column))
    if column.size and finite and np.all(column == np.round(column)) and 0 <= column.min():
        for kind, dtype in (("uint8", "<u1"), ("uint16", "<u2")):
            if column.max() <= np.iinfo(dtype).max:
                return {kind: np.ascontiguousarray(column, dtype=dtype).tobytes()}
    return {"float64": np.ascontiguousarray(column, dtype="<f8").tobytes()}


def _packed_text(column):
    """A list of texts with few distinct ones (a status per step) as those texts and one
    byte per entry naming which; one text, or a list of many distinct ones, as it is."""
    if isinstance(column, str) or len(set(column)) > 256:
        return {"text": column}
    texts = sorted(set(column))
    codes = np.array([texts.index(text) for text in column], dtype="<u1")
    return {"texts": texts, "codes": codes.tobytes()}


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
        # A slider's (or counter's) own values are a column named after it, so a point
        # drawn at ("start_x", "start_y") needs no table that repeats them.
        own = [Table((name,), {name: v}) for name, v in lattices.items() if numeric(v)]
        self.fixed = [*fixed, *own]
        self.answers = []

    def find(self, name, position):
        """The first table that has column ``name`` and applies at ``position``, or None."""
        for table in [*self.answers, *self.fixed]:
            if name in table.columns and table.applies(position, self.sizes):
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
            name = name["column"]
        table = self.find(name, position)
        if table is None:
            return None
        column = table.columns[name]
        if not table.over:
            return column if isinstance(column, str) else _plain(column)
        entry = column[table.row(position, self.sizes)]
        return entry if isinstance(entry, str) else float(entry)

    def along(self, name, control, position, upto=None):
        """Column ``name`` at every position of ``control`` (or the first ``upto``), the
        others held: a slice."""
        count = self.sizes[control] if upto is None else upto
        return [self.value(name, {**position, control: index}) for index in range(count)]


def numeric(values):
    """True for a slider's or counter's values, False for a choice's texts."""
    return not any(isinstance(value, str) for value in values)


def _plain(values):
    """A table's whole column: a float for one number, a copy of an array."""
    return float(values) if values.ndim == 0 else values.copy()
