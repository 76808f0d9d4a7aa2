"""One plot style for the whole course.

- Colours: the Okabe–Ito palette, which stays distinct for the common forms
  of colour blindness.
- Colour is never the only cue: each colour in the cycle has its own line
  style, and the explorers mark points with distinct marker shapes.
- Opaque white figure backgrounds, so figures stay readable in JupyterLab's
  dark theme.
- Fonts large enough for a classroom projector.
- In a notebook, every figure is stored as a PNG of 256 colours (pictures.py).

The colours themselves live in pictures.py; they are named here too, for the figures.
"""

import functools

import matplotlib as mpl
from cycler import cycler

from .kernel import ipython_shell
from .pictures import COLORS, CURVE, DERIVATIVE, PATH, POINT, SECANT, TANGENT, compact_png

_CYCLE_COLORS = ["blue", "vermillion", "green", "orange", "purple", "sky", "black"]
_CYCLE_STYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3))]

#: matplotlib settings for every figure; use with ``course_style()`` (a
#: ``matplotlib.rc_context``) or apply globally with ``use_course_style()``.
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


def course_style():
    """The course style for the figures made inside ``with course_style():``, and none after.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> before = mpl.rcParams["font.size"]
    >>> with course_style():
    ...     mpl.rcParams["font.size"]
    12.0
    >>> mpl.rcParams["font.size"] == before
    True
    """
    return mpl.rc_context(STYLE)


def in_course_style(function):
    """``function`` run inside ``course_style()``: what it draws is in the course style,
    and matplotlib's global settings stay as they were."""

    @functools.wraps(function)
    def styled(*args, **kwargs):
        with course_style():
            return function(*args, **kwargs)

    return styled


def use_course_style():
    """Apply the course style to every figure made from now on in this kernel."""
    mpl.rcParams.update(STYLE)
    _show_figures_as_compact_pictures()


def _show_figures_as_compact_pictures():
    """In IPython, show a matplotlib figure as a PNG of 256 colours (see the docstring)."""
    shell = ipython_shell()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    # Load the backend first: the inline backend registers its own PNG formatter when it
    # loads (otherwise at the first figure), and would replace this one.
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    plt.switch_backend(mpl.get_backend())
    shell.display_formatter.formatters["image/png"].for_type(Figure, compact_png)


__all__ = [
    "COLORS",
    "CURVE",
    "DERIVATIVE",
    "PATH",
    "POINT",
    "SECANT",
    "STYLE",
    "TANGENT",
    "course_style",
    "in_course_style",
    "use_course_style",
]
