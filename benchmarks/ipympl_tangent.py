"""The baseline of the browser benchmark: the course's tangent explorer before issue 8.

A minimal copy of helpers/explorers/base.py and tangent.py as they were (ipympl, blitting
in the kernel): every move is drawn by matplotlib in the kernel and shipped to the
browser as a PNG diff. The benchmark measures it in the same run as the new explorers,
so the two can be compared on the same machine. Needs ``%matplotlib widget`` (ipympl,
installed by the bench extra). Not used by the course.
"""

import base64
import io

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.derivatives import derivative
from helpers.explorers.curves import curve_on_grid, function_label, padded_limits, square
from helpers.style import CURVE, DERIVATIVE, POINT, TANGENT, use_course_style
from helpers.validation import require_callable, require_finite_number, require_range

ENABLE_DRAGGING = (
    "Dragging on the plot needs interactive figures: run <code>%matplotlib widget</code> "
    "in a cell above, then run this cell again. The slider works either way."
)


def ipympl_active():
    """True when figures are drawn by ipympl (``%matplotlib widget``), so the mouse works."""
    backend = matplotlib.get_backend().lower()
    return backend in ("widget", "ipympl") or "ipympl" in backend


def _new_figure(figsize, interactive):
    """A figure outside pyplot's list, so a later ``plt.show()`` never shows it again.

    It switches the course style on (as every notebook's first cell does), since
    axes take their look from the style when they are made.
    """
    use_course_style()
    figure = Figure(figsize=figsize, layout="constrained")
    if interactive:
        from ipympl.backend_nbagg import Canvas, FigureManager

        canvas = Canvas(figure)
        FigureManager(canvas, 0)  # gives the canvas its toolbar, as pyplot would
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.toolbar_visible = False  # no pan/zoom mode to fight the drag
        canvas.resizable = False
        canvas.capture_scroll = False
    else:
        FigureCanvasAgg(figure)
    return figure


class Explorer:
    """Base class: a figure, controls above it, a readout of the current numbers.

    Subclasses draw their artists on ``self.fig`` once, then call
    ``self._assemble(controls)``, and redraw through ``self._redraw()``.
    """

    def __init__(self, figsize=(7.5, 4.5)):
        self.interactive = ipympl_active()
        self.fig = _new_figure(figsize, self.interactive)
        self.readout = widgets.HTML()
        self.readout.add_class("explorer-readout")
        self._drag_targets = {}  # axes -> function(x, y) called while dragging there
        self._dragging_in = None
        self._moving_artists = []  # redrawn on every move, over a saved background
        self._background = None

    def moving(self, *artists):
        """Declare the artists that change on every move (lines, points, arrows, text).

        Under ipympl they are drawn over a saved picture of everything else
        ("blitting"), so a move redraws a few artists instead of the whole figure.
        """
        self._moving_artists.extend(artists)
        if self.interactive:
            for artist in artists:
                artist.set_animated(True)

    def _assemble(self, controls):
        """Lay out controls, readout and figure; wire up the mouse."""
        if self.interactive:
            view, notes = self.fig.canvas, []
            self.fig.canvas.mpl_connect("button_press_event", self._on_press)
            self.fig.canvas.mpl_connect("motion_notify_event", self._on_motion)
            self.fig.canvas.mpl_connect("button_release_event", self._on_release)
            self.fig.canvas.mpl_connect("draw_event", self._on_full_draw)
        else:
            view = widgets.Image(format="png")
            notes = [widgets.HTML(ENABLE_DRAGGING)]
        self._view = view
        self.widget = widgets.VBox([*controls, self.readout, view, *notes])
        self.widget.add_class("explorer")
        # Lay the axes out once, then freeze: only data moves from here on, and
        # re-running the layout on every redraw would cost more than the drawing.
        engine = self.fig.get_layout_engine()
        if engine is not None:
            engine.execute(self.fig)
            self.fig.set_layout_engine("none")
        self._redraw()

    def _redraw(self, everything=False):
        """Show the artists' new data: blit them under ipympl, or re-render the picture.

        ``everything=True`` redraws the whole figure, for the rare change to an
        artist that is not moving (a new curve, new axis limits, new labels).
        """
        if not self.interactive:
            self._view.value = self.png()
        elif everything or self._background is None or not self._moving_artists:
            self.fig.canvas.draw_idle()  # the first full drawing is still to come
        else:
            canvas = self.fig.canvas
            canvas.restore_region(self._background)
            self._draw_moving_artists()
            canvas.blit(self.fig.bbox)  # ipympl sends only the pixels that changed

    def _on_full_draw(self, event):
        """After a full drawing (of everything but the moving artists): save it, add them."""
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving_artists()

    def _draw_moving_artists(self):
        for artist in self._moving_artists:
            self.fig.draw_artist(artist)

    def drag(self, axes, on_move):
        """While the mouse is pressed in ``axes``, call ``on_move(x, y)`` at each move.

        The press itself counts as a move, so clicking anywhere jumps there.
        """
        self._drag_targets[axes] = on_move

    def _on_press(self, event):
        if event.inaxes in self._drag_targets and event.xdata is not None:
            self._dragging_in = event.inaxes
            self._drag_targets[event.inaxes](event.xdata, event.ydata)

    def _on_motion(self, event):
        if self._dragging_in is not None and event.inaxes is self._dragging_in:
            self._drag_targets[self._dragging_in](event.xdata, event.ydata)

    def _on_release(self, event):
        self._dragging_in = None

    def png(self):
        """The figure as PNG bytes, as it looks now, moving artists included."""
        for artist in self._moving_artists:
            artist.set_animated(False)
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png")
        for artist in self._moving_artists:
            artist.set_animated(self.interactive)
        return buffer.getvalue()

    def summary(self):
        """One line of plain text with the current numbers (subclasses fill it in)."""
        return type(self).__name__

    def _repr_mimebundle_(self, include=None, exclude=None):
        # The live widget for JupyterLab; a picture and a line of text for places
        # without widgets (GitHub's notebook view, nbval's comparison).
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = self.summary()
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        return bundle


def slider(description, value, low, high, step=0.01, readout_format=".2f"):
    """A float slider that moves with the arrow keys and shows its value."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=readout_format,
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="480px"),
    )


def clip(value, low, high):
    """``value`` kept inside [low, high]."""
    return min(max(float(value), low), high)


class TangentExplorer(Explorer):
    """y = f(x), the tangent line at x, and (optionally) the derivative curve beside it."""

    def __init__(self, f=square, x=1.0, x_range=(-3.0, 3.0), label=None, show_derivative=False):
        self.f = require_callable(f, "f")
        self.low, self.high = require_range(x_range, "x_range")
        x = require_finite_number(x, "x")
        if not self.low <= x <= self.high:
            raise ValueError(f"x must lie inside x_range {x_range}, but got {x}.")
        if label is not None and not isinstance(label, str):
            raise TypeError(f"label must be text, like 'sin(x)', but got {label!r:.40}.")
        if not isinstance(show_derivative, bool):
            raise TypeError(
                f"show_derivative must be True or False, but got {show_derivative!r:.40}."
            )
        # A "$" would switch matplotlib to maths typesetting, which can fail: show it as is.
        label = (label or function_label(f)).replace("$", r"\$")
        self.label = label
        super().__init__(figsize=(9.6, 4.0) if show_derivative else (7.5, 4.5))

        grid, curve = curve_on_grid(self.f, self.low, self.high)
        if show_derivative:
            self.ax, self.slope_ax = self.fig.subplots(1, 2)
        else:
            self.ax, self.slope_ax = self.fig.subplots(), None
        self.ax.plot(grid, curve, color=CURVE, label=f"y = {label}")
        (self.tangent_line,) = self.ax.plot([], [], "--", color=TANGENT, label="tangent line")
        (self.point,) = self.ax.plot([], [], "o", color=POINT, label="(x, f(x))", zorder=3)
        self.ax.set(xlim=(self.low, self.high), ylim=padded_limits(curve), xlabel="x", ylabel="y")
        self.ax.set_title(f"y = {label} and its tangent line")
        self.ax.legend(loc="upper center")
        self.drag(self.ax, lambda x_mouse, _: self.move_to(clip(x_mouse, self.low, self.high)))

        if show_derivative:
            slopes = derivative(self.f, grid)
            self.slope_ax.plot(grid, slopes, "-.", color=DERIVATIVE, label="slope f′(x)")
            self.slope_ax.axhline(0, color="#555555", linewidth=1)
            (self.slope_point,) = self.slope_ax.plot([], [], "s", color=POINT, zorder=3)
            self.slope_ax.set(xlim=(self.low, self.high), ylim=padded_limits(slopes), xlabel="x")
            self.slope_ax.set(ylabel="slope", title=f"the derivative of {label}")
            self.slope_ax.legend(loc="upper center")
            self.drag(
                self.slope_ax, lambda x_mouse, _: self.move_to(clip(x_mouse, self.low, self.high))
            )

        self.moving(self.tangent_line, self.point)
        if show_derivative:
            self.moving(self.slope_point)
        self.slider = slider("x (arrow keys move it)", x, self.low, self.high)
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        self._update(x, redraw=False)
        self._assemble([self.slider])

    def move_to(self, x):
        """Move the point to x, as the slider or a mouse drag would."""
        self.slider.value = x

    def _update(self, x, redraw=True):
        y = float(self.f(x))
        self.slope = derivative(self.f, x)
        self.x, self.y = x, y
        ends = np.array([self.low, self.high])
        self.tangent_line.set_data(ends, y + self.slope * (ends - x))
        self.point.set_data([x], [y])
        if self.slope_ax is not None:
            self.slope_point.set_data([x], [self.slope])
        self.readout.value = (
            f"<b>x = {x:.2f}</b> &nbsp;&nbsp; f(x) = {y:.2f} &nbsp;&nbsp; "
            f"<b>slope = {self.slope:.2f}</b>"
        )
        if redraw:
            self._redraw()

    def summary(self):
        return f"Tangent explorer on y = {self.label}: x = {self.x:.2f}, slope = {self.slope:.2f}"


def tangent_explorer(f=square, x=1.0, x_range=(-3.0, 3.0), label=None, show_derivative=False):
    """The course's tangent explorer as it was with ipympl: the same parameters as
    ``helpers.tangent_explorer`` (see its docstring), kept only as a benchmark baseline."""
    return TangentExplorer(f, x, x_range, label, show_derivative)
