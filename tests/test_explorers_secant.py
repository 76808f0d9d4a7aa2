"""helpers/explorers/secant.py: the secant explorer."""

import pytest
from support import readout_numbers

import helpers

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
