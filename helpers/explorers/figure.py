"""The still part of an explorer: one matplotlib figure, drawn once, as a PNG picture.

matplotlib draws the axes, curves, contour maps, labels and legends in the course
style; the browser draws the moving parts over that picture, in the same data
coordinates. The picture is encoded by ``helpers.pictures.png`` in
``PALETTE`` (256) colours. For that it needs, for each axes ("panel"), where the axes box sits
in the figure (in CSS pixels, from the top left) and what data its edges show.
"""

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..pictures import PALETTE, png

#: The background is drawn at twice the figure's size: sharp on projectors and phones.
SHARPNESS = 2


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


def size_in_pixels(figure):
    """(width, height) of the figure in CSS pixels (matplotlib's 100 dpi is 1 px per dot)."""
    width, height = figure.get_size_inches() * figure.dpi
    return round(width), round(height)


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
    "SHARPNESS",
    "freeze_layout",
    "legend_outside",
    "new_figure",
    "panel",
    "png",
    "size_in_pixels",
]
