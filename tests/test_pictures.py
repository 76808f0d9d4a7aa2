"""helpers/pictures.py: the colours, and a figure as the PNG a notebook stores."""

import base64
import io

from matplotlib.figure import Figure
from PIL import Image

from helpers import pictures


def a_figure():
    figure = Figure(figsize=(3, 2))
    ax = figure.subplots()
    for k, colour in enumerate(pictures.COLORS.values()):
        ax.plot([0, 1], [k, k + 1], color=colour)
    return figure


def test_the_stored_picture_has_at_most_256_colours_and_is_smaller():
    full = pictures.png(a_figure())
    fewer = pictures.png(a_figure(), palette=pictures.PALETTE)
    picture = Image.open(io.BytesIO(fewer))
    assert picture.mode == "P" and len(picture.getcolors(maxcolors=257)) <= 256
    assert len(fewer) < len(full)


def test_compact_png_is_the_cropped_picture_in_base64():
    figure = a_figure()
    encoded = pictures.compact_png(figure)
    assert base64.b64decode(encoded) == pictures.png(figure, palette=256, tight=True)


def test_the_roles_are_okabe_ito_colours():
    roles = [pictures.CURVE, pictures.TANGENT, pictures.SECANT, pictures.POINT]
    assert set(roles) <= set(pictures.COLORS.values())
