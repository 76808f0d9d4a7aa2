"""One plot style for the whole course.

- Colours: the Okabe–Ito palette, which stays distinct for the common forms
  of colour blindness.
- Colour is never the only cue: each colour in the cycle has its own line
  style, and the explorers mark points with distinct marker shapes.
- Opaque white figure backgrounds, so figures stay readable in JupyterLab's
  dark theme.
- Fonts large enough for a classroom projector.
- In a notebook, every figure is stored as a PNG of 256 colours: it looks the same
  and takes a third of the space, so notebooks stay light on GitHub.
"""

import matplotlib as mpl
from cycler import cycler

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

_CYCLE_COLORS = ["blue", "vermillion", "green", "orange", "purple", "sky", "black"]
_CYCLE_STYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3))]

#: matplotlib settings for every figure; use with ``plt.rc_context(STYLE)``
#: or apply globally with ``use_course_style()``.
STYLE = {
    "axes.prop_cycle": cycler(color=[COLORS[name] for name in _CYCLE_COLORS])
    + cycler(linestyle=_CYCLE_STYLES),
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.edgecolor": "#333333",
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linestyle": "-",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "legend.fontsize": 11,
    "legend.framealpha": 1.0,
    "lines.linewidth": 2.2,
    "lines.markersize": 8,
    "figure.dpi": 100,
}


def use_course_style():
    """Apply the course style to every figure made from now on in this kernel."""
    mpl.rcParams.update(STYLE)
    _show_figures_as_compact_pictures()


def _show_figures_as_compact_pictures():
    """In IPython, show a matplotlib figure as a PNG of 256 colours (see the docstring)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    # Load the backend first: the inline backend registers its own PNG formatter when it
    # loads (otherwise at the first figure), and would replace this one.
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    plt.switch_backend(mpl.get_backend())
    shell.display_formatter.formatters["image/png"].for_type(Figure, _compact_png)


def _compact_png(figure):
    """The figure as a notebook shows it (cropped to what is drawn), in 256 colours."""
    import base64

    from .explorers.figure import PALETTE, png

    return base64.b64encode(png(figure, palette=PALETTE, tight=True)).decode("ascii")
