"""Pictures: the course's colours, and a matplotlib figure as the PNG a notebook stores.

A leaf module: it imports nothing from ``helpers``, so style.py (the plot style) and
explorers/figure.py (an explorer's still picture) can both build on it.

- Colours: the Okabe–Ito palette, which stays distinct for the common forms of colour
  blindness, and the role each colour plays in every figure.
- ``png``: a figure as PNG bytes; with ``palette``, in that many colours. Every figure
  of the course is stored in ``PALETTE`` (256) colours: it looks the same and takes a
  third of the space, so notebooks stay light on GitHub.
"""

import io

from PIL import Image

#: Okabe & Ito (2008), "Color Universal Design": names for the colours we use.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

# The roles a colour plays in every figure of the course.
CURVE = COLORS["blue"]  # the function being studied
TANGENT = COLORS["vermillion"]  # tangent lines and slopes
SECANT = COLORS["orange"]  # secant lines
POINT = COLORS["black"]  # the point the learner moves
DERIVATIVE = COLORS["green"]  # the derivative curve f'(x)
PATH = COLORS["purple"]  # gradient descent paths

#: Colours in a stored picture. Chosen by maximum coverage, 256 keep every pixel
#: within 16/255 of full colour (anti-aliasing stays smooth, a legend's small marker
#: keeps its colour) and make the picture about three times smaller.
PALETTE = 256


def png(figure, sharpness=1, palette=None, tight=False):
    """The figure as PNG bytes; with ``palette``, in that many colours (smaller files);
    ``tight``: cropped to what is drawn, as a notebook shows a figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(2, 1))
    >>> png(figure, palette=PALETTE)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    buffer = io.BytesIO()
    quick = {"compress_level": 1} if palette else {}  # compressed for real below
    crop = {"bbox_inches": "tight"} if tight else {}
    figure.savefig(buffer, format="png", dpi=figure.dpi * sharpness, pil_kwargs=quick, **crop)
    if palette is None:
        return buffer.getvalue()
    return in_palette(Image.open(buffer), palette)


def in_palette(picture, palette=PALETTE):
    """A PIL picture as PNG bytes in ``palette`` colours.

    Fast octree keeps the few pixels of a legend's colour in that colour (every channel
    within 15/255 on the explorers' figures; median cut, PIL's default, gave a small
    vermillion marker the orange of a large curve) and makes the smallest files."""
    fewer = picture.convert("RGB").quantize(
        palette, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    fewer.save(buffer, format="png", compress_level=9)
    return buffer.getvalue()


def compact_png(figure):
    """The figure as a notebook shows it (cropped to what is drawn), in ``PALETTE``
    colours, base64-encoded as IPython's PNG formatter returns it."""
    import base64

    return base64.b64encode(png(figure, palette=PALETTE, tight=True)).decode("ascii")
