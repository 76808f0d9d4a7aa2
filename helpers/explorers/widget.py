"""The one explorer widget: the kernel computes, the browser draws.

Every explorer is an ``Explorer``, made of

- controls (controls.py): sliders on a lattice of values, choices, counters, buttons;
- tables (tables.py): every number it shows, computed once by ``helpers.derivative``
  & co at every position the controls can reach;
- a background (figure.py): the still parts, drawn once by matplotlib at 2× size;
- layers (layers.py): the moving parts (tangent, point, arrow, slice, path), each a
  matplotlib artist plus the columns it is drawn from;
- a readout: ``name = value`` items, looked up in the same tables.

explorer.js draws it in the browser: at each move of the mouse or key press it looks
up the current position in the tables and draws the layers over the background, in
the same animation frame. It also tells the kernel where it is (the ``position``
trait), so ``explorer.x`` and ``explorer.summary()`` in Python follow within one round
trip, and the explorer can compute what no table holds (``answers_for``: a whole
descent path for a new start). The saved widget state holds everything but those
answers, so a notebook opened with no kernel (an HTML export, the course website)
still has explorers that move.
"""

import base64
import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import anywidget
import ipywidgets
import traitlets

from ..kernel import ipython_shell
from ..style import course_style, in_course_style
from ..validation import require_finite_number
from . import figure as still
from .controls import Button, Counter, Slider, nearest
from .formatting import shown
from .layers import Values
from .tables import Tables

HERE = Path(__file__).parent
#: When an explorer draws its figure for a phone: "now" (by default: as soon as the cell
#: that made it has finished, so a saved notebook and the website carry it; see
#: ``after_the_cell``), or "on request", once a view with under 600 px of room asks for
#: it. The class hub asks for "on request" (hub/jupyterhub_config.py): drawing it costs
#: about a third of a CPU-second per explorer, for thirty students at once, and a phone
#: in the class still gets it, one round trip later.
PHONE_FIGURES = os.environ.get("HELPERS_PHONE_FIGURES", "now")
#: Between readout items: wide enough to read (and to split) as separate numbers.
GAP = "\u00a0\u00a0 "


@dataclass
class Number:
    """A readout item ``label = value``: the value of a column, or of a control."""

    label: str
    column: str = None
    control: str = None
    format: str = ".2f"
    large: str = None  # the format once |value| ≥ 1e6 (see formatting.shown)
    small: str = None  # the format once 0 < |value| < 0.1 (see formatting.shown)
    strong: bool = False
    shown_when: dict = field(default_factory=dict)

    def spec(self):
        return {"kind": "number", **self.__dict__}


@dataclass
class Words:
    """A readout item that is text from a column: ``label: text``, or the text alone."""

    column: str
    label: str = None
    strong: bool = False
    shown_when: dict = field(default_factory=dict)

    def spec(self):
        return {"kind": "words", **self.__dict__}


@dataclass
class Drag:
    """A press-and-drag on ``axes`` moves control ``x`` with the mouse's x (and ``y``
    with its y) to the lattice position whose value, or column ``x_at``, is nearest.
    ``sets`` puts counters at a position too (a drag on the start resets the steps);
    ``shown_when`` limits it to some positions (the slider of the chosen parameter).
    ``pick``: a press chooses the option of that control whose point (columns ``pick_at``,
    over the control) is nearest: a click on a box of a graph chooses that box.
    ``narrow``: the fields that differ in the narrow figure (``{"pick_at": (...)}``), where
    the still parts are drawn at other places."""

    axes: object
    x: str = None
    y: str = None
    x_at: str = None
    y_at: str = None
    sets: dict = field(default_factory=dict)
    shown_when: dict = field(default_factory=dict)
    pick: str = None
    pick_at: tuple = None
    narrow: dict = field(default_factory=dict)


def shipped_code(source):
    """explorer.js as the browser gets it: the same code, less its comment lines.

    The comments (the specs' typedefs, the why of each step) are for people reading
    helpers/explorers/explorer.js; every stored notebook and every page of the website
    carries the code, where they would add a third to its size. Only whole-line ``//``
    comments and ``/** … */`` blocks that start a line go.
    """
    source = re.sub(r"^[ \t]*/\*\*[\s\S]*?\*/[ \t]*\n", "", source, flags=re.MULTILINE)
    return re.sub(r"^[ \t]*//.*\n", "", source, flags=re.MULTILINE)


class FrontEnd(ipywidgets.Widget):
    """explorer.js, sent once per kernel: every explorer's widget loads it from here.

    A widget saved in a notebook carries its own copy of its ES module; with this model
    the notebook saves explorer.js once, not once per explorer (about 35 KB each).
    """

    _model_name = traitlets.Unicode("WidgetModel").tag(sync=True)
    _model_module = traitlets.Unicode("@jupyter-widgets/base").tag(sync=True)
    code = traitlets.Unicode(shipped_code((HERE / "explorer.js").read_text(encoding="utf-8"))).tag(
        sync=True
    )


#: Every explorer's own ES module: it imports explorer.js from the shared FrontEnd (once
#: per page) and lets it draw. A string, not a path: for a path anywidget ties every
#: widget to a file watcher that keeps it alive for good (manzt/anywidget#929).
LOADER = """
const loaded = new Map(); // FrontEnd model id -> its imported module
async function frontEnd(model) {
  const id = model.get("front_end").slice("IPY_MODEL_".length);
  if (!loaded.has(id)) {
    const shared = await model.widget_manager.get_model(id);
    const code = new Blob([shared.get("code")], { type: "text/javascript" });
    loaded.set(id, import(URL.createObjectURL(code)));
  }
  return (await loaded.get(id)).default;
}
export default {
  async render({ model, el }) {
    return (await frontEnd(model)).render({ model, el });
  },
};
"""
_front_end = None


def shared_front_end():
    """The kernel's one FrontEnd (made at the first explorer)."""
    global _front_end
    if _front_end is None or _front_end.comm is None:  # none yet, or closed
        _front_end = FrontEnd()
    return _front_end


class Column:
    """An explorer's attribute that reads one column at the current position:
    ``slope = Column("slope", "f'(x), by helpers.derivative")`` makes ``explorer.slope``."""

    def __init__(self, name, doc=""):
        self.name, self.__doc__ = name, doc

    def __get__(self, explorer, owner=None):
        return self if explorer is None else explorer.lookup(self.name)


class Explorer(anywidget.AnyWidget):
    """An explorer: see the module's docstring. Subclasses compute, then ``assemble``."""

    _esm = LOADER
    _css = (HERE / "explorer.css").read_text(encoding="utf-8")
    front_end = traitlets.Instance(FrontEnd).tag(sync=True, **ipywidgets.widget_serialization)

    def __init__(self, **kwargs):
        super().__init__(front_end=shared_front_end(), **kwargs)

    def __init_subclass__(cls, **kwargs):
        # Every explorer is built in the course style, inside matplotlib.rc_context:
        # building one never changes matplotlib's global settings.
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = in_course_style(cls.__init__)

    size = traitlets.List().tag(sync=True)  # [width, height] of the figure, CSS pixels
    backgrounds = traitlets.List().tag(sync=True)  # [{"png": bytes, "panels": [...]}]
    # The same figure drawn for a phone (narrow_layout), which explorer.js shows where it
    # has less than 600 CSS px of room; [] for none.
    narrow_size = traitlets.List().tag(sync=True)
    narrow_backgrounds = traitlets.List().tag(sync=True)
    narrow_wanted = traitlets.Bool(False).tag(sync=True)  # a view asks for it (see above)
    background_by = traitlets.Unicode("").tag(sync=True)  # the choice that picks one
    controls = traitlets.List().tag(sync=True)
    tables = traitlets.List().tag(sync=True)
    answers = traitlets.List().tag(sync=True)
    layers = traitlets.List().tag(sync=True)
    readout_items = traitlets.List().tag(sync=True)
    drags = traitlets.List().tag(sync=True)
    position = traitlets.Dict().tag(sync=True)  # {control name: index}, and "seq"
    description = traitlets.Unicode("").tag(sync=True)  # what the figure shows, in words
    # How the page computes what no table holds, with no kernel ({}: it cannot): the
    # recipe's kind and its parameters; explorer.js's section 2b runs it (see assemble).
    recipe = traitlets.Dict().tag(sync=True)

    def assemble(
        self,
        figure,
        controls,
        tables,
        layers,
        readout,
        drags=(),
        description="",
        background_by=None,
        recipe=None,
    ):
        """Draw the background(s), send everything to the browser, start at the controls'
        starting positions. ``background_by``: the choice whose options each have their
        own background, drawn by ``self.draw_background(option)``.

        ``recipe``: ``{"kind": ..., parameters}`` for an explorer whose ``answers_for``
        the page can compute itself (explorer.js, ``RECIPES[kind]``), so that it is fully
        live with no kernel; its numbers match Python's (tests/test_explorer_recipes.py).
        """
        self.figure, self._layers = figure, list(layers)
        self._controls = {control.name: control for control in controls if hasattr(control, "name")}
        self._items = list(readout)
        self._tables = Tables({name: c.values for name, c in self._controls.items()}, tables)
        sizes = self._tables.sizes
        panel_index = figure.axes.index
        still.freeze_layout(figure)
        for layer in self._layers:
            layer.hide()
        options = range(len(self._controls[background_by].values)) if background_by else [None]
        backgrounds = [self._background(option) for option in options]
        self._narrow_options = options
        self._sent_answers = []
        self.set_trait("size", list(still.size_in_pixels(figure)))
        self.set_trait("backgrounds", backgrounds)
        if _phone_figures() == "now":
            after_the_cell(self._send_narrow)
        self.set_trait("background_by", background_by or "")
        self.set_trait("controls", [control.spec() for control in controls])
        self.set_trait("tables", [table.spec(sizes) for table in tables])
        self.set_trait("layers", [layer.spec(panel_index) for layer in self._layers])
        self.set_trait("readout_items", [item.spec() for item in self._items])
        self.set_trait("drags", [_drag_spec(drag, panel_index) for drag in drags])
        self.set_trait("description", description)
        self.set_trait("recipe", recipe or {})
        start = {name: control.index for name, control in self._controls.items()}
        self.position = {**start, "seq": 0}

    @traitlets.observe("narrow_wanted")
    def _on_narrow_wanted(self, change):
        if change["new"]:
            self._send_narrow()

    def _send_narrow(self):
        """Draw the figure for a phone and send it (``narrow_size``, ``narrow_backgrounds``),
        in the course style, as when the explorer was built; once."""
        if self.narrow_size:
            return
        with course_style():
            narrow_size, narrow_backgrounds = self._narrow_backgrounds(self._narrow_options)
        self.set_trait("narrow_size", narrow_size)
        self.set_trait("narrow_backgrounds", narrow_backgrounds)

    def _background(self, option, sharpness=still.SHARPNESS, narrow=False):
        if option is not None:
            self.draw_background(option)
            if narrow:
                still.wrap_titles(self.figure)
        panels = [still.panel(axes) for axes in self.figure.axes]
        return {
            "png": still.in_palette(still.drawn(self.figure, sharpness)),
            "panels": panels,
            "smallest_text": still.smallest_text(self.figure),
        }

    def narrow_layout(self, figure):
        """The figure for a phone, ``still.NARROW_WIDTH`` CSS px wide: a
        ``still.NarrowLayout``. By default the panels stack, one under another. None: no
        narrow figure (the explorer shows its wide one everywhere)."""
        grid = figure.add_gridspec(len(figure.axes), 1)
        places = {axes: grid[row, 0] for row, axes in enumerate(figure.axes)}
        return still.NarrowLayout(places, len(figure.axes) * still.NARROW_PANEL_HEIGHT)

    def _narrow_backgrounds(self, options):
        """([width, height], backgrounds) of the figure for a phone, drawn in the layout
        of ``narrow_layout``; then the wide layout comes back for ``png()``. A 2× picture
        where the widget state stays small, else 1×: its text is still drawn at the size
        a phone shows it."""
        layout = self.narrow_layout(self.figure)
        if layout is None:
            return [], []
        wide = still.WideLayout(self.figure)
        try:
            with self.narrow_still_parts():
                still.lay_out_narrow(self.figure, layout)
                size = list(still.size_in_pixels(self.figure))
                backgrounds = [self._background(option, narrow=True) for option in options]
                if sum(len(b["png"]) for b in backgrounds) > still.NARROW_BYTES:
                    backgrounds = [self._background(o, sharpness=1, narrow=True) for o in options]
        finally:
            wide.restore()
        return size, backgrounds

    def narrow_still_parts(self):
        """A context in which the still parts are drawn for the narrow figure, and after
        which the wide ones are back. By default they are the same; an explorer that draws
        them otherwise on a phone (a graph top to bottom) gives its layers and drags
        ``narrow`` refs to match."""
        return contextlib.nullcontext()

    def draw_background(self, option):
        """Change the still parts for option ``option`` of ``background_by`` (subclasses)."""

    # --- where the explorer is, and what it shows there ---------------------------------

    #: False: while a drag or a held key goes on (``position["moving"]``), skip computing
    #: answers; the last position of the move gets them. For answers too slow to follow
    #: a drag, which would only take CPU from the learner's browser.
    answers_while_moving = True

    @traitlets.observe("position")
    def _on_position(self, change):
        if change["new"].get("moving") and not self.answers_while_moving:
            return
        answers = self.answers_for(change["new"])
        if [id(table) for table in answers] != self._sent_answers:
            self._tables.answers = answers
            self._sent_answers = [id(table) for table in answers]
            seq = change["new"].get("seq", 0)
            sizes = self._tables.sizes
            self.answers = [{**table.spec(sizes), "seq": seq} for table in answers]

    def answers_for(self, position):
        """Tables the kernel computes for this position: what no lattice can hold."""
        return []

    def move(self, **indices):
        """Move controls to lattice positions from Python, as the browser would."""
        seq = self.position.get("seq", 0) + 1
        self.position = {**self.position, **indices, "seq": seq, "moving": False}

    def index(self, control):
        """The lattice position of ``control`` now."""
        return self.position[control]

    def nearest(self, control, value):
        """The lattice position of ``control`` nearest to ``value``."""
        return nearest(self._controls[control].values, value)

    def move_near(self, **values):
        """Move each named control to its lattice value nearest the number given, as the
        slider or a drag would (a value beyond the lattice stops at its end)."""
        self.move(**{n: self.nearest(n, require_finite_number(v, n)) for n, v in values.items()})

    def lookup(self, column):
        """Column ``column`` at the current position (None while the kernel computes)."""
        return self._tables.value(column, self.position)

    def shown(self, column, format=".2f", large=None, small=None):
        """Column ``column`` at the current position, written as the readout writes it."""
        value = self.lookup(column)
        return "…" if value is None else shown(value, format, large, small)

    def control_value(self, name):
        """The current value of control ``name`` (a number, or a choice's option)."""
        return self._controls[name].values[self.position[name]]

    def readout_text(self):
        """The readout as the browser shows it."""
        parts = []
        for item in self._items:
            if not all(self.position.get(k) == v for k, v in item.shown_when.items()):
                continue
            if isinstance(item, Words):
                text = self.lookup(item.column) or ""
                if text:
                    parts.append(f"{item.label}: {text}" if item.label else text)
                continue
            if item.control is not None:
                value = self._controls[item.control].labels[self.position[item.control]]
            else:
                number = self.lookup(item.column)
                formats = item.format, item.large, item.small
                value = "…" if number is None else shown(number, *formats)
            parts.append(f"{item.label} = {value}")
        return GAP.join(parts)

    def summary(self):
        """One line of plain text: the explorer and its current numbers."""
        return f"{type(self).__name__}: {self.readout_text().replace(GAP, ', ')}"

    # --- a picture for places without widgets ------------------------------------------

    def png(self):
        """The figure as it looks now, moving parts included, as PNG bytes: the moving
        parts drawn over the background the browser has, then shrunk to the figure's
        own size (``still.drawn_over``)."""
        option = self.position[self.background_by] if self.background_by else 0
        with course_style():
            if self.background_by:
                self.draw_background(option)  # its plots' limits, for the moving parts
            values = Values(self._tables, self.position)
            for layer in self._layers:
                layer.show(values)
            try:
                artists = [artist for layer in self._layers for artist in layer.artists()]
                picture = still.drawn_over(self.figure, self.backgrounds[option]["png"], artists)
            finally:
                for layer in self._layers:
                    layer.hide()
        return still.in_palette(picture)

    def _repr_mimebundle_(self, **kwargs):
        # The live widget for JupyterLab; a picture and a line of text where widgets
        # do not run (GitHub's notebook view, nbval's comparison).
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.summary()
        data["image/png"] = base64.b64encode(self.png()).decode("ascii")
        return data, metadata

    def __repr__(self):
        return self.summary()


def after_the_cell(action):
    """Call ``action()`` once the cell running now has finished, in IPython (a notebook's
    kernel); at once anywhere else (a script, a test).

    The explorer's first picture needs only its wide figure: drawn after the cell, its
    phone figure (about a third of the time it takes to build) no longer delays that
    picture, which the browser shows as soon as the cell shows the explorer. It still
    comes before the kernel reads the next cell or any message from the page, so a
    notebook run by nbclient (``make execute``) saves it, and a phone that asks for it
    (``narrow_wanted``) finds it drawn."""
    events = getattr(ipython_shell(), "events", None)
    if events is None:
        action()
        return

    def once(*_result):
        events.unregister("post_run_cell", once)
        action()

    events.register("post_run_cell", once)


def _phone_figures():
    """PHONE_FIGURES, checked: "now" or "on request"."""
    if PHONE_FIGURES not in ("now", "on request"):
        raise ValueError(
            f'HELPERS_PHONE_FIGURES must be "now" or "on request", but got {PHONE_FIGURES!r}.'
        )
    return PHONE_FIGURES


def _drag_spec(drag, panel_index):
    narrow = {key: list(value) if isinstance(value, tuple) else value
              for key, value in drag.narrow.items()}  # fmt: skip
    return {
        "panel": panel_index(drag.axes),
        "x": drag.x,
        "y": drag.y,
        "x_at": drag.x_at,
        "y_at": drag.y_at,
        "sets": drag.sets,
        "shown_when": drag.shown_when,
        "pick": drag.pick,
        "pick_at": list(drag.pick_at) if drag.pick_at else None,
        **({"narrow": narrow} if narrow else {}),
    }


__all__ = ["Button", "Column", "Counter", "Drag", "Explorer", "Number", "Slider", "Words"]
