"""The still part of an explorer: one matplotlib figure, drawn once, as a PNG picture.

matplotlib draws the axes, curves, contour maps, labels and legends in the course
style; the browser draws the moving parts over that picture, in the same data
coordinates. For that it needs, for each axes ("panel"), where the axes box sits
in the figure (in CSS pixels, from the top left) and what data its edges show.
"""

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..style import use_course_style

#: The background is drawn at twice the figure's size: sharp on projectors and phones.
SHARPNESS = 2
#: Colours in the background picture. Chosen by maximum coverage, 128 keep every pixel
#: within 16/255 of full colour (anti-aliasing stays smooth, a legend's small marker
#: keeps its colour) and make the picture about three times smaller.
PALETTE = 256


def new_figure(figsize):
    """A figure in the course style, outside pyplot (a later plt.show() never shows it)."""
    use_course_style()
    figure = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


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


def png(figure, sharpness=1, palette=None, tight=False):
    """The figure as PNG bytes; with ``palette``, in that many colours (smaller files);
    ``tight``: cropped to what is drawn, as a notebook shows a figure."""
    buffer = io.BytesIO()
    quick = {"compress_level": 1} if palette else {}  # compressed for real below
    crop = {"bbox_inches": "tight"} if tight else {}
    figure.savefig(buffer, format="png", dpi=figure.dpi * sharpness, pil_kwargs=quick, **crop)
    if palette is None:
        return buffer.getvalue()
    # Fast octree keeps the few pixels of a legend's colour in that colour (every channel
    # within 15/255 on the explorers' figures; median cut, PIL's default, gave a small
    # vermillion marker the orange of a large curve) and makes the smallest files.
    picture = Image.open(buffer).convert("RGB")
    fewer = picture.quantize(palette, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    fewer.save(buffer, format="png", compress_level=9)
    return buffer.getvalue()
