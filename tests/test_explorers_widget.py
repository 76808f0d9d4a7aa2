"""The explorers' shared mechanism: widget.py, tables.py, controls.py, formatting.py."""

import base64
import io
import types

import numpy as np
import pytest
from PIL import Image
from test_style import EXPLORERS

import helpers
from helpers.explorers import figure as still
from helpers.explorers.controls import control_values
from helpers.explorers.formatting import shown
from helpers.explorers.layers import Values
from helpers.explorers.tables import Table, Tables, shifted
from helpers.style import course_style

# --- the shared mechanism -------------------------------------------------------------


def test_python_and_the_browser_read_the_same_tables():
    explorer = helpers.tangent_explorer(x=2.0)
    [table] = explorer.tables
    assert table["over"] == ["x"] and table["shape"] == [601]
    slopes = np.frombuffer(table["columns"]["slope"]["float64"], dtype="<f8")
    assert slopes[explorer.position["x"]] == explorer.slope


def test_a_table_at_other_positions_is_pending_here():
    tables = Tables(
        {"a": np.arange(3), "b": np.arange(2)},
        [Table(("a",), {"v": [10.0, 11.0, 12.0]}, at={"b": 0}), Table((), {"w": "text"})],
    )
    assert tables.value("v", {"a": 2, "b": 0}) == 12.0
    assert tables.value("v", {"a": 2, "b": 1}) is None
    assert tables.value("w", {"a": 0, "b": 1}) == "text"
    assert tables.value(shifted("v", a=1), {"a": 1, "b": 0}) == 12.0
    assert tables.value(shifted("v", a=1), {"a": 2, "b": 0}) is None  # off the lattice


def test_kernel_answers_come_before_the_tables_computed_once():
    tables = Tables({"a": np.arange(2)}, [Table(("a",), {"v": [1.0, 2.0]})])
    tables.answers = [Table((), {"v": 5.0}, at={"a": 1})]
    assert tables.value("v", {"a": 0}) == 1.0
    assert tables.value("v", {"a": 1}) == 5.0


def test_a_table_refuses_a_column_of_the_wrong_length():
    with pytest.raises(ValueError, match="column 'v' has 2 entries, not 3"):
        Table(("a",), {"v": [1.0, 2.0]}).spec({"a": 3})


@pytest.mark.parametrize(
    "value, spec, text",
    [
        (2.0, ".2f", "2.00"),
        (-0.001, ".2f", "0.00"),  # never "-0.00"
        (0.125, ".2f", "0.12"),  # ties go to the even digit, as Python rounds
        (0.375, ".2f", "0.38"),
        (2.675, ".2f", "2.67"),  # the double just below 2.675
        (3.2e-7, ".2e", "3.20e-07"),
        (-0.0, ".2e", "0.00e+00"),
        (float("nan"), ".2f", "nan"),
        (float("-inf"), ".2f", "-inf"),
    ],
)
def test_numbers_are_written_as_python_formats_them(value, spec, text):
    assert shown(value, spec) == text


def test_huge_numbers_switch_to_the_large_format():
    assert shown(5e9, ".2f", large=".2e") == "5.00e+09"
    assert shown(999999.0, ".2f", large=".2e") == "999999.00"


def test_the_display_bundle_has_the_widget_a_picture_and_a_summary():
    explorer = helpers.tangent_explorer(x=3.0)
    data, _ = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == "Tangent explorer on y = x²: x = 3.00, slope = 6.00"
    picture = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert picture.size == (750, 450)


def test_the_picture_shows_the_moving_parts_where_they_are_now():
    explorer = helpers.tangent_explorer(x=-2.0)
    at_minus_two = explorer.png()
    explorer.move_to(2.0)
    assert explorer.png() != at_minus_two
    assert not any(layer.artist.get_visible() for layer in explorer._layers)  # hidden again


def test_the_background_is_sharp_and_holds_no_moving_part():
    explorer = helpers.tangent_explorer(x=1.0)
    [background] = explorer.backgrounds
    picture = Image.open(io.BytesIO(background["png"]))
    assert picture.size == (1500, 900)  # twice the figure's 750 × 450 CSS pixels
    [panel] = background["panels"]
    left, top, width, height = panel["box"]
    assert 0 < left < 100 and 0 < top < 60 and width > 500 and height > 300
    assert panel["x"] == [-3.0, 3.0]


def test_slider_is_labelled_and_steps_by_a_hundredth():
    explorer = helpers.tangent_explorer()
    [control] = explorer.controls
    assert "x" in control["label"] and "arrow" in control["label"]
    assert control_values(control)[1] - control_values(control)[0] == pytest.approx(0.01)
    assert control["format"] == ".2f" and explorer._controls["x"].labels[400] == "1.00"


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: helpers.tangent_explorer(f=4), TypeError, "f must be a function"),
        (lambda: helpers.tangent_explorer(x=5.0), ValueError, "x must lie inside x_range"),
        (lambda: helpers.tangent_explorer(x=np.nan), ValueError, "x must"),
        (lambda: helpers.tangent_explorer(x_range=(2, 1)), ValueError, "x_range"),
        (lambda: helpers.tangent_explorer(x_range=3), TypeError, "x_range"),
        (
            lambda: helpers.tangent_explorer(f=np.log, x=1.0),
            ValueError,
            "f is not defined at x = -3.0: it gives nan or inf there. That x lies in x_range",
        ),
        (lambda: helpers.tangent_explorer(label=3), TypeError, "label must be text"),
        (lambda: helpers.tangent_explorer(show_derivative="yes"), TypeError, "show_derivative"),
        (lambda: helpers.tangent_explorer().move_to("1"), TypeError, "x must be a number"),
        (lambda: helpers.secant_explorer(h=0.0), ValueError, "h must lie between"),
        (lambda: helpers.secant_explorer(h="1"), TypeError, "h must"),
        (lambda: helpers.secant_explorer(x=2.5), ValueError, "x_range"),
    ],
)
def test_bad_explorer_arguments_get_errors_naming_them(make, error, words):
    with pytest.raises(error) as raised:
        make()
    assert words in str(raised.value)


# --- on a phone: the narrow figure ------------------------------------------------------

#: How wide a 390 px phone shows the figure (its page's margins take 16 px each side).
PHONE_FIGURE_WIDTH = 358
#: Every explorer has a narrow figure (backprop's graph is drawn top to bottom there).
NARROW = list(EXPLORERS)


@pytest.fixture(scope="module")
def built():
    """Each explorer of tests/test_style.py, built once for the tests below."""
    return {name: make() for name, make in EXPLORERS.items()}


@pytest.mark.parametrize("name", NARROW)
def test_a_phone_gets_a_figure_drawn_for_its_width(built, name):
    explorer = built[name]
    width, height = explorer.narrow_size
    assert width == still.NARROW_WIDTH and height > width / 2
    assert len(explorer.narrow_backgrounds) == len(explorer.backgrounds)  # one per option
    for narrow, wide in zip(explorer.narrow_backgrounds, explorer.backgrounds, strict=True):
        picture = Image.open(io.BytesIO(narrow["png"]))
        assert picture.size in {(width, height), (2 * width, 2 * height)}
        assert len(narrow["panels"]) == len(wide["panels"])  # the layers' panel numbers hold
        for panel in narrow["panels"]:
            left, top, box_width, box_height = panel["box"]
            assert left >= 0 and top >= 0 and left + box_width <= width
            assert top + box_height <= height
        # The acceptance bar: its smallest text at least 11 CSS px high on a 390 px phone,
        # where the wide figure's was about 4 to 7 px.
        assert narrow["smallest_text"] * PHONE_FIGURE_WIDTH / width >= 11
        assert wide["smallest_text"] * PHONE_FIGURE_WIDTH / explorer.size[0] < 11


@pytest.mark.parametrize("name", NARROW)
def test_the_wide_figure_is_laid_out_again_after_the_narrow_one(built, name):
    explorer = built[name]
    figure = explorer.figure
    assert list(still.size_in_pixels(figure)) == explorer.size
    option = explorer.position[explorer.background_by] if explorer.background_by else 0
    panels = explorer.backgrounds[option]["panels"]
    assert [still.panel(axes) for axes in figure.axes] == panels
    # Drawn again now, the still picture is the one sent before the narrow one was drawn.
    with course_style():
        if explorer.background_by:
            explorer.draw_background(option)
        again = still.in_palette(still.drawn(figure, still.SHARPNESS))
    assert again == explorer.backgrounds[option]["png"]


@pytest.mark.parametrize("name", NARROW)
def test_the_picture_is_the_whole_figure_drawn_again(built, name):
    """png() draws only the moving parts over the background (still.drawn_over): the same
    pixels as the whole figure drawn again at 2× and halved, but for the background's
    256 colours (each channel within 16/255), and no moving part left visible after it."""
    explorer = built[name]
    picture = np.asarray(Image.open(io.BytesIO(explorer.png())).convert("RGB"), dtype=int)
    with course_style():
        if explorer.background_by:
            explorer.draw_background(explorer.position[explorer.background_by])
        values = Values(explorer._tables, explorer.position)
        for layer in explorer._layers:
            layer.show(values)
        whole = still.drawn(explorer.figure, still.SHARPNESS).reduce(still.SHARPNESS)
        for layer in explorer._layers:
            layer.hide()
    unlike = np.abs(picture - np.asarray(whole.convert("RGB"), dtype=int)).max(axis=2) > 64
    assert unlike.mean() < 0.0005  # a few edge pixels, where a still part lies over a moving one
    drawn = [a for layer in explorer._layers for a in layer.artists() if a.get_visible()]
    assert drawn == []


def test_no_moving_part_is_left_in_the_phone_figure_drawn_after_the_picture(monkeypatch):
    """In a kernel the picture (the display) comes before the phone figure (after the
    cell): the training explorer's probability bars once stayed in it, ghost bars."""
    from helpers.explorers import widget

    at_once = EXPLORERS["training"]()
    monkeypatch.setattr(widget, "PHONE_FIGURES", "on request")
    after_the_picture = EXPLORERS["training"]()
    after_the_picture.png()
    after_the_picture.narrow_wanted = True
    assert [b["png"] for b in after_the_picture.narrow_backgrounds] == [
        b["png"] for b in at_once.narrow_backgrounds
    ]


def test_a_layer_or_drag_sends_its_narrow_refs_only_if_it_has_some(built):
    """explorer.js puts a layer's or drag's ``narrow`` refs over its own in the narrow
    figure; the explorers whose still parts stay the same there send none."""
    for name, explorer in built.items():
        parts = explorer.layers + explorer.drags
        with_narrow = [part["narrow"] for part in parts if "narrow" in part]
        assert all(with_narrow), name  # never an empty one
        if name != "backprop":
            assert with_narrow == [], name
    graph = built["backprop"]
    assert all("narrow" in part for part in graph.layers + graph.drags)


@pytest.mark.parametrize("name", NARROW)
def test_no_legend_sits_inside_a_plot_of_the_narrow_figure(built, name):
    """A legend inside a plot at phone width covers much of it (and the moving parts go
    under it): in the narrow figure every legend lies outside every plot."""
    explorer = built[name]
    figure = explorer.figure
    wide = still.WideLayout(figure)
    try:
        still.lay_out_narrow(figure, explorer.narrow_layout(figure))
        figure.canvas.draw()  # every box where the picture has it
        renderer = figure.canvas.get_renderer()
        legends = [axes.get_legend() for axes in figure.axes if axes.get_legend()]
        for legend in legends + list(figure.legends):
            box = legend.get_window_extent(renderer)
            for axes in figure.axes:
                plot = axes.get_window_extent(renderer)
                overlap = (
                    min(box.x1, plot.x1) - max(box.x0, plot.x0),
                    min(box.y1, plot.y1) - max(box.y0, plot.y0),
                )
                assert min(overlap) <= 1, (legend.texts[0].get_text(), axes.get_title())
    finally:
        wide.restore()


def test_smallest_text_finds_the_smallest_text_drawn():
    figure = still.new_figure((3.0, 2.0))
    ax = figure.subplots()
    ax.set(xlim=(0, 1), xticks=[0, 0.5, 1, 2])  # the tick at 2 is not drawn
    ax.tick_params(labelsize=7)
    ax.set_xlabel("x", fontsize=12)
    assert still.smallest_text(figure) == pytest.approx(7 * 100 / 72)
    ax.text(0.5, 0.5, "", fontsize=3)  # empty: not drawn
    hidden = ax.text(0.5, 0.5, "hidden", fontsize=4)
    hidden.set_visible(False)
    assert still.smallest_text(figure) == pytest.approx(7 * 100 / 72)
    ax.set_axis_off()  # no tick labels now
    ax.set_title("title", fontsize=10)
    assert still.smallest_text(figure) == pytest.approx(10 * 100 / 72)


def test_a_phone_figure_drawn_on_request_is_the_one_drawn_at_once(monkeypatch):
    """On the class hub (HELPERS_PHONE_FIGURES="on request") an explorer draws its phone
    figure only when a view asks (narrow_wanted), and then the same one as at once."""
    from helpers.explorers import widget

    at_once = helpers.tangent_explorer(x=1.0)
    monkeypatch.setattr(widget, "PHONE_FIGURES", "on request")
    on_request = helpers.tangent_explorer(x=1.0)
    assert on_request.narrow_size == [] and on_request.narrow_backgrounds == []
    on_request.narrow_wanted = True
    assert on_request.narrow_size == at_once.narrow_size
    assert [b["png"] for b in on_request.narrow_backgrounds] == [
        b["png"] for b in at_once.narrow_backgrounds
    ]
    assert on_request.png() == at_once.png()  # the wide picture is untouched


def test_in_a_notebook_the_phone_figure_is_drawn_once_the_cell_has_finished(monkeypatch):
    """In a kernel the explorer's first picture waits only for its wide figure: the phone
    figure comes once the cell that made it has finished (IPython's post_run_cell), once,
    and it is the one drawn at once outside IPython."""
    import IPython
    from IPython.core.events import EventManager, available_events

    at_once = helpers.tangent_explorer(x=1.0)
    shell = types.SimpleNamespace()
    shell.events = EventManager(shell, available_events)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    in_a_cell = helpers.tangent_explorer(x=1.0)
    assert in_a_cell.narrow_size == [] and in_a_cell.narrow_backgrounds == []
    shell.events.trigger("post_run_cell", None)
    assert in_a_cell.narrow_size == at_once.narrow_size
    assert [b["png"] for b in in_a_cell.narrow_backgrounds] == [
        b["png"] for b in at_once.narrow_backgrounds
    ]
    assert shell.events.callbacks["post_run_cell"] == []  # once, and gone
    assert in_a_cell.png() == at_once.png()


def test_an_unknown_phone_figures_setting_is_named(monkeypatch):
    from helpers.explorers import widget

    monkeypatch.setattr(widget, "PHONE_FIGURES", "later")
    with pytest.raises(ValueError, match="HELPERS_PHONE_FIGURES.*'later'"):
        helpers.tangent_explorer(x=1.0)
