"""What every explorer shares: one figure made once, controls, a readout, mouse drags.

An explorer draws its figure a single time and keeps references to the lines
and points it will move. A slider move or a mouse drag then only changes their
data (``set_data``) and asks for a redraw (``draw_idle``): nothing is re-plotted.

With ipympl active (``%matplotlib widget``) the figure is a live canvas that
takes mouse presses and drags. Without it, the figure is shown as a picture
that the sliders still update, with a line saying how to turn dragging on.
"""

import base64
import io

import ipywidgets as widgets
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..style import use_course_style

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
