"""The tangent and secant explorers, and the mechanism every explorer shares: lattices,
tables, the readout, the picture for places without widgets, bad input."""

import base64
import io

import numpy as np
import pytest
from PIL import Image
from support import readout_numbers

import helpers
from helpers.explorers.controls import control_values, lattice
from helpers.explorers.formatting import shown
from helpers.explorers.tables import Table, Tables, shifted

# --- the tangent explorer -------------------------------------------------------------


def test_tangent_explorer_defaults_to_x_squared_at_one():
    explorer = helpers.tangent_explorer()
    assert readout_numbers(explorer) == {"x": 1.0, "f(x)": 1.0, "slope": 2.0}
    assert explorer.summary() == "Tangent explorer on y = x²: x = 1.00, slope = 2.00"


@pytest.mark.parametrize("x", [-3.0, -2.0, -0.37, 0.0, 0.1, 1.5, 3.0])
def test_tangent_readout_slope_is_two_x_on_the_parabola(x):
    explorer = helpers.tangent_explorer()
    explorer.move_to(x)
    numbers = readout_numbers(explorer)
    assert numbers["x"] == pytest.approx(x, abs=0.005)
    assert numbers["slope"] == pytest.approx(2 * x, abs=0.01)
    assert explorer.slope == pytest.approx(2 * explorer.x, abs=1e-8)


def test_every_x_the_slider_reaches_has_its_slope_computed_once():
    explorer = helpers.tangent_explorer(x_range=(-3.0, 3.0))
    [table] = [table for table in explorer._tables.fixed if "slope" in table.columns]
    xs = np.array(explorer._tables.along("x", "x", explorer.position))  # the slider's own
    np.testing.assert_allclose(xs, lattice(-3.0, 3.0, 0.01))
    assert xs.size == table.columns["slope"].size == 601
    np.testing.assert_allclose(table.columns["slope"], 2 * xs, atol=1e-8)
    np.testing.assert_allclose(table.columns["f"], xs**2)


def test_a_sliders_own_values_travel_once():
    """The browser reads x from the slider's values; no table repeats them."""
    explorer = helpers.tangent_explorer()
    assert all("x" not in table["columns"] for table in explorer.tables)
    assert explorer.lookup("x") == explorer.x == 1.0


def test_moving_snaps_to_the_lattice_of_hundredths():
    explorer = helpers.tangent_explorer()
    explorer.move_to(1.234)
    assert explorer.x == 1.23
    assert explorer.position["x"] == 423  # −3 + 423·0.01


def test_tangent_explorer_takes_any_smooth_function_and_range():
    explorer = helpers.tangent_explorer(f=np.sin, x=0.0, x_range=(-np.pi, np.pi))
    assert explorer.label == "sin(x)"
    explorer.move_to(np.pi / 2)  # the lattice value nearest π/2 is 1.5684
    assert explorer.slope == pytest.approx(np.cos(explorer.x), abs=1e-9)
    assert explorer.lookup("x") == pytest.approx(np.pi / 2, abs=0.005)
    assert readout_numbers(explorer)["slope"] == 0.0


def test_a_range_that_is_not_a_whole_number_of_steps_ends_at_its_end():
    values = lattice(-np.pi, np.pi, 0.01)
    assert values[0] == -np.pi and values[-1] == np.pi
    assert np.all(np.diff(values) > 0) and np.max(np.diff(values)) <= 0.01 + 1e-12


def test_the_derivative_panel_adds_a_point_at_the_slope():
    explorer = helpers.tangent_explorer(show_derivative=True)
    assert [layer["draw"] for layer in explorer.layers] == ["tangent", "point", "point"]
    assert explorer.layers[2]["at"] == ["x", "slope"]
    assert [drag["panel"] for drag in explorer.drags] == [0, 1]


# --- the secant explorer --------------------------------------------------------------


def test_secant_slope_closes_in_on_the_tangent_slope():
    explorer = helpers.secant_explorer(x=1.0, h=1.5)
    slopes = []
    for h in [1.5, 1.0, 0.5, 0.1, 0.01]:
        explorer.set_h(h)
        slopes.append(readout_numbers(explorer)["secant slope"])
        assert explorer.secant_slope == pytest.approx(2 + h)  # ((x+h)² − x²)/h = 2x + h
    assert slopes == sorted(slopes, reverse=True)
    assert readout_numbers(explorer)["tangent slope"] == 2.0


def test_a_drag_on_the_secant_explorer_moves_the_second_point_x_plus_h():
    explorer = helpers.secant_explorer(x=1.0, h=1.5)
    [drag] = explorer.drags
    assert (drag["panel"], drag["x"], drag["x_at"], drag["y"]) == (0, "h", "x_right", None)
    explorer.set_h(0.25)
    assert explorer.lookup("x_right") == pytest.approx(1.25)
    explorer.set_h(-3.0)  # left of x: h stays at its smallest
    assert explorer.h == 0.01


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
