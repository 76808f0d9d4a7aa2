"""The still part of an explorer: one matplotlib figure, drawn once, as a PNG picture.

matplotlib draws the axes, curves, contour maps, labels and legends in the course
style; the browser draws the moving parts over that picture, in the same data
coordinates. The picture is encoded by ``helpers.pictures.in_palette`` in
``PALETTE`` (256) colours. For that it needs, for each axes ("panel"), where the axes box sits
in the figure (in CSS pixels, from the top left) and what data its edges show.
"""

import contextlib
import io
import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation
from PIL import Image

from ..pictures import PALETTE, in_palette

#: The background is drawn at twice the figure's size: sharp on projectors and phones.
SHARPNESS = 2
#: The width of the figure drawn for a phone, in CSS pixels. A 390 px phone shows it about
#: 358 px wide, so its smallest text (9 pt, 12.5 px here) comes out about 15 px high; even
#: a 320 px phone shows that text over 11 px high.
NARROW_WIDTH = 300
#: The height of each stacked panel of the narrow figure, with its labels, in CSS pixels.
NARROW_PANEL_HEIGHT = 260
#: The least height of each plot of the narrow figure (its axes box), in CSS pixels.
NARROW_AXES_HEIGHT = 170
#: Above this many bytes of pictures, the narrow figure is drawn at 1×: it keeps each
#: explorer's saved state within 256 KB (tests/test_notebook_frame.py).
NARROW_BYTES = 24 * 1024


def new_figure(figsize):
    """A figure outside pyplot (a later plt.show() never shows it). Made inside
    ``course_style()``, as every explorer is built, it is in the course style."""
    figure = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def legend_outside(figure, axes, *, ncols=4, fontsize=9):
    """The legend of ``axes``, under the figure, outside every axes: no moving layer (a
    path, a point) is ever drawn over it, and its markers never read as points on a map."""
    handles, labels = axes.get_legend_handles_labels()
    return figure.legend(
        handles, labels, loc="outside lower center", ncols=ncols, fontsize=fontsize
    )


def freeze_layout(figure):
    """Lay the axes out once and keep them there: the browser draws into those boxes."""
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
        figure.set_layout_engine("none")


class WideLayout:
    """The figure's laid-out wide form (its size, each axes' place and box, its legends,
    its titles and axis labels), kept while it is laid out for a phone, and put back by
    ``restore()``."""

    def __init__(self, figure):
        self.figure = figure
        self.size = figure.get_size_inches().copy()
        self.axes = [
            (ax, ax.get_subplotspec(), ax.get_position(original=True),
             ax.get_position(original=False), ax.get_legend())
            for ax in figure.axes
        ]  # fmt: skip
        self.figure_legends = list(figure.legends)
        self.texts = [(text, text.get_text()) for text in _titles_and_labels(figure)]

    def restore(self):
        figure = self.figure
        figure.set_layout_engine("none")
        figure.set_size_inches(self.size)
        for legend in figure.legends:
            if legend not in self.figure_legends:
                legend.remove()
        figure.legends[:] = self.figure_legends
        for axes, place, original, active, legend in self.axes:
            if place is not None:
                axes.set_subplotspec(place)
            axes.set_position(original, which="original")
            axes.set_position(active, which="active")
            axes.set_in_layout(True)  # set_position took it out of any later layout
            if axes.get_legend() is not legend:
                axes.get_legend().remove()
                axes.legend_ = legend
                legend.set_visible(True)  # lay_out_narrow hid it, to measure under it
        for text, words in self.texts:
            text.set_text(words)


def _titles_and_labels(figure, *, with_axes=False):
    for axes in figure.axes:
        for text in (axes.title, axes._left_title, axes._right_title):
            yield (text, axes) if with_axes else text
        for text in (axes.xaxis.label, axes.yaxis.label):
            yield (text, None) if with_axes else text


@dataclass
class NarrowLayout:
    """The figure for a phone: where each panel goes (``places``, {axes: a SubplotSpec
    of a grid of the figure}), the figure's height to start from (CSS px), and the least
    height of any plot (its axes box) it may be squeezed to."""

    places: dict
    height: float
    least_axes_height: float = NARROW_AXES_HEIGHT


def lay_out_narrow(figure, layout):
    """Lay ``figure`` out for a phone as ``layout`` (a NarrowLayout) says: ``NARROW_WIDTH``
    CSS px wide, at least ``layout.height`` high, each axes at its place. On a figure that
    narrow a legend inside a plot would hide much of it, and one beside the title would
    cover it: each goes under its plot's x label. Every legend has at
    most two columns (one if two are too wide); titles and axis labels too long for the
    width break onto more lines; the figure grows until every plot is at least
    ``layout.least_axes_height`` px high."""
    places, least = layout.places, layout.least_axes_height
    figure.set_size_inches(NARROW_WIDTH / figure.dpi, layout.height / figure.dpi)
    for axes, place in places.items():
        axes.set_subplotspec(place)
    figure.set_layout_engine("constrained")
    figure.get_layout_engine().execute(figure)
    wrap_titles(figure)
    renderer = figure.canvas.get_renderer()
    for axes in figure.axes:
        legend = axes.get_legend()
        if legend is None or not legend.get_visible():
            continue
        # How far the tick labels and x label reach under the plot, in pixels.
        legend.set_visible(False)
        depth = axes.bbox.y0 - axes.get_tightbbox(renderer).y0 + 4
        under = axes.transAxes + ScaledTranslation(0, -depth / figure.dpi, figure.dpi_scale_trans)
        _rebuilt(axes, legend, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=under)
    for legend in list(figure.legends):
        figure.legends.remove(legend)
        _rebuilt(figure, legend, loc="outside lower center")
    rows = len({(place.rowspan.start, id(place.get_gridspec())) for place in places.values()})
    for _ in range(3):
        figure.get_layout_engine().execute(figure)
        boxes = [axes.get_position(original=True).height for axes in figure.axes if axes.axison]
        lowest = min(boxes, default=1.0) * figure.get_figheight() * figure.dpi
        if lowest >= least - 1:
            break
        taller = figure.get_figheight() + (least - lowest) * rows / figure.dpi
        figure.set_size_inches(NARROW_WIDTH / figure.dpi, taller)
    # Whole pixels: the picture and the size sent to the browser then agree exactly.
    figure.set_size_inches(
        NARROW_WIDTH / figure.dpi, round(figure.get_figheight() * figure.dpi) / figure.dpi
    )
    for _ in range(2):  # each wrap changes the layout a little, and so the room it had
        wrap_titles(figure)
        figure.get_layout_engine().execute(figure)
    freeze_layout(figure)


def _rebuilt(parent, legend, **placement):
    """A new legend of ``parent`` (an axes or the figure) with the entries and font size
    of ``legend``, in at most two columns (one if two would be wider than the figure),
    placed by ``placement``."""
    labels = [text.get_text() for text in legend.texts]
    fontsize = legend.texts[0].get_fontsize()
    renderer = legend.figure.canvas.get_renderer()
    for ncols in (min(legend._ncols, 2), 1):
        new = parent.legend(
            legend.legend_handles, labels, ncols=ncols, fontsize=fontsize, **placement
        )
        if new.get_window_extent(renderer).width <= NARROW_WIDTH - 8 or ncols == 1:
            return new
        new.remove()
    return new


def wrap_titles(figure):
    """Break each title or axis label that reaches past the figure's edges onto lines,
    at spaces; a title beside another plot, also if it is wider than its own plot (it
    would run into its neighbour's title)."""
    renderer = figure.canvas.get_renderer()
    width, _ = size_in_pixels(figure)
    for text, axes in _titles_and_labels(figure, with_axes=True):
        words = text.get_text().replace("\n", " ")
        if not words.strip():
            continue
        room = width
        place = axes.get_subplotspec() if axes is not None else None
        if place is not None and place.get_gridspec().ncols > 1:
            share = width * len(place.colspan) / place.get_gridspec().ncols
            axes.apply_aspect()  # an image's axes shrinks to its picture's shape
            room = min(share, axes.bbox.width + 16)
        for chars in range(len(words), 7, -2):
            text.set_text(textwrap.fill(words, chars) if chars < len(words) else words)
            extent = text.get_window_extent(renderer)
            if extent.x0 >= 0 and extent.x1 <= width and extent.width <= room:
                break


@contextlib.contextmanager
def _sharper(figure, sharpness):
    """Within: ``figure`` at ``sharpness`` times its dpi, as its canvas draws it (its
    renderer then has that many pixels); after: at its own dpi again."""
    dpi = figure.dpi
    figure.set_dpi(dpi * sharpness)
    try:
        yield figure.canvas
    finally:
        figure.set_dpi(dpi)


def drawn(figure, sharpness=SHARPNESS):
    """The figure (on its Agg canvas: see ``new_figure``) drawn at ``sharpness`` times its
    size, as a PIL picture: the pixels ``savefig`` gives, with no PNG written and read
    back (that took about 40 % of the time of a background)."""
    with _sharper(figure, sharpness) as canvas:
        canvas.draw()
        return Image.fromarray(np.array(canvas.buffer_rgba()))


def drawn_over(figure, background, artists, sharpness=SHARPNESS):
    """The figure as the browser shows it, at its own size: ``artists`` (the moving parts)
    drawn over ``background`` (the PNG of the figure drawn at ``sharpness`` without them),
    then shrunk ``sharpness`` times, each pixel the mean of the ones it covers, as a PIL
    picture. Only the artists are drawn (matplotlib's "blitting"): for the training
    explorer's 14 plots, about a fifth of the time of drawing the whole figure again."""
    still = np.asarray(Image.open(io.BytesIO(background)).convert("RGBA"))
    with _sharper(figure, sharpness) as canvas:
        renderer = canvas.get_renderer()
        np.asarray(renderer.buffer_rgba())[...] = still
        for artist in sorted(artists, key=lambda artist: artist.get_zorder()):
            figure.draw_artist(artist)
        pixels = np.array(renderer.buffer_rgba())
    return Image.fromarray(pixels).reduce(sharpness)


def size_in_pixels(figure):
    """(width, height) of the figure in CSS pixels (matplotlib's 100 dpi is 1 px per dot)."""
    width, height = figure.get_size_inches() * figure.dpi
    return round(width), round(height)


def smallest_text(figure):
    """The font size of the smallest text drawn in ``figure``, in its CSS pixels (1 pt is
    100/72 px at matplotlib's 100 dpi): tick labels, axis labels, titles, legends, labels
    of contour lines, every text that is visible and not empty."""
    tick_labels, drawn = set(), set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick_labels |= {tick.label1, tick.label2}
            if axes.axison and axis.get_visible():
                # The ticks the axis draws: those inside its limits (private, but it is
                # what Axis.draw itself asks).
                for tick in axis._update_ticks():
                    drawn |= {tick.label1, tick.label2}
    sizes = [
        text.get_fontsize() * figure.dpi / 72
        for text in figure.findobj(Text)
        if text.get_visible()
        and text.get_text().strip()
        and (text not in tick_labels or text in drawn)
        and not (text.axes is not None and not text.axes.axison and text in _axis_labels(text.axes))
    ]
    return min(sizes) if sizes else None


def _axis_labels(axes):
    return {axes.xaxis.label, axes.yaxis.label, axes.xaxis.offsetText, axes.yaxis.offsetText}


def panel(axes):
    """Where ``axes`` sits in its figure and what its edges show, for the browser."""
    width, height = size_in_pixels(axes.figure)
    box = axes.get_position()  # in fractions of the figure, from the bottom left
    return {
        "box": [box.x0 * width, (1 - box.y1) * height, box.width * width, box.height * height],
        "x": [float(limit) for limit in axes.get_xlim()],
        "y": [float(limit) for limit in axes.get_ylim()],
        "x_log": axes.get_xscale() == "log",
        "y_log": axes.get_yscale() == "log",
    }


__all__ = [
    "PALETTE",
    "NARROW_AXES_HEIGHT",
    "NARROW_BYTES",
    "NARROW_PANEL_HEIGHT",
    "NARROW_WIDTH",
    "NarrowLayout",
    "SHARPNESS",
    "WideLayout",
    "drawn",
    "drawn_over",
    "freeze_layout",
    "in_palette",
    "lay_out_narrow",
    "wrap_titles",
    "legend_outside",
    "new_figure",
    "panel",
    "size_in_pixels",
    "smallest_text",
]
