"""helpers/explorers/tangent.py: the tangent explorer."""

import numpy as np
import pytest
from support import readout_numbers

import helpers
from helpers.explorers.controls import lattice

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
