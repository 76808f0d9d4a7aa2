"""Tools for explorer tests: real mouse events through the figure's canvas."""

import contextlib

import matplotlib
from matplotlib.backend_bases import MouseEvent


@contextlib.contextmanager
def ipympl_backend():
    """Make explorers in this block with ipympl's canvas, as `%matplotlib widget` does."""
    previous = matplotlib.get_backend()
    matplotlib.use("module://ipympl.backend_nbagg")
    try:
        yield
    finally:
        matplotlib.use(previous)


def mouse(explorer, kind, axes, x, y, button=1):
    """Send a real matplotlib mouse event at data point (x, y) of ``axes``."""
    pixel_x, pixel_y = axes.transData.transform((x, y))
    name = {
        "press": "button_press_event",
        "move": "motion_notify_event",
        "release": "button_release_event",
    }[kind]
    held = button if kind != "move" else (button if explorer._dragging_in else None)
    MouseEvent(name, explorer.fig.canvas, pixel_x, pixel_y, button=held)._process()


def drag(explorer, axes, points):
    """Press at the first point, move through the rest, release at the last."""
    mouse(explorer, "press", axes, *points[0])
    for point in points[1:]:
        mouse(explorer, "move", axes, *point)
    mouse(explorer, "release", axes, *points[-1])
