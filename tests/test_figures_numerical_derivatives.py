"""helpers/figures/numerical_derivatives.py: the static figures of notebook 03."""

import numpy as np
import pytest

import helpers

EPS = np.finfo(float).eps


# --- the static figures ------------------------------------------------------------


def test_difference_quotients_figure_draws_the_three_secant_slopes():
    fig = helpers.figures.difference_quotients_figure(
        np.sin, 1.0, 0.5, exact_slope=np.cos(1.0), label="sin(x)"
    )
    lines = {line.get_label().split(":")[0]: line for line in fig.axes[0].get_lines()}
    expected = {
        "forward": (np.sin(1.5) - np.sin(1.0)) / 0.5,
        "backward": (np.sin(1.0) - np.sin(0.5)) / 0.5,
        "central": (np.sin(1.5) - np.sin(0.5)) / 1.0,
        "tangent": np.cos(1.0),
    }
    for name, slope in expected.items():
        (x0, x1), (y0, y1) = lines[name].get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(slope)


def test_difference_quotients_figure_draws_no_tangent_without_exact_slope():
    fig = helpers.figures.difference_quotients_figure(np.exp, 0.0, 0.3)
    assert not any("tangent" in line.get_label() for line in fig.axes[0].get_lines())


@pytest.mark.parametrize(
    "args, options, error, name",
    [
        ((3.0, 1.0, 0.5), {}, TypeError, "f"),
        ((np.sin, np.inf, 0.5), {}, ValueError, "x"),
        ((np.sin, 1.0, 0.0), {}, ValueError, "h"),
        ((np.sin, 1.0, 0.5), {"exact_slope": "steep"}, TypeError, "exact_slope"),
    ],
)
def test_difference_quotients_figure_rejects_bad_arguments(args, options, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.difference_quotients_figure(*args, **options)


def test_step_error_figure_marks_each_curves_minimum_on_log_axes():
    steps = 10.0 ** np.arange(-12, 0.5, 0.5)
    errors = {"forward": steps / 2 + EPS / steps, "central": steps**2 / 6 + EPS / steps}
    fig = helpers.figures.step_error_figure(steps, errors, guides={"√ε": np.sqrt(EPS)})
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    curve_forward, marker_forward, curve_central, marker_central = ax.get_lines()[:4]
    assert marker_forward.get_xdata()[0] == steps[np.argmin(errors["forward"])]
    assert marker_central.get_xdata()[0] == steps[np.argmin(errors["central"])]
    assert [curve_forward.get_label(), curve_central.get_label()] == ["forward", "central"]
    assert any(text.get_text().strip() == "√ε" for text in ax.texts)


def test_step_error_figure_draws_zero_errors_at_the_floor():
    steps = np.array([1e-3, 1e-2, 1e-1])
    fig = helpers.figures.step_error_figure(steps, {"complex step": np.array([0.0, 1e-16, 1e-3])})
    curve = fig.axes[0].get_lines()[0]
    assert curve.get_ydata()[0] == 1e-17
    assert "0 drawn at 1e-17" in fig.axes[0].get_ylabel()


@pytest.mark.parametrize(
    "steps, errors, kwargs, error, name",
    [
        ([1e-3, -1e-2], {"forward": [1.0, 2.0]}, {}, ValueError, "steps"),
        ([1e-3, 1e-2], [1.0, 2.0], {}, TypeError, "errors"),
        ([1e-3, 1e-2], {}, {}, TypeError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, 2.0, 3.0]}, {}, ValueError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, np.nan]}, {}, ValueError, "errors"),
        ([1e-3, 1e-2], {"forward": [1.0, 2.0]}, {"floor": 0.0}, ValueError, "floor"),
    ],
)
def test_step_error_figure_rejects_bad_arguments(steps, errors, kwargs, error, name):
    with pytest.raises(error, match=name):
        helpers.figures.step_error_figure(np.array(steps), errors, **kwargs)
