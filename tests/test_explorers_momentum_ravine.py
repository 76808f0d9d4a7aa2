"""helpers/explorers/momentum_ravine.py: the momentum explorer."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402

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
