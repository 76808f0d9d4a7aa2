"""helpers/explorers/loss_slice.py: the loss-slice explorer."""

import base64

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support import MOST_SAVED_BYTES, from_the_browser, loss_on, saved_state_bytes  # noqa: E402

import helpers  # noqa: E402
from helpers import neuron  # noqa: E402
from helpers.explorers.controls import control_values  # noqa: E402
from helpers.explorers.loss_slice import FLAT, STEP, advice  # noqa: E402

# --- the loss-slice explorer -----------------------------------------------------------


def bowl(params):
    """(w1 − 1)² + 2·w2² + b², with ∂/∂w1 = 2(w1 − 1), ∂/∂w2 = 4·w2, ∂/∂b = 2b."""
    return (params[0] - 1) ** 2 + 2 * params[1] ** 2 + params[2] ** 2


@pytest.fixture
def explorer():
    return helpers.loss_slice_explorer(bowl, [0.0, 0.5, -1.0], parameter="w1")


def test_loss_slice_explorer_is_exported():
    assert "loss_slice_explorer" in helpers.explorers.loss_slice.__all__
    assert helpers.loss_slice_explorer is helpers.explorers.loss_slice.loss_slice_explorer


def test_loss_slice_explorer_readout_has_weight_loss_slope_and_advice(explorer):
    text = explorer.readout_text().replace("\xa0", " ")
    assert text == "w1 = 0.00   loss = 2.50   slope = -2.00   advice: increase w1"
    assert f"loss = {bowl(np.array([0.0, 0.5, -1.0])):.2f}" in text
    assert explorer.summary() == (
        "Loss slice explorer: w1 = 0.00, loss = 2.50, slope = -2.00, advice: increase w1"
    )


def test_moving_the_weight_looks_its_numbers_up_in_the_saved_curve(explorer):
    explorer.move_to(2.0)
    assert explorer.answers == []  # the curve through the held values is not redone
    assert explorer.value == 2.0
    assert explorer.slope == pytest.approx(2.0, abs=1e-6)
    assert explorer.current_loss == pytest.approx(bowl([2.0, 0.5, -1.0]))
    assert "advice: decrease w1" in explorer.readout_text()


def test_the_curve_slope_and_advice_obey_the_maths_at_every_value(explorer):
    slopes = {0: lambda p: 2 * (p[0] - 1), 1: lambda p: 4 * p[1], 2: lambda p: 2 * p[2]}
    for k, name in enumerate(explorer.names):
        explorer.select(name)
        for index, value in enumerate(explorer._values[k]):
            from_the_browser(explorer, **{f"param_{k}": index})
            params = explorer.params
            assert params[k] == value
            assert explorer.current_loss == pytest.approx(bowl(params), rel=1e-12)
            assert explorer.slope == pytest.approx(slopes[k](params), abs=1e-6)
            words = explorer.readout_text()
            assert ("increase" in words) == (explorer.slope <= -FLAT)
            assert ("decrease" in words) == (explorer.slope >= FLAT)
        explorer.move_to([0.0, 0.5, -1.0][k])


def test_loss_slice_explorer_tangent_touches_the_curve_with_the_slope(explorer):
    explorer.move_to(-1.5)
    tangent = next(layer for layer in explorer._layers if layer.draw == "tangent")
    explorer.png()  # puts the current numbers into the matplotlib artists
    xs, ys = tangent.artist.get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(2 * (-1.5 - 1))
    assert np.mean(ys) == pytest.approx(explorer.current_loss)


def test_loss_slice_explorer_slider_moves_it(explorer):
    from_the_browser(explorer, param_0=explorer.nearest("param_0", 1.0))
    assert explorer.value == 1.0
    assert "slope = 0.00" in explorer.readout_text()
    assert "keep w1 (flat)" in explorer.readout_text()


def test_a_drag_moves_the_chosen_parameter_only(explorer):
    drags = explorer.drags
    assert [(d["x"], d["shown_when"]) for d in drags] == [
        ("param_0", {"parameter": 0}),
        ("param_1", {"parameter": 1}),
        ("param_2", {"parameter": 2}),
    ]
    explorer.move_to(9.0)
    assert explorer.value == 4.0  # kept in range
    explorer.move_to(1.52)
    assert explorer.value == 1.5  # on the steps of 0.05


def test_switching_parameter_computes_the_curve_through_the_moved_weight(explorer):
    explorer.move_to(1.0)
    explorer.select("b")
    [answer] = explorer.answers
    assert answer["at"] == {
        "param_0": explorer.index("param_0"),
        "param_1": explorer.index("param_1"),
    }
    assert explorer.name == "b" and explorer.value == -1.0
    grid = explorer._values[2]
    curve = [
        explorer._tables.value("loss_2", {**explorer.position, "param_2": i})
        for i in range(len(grid))
    ]
    expected = (1.0 - 1) ** 2 + 2 * 0.5**2 + grid**2  # w1 stays where it was moved
    assert curve == pytest.approx(expected)
    text = explorer.readout_text()
    assert "b = -1.00" in text and "slope = -2.00" in text and "advice: increase b" in text
    labels = {c["name"]: c["label"] for c in explorer.controls if c["kind"] == "slider"}
    assert labels["param_2"] == "b (arrow keys move it)"


def test_a_curve_for_other_held_values_is_never_shown(explorer):
    explorer.move_to(1.0)
    explorer.select("b")
    curve_through_one = list(explorer._tables.answers)
    explorer.select("w1")
    explorer.move_to(2.0)
    explorer.select("b")
    assert explorer.current_loss == pytest.approx(bowl([2.0, 0.5, -1.0]))
    explorer._tables.answers = curve_through_one  # a late answer, for w1 = 1
    assert explorer.current_loss is None
    assert "loss = …" in explorer.readout_text()


def test_without_a_kernel_every_curve_through_the_start_is_saved(explorer):
    tables = explorer._tables
    for k, name in enumerate(explorer.names):
        at_k = {**explorer.position, "parameter": k}
        assert tables.value(f"slope_{k}", at_k) is not None, name
    moved = {**explorer.position, "param_0": explorer.nearest("param_0", 2.0), "parameter": 2}
    assert tables.value("loss_2", moved) is None  # through a moved w1: the kernel computes it


def test_loss_slice_explorer_select_by_method_and_bad_name(explorer):
    explorer.select("w2")
    assert explorer.name == "w2"
    assert explorer.slope == pytest.approx(2.0, abs=1e-6)
    with pytest.raises(ValueError, match="name"):
        explorer.select("w9")


def test_loss_slice_explorer_slider_steps_and_range(explorer):
    sliders = [c for c in explorer.controls if c["kind"] == "slider"]
    for control in sliders:
        values = np.array(control_values(control))
        assert (values[0], values[-1]) == (-4.0, 4.0)
        np.testing.assert_allclose(np.diff(values), STEP)
        assert "arrow keys" in control["label"]
    assert [c["shown_when"] for c in sliders] == [{"parameter": k} for k in range(3)]


def test_each_parameter_has_its_own_background(explorer):
    assert explorer.background_by == "parameter"
    assert len({b["png"] for b in explorer.backgrounds}) == 3


@pytest.mark.parametrize("moved, chosen", [("w1", "b"), ("w1", "w2"), ("w2", "b"), ("b", "w1")])
def test_the_point_stays_on_the_plot_after_moving_one_weight_and_choosing_another(
    explorer, moved, chosen
):
    for value in (-4.0, 4.0):
        explorer.select(moved)
        explorer.move_to(value)
        explorer.select(chosen)
        low, high = explorer.backgrounds[explorer.chosen]["panels"][0]["y"]
        assert low <= explorer.current_loss <= high


def test_loss_slice_explorer_shows_a_picture_and_fits_the_saved_state_budget(data):
    inputs, labels = data
    explorer = helpers.loss_slice_explorer(loss_on(inputs, labels), np.zeros(4))
    bundle, _ = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == explorer.summary()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert saved_state_bytes(explorer) <= MOST_SAVED_BYTES


def test_loss_slice_explorer_on_the_neuron_matches_the_analytic_slope(data):
    inputs, labels = data
    start = np.zeros(4)
    explorer = helpers.loss_slice_explorer(loss_on(inputs, labels), start, parameter=1)
    assert explorer.slope == pytest.approx(neuron.loss_gradient(start, inputs, labels)[1])
    assert explorer.name == "w2"
    assert start.tolist() == [0.0] * 4  # the caller's array is not changed


def test_advice_follows_the_sign_of_the_slope():
    assert advice(-0.3, "w1") == "increase w1"
    assert advice(0.3, "w1") == "decrease w1"
    assert advice(0.0, "w1") == "keep w1 (flat)"
    assert "nan" in advice(np.nan, "w1")


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"loss": "loss"}, TypeError, "loss"),
        ({"loss": lambda p: [1.0, 2.0]}, TypeError, "loss"),
        ({"loss": lambda p: "low"}, TypeError, "loss"),
        ({"params": [[0.0, 1.0]]}, ValueError, "params"),
        ({"params": "abc"}, TypeError, "params"),
        ({"params": [0.0, 9.0, 0.0]}, ValueError, "params"),
        ({"parameter": 3}, ValueError, "parameter"),
        ({"parameter": "w7"}, ValueError, "parameter"),
        ({"parameter": 1.5}, TypeError, "parameter"),
        ({"names": ["a", "b"]}, ValueError, "names"),
        ({"names": ["a", "a", "c"]}, ValueError, "names"),
        ({"names": "abc"}, TypeError, "names"),
        ({"names": 3}, TypeError, "names"),
        ({"weight_range": (2.0, -2.0)}, ValueError, "weight_range"),
        ({"weight_range": 4}, TypeError, "weight_range"),
        ({"weight_range": (-1e9, 1e9)}, ValueError, "weight_range"),
    ],
)
def test_loss_slice_explorer_rejects_bad_arguments(kwargs, error, name):
    arguments = {"loss": bowl, "params": [0.0, 0.5, -1.0], **kwargs}
    with pytest.raises(error, match=name):
        helpers.loss_slice_explorer(**arguments)


def test_loss_slice_explorer_rejects_a_loss_that_gives_nan():
    with np.errstate(divide="ignore", invalid="ignore"), pytest.raises(ValueError, match="nan"):
        helpers.loss_slice_explorer(lambda p: np.log(p[0]), [1.0, 0.0])


def test_a_curve_through_moved_weights_where_the_loss_is_nan_says_so():
    def loss(p):  # finite along each axis through the start, nan once w1 + w2 < -6
        return np.log(p[0] + p[1] + 7)

    with np.errstate(invalid="ignore", divide="ignore"):
        explorer = helpers.loss_slice_explorer(loss, [0.0, 0.0])
        explorer.move_to(-4.0)
        explorer.select("b")
        explorer.move_to(-4.0)
    assert "advice: none: the loss is nan or inf here" in explorer.readout_text()
    assert "loss = nan" in explorer.readout_text()
    explorer.move_to(0.0)  # where the loss is finite, its slope is measured
    assert explorer.slope == pytest.approx(1 / 3)
    assert "advice: decrease b" in explorer.readout_text()


def test_loss_slice_explorer_methods_reject_bad_arguments(explorer):
    with pytest.raises(TypeError, match="value"):
        explorer.move_to("left")
    with pytest.raises(ValueError, match="value"):
        explorer.move_to(np.inf)
