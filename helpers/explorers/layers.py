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

from .formatting import shown

POINTS_PER_INCH = 72


class Layer:
    """One moving part: a matplotlib artist and the columns it is drawn from."""

    draw = ""  # the name of the drawing step in explorer.js

    def __init__(self, artist, shown_when=None, fade_while_pending=False, narrow=None):
        self.artist = artist
        self.shown_when = shown_when or {}
        # True: while the kernel computes a new answer, draw the last one, faded.
        self.fade_while_pending = fade_while_pending
        # The refs that differ in the narrow figure (Explorer.narrow_layout), where the
        # still parts are drawn at other places: a graph top to bottom on a phone.
        self.narrow = narrow or {}

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
            **({"narrow": self.narrow} if self.narrow else {}),
        }

    def artists(self):
        """The matplotlib artists it draws with: its artist (Bars: every bar)."""
        return [self.artist]

    def hide(self):
        """Hide its artists: the still picture is drawn without them."""
        for artist in self.artists():
            artist.set_visible(False)

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


class Across(Layer):
    """The segment through ``center`` at right angles to the vector ``normal``, ``half``
    (data units) on each side: a contour line's direction, across the gradient.
    Nothing is drawn where the vector is 0."""

    draw = "across"

    def __init__(self, line, center, normal, half, **options):
        super().__init__(line, **options)
        self.center, self.normal, self.half = center, normal, half

    def refs(self):
        return {"center": list(self.center), "normal": list(self.normal), "half": self.half}

    def show_data(self, values):
        (x, y), (a, b) = ([values(ref) for ref in pair] for pair in (self.center, self.normal))
        size = np.hypot(a, b)
        if not size > 0:
            self.artist.set_data([], [])
            return
        dx, dy = -b / size * self.half, a / size * self.half
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
    """An arrow from ``start`` along ``vector`` × ``scale`` (a FancyArrowPatch, already on
    its axes). ``head`` is the head's length and ``shaft`` the shaft's width, in CSS
    pixels; the head is 0.6 × ``head`` wide. The patch is given the same shape, so the
    picture without a browser shows the arrow the browser draws."""

    draw = "arrow"

    def __init__(self, patch, start, vector, scale=1.0, head=10.0, shaft=3.0, **options):
        super().__init__(patch, **options)
        self.start, self.vector, self.scale = start, vector, scale
        self.head, self.shaft = head, shaft
        points = POINTS_PER_INCH / patch.figure.dpi  # matplotlib sizes arrows in points
        patch.set_arrowstyle(
            "simple",
            head_length=head * points,
            head_width=0.6 * head * points,
            tail_width=shaft * points,
        )
        patch.set_mutation_scale(1)
        patch.shrinkA = patch.shrinkB = 0  # from the point itself, as the browser draws it

    def refs(self):
        return {
            "start": list(self.start),
            "vector": list(self.vector),
            "scale": self.scale,
            "head": self.head,
            "shaft": self.shaft,
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


class Text(Layer):
    """A number written at a fixed place: ``prefix`` + the column's value in ``format``
    (a node's value and gradient in a computational graph)."""

    draw = "text"

    def __init__(self, text, value, prefix="", format=".2f", **options):
        super().__init__(text, **options)
        self.value, self.prefix, self.format = value, prefix, format

    def refs(self):
        x, y = self.artist.get_position()
        return {
            "at": [float(x), float(y)],
            "value": self.value,
            "prefix": self.prefix,
            "format": self.format,
        }

    def show_data(self, values):
        self.artist.set_text(self.prefix + shown(values(self.value), self.format))


class Peak(Layer):
    """A marker at the top of y = a·cos θ + b·sin θ (θ in degrees): at θ = atan2(b, a),
    height √(a² + b²); with ``lowest``, at the bottom, 180° on. Nothing where a = b = 0."""

    draw = "peak"

    def __init__(self, line, a, b, lowest=False, **options):
        super().__init__(line, **options)
        self.a, self.b, self.lowest = a, b, lowest

    def refs(self):
        return {"a": self.a, "b": self.b, "lowest": self.lowest}

    def show_data(self, values):
        a, b = values(self.a), values(self.b)
        height = np.hypot(a, b)
        if not height > 0:
            self.artist.set_data([], [])
            return
        angle = (np.degrees(np.arctan2(b, a)) + (180 if self.lowest else 0)) % 360
        self.artist.set_data([angle], [-height if self.lowest else height])


class Images(Layer):
    """Square images side by side, from one whole-array column of colour codes 0–255
    (hidden units' weights, a gradient map): tile t, row i, column j of the image is entry
    ``t·side² + i·side + j``, and code q is painted ``colors[q]``. The tiles sit in a grid
    of ``columns`` per row, ``gap`` pixels apart, in the data coordinates of an
    ``imshow`` (the artist, an AxesImage): pixel (row r, column c) centred at (c, r)."""

    draw = "images"

    def __init__(self, image, values, *, count, columns, colors, side=8, gap=1, **options):
        super().__init__(image, **options)
        self.values, self.count, self.columns = values, count, columns
        self.colors, self.side, self.gap = list(colors), side, gap

    def refs(self):
        return {
            "values": self.values,
            "count": self.count,
            "columns": self.columns,
            "side": self.side,
            "gap": self.gap,
            "colors": self.colors,
        }

    def mosaic(self, codes):
        """The tiles laid out as one array (nan in the gaps), as the browser lays them out."""
        rows = -(-self.count // self.columns)
        step = self.side + self.gap
        mosaic = np.full((rows * step - self.gap, self.columns * step - self.gap), np.nan)
        tiles = np.asarray(codes, dtype=float).reshape(self.count, self.side, self.side)
        for t, tile in enumerate(tiles):
            top, left = (t // self.columns) * step, (t % self.columns) * step
            mosaic[top : top + self.side, left : left + self.side] = tile
        return mosaic

    def show_data(self, values):
        self.artist.set_data(self.mosaic(values(self.values)))


class Bars(Layer):
    """A bar chart of one whole-array column (ten probabilities): bar k at x = k, from 0 to
    the column's entry ``start`` + k, ``width`` wide; the tallest in ``highlight``. The
    artist is the BarContainer of ``ax.bar(range(n), zeros)``; the browser draws with its
    first bar's colour. (``start``: several charts read one column, one buffer.)"""

    draw = "bars"

    def __init__(self, bars, values, *, highlight, start=0, width=0.8, **options):
        self.bars = list(bars)
        super().__init__(self.bars[0], **options)
        self.values, self.highlight, self.width = values, highlight, width
        self.start = start
        self.color = to_hex(self.bars[0].get_facecolor(), keep_alpha=False)

    def refs(self):
        return {
            "values": self.values,
            "start": self.start,
            "count": len(self.bars),
            "width": self.width,
            "highlight": to_hex(self.highlight),
        }

    def artists(self):
        return self.bars

    def show(self, values):
        super().show(values)
        for bar in self.bars[1:]:
            bar.set_visible(self.artist.get_visible())

    def show_data(self, values):
        heights = np.asarray(values(self.values), dtype=float)
        heights = heights[self.start : self.start + len(self.bars)]
        best = int(np.argmax(heights))
        for k, (bar, height) in enumerate(zip(self.bars, heights)):
            bar.set_height(height)
            bar.set_facecolor(self.highlight if k == best else self.color)


def artist_style(artist):
    """Colour, line width, dashes and marker of a matplotlib artist, in CSS pixels, and
    whether it is clipped to its axes (``clip_on=False``: a marker on the panel's edge)."""
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
            "face": _colour_or_none(artist.get_markerfacecolor()),
            "edge": to_hex(artist.get_markeredgecolor(), keep_alpha=False),
            "edge_width": artist.get_markeredgewidth() * pixels,
            "alpha": 1.0 if artist.get_alpha() is None else artist.get_alpha(),
            "clip": artist.get_clip_on(),
        }
    if hasattr(artist, "get_extent"):  # an AxesImage: its layer names its colours
        return {"color": "#000000", "alpha": 1.0, "clip": artist.get_clip_on()}
    if hasattr(artist, "get_text"):  # a Text
        return {
            "color": to_hex(artist.get_color()),
            "size": artist.get_fontsize() * pixels,
            "align": artist.get_horizontalalignment(),
            "weight": artist.get_fontweight(),
            "alpha": 1.0 if artist.get_alpha() is None else artist.get_alpha(),
        }
    return {  # a patch: an arrow
        "color": to_hex(artist.get_facecolor(), keep_alpha=False),
        "edge": to_hex(artist.get_edgecolor(), keep_alpha=False),
        "width": artist.get_linewidth() * pixels,
        "alpha": 1.0 if artist.get_alpha() is None else artist.get_alpha(),
        "clip": artist.get_clip_on(),
    }


def _colour_or_none(colour):
    """A colour as hex, or None for matplotlib's "none" (a hollow marker)."""
    return None if isinstance(colour, str) and colour.lower() == "none" else to_hex(colour)
