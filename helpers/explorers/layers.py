"""The moving parts of an explorer, one class per drawing step of explorer.js.

An explorer draws each moving part once in matplotlib, empty, in the course style
(``ax.plot([], [], "--", color=TANGENT, label="tangent line")``), so that the legend
shows it. A layer wraps that artist and says where its data comes from:

    Tangent(line, at=("x", "f"), slope="slope")

reads "draw this line through the point (x, f) with slope ``slope``", where "x",
"f" and "slope" are columns of the explorer's tables (a plain number is a constant).
The browser draws it from ``spec()``, with the artist's colour, width, dashes and
marker; ``show(value_of)`` puts the same data into the matplotlib artist, for the
picture of the explorer that GitHub and other places without widgets show.
"""

import numpy as np
from matplotlib.colors import to_hex

POINTS_PER_INCH = 72


class Layer:
    """One moving part: a matplotlib artist and the columns it is drawn from."""

    draw = ""  # the name of the drawing step in explorer.js

    def __init__(self, artist, shown_when=None, fade_while_pending=False):
        self.artist = artist
        self.shown_when = shown_when or {}
        # True: while the kernel computes a new answer, draw the last one, faded.
        self.fade_while_pending = fade_while_pending

    def refs(self):
        """This layer's columns and constants, as the browser reads them."""
        return {}

    def spec(self, panel_index):
        return {
            "draw": self.draw,
            "panel": panel_index(self.artist.axes),
            "style": artist_style(self.artist),
            "shown_when": self.shown_when,
            "fade_while_pending": self.fade_while_pending,
            **self.refs(),
        }

    def show(self, values):
        """Put the data for the current position into the artist, or hide it."""
        visible = values.matches(self.shown_when)
        if visible:
            try:
                self.show_data(values)
            except Pending:
                visible = False
        self.artist.set_visible(visible)

    def show_data(self, values):
        raise NotImplementedError


class Pending(Exception):
    """A column that no table holds at this position: the kernel has not computed it yet."""


class Values:
    """What ``Layer.show`` reads: the tables' entries at one position of the controls."""

    def __init__(self, tables, position):
        self.tables, self.position = tables, position

    def matches(self, positions):
        return all(self.position.get(name) == index for name, index in positions.items())

    def __call__(self, ref):
        """The entry of column ``ref`` here (a number ref is itself); raise Pending if none.

        ``ref`` is a column's name, a plain number, or ``tables.shifted(...)``."""
        value = ref if isinstance(ref, (int, float)) else self.tables.value(ref, self.position)
        if value is None:
            raise Pending(ref)
        return value

    def lattice(self, control):
        """Every value control ``control`` can take, as an array."""
        return np.asarray(self.tables.lattices[control], dtype=float)

    def along(self, ref, control, upto=None):
        """Column ``ref`` at every position of ``control`` (or the first ``upto``), the
        others held, as an array."""
        entries = self.tables.along(ref, control, self.position, upto)
        if any(entry is None for entry in entries):
            raise Pending(ref)
        return np.array(entries, dtype=float)


class Point(Layer):
    """A marker at (x, y)."""

    draw = "point"

    def __init__(self, line, at, **options):
        super().__init__(line, **options)
        self.at = at

    def refs(self):
        return {"at": list(self.at)}

    def show_data(self, values):
        x, y = (values(ref) for ref in self.at)
        self.artist.set_data([x], [y])


class Tangent(Layer):
    """The line through (x, y) with the given slope: across the panel, or ±half in x."""

    draw = "tangent"

    def __init__(self, line, at, slope, half=None, **options):
        super().__init__(line, **options)
        self.at, self.slope, self.half = at, slope, half

    def refs(self):
        return {"at": list(self.at), "slope": self.slope, "half": self.half}

    def show_data(self, values):
        x, y = (values(ref) for ref in self.at)
        slope = values(self.slope)
        if self.half is None:
            ends = np.array(self.artist.axes.get_xlim())
        else:
            ends = np.array([x - self.half, x + self.half])
        self.artist.set_data(ends, y + slope * (ends - x))


class Segment(Layer):
    """The segment from centre − half to centre + half (half is a vector)."""

    draw = "segment"

    def __init__(self, line, center, half, **options):
        super().__init__(line, **options)
        self.center, self.half = center, half

    def refs(self):
        return {"center": list(self.center), "half": list(self.half)}

    def show_data(self, values):
        (x, y), (dx, dy) = ([values(ref) for ref in pair] for pair in (self.center, self.half))
        self.artist.set_data([x - dx, x + dx], [y - dy, y + dy])


class Guide(Layer):
    """A line across the whole panel: horizontal at y = ``at``, or vertical at x = ``at``."""

    draw = "guide"

    def __init__(self, line, at, vertical, **options):
        super().__init__(line, **options)
        self.at, self.vertical = at, vertical

    def refs(self):
        return {"at": self.at, "vertical": self.vertical}

    def show_data(self, values):
        at = values(self.at)
        ax = self.artist.axes
        if self.vertical:
            self.artist.set_data([at, at], ax.get_ylim())
        else:
            self.artist.set_data(ax.get_xlim(), [at, at])


class Arrow(Layer):
    """An arrow from ``start`` along ``vector`` × ``scale`` (a FancyArrowPatch)."""

    draw = "arrow"

    def __init__(self, patch, start, vector, scale=1.0, head=10.0, **options):
        super().__init__(patch, **options)
        self.start, self.vector, self.scale, self.head = start, vector, scale, head

    def refs(self):
        return {
            "start": list(self.start),
            "vector": list(self.vector),
            "scale": self.scale,
            "head": self.head,
        }

    def show_data(self, values):
        x, y = (values(ref) for ref in self.start)
        u, v = (values(ref) * self.scale for ref in self.vector)
        self.artist.set_positions((x, y), (x + u, y + v))


class Slice(Layer):
    """The curve of column ``value`` as control ``along`` runs over its lattice, the other
    controls held: a slice of a surface, or a loss curve over one weight.

    Its horizontal coordinate is the column ``x`` (by default the control's own
    values). With ``upto_current`` it stops
    at the control's current position (the path of gradient descent so far).
    """

    draw = "slice"

    def __init__(self, line, along, value, x=None, upto_current=False, **options):
        super().__init__(line, **options)
        self.along, self.value, self.x = along, value, x
        self.upto_current = upto_current

    def refs(self):
        return {"along": self.along, "value": self.value, "x": self.x, "upto": self.upto_current}

    def show_data(self, values):
        # Up to the current position only: what lies beyond may not be computed yet.
        upto = values.position[self.along] + 1 if self.upto_current else None
        ys = values.along(self.value, self.along, upto)
        xs = (
            values.lattice(self.along)[:upto]
            if self.x is None
            else values.along(self.x, self.along, upto)
        )
        self.artist.set_data(xs, ys)


class Path(Layer):
    """The polyline of two whole-array columns (a descent path the kernel computed)."""

    draw = "path"

    def __init__(self, line, x, y, **options):
        super().__init__(line, **options)
        self.x, self.y = x, y

    def refs(self):
        return {"x": self.x, "y": self.y}

    def show_data(self, values):
        self.artist.set_data(values(self.x), values(self.y))


class Sinusoid(Layer):
    """y = a·cos θ + b·sin θ over the lattice of control ``along`` (θ in degrees):
    the slope of f in every direction, a·cos θ + b·sin θ = ∇f·u."""

    draw = "sinusoid"

    def __init__(self, line, along, a, b, cos="cos", sin="sin", **options):
        super().__init__(line, **options)
        self.along, self.a, self.b, self.cos, self.sin = along, a, b, cos, sin

    def refs(self):
        return {"along": self.along, "a": self.a, "b": self.b, "cos": self.cos, "sin": self.sin}

    def show_data(self, values):
        angles = values.lattice(self.along)
        cos, sin = (values.along(ref, self.along) for ref in (self.cos, self.sin))
        self.artist.set_data(angles, values(self.a) * cos + values(self.b) * sin)


def artist_style(artist):
    """Colour, line width, dashes and marker of a matplotlib artist, in CSS pixels."""
    pixels = artist.figure.dpi / POINTS_PER_INCH
    if hasattr(artist, "get_marker"):  # a Line2D
        dashes = getattr(artist, "_dash_pattern", (0, None))[1]
        line_visible = artist.get_linestyle() not in ("None", "", " ")
        return {
            "color": to_hex(artist.get_color()),
            "width": artist.get_linewidth() * pixels if line_visible else 0,
            "dashes": [d * pixels for d in dashes] if dashes else [],
            "marker": None
            if artist.get_marker() in ("None", "", " ", None)
            else artist.get_marker(),
            "size": artist.get_markersize() * pixels,
            "face": to_hex(artist.get_markerfacecolor(), keep_alpha=False),
            "edge": to_hex(artist.get_markeredgecolor(), keep_alpha=False),
            "edge_width": artist.get_markeredgewidth() * pixels,
            "alpha": 1.0 if artist.get_alpha() is None else artist.get_alpha(),
        }
    return {  # a patch: an arrow
        "color": to_hex(artist.get_facecolor(), keep_alpha=False),
        "edge": to_hex(artist.get_edgecolor(), keep_alpha=False),
        "width": artist.get_linewidth() * pixels,
        "alpha": 1.0 if artist.get_alpha() is None else artist.get_alpha(),
    }
