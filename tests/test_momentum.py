"""Notebook 09's helpers: gradient descent with momentum and learning-rate schedules, the
ravine and its stability limits, noisy and minibatch gradients, loss floors, figures."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import momentum, neuron, sgd  # noqa: E402

START = np.array(momentum.RAVINE_START)


def ravine_run(rate, beta=0.0, steps=3000, **kwargs):
    return helpers.gradient_descent(
        momentum.ravine,
        START,
        learning_rate=rate,
        steps=steps,
        slope=momentum.ravine_gradient,
        momentum=beta,
        **kwargs,
    )


# --- gradient_descent with momentum --------------------------------------------------------


def test_zero_momentum_is_plain_gradient_descent():
    plain = helpers.gradient_descent(lambda w: w**2, 3.0, learning_rate=0.1, steps=20, tolerance=0)
    zero = helpers.gradient_descent(
        lambda w: w**2, 3.0, learning_rate=0.1, steps=20, tolerance=0, momentum=0.0
    )
    np.testing.assert_array_equal(plain.points, zero.points)


def test_momentum_steps_follow_the_stated_convention():
    """v ← β·v + ∇f(w), w ← w − η·v, v = 0 at the start, written out by hand."""
    rate, beta = 0.3, 0.7
    path = ravine_run(rate, beta, steps=6, tolerance=0)
    w, v = START.copy(), np.zeros(2)
    for k in range(6):
        v = beta * v + momentum.ravine_gradient(w)
        w = w - rate * v
        np.testing.assert_allclose(path.points[k + 1], w, rtol=1e-14)


def test_a_learning_rate_schedule_is_called_with_the_step_number():
    seen = []

    def rate(k):
        seen.append(k)
        return 0.1 / (1 + k)

    path = helpers.gradient_descent(lambda w: w**2, 1.0, learning_rate=rate, steps=4, tolerance=0)
    assert seen == [0, 1, 2, 3]
    w = 1.0
    for k in range(4):
        w -= 0.1 / (1 + k) * 2 * w
    assert path.final == pytest.approx(w)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"momentum": 1.0}, ValueError, ["momentum", "below 1", "1.0"]),
        ({"momentum": -0.1}, ValueError, ["momentum", "-0.1"]),
        ({"momentum": "0.5"}, TypeError, ["momentum", "'0.5'"]),
        ({"learning_rate": lambda k: -1.0}, ValueError, ["learning_rate(0)", "-1.0"]),
        ({"learning_rate": lambda k: "fast"}, TypeError, ["learning_rate(0)", "'fast'"]),
    ],
)
def test_momentum_and_schedule_refuse_bad_input_by_name(kwargs, error, words):
    arguments = {"learning_rate": 0.1, **kwargs}
    with pytest.raises(error) as raised:
        helpers.gradient_descent(lambda w: w**2, 1.0, steps=3, **arguments)
    for word in words:
        assert word in str(raised.value)


# --- the ravine and its limits ----------------------------------------------------------------


def test_ravine_gradient_is_the_measured_gradient():
    for point in [np.array([1.0, -2.0]), np.array([-3.5, 0.25])]:
        np.testing.assert_allclose(
            momentum.ravine_gradient(point), helpers.gradient(momentum.ravine, point), rtol=1e-8
        )


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.8])
def test_momentum_converges_below_its_limit_and_diverges_above(beta):
    _, limit = momentum.stability_limits(beta)
    assert ravine_run(0.97 * limit, beta, steps=20_000).converged
    assert ravine_run(1.03 * limit, beta, steps=20_000).diverged


def test_plain_limit_is_two_over_the_largest_curvature():
    plain, with_momentum = momentum.stability_limits(0.0)
    assert plain == with_momentum == 2 / 4.0
    assert momentum.stability_limits(0.5, curvature=10.0) == (0.2, 0.3)


def test_momentum_converges_where_plain_descent_diverges():
    assert ravine_run(0.6).diverged
    heavy = ravine_run(0.6, 0.5)
    assert heavy.converged and heavy.values[-1] < 1e-18
    best_plain = ravine_run(0.45)  # just below 2/L = 0.5
    assert heavy.steps < best_plain.steps / 2


def test_ravine_descent_is_reproducible_and_noise_changes_it():
    first = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=4, steps=50)
    again = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=4, steps=50)
    other = momentum.ravine_descent(0.3, momentum=0.5, noise=0.5, seed=5, steps=50)
    quiet = momentum.ravine_descent(0.3, momentum=0.5, noise=0.0, steps=50)
    np.testing.assert_array_equal(first.points, again.points)
    assert not np.array_equal(first.points, other.points)
    assert first.points.shape == (51, 2) and first.values.shape == (51,)
    np.testing.assert_allclose(quiet.points, ravine_run(0.3, 0.5, steps=50, tolerance=0).points)


def test_ravine_descent_stops_a_diverging_run_cleanly():
    path = momentum.ravine_descent(0.6, steps=1000)
    assert path.diverged and path.steps < 1000
    assert np.all(np.isfinite(path.values))


def test_noise_floor_of_plain_descent_matches_its_formula():
    """On a quadratic, noise σ leaves E f = Σᵢ η σ² / (2(2 − η cᵢ)) at the end."""
    rate, noise = 0.2, 1.0
    path = momentum.ravine_descent(rate, noise=noise, seed=0, steps=20_000)
    predicted = momentum.ravine_noise_floor(rate, noise)
    assert predicted == pytest.approx(
        sum(rate * noise**2 / (2 * (2 - rate * c)) for c in momentum.RAVINE_CURVATURES)
    )
    assert sgd.loss_floor(path.values) == pytest.approx(predicted, rel=0.1)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: momentum.stability_limits(1.2), ValueError, ["momentum", "1.2"]),
        (lambda: momentum.stability_limits(0.5, curvature=0), ValueError, ["curvature"]),
        (lambda: momentum.ravine_descent(0.1, noise=-1), ValueError, ["noise", "-1"]),
        (lambda: momentum.ravine_descent(0.1, seed=1.5), TypeError, ["seed"]),
        (lambda: momentum.ravine_descent(0.1, start=(1, 2, 3)), ValueError, ["start"]),
        (lambda: momentum.ravine_descent(0.0), ValueError, ["learning_rate"]),
        (lambda: momentum.ravine_descent(0.1, momentum=1), ValueError, ["momentum"]),
        (lambda: momentum.ravine_noise_floor(0.6, 1.0), ValueError, ["learning_rate", "2/L"]),
    ],
)
def test_ravine_helpers_refuse_bad_input_by_name(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)


# --- noisy and minibatch gradients -------------------------------------------------------------


def test_noisy_slope_is_right_on_average_with_the_asked_spread():
    noisy = sgd.noisy_slope(momentum.ravine_gradient, 0.5, np.random.default_rng(0))
    w = np.array([1.0, 1.0])
    draws = np.array([noisy(w) for _ in range(20_000)])
    np.testing.assert_allclose(draws.mean(axis=0), momentum.ravine_gradient(w), atol=0.02)
    np.testing.assert_allclose(draws.std(axis=0), [0.5, 0.5], rtol=0.03)


def test_zero_noise_is_the_exact_slope():
    assert sgd.noisy_slope(momentum.ravine_gradient, 0, np.random.default_rng(0)) is (
        momentum.ravine_gradient
    )


@pytest.fixture
def data():
    return neuron.make_dataset(np.random.default_rng(0), n_points=40, n_inputs=2)


def test_minibatch_gradients_average_to_the_full_gradient(data):
    inputs, labels = data
    params = np.array([0.4, -0.3, 0.1])
    slope = sgd.minibatch_slope(inputs, labels, 5, np.random.default_rng(0))
    mean = np.mean([slope(params) for _ in range(8000)], axis=0)
    np.testing.assert_allclose(mean, neuron.loss_gradient(params, inputs, labels), atol=0.01)


def test_a_batch_of_all_points_is_the_full_gradient(data):
    inputs, labels = data
    params = np.array([0.4, -0.3, 0.1])
    slope = sgd.minibatch_slope(inputs, labels, len(labels), np.random.default_rng(0))
    np.testing.assert_allclose(slope(params), neuron.loss_gradient(params, inputs, labels))


def test_smaller_batches_leave_a_higher_floor_and_decay_lowers_it(data):
    inputs, labels = data

    def floor(batch, rate):
        slope = sgd.minibatch_slope(inputs, labels, batch, np.random.default_rng(2))
        path = helpers.gradient_descent(
            lambda p: neuron.loss(p, inputs, labels),
            np.zeros(3),
            learning_rate=rate,
            steps=600,
            tolerance=0.0,
            slope=slope,
        )
        return sgd.loss_floor(path.values)

    assert floor(2, 1.0) > floor(20, 1.0)
    assert floor(2, sgd.decaying_rate(1.0, half_life=30)) < floor(2, 1.0)


def test_decaying_rate_halves_after_its_half_life():
    rate = sgd.decaying_rate(0.8, half_life=25)
    assert [rate(0), rate(25), rate(100)] == pytest.approx([0.8, 0.4, 0.16])


def test_loss_floor_averages_the_last_part():
    assert sgd.loss_floor([4.0, 3.0, 2.0, 1.0], last=0.25) == 1.0
    assert sgd.loss_floor([4.0, 3.0, 2.0, 1.0], last=1) == 2.5
    assert sgd.loss_floor([5.0]) == 5.0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda d: sgd.noisy_slope(3.0, 0.1, np.random.default_rng(0)), TypeError, ["slope"]),
        (lambda d: sgd.noisy_slope(abs, -0.1, np.random.default_rng(0)), ValueError, ["noise"]),
        (lambda d: sgd.noisy_slope(abs, 0.1, 0), TypeError, ["rng"]),
        (lambda d: sgd.minibatch_slope(*d, 0, np.random.default_rng(0)), ValueError, ["batch"]),
        (lambda d: sgd.minibatch_slope(*d, 41, np.random.default_rng(0)), ValueError, ["40"]),
        (lambda d: sgd.minibatch_slope(*d, 2.5, np.random.default_rng(0)), TypeError, ["batch"]),
        (lambda d: sgd.decaying_rate(0, half_life=10), ValueError, ["initial"]),
        (lambda d: sgd.decaying_rate(0.1, half_life=-1), ValueError, ["half_life"]),
        (lambda d: sgd.loss_floor([1.0, np.nan]), ValueError, ["values"]),
        (lambda d: sgd.loss_floor([1.0], last=2), ValueError, ["last", "2"]),
    ],
)
def test_sgd_helpers_refuse_bad_input_by_name(data, call, error, words):
    with pytest.raises(error) as raised:
        call(data)
    for word in words:
        assert word in str(raised.value)


# --- figures -------------------------------------------------------------------------------------


def test_ravine_paths_figure_draws_each_path_and_the_map():
    paths = {
        "plain": momentum.ravine_descent(0.45, steps=30),
        "momentum": momentum.ravine_descent(0.6, momentum=0.5, steps=30),
    }
    figure = helpers.figures.ravine_paths_figure(paths, "two runs")
    ax = figure.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "plain" in labels and "momentum" in labels
    drawn = next(line for line in ax.get_lines() if line.get_label() == "momentum")
    np.testing.assert_array_equal(drawn.get_xydata(), paths["momentum"].points)
    assert ax.collections, "the contour map is drawn"


def test_loss_curves_figure_marks_floors_and_clips_divergence():
    curves = {"a": np.array([4.0, 2.0, 1.0]), "b": np.array([4.0, 1e50, 1e99])}
    figure = helpers.figures.loss_curves_figure(curves, floors={"a": 1.0})
    ax = figure.axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_ylim()[1] == pytest.approx(40.0)
    assert any(list(line.get_ydata()) == [1.0, 1.0] for line in ax.get_lines())


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: helpers.figures.ravine_paths_figure([]), TypeError, ["paths", "dict"]),
        (lambda: helpers.figures.ravine_paths_figure({"x": 3}), TypeError, ["paths['x']"]),
        (lambda: helpers.figures.loss_curves_figure({"a": [1.0, -1.0]}), ValueError, ["above 0"]),
        (
            lambda: helpers.figures.loss_curves_figure({"a": [1.0]}, floors={"b": 1}),
            ValueError,
            ["'b'"],
        ),
        (
            lambda: helpers.figures.loss_curves_figure({str(i): [1.0] for i in range(5)}),
            ValueError,
            ["at most 4"],
        ),  # fmt: skip
    ],
)
def test_momentum_figures_refuse_bad_input_by_name(call, error, words):
    with pytest.raises(error) as raised:
        call()
    for word in words:
        assert word in str(raised.value)


# --- the momentum explorer (notebook 09) -------------------------------------------


@pytest.fixture(scope="module")
def ravine_explorer():
    return helpers.momentum_explorer(learning_rate=0.6, momentum=0.0, noise=0.0)


def test_momentum_explorer_runs_what_ravine_descent_runs(ravine_explorer):
    ravine_explorer.set_momentum(0.0)
    ravine_explorer.set_learning_rate(0.6)
    run = helpers.momentum.ravine_descent(0.6, momentum=0.0, noise=0.0, steps=100)
    assert ravine_explorer.status == "diverged"
    assert ravine_explorer.final_loss == run.values[-1]
    drawn = ravine_explorer._tables.along("losses", "step", ravine_explorer.position)
    np.testing.assert_allclose(drawn[: len(run.values)], run.values, rtol=1e-6)  # float32


def test_the_explorer_shows_momentum_converging_where_plain_descent_diverges(ravine_explorer):
    ravine_explorer.set_learning_rate(0.6)
    ravine_explorer.set_momentum(0.5)
    assert ravine_explorer.status == "converged"
    assert ravine_explorer.final_loss < 1e-12
    assert "final loss" in ravine_explorer.summary() and "converged" in ravine_explorer.summary()


def test_the_learning_rate_slider_is_marked_at_both_limits(ravine_explorer):
    rate = next(c for c in ravine_explorer.controls if c["name"] == "learning_rate")
    assert rate["marks"] == [
        {"label": "2/L", "at": 0.5},
        {"label": "(2+2β)/L", "at": "momentum_limit"},
    ]
    ravine_explorer.set_momentum(0.5)
    assert ravine_explorer.lookup("momentum_limit") == pytest.approx(0.75)


def test_every_slider_alone_moves_with_no_kernel(ravine_explorer):
    ravine_explorer.set_learning_rate(0.45)
    ravine_explorer.set_momentum(0.0)
    ravine_explorer.set_noise(0.0)
    tables = ravine_explorer._tables.answers + ravine_explorer._tables.fixed
    for name in ("learning_rate", "momentum", "noise"):
        summary = next(t for t in tables if t.over == (name,) and "final_loss" in t.columns)
        assert summary.applies(ravine_explorer.position, ravine_explorer._tables.sizes)


def test_noise_leaves_a_floor(ravine_explorer):
    ravine_explorer.set_learning_rate(0.4)
    ravine_explorer.set_momentum(0.0)
    ravine_explorer.set_noise(1.0)
    assert ravine_explorer.status == "held up by the noise"
    assert ravine_explorer.final_loss > 0.01


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda: helpers.momentum_explorer(learning_rate=2.0), ValueError, "learning_rate"),
        (lambda: helpers.momentum_explorer(momentum=1.0), ValueError, "momentum"),
        (lambda: helpers.momentum_explorer(noise="a"), TypeError, "noise"),
    ],
)
def test_momentum_explorer_refuses_bad_arguments(make, error, words):
    with pytest.raises(error, match=words):
        make()
