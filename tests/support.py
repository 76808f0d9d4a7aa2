"""What the tests share: where the notebooks are, an explorer's readout as numbers,
the size of its saved state, hypothesis's settings and garbage arguments. The
fixtures are in conftest.py."""

import base64
import json
import math
import os
import re
from pathlib import Path

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from ipywidgets.widgets.widget import _remove_buffers

import helpers
from helpers import momentum, neuron
from helpers.explorers.widget import GAP

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: The budget for one explorer's saved state (issue 8).
MOST_SAVED_BYTES = 256 * 1024

# No example database: the tests leave nothing behind in the repository. In CI the
# examples are drawn from a fixed seed, so a submission's result is reproducible;
# elsewhere each run explores new examples.
PROPERTY = settings(deadline=None, database=None, derandomize=os.environ.get("CI") == "true")

_NUMBER = re.compile(r"-?[\d.]+(?:e[-+]?\d+)?")


def readout_numbers(explorer):
    """{name: value} for every ``name = number`` item of the readout as the browser writes
    it ("…", a number still pending, becomes None; items that are words are left out)."""
    numbers = {}
    for item in explorer.readout_text().split(GAP):
        name, equals, value = item.replace("\xa0", " ").partition(" = ")
        number = _NUMBER.match(value.strip())
        if equals and value.strip() == "…":
            numbers[name.strip()] = None
        elif equals and number:
            numbers[name.strip()] = float(number.group())
    return numbers


def saved_state_bytes(widget):
    """Bytes of the widget's saved state: its traits as JSON, its binary buffers (the
    background pictures, the tables) in base64, as the notebook's metadata holds them
    (nbconvert's store_widget_state)."""
    state, _, buffers = _remove_buffers(widget.get_state())
    return len(json.dumps(state)) + sum(len(base64.b64encode(bytes(b))) for b in buffers)


def saved_state_kb(widget):
    """``saved_state_bytes`` in KB."""
    return saved_state_bytes(widget) / 1024


# --- explorers, as the tests drive them ----------------------------------------------


def from_the_browser(explorer, **indices):
    """Move as the browser does: it sends the whole position, with the next "seq"."""
    explorer.position = {**explorer.position, **indices, "seq": explorer.position["seq"] + 1}


def assert_shows_a_picture_and_a_summary(explorer):
    data, _ = explorer._repr_mimebundle_()
    assert data["text/plain"] == explorer.summary()
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in data


# --- the lessons' functions and points ------------------------------------------------

#: The neuron's data point of notebook 08 (the backprop explorer's default).
NEURON_POINT = dict(inputs=[1.5, -0.5], weights=[0.8, -1.2], bias=0.3)
RAVINE_START_ARRAY = np.array(momentum.RAVINE_START)


def two_valleys(x):
    return x**4 - 3 * x**2 + x


def lesson_f(a, x, y, z):
    return 3 * x**2 * y + a * z**3 + 5


def loss_on(inputs, labels):
    return lambda params: neuron.loss(params, inputs, labels)


def ravine_run(rate, beta=0.0, steps=3000, **kwargs):
    return helpers.gradient_descent(
        momentum.ravine,
        RAVINE_START_ARRAY,
        learning_rate=rate,
        steps=steps,
        slope=momentum.ravine_gradient,
        momentum=beta,
        **kwargs,
    )


# --- garbage arguments, for the property tests -------------------------------


class Opaque:
    """An object with nothing numeric about it."""

    def __repr__(self):
        return "Opaque()"


def returning(value, name):
    """A function of anything that returns ``value``: a learner's f gone wrong."""

    def function(*args, **kwargs):
        return value

    function.__name__ = function.__qualname__ = name
    return function


def identity(*args, **kwargs):
    return args[0] if args else 0.0


JUNK_FUNCTIONS = [
    returning(None, "returns_none"),
    returning("text", "returns_text"),
    returning(1j, "returns_complex"),
    returning([1.0, 2.0, 3.0], "returns_three"),
    returning({}, "returns_dict"),
    returning(math.nan, "returns_nan"),
    returning(Opaque(), "returns_object"),
    identity,
]

SPECIAL_FLOATS = [math.nan, math.inf, -math.inf, 1e308, -1e308, 1.7976931348623157e308]
SPECIAL_FLOATS += [5e-324, -5e-324, 1e-300, 0.0, -0.0]

# Hashable odds and ends, to fill lists, sets, dicts and object arrays.
junk_scalars = st.one_of(
    st.none(),
    st.text(max_size=4),
    st.binary(max_size=3),
    st.booleans(),
    st.floats(),
    st.integers(-1000, 1000),
    st.complex_numbers(max_magnitude=1e3),
    st.sampled_from(SPECIAL_FLOATS),
)
odd_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)
odd_arrays = st.one_of(
    hnp.arrays(np.float64, odd_shapes),
    hnp.arrays(np.complex128, odd_shapes),
    hnp.arrays(np.bool_, odd_shapes),
    hnp.arrays(np.int8, odd_shapes),
    hnp.arrays(np.dtype("U3"), odd_shapes),
    hnp.arrays(np.dtype("datetime64[D]"), odd_shapes),
    hnp.arrays(object, odd_shapes, elements=junk_scalars),
)
GARBAGE = st.one_of(
    junk_scalars,
    st.floats(-1e6, -1e-6),  # negative numbers
    st.recursive(junk_scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6),
    st.dictionaries(st.text(max_size=3), junk_scalars, max_size=3),
    st.sets(junk_scalars, max_size=3),
    st.frozensets(junk_scalars, max_size=3),
    odd_arrays,
    st.sampled_from(JUNK_FUNCTIONS),
    st.builds(object),
    st.builds(Opaque),
)
