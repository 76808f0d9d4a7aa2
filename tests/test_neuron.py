"""The neuron of notebook 07: data, loss, gradient, counting, random search,
the loss-slice explorer and the figures."""

import base64

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from support import MOST_SAVED_BYTES, saved_state_bytes  # noqa: E402

import helpers  # noqa: E402
from helpers import neuron  # noqa: E402
from helpers.explorers.controls import control_values  # noqa: E402
from helpers.explorers.loss_slice import FLAT, STEP, advice  # noqa: E402


@pytest.fixture
def data():
    return neuron.make_dataset(np.random.default_rng(0), n_points=40, n_inputs=3)


def loss_on(inputs, labels):
    return lambda params: neuron.loss(params, inputs, labels)


# --- make_dataset -----------------------------------------------------------------


def test_make_dataset_has_the_asked_shape_and_alternating_labels():
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=7, n_inputs=4)
    assert inputs.shape == (7, 4)
    assert labels.tolist() == [0, 1, 0, 1, 0, 1, 0]


def test_make_dataset_is_reproducible_from_the_seed():
    first = neuron.make_dataset(np.random.default_rng(3), n_points=20, n_inputs=2)
    second = neuron.make_dataset(np.random.default_rng(3), n_points=20, n_inputs=2)
    assert np.array_equal(first[0], second[0])


def test_make_dataset_shifts_the_classes_apart_along_the_diagonal():
    inputs, labels = neuron.make_dataset(
        np.random.default_rng(0), n_points=4000, n_inputs=2, separation=2.0
    )
    centre_1 = inputs[labels == 1].mean(axis=0)
    centre_0 = inputs[labels == 0].mean(axis=0)
    assert np.linalg.norm(centre_1 - centre_0) == pytest.approx(2.0, abs=0.1)
    assert centre_1 == pytest.approx([1 / np.sqrt(2)] * 2, abs=0.06)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"rng": 0}, TypeError, "rng"),
        ({"n_points": 1}, ValueError, "n_points"),
        ({"n_points": 2.5}, TypeError, "n_points"),
        ({"n_inputs": 0}, ValueError, "n_inputs"),
        ({"separation": -1.0}, ValueError, "separation"),
    ],
)
def test_make_dataset_rejects_bad_arguments(kwargs, error, name):
    arguments = {"rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(error, match=name):
        neuron.make_dataset(**arguments)


# --- the model, the loss and its gradient ------------------------------------------


def test_sigmoid_is_stable_far_out():
    values = neuron.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert values.tolist() == [0.0, 0.5, 1.0]


def test_predict_is_the_sigmoid_of_the_weighted_sum():
    params = np.array([1.0, -2.0, 0.5])
    inputs = np.array([[1.0, 1.0], [0.0, -1.0]])
    z = inputs @ params[:2] + params[2]
    assert neuron.predict(params, inputs) == pytest.approx(1 / (1 + np.exp(-z)))


def test_loss_equals_the_cross_entropy_formula(data):
    inputs, labels = data
    params = np.array([0.3, -0.7, 1.1, 0.2])
    p = 1 / (1 + np.exp(-(inputs @ params[:3] + params[3])))
    expected = np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p))
    assert neuron.loss(params, inputs, labels) == pytest.approx(expected, rel=1e-12)


def test_loss_at_zero_is_log_2(data):
    assert neuron.loss(np.zeros(4), *data) == pytest.approx(np.log(2))


def test_loss_stays_finite_for_huge_weights(data):
    assert np.isfinite(neuron.loss(np.full(4, 1e6), *data))


def test_loss_gradient_matches_the_numeric_gradient(data):
    params = np.array([0.5, -1.0, 0.3, 0.2])
    analytic = neuron.loss_gradient(params, *data)
    numeric = helpers.gradient(loss_on(*data), params)
    assert analytic.shape == params.shape
    assert numeric == pytest.approx(analytic, rel=1e-7, abs=1e-9)


def test_loss_gradient_of_the_bias_is_mean_p_minus_y():
    inputs, labels = np.ones((4, 2)), np.array([1.0, 0.0, 1.0, 1.0])
    assert neuron.loss_gradient(np.zeros(3), inputs, labels)[-1] == pytest.approx(-0.25)


@pytest.mark.parametrize(
    "params, inputs, labels, error, name",
    [
        (np.zeros(2), np.ones((4, 2)), np.zeros(4), ValueError, "params"),
        ("w", np.ones((4, 2)), np.zeros(4), TypeError, "params"),
        (np.array([0.0, np.nan, 0.0]), np.ones((4, 2)), np.zeros(4), ValueError, "params"),
        (np.zeros(3), np.ones(4), np.zeros(4), ValueError, "inputs"),
        (np.zeros(3), np.ones((4, 2)), np.zeros(3), ValueError, "labels"),
        (np.zeros(3), np.ones((4, 2)), np.full(4, 0.5), ValueError, "labels"),
        (np.zeros(3), [[1.0, np.inf]], [1.0], ValueError, "inputs"),
    ],
)
@pytest.mark.parametrize("function", [neuron.loss, neuron.loss_gradient])
def test_loss_and_gradient_reject_bad_arrays(function, params, inputs, labels, error, name):
    with pytest.raises(error, match=name):
        function(params, inputs, labels)


def test_predict_rejects_params_of_the_wrong_size():
    with pytest.raises(ValueError, match="params"):
        neuron.predict(np.zeros(5), np.ones((3, 2)))


# --- counting and random search ------------------------------------------------------


def test_counted_loss_counts_two_evaluations_per_parameter_for_a_gradient(data):
    counted = neuron.CountedLoss(*data)
    helpers.gradient(counted, np.zeros(4))
    assert counted.count == 2 * 4
    counted.reset()
    assert counted.count == 0


def test_counted_loss_gives_the_same_value_as_loss(data):
    params = np.array([0.1, 0.2, 0.3, 0.4])
    assert neuron.CountedLoss(*data)(params) == neuron.loss(params, *data)


def test_counted_loss_rejects_bad_data_and_params(data):
    with pytest.raises(ValueError, match="labels"):
        neuron.CountedLoss(np.ones((3, 2)), np.ones(2))
    with pytest.raises(ValueError, match="params"):
        neuron.CountedLoss(*data)(np.zeros(2))


def test_descent_evaluations_match_what_gradient_descent_counted(data):
    counted = neuron.CountedLoss(*data)
    path = helpers.gradient_descent(counted, np.zeros(4), learning_rate=1.0, steps=7)
    evaluations = neuron.descent_evaluations(path)
    assert evaluations.tolist() == [1 + k * (2 * 4 + 1) for k in range(8)]
    assert evaluations[-1] == counted.count


def test_descent_evaluations_rejects_what_is_not_an_array_path():
    scalar_path = helpers.gradient_descent(lambda w: w**2, 1.0, learning_rate=0.1, steps=2)
    for wrong in [scalar_path, "path", None]:
        with pytest.raises(TypeError, match="path"):
            neuron.descent_evaluations(wrong)


def test_random_search_keeps_the_best_guess_so_far(data):
    counted = neuron.CountedLoss(*data)
    search = neuron.random_search(counted, 4, samples=50, rng=np.random.default_rng(0))
    assert counted.count == 50
    assert search.best_values.shape == (50,)
    assert np.all(np.diff(search.best_values) <= 0)
    assert search.best_values[-1] == pytest.approx(neuron.loss(search.best, *data))
    assert search.evaluations.tolist() == list(range(1, 51))
    assert np.all(np.abs(search.best) <= 3.0)


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        ({"loss": 3}, TypeError, "loss"),
        ({"n_params": 0}, ValueError, "n_params"),
        ({"samples": 0}, ValueError, "samples"),
        ({"samples": 1.5}, TypeError, "samples"),
        ({"rng": 42}, TypeError, "rng"),
        ({"scale": 0.0}, ValueError, "scale"),
    ],
)
def test_random_search_rejects_bad_arguments(kwargs, error, name):
    arguments = {
        "loss": lambda w: float(np.sum(w**2)),
        "n_params": 2,
        "samples": 3,
        "rng": np.random.default_rng(0),
        **kwargs,
    }
    with pytest.raises(error, match=name):
        neuron.random_search(**arguments)


def test_gradient_descent_beats_random_guessing_with_many_parameters():
    rng = np.random.default_rng(0)
    counted = neuron.CountedLoss(*neuron.make_dataset(rng, n_points=100, n_inputs=20))
    path = helpers.gradient_descent(counted, np.zeros(21), learning_rate=1.0, steps=10)
    search = neuron.random_search(counted, 21, samples=int(counted.count), rng=rng)
    assert path.values[-1] < np.log(2) < search.best_values[-1]


def test_seconds_times_a_call_and_rejects_bad_arguments():
    calls = []
    assert neuron.seconds(calls.append, 1, repeats=2) >= 0
    assert calls == [1, 1]
    with pytest.raises(ValueError, match="repeats"):
        neuron.seconds(print, repeats=0)
    with pytest.raises(TypeError, match="function"):
        neuron.seconds(3)


# --- the loss-slice explorer -----------------------------------------------------------


def bowl(params):
    """(w1 − 1)² + 2·w2² + b², with ∂/∂w1 = 2(w1 − 1), ∂/∂w2 = 4·w2, ∂/∂b = 2b."""
    return (params[0] - 1) ** 2 + 2 * params[1] ** 2 + params[2] ** 2


@pytest.fixture
def explorer():
    return helpers.loss_slice_explorer(bowl, [0.0, 0.5, -1.0], parameter="w1")


def from_the_browser(explorer, **indices):
    """Move as the browser does: it sends the whole position, with the next "seq"."""
    explorer.position = {**explorer.position, **indices, "seq": explorer.position["seq"] + 1}


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


# --- static figures ---------------------------------------------------------------------


def test_neuron_data_figure_draws_classes_and_boundaries(data):
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=30, n_inputs=2)
    fig = helpers.figures.neuron_data_figure(
        inputs, labels, {"a": [1.0, 1.0, 0.0], "b": [1.0, 2.0, 0.5]}
    )
    assert len(fig.axes) == 1
    assert len(fig.axes[0].lines) == 4


def test_neuron_data_figure_rejects_bad_input(data):
    with pytest.raises(ValueError, match="inputs"):
        helpers.figures.neuron_data_figure(*data)  # 3 inputs cannot be drawn in the plane
    inputs, labels = neuron.make_dataset(np.random.default_rng(0), n_points=30, n_inputs=2)
    with pytest.raises(ValueError, match="boundaries"):
        helpers.figures.neuron_data_figure(inputs, labels, {str(i): [1, 1, 0] for i in range(4)})


def test_loss_vs_evaluations_figure_uses_a_log_axis():
    fig = helpers.figures.loss_vs_evaluations_figure([1, 8, 15], [0.7, 0.5, 0.4], [1.0, 0.9], "t")
    assert fig.axes[0].get_xscale() == "log"
    assert len(fig.axes[0].lines) == 2
    with pytest.raises(ValueError, match="descent_losses"):
        helpers.figures.loss_vs_evaluations_figure([1, 8], [0.7], [1.0], "t")


def test_gradient_cost_figure_draws_three_lines_and_checks_times():
    fig = helpers.figures.gradient_cost_figure([11, 101], [1e-3, 1e-2], [1e-4, 1e-4], [5e-5] * 2)
    assert len(fig.axes[0].lines) == 3
    assert fig.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="numeric_seconds"):
        helpers.figures.gradient_cost_figure([11, 101], [1e-3], [1e-4] * 2, [1e-4] * 2)
