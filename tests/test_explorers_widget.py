"""The explorers' shared mechanism: widget.py, tables.py, controls.py, formatting.py."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.formatting import shown
from helpers.explorers.tables import Table, Tables, shifted

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
