"""helpers/explorers/step_size.py: the step-size explorer."""

import base64
import math

import numpy as np
import pytest
from support import readout_numbers, saved_state_kb

import helpers
from helpers.explorers.controls import control_values
from helpers.explorers.step_size import FLOOR

EPS = np.finfo(float).eps


# --- the step-size explorer ----------------------------------------------------


@pytest.fixture(scope="module")
def shared_explorer():
    """One explorer with the secant panel (a build draws two panels: slow), for the
    tests that only move it."""
    return helpers.step_size_explorer(np.sin, x=1.0, h=0.1, show_secants=True)


@pytest.fixture
def explorer(shared_explorer):
    """The shared explorer, back at its start: h = 0.1."""
    shared_explorer.set_h(0.1)
    return shared_explorer


def test_step_size_explorer_is_exported_from_helpers():
    assert helpers.step_size_explorer is helpers.explorers.step_size.step_size_explorer
    assert "step_size_explorer" in helpers.explorers.step_size.__all__


def test_step_size_explorer_readout_shows_h_and_both_errors(explorer):
    numbers = readout_numbers(explorer)
    assert list(numbers) == ["log10 h", "h", "forward error", "central error"]
    assert numbers["log10 h"] == -1.0
    assert numbers["h"] == pytest.approx(0.1)
    forward = (np.sin(1.1) - np.sin(1.0)) / 0.1
    central = (np.sin(1.1) - np.sin(0.9)) / 0.2
    assert numbers["forward error"] == pytest.approx(abs(forward - np.cos(1.0)), rel=1e-2)
    assert numbers["central error"] == pytest.approx(abs(central - np.cos(1.0)), rel=1e-2)
    text = explorer.readout_text().replace("\xa0", " ")
    assert text == (
        "log10 h = -1.00   h = 1.00e-01   forward error = 4.29e-02   central error = 9.00e-04"
    )


def test_step_size_numbers_obey_the_difference_formulas_at_every_step(explorer):
    f, x, slope = np.sin, 1.0, np.cos(1.0)
    for index, log_h in enumerate(np.arange(-16.0, 0.25, 0.25)):
        explorer.move(log_h=index)
        h = 10.0**log_h
        assert explorer.log_h == log_h
        assert explorer.h == h  # 10^(log10 h), as Python writes it: 1e-05, not 9.99...e-06
        assert explorer.forward == (f(x + h) - f(x)) / h
        assert explorer.central == (f(x + h) - f(x - h)) / (2 * h)
        assert explorer.forward_error == abs(explorer.forward - slope)
        assert explorer.central_error == abs(explorer.central - slope)
        assert explorer.lookup("central_marker") == max(explorer.central_error, FLOOR)
        numbers = readout_numbers(explorer)
        assert numbers["log10 h"] == log_h
        assert numbers["h"] == pytest.approx(h, rel=6e-3)  # three digits: 1.78e-06
        assert explorer.lookup("x_plus") == x + h and explorer.lookup("f_minus") == f(x - h)


def test_step_size_set_h_snaps_to_the_lattice_and_stays_inside_it(explorer):
    explorer.set_h(3e-4)  # log10 = −3.52: the nearest step is −3.5
    assert explorer.log_h == -3.5 and explorer.h == 10**-3.5
    explorer.set_h(30.0)
    assert explorer.log_h == 0.0 and explorer.h == 1.0
    explorer.set_h(1e-20)
    assert explorer.log_h == -16.0 and explorer.h == 1e-16


def test_step_size_readout_follows_a_position_sent_by_the_browser(explorer):
    explorer.position = {"log_h": 40, "seq": 7}  # what a drag to h = 1e-6 sends
    assert explorer.log_h == -6.0
    assert readout_numbers(explorer)["h"] == 1e-6
    assert explorer.summary().startswith("Step-size explorer on sin(x) at x = 1: h = 1.00e-06")


def test_step_size_slider_spans_sixteen_decades_in_quarter_steps(explorer):
    [slider] = explorer.controls
    assert slider["label"] == "log10 h (arrow keys move it)"
    assert control_values(slider) == pytest.approx(np.arange(-16.0, 0.25, 0.25).tolist())
    assert len(control_values(slider)) == 65 and slider["page"] == 4  # Page Up: a power of ten


def test_step_size_drag_is_on_the_error_panel_nearest_in_h(explorer):
    error_panel = explorer.figure.axes.index(explorer.ax)
    [drag] = explorer.drags  # the secant panel is not a drag target
    assert (drag["panel"], drag["x"], drag["x_at"], drag["y"]) == (error_panel, "log_h", "h", None)
    [panel] = [b["panels"][error_panel] for b in explorer.backgrounds]
    assert panel["x_log"] and panel["y_log"]  # the browser measures the drag on log axes


def test_step_size_layers_draw_the_h_line_markers_secants_and_points(explorer):
    drawn = [(layer["draw"], layer.get("at"), layer.get("slope")) for layer in explorer.layers]
    assert drawn == [
        ("guide", "h", None),
        ("point", ["h", "forward_marker"], None),
        ("point", ["h", "central_marker"], None),
        ("tangent", ["x", "y"], "forward"),
        ("tangent", ["x", "y"], "central"),
        ("point", ["x_minus", "f_minus"], None),
        ("point", ["x_plus", "f_plus"], None),
    ]


def test_step_size_picture_shows_the_markers_at_the_current_h_and_errors(explorer):
    explorer.set_h(1e-3)
    picture = explorer.png()
    assert picture.startswith(b"\x89PNG") and picture != explorer.backgrounds[0]["png"]
    h_line, forward_dot, central_dot = (layer.artist for layer in explorer._layers[:3])
    assert list(h_line.get_xdata()) == [1e-3, 1e-3]
    assert forward_dot.get_data() == ([1e-3], [explorer.forward_error])
    assert central_dot.get_data() == ([1e-3], [explorer.central_error])
    assert not h_line.get_visible(), "the moving parts are hidden again after the picture"


def test_step_size_picture_secant_lines_have_the_difference_slopes(explorer):
    explorer.set_h(10**-0.25)
    explorer.png()
    h = explorer.h
    for layer, slope in zip(
        explorer._layers[3:5],
        [(np.sin(1 + h) - np.sin(1.0)) / h, (np.sin(1 + h) - np.sin(1 - h)) / (2 * h)],
        strict=True,
    ):
        (x0, x1), (y0, y1) = layer.artist.get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(slope)
        assert (x0, x1) == explorer.secant_ax.get_xlim()  # across the whole panel
    left, right = (layer.artist.get_data() for layer in explorer._layers[5:])
    assert left == ([1 - h], [np.sin(1 - h)]) and right == ([1 + h], [np.sin(1 + h)])


def test_step_size_error_curves_follow_truncation_on_the_right():
    explorer = helpers.step_size_explorer(np.sin, x=1.0)
    forward_line, _, central_line, _ = explorer.ax.get_lines()[:4]
    steps, forward = forward_line.get_data()
    _, central = central_line.get_data()
    near = np.argmin(np.abs(np.log10(steps) + 3))  # h = 1e-3
    assert forward[near] == pytest.approx(steps[near] / 2 * np.sin(1.0), rel=1e-2)
    assert central[near] == pytest.approx(steps[near] ** 2 / 6 * np.cos(1.0), rel=1e-2)


def test_step_size_markers_sit_on_corners_of_their_curves_at_every_step(explorer):
    (steps, forward), (_, central) = (line.get_data() for line in explorer.ax.get_lines()[0:3:2])
    for index in range(65):
        explorer.move(log_h=index)
        [corner] = np.flatnonzero(steps == explorer.h)  # the same h, to the last bit
        assert forward[corner] == explorer.lookup("forward_marker")
        assert central[corner] == explorer.lookup("central_marker")


def test_step_size_error_curves_bottom_out_near_sqrt_eps_and_cube_root_eps():
    explorer = helpers.step_size_explorer(np.sin, x=1.0)
    forward_line, _, central_line, _ = explorer.ax.get_lines()[:4]
    steps, forward = forward_line.get_data()
    best_forward = steps[np.argmin(forward)]
    best_central = steps[np.argmin(central_line.get_data()[1])]
    assert np.sqrt(EPS) / 10 < best_forward < np.sqrt(EPS) * 10
    assert EPS ** (1 / 3) / 10 < best_central < EPS ** (1 / 3) * 10


def test_step_size_uses_the_exact_derivative_df_when_given():
    explorer = helpers.step_size_explorer(lambda x: x**3, x=2.0, h=0.1, df=lambda x: 3 * x**2)
    assert explorer.slope == 12.0
    assert explorer.central_error == pytest.approx(0.1**2)  # (x+h)³ − (x−h)³ = 6x²h + 2h³


def test_step_size_zero_error_is_drawn_at_the_floor():
    explorer = helpers.step_size_explorer(lambda x: 3 * x, x=1.0, h=1.0, df=lambda x: 3.0)
    assert explorer.h == 1.0 and explorer.central_error == 0.0  # (6 − 0) / 2 = 3 exactly
    assert explorer.lookup("central_marker") == FLOOR


def test_step_size_summary_is_one_deterministic_line(explorer):
    assert explorer.summary() == (
        "Step-size explorer on sin(x) at x = 1: h = 1.00e-01, "
        "forward error = 4.29e-02, central error = 9.00e-04"
    )
    bundle = explorer._repr_mimebundle_()[0]
    assert bundle["text/plain"] == explorer.summary()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_step_size_saved_state_fits_the_budget(explorer):
    assert saved_state_kb(explorer) <= 256
    assert saved_state_kb(helpers.step_size_explorer()) <= 256


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"f": 3.0}, TypeError, "f"),
        ({"x": "one"}, TypeError, "x"),
        ({"x": np.nan}, ValueError, "x"),
        ({"h": 0.0}, ValueError, "h"),
        ({"h": 10.0}, ValueError, "h"),
        ({"h": 1e-20}, ValueError, "h"),
        ({"h": "big"}, TypeError, "h"),
        ({"df": "cos"}, TypeError, "df"),
        ({"f": math.sin}, ValueError, "df"),
        ({"f": np.log, "x": 0.5, "df": lambda x: 1 / x}, ValueError, "domain"),
        ({"label": 3}, TypeError, "label"),
        ({"show_secants": "yes"}, TypeError, "show_secants"),
    ],
)
def test_step_size_explorer_rejects_bad_arguments(kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.step_size_explorer(**kwargs)


def test_step_size_set_h_rejects_bad_steps(explorer):
    with pytest.raises(ValueError, match="h"):
        explorer.set_h(-1.0)
    with pytest.raises(TypeError, match="h"):
        explorer.set_h("small")
    assert explorer.h == pytest.approx(0.1), "a refused step moves nothing"
