"""The page computes what no table holds as Python does: recipes against answers_for.

Some explorers reach more states than tables could hold (a descent path from every
start, momentum at every β and noise). For those explorer.js runs a recipe (its
section 2b) from the numbers Python sends. Here Node runs explorer.js exactly as the
browser gets it, at sampled positions of each such explorer, and every entry of every
table the page computes must be Python's own (``answers_for`` and the stored tables,
read through ``Tables.value``) to 1e-12 relative, every text the same.

One exception, argued from round-off: a slope measured by a central difference,
(f(w + h) − f(w − h)) / 2h with h = ε^(1/3)·|w|, divides the round-off of f by h. Where
f is a sum that numpy and the page round differently (numpy's matrix-vector product
runs the machine's BLAS kernel, a fused multiply-add; the page cannot), the two values
of f differ by about ε·|f|, and the slopes by up to about ε·|f| / h, which can exceed
1e-12 of a small slope. Those entries (``ROUND_OFF``) are compared to SAFETY·ε·|f| / h
instead, and a text decided by such a slope (an advice, a verdict) only where the slope
does not lie within that bound of the threshold that decides it.
"""

import base64
import json
import math
import subprocess

import numpy as np
import pytest
from test_explorer_js import NODE, needs_node, write_shipped_module

import helpers
from helpers import backprop
from helpers.derivatives import EPSILON, default_step
from helpers.explorers import loss_slice

RELATIVE = 1e-12
RUNNER = """
import { decodeControl, explorerTables, recipeTables } from "./explorer.mjs";
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const bytes = (value) => {
    if (Array.isArray(value)) return value.map(bytes);
    if (value === null || typeof value !== "object") return value;
    if ("$bytes" in value) {
      return new DataView(Uint8Array.from(Buffer.from(value.$bytes, "base64")).buffer);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytes(v)]));
  };
  const { traits, positions } = bytes(JSON.parse(input));
  const controls = traits.controls.map(decodeControl);
  const tables = explorerTables(controls, (name) => traits[name]);
  const number = (v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
  const out = positions.map((position) =>
    recipeTables(traits.recipe, tables, position).map((table) => ({
      ...table,
      columns: Object.fromEntries(
        Object.entries(table.columns).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.map(number) : number(v),
        ]),
      ),
    })),
  );
  process.stdout.write(JSON.stringify(out));
});
"""


def _portable(value):
    """A trait's value as JSON: bytes as {"$bytes": base64}."""
    if isinstance(value, (bytes, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {key: _portable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_portable(item) for item in value]
    return value


def page_tables(explorer, positions, folder):
    """The tables explorer.js's recipe computes at each position, with no kernel."""
    write_shipped_module(folder)
    (folder / "run.mjs").write_text(RUNNER)
    names = ("controls", "tables", "recipe")
    traits = {name: _portable(getattr(explorer, name)) for name in names}
    traits["answers"] = []
    finished = subprocess.run(
        [NODE, "run.mjs"],
        input=json.dumps({"traits": traits, "positions": positions}),
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=True,
    )
    return json.loads(finished.stdout)


def _float(value):
    return float(value) if not isinstance(value, str) else float(value.replace("Infinity", "inf"))


def assert_same(page, python, where, *, absolute=0.0):
    """One entry: a text, a number or a whole path, the page's against Python's
    (``absolute``: the round-off the entry may also differ by; None for a text that a
    number within round-off of its threshold decides, which may then differ)."""
    if isinstance(python, str):
        assert page == python or absolute is None, where
        return
    page = np.atleast_1d(np.array([_float(v) for v in np.atleast_1d(page)]))
    python = np.atleast_1d(np.asarray(python, dtype=float))
    assert page.shape == python.shape, where
    same = np.isclose(page, python, rtol=RELATIVE, atol=absolute, equal_nan=True)
    same |= page == python  # infinities
    assert same.all(), f"{where}: page {page[~same][:3]}, Python {python[~same][:3]}"


def check_position(explorer, position, tables, round_off=None):
    """Every entry of the page's tables at ``position`` against Python's at that entry;
    ``round_off(explorer, column, at)``: what that entry may differ by (see the top)."""
    explorer._tables.answers = explorer.answers_for(position)
    checked = 0
    for table in tables:
        rows = [()] if not table["over"] else np.ndindex(*table["shape"])
        for row in rows:
            at = {**position, **table["at"], **dict(zip(table["over"], row))}
            for name, column in table["columns"].items():
                index = int(np.ravel_multi_index(row, table["shape"])) if table["over"] else None
                page = column if index is None else column[index]
                python = explorer._tables.value(name, at)
                assert python is not None, f"{name} at {at}: Python has no table there"
                absolute = round_off(explorer, name, at) if round_off else 0.0
                assert_same(page, python, f"{name} at {at}", absolute=absolute)
                checked += 1
    return checked


def sampled_positions(explorer, count, seed=0):
    """``count`` random positions of every control (the first: where it starts)."""
    rng = np.random.default_rng(seed)
    sizes = explorer._tables.sizes
    start = {name: explorer.position[name] for name in sizes}
    return [start] + [
        {name: int(rng.integers(size)) for name, size in sizes.items()} for _ in range(count - 1)
    ]


SAFETY = 8  # the two losses differ by at most 2ε·|L| (measured: 4.5e-16 relative)


def _slope_round_off(value, h):
    """How far two central differences with step ``h`` of a function whose ``value`` each
    computes with a different last bit may differ: SAFETY·ε·|f| / h."""
    return SAFETY * EPSILON * abs(value) / h


def loss_slice_round_off(explorer, column, at):
    """The slope_k entries: round-off of the central difference; advice_k: a text that
    may differ only where the slope lies within that round-off of FLAT."""
    kind, _, k = column.rpartition("_")
    if kind not in ("slope", "advice"):
        return 0.0
    w = explorer._controls[f"param_{k}"].values[at[f"param_{k}"]]
    bound = _slope_round_off(explorer._tables.value(f"loss_{k}", at), default_step(w))
    if kind == "slope":
        return bound
    slope = explorer._tables.value(f"slope_{k}", at)
    return None if abs(abs(slope) - loss_slice.FLAT) <= bound else 0.0


LIBRARIES_APART = 2  # ulps between two libraries' log (or tanh), each within one of the truth


def backprop_round_off(explorer, column, at):
    """numeric_n: the central difference's round-off. The page and Python compute the
    same + and × bit for bit; they differ only in log and tanh (each within an ulp of
    the truth), whose round-off reaches L as at most about ε·(|L| + |∂L/∂p|) (log's
    output is ±L, and tanh's error ε is p's error ε/2); two libraries each within an
    ulp differ by at most two, hence LIBRARIES_APART. error_n: what that moves the
    relative error by; verdict_n and error_shown_n: texts that may differ only where the
    error lies within that of a threshold, or of the next shown digit."""
    kind, _, name = column.partition("_")
    if kind not in ("numeric", "error", "verdict"):
        return 0.0
    name = name.removeprefix("shown_")
    python = explorer._tables
    names = [node.name for node in explorer.nodes]
    loss, slope_p = python.value(f"value_{names.index('L')}", at), python.value("backprop_p", at)
    value = python.value(f"value_{names.index(name)}", at)
    h = backprop.nudge_step(name, value, explorer.label_y)
    numeric_bound = LIBRARIES_APART * EPSILON * (abs(loss) + abs(slope_p)) / h
    if kind == "numeric":
        return numeric_bound
    gradients = (python.value(f"backprop_{name}", at), python.value(f"numeric_{name}", at))
    largest = max(map(abs, gradients))  # a relative error is at most 1: both near 0, any
    error_bound = 1.0 if largest <= numeric_bound else min(1.0, 2 * numeric_bound / largest)
    if not column.startswith(("verdict_", "error_shown_")):
        return error_bound
    error = python.value(f"error_{name}", at)
    low, high = error - error_bound, error + error_bound
    if column.startswith("verdict_"):
        same = backprop.check_verdict(max(low, 0.0)) == backprop.check_verdict(high)
    else:
        same = backprop.shown_error(max(low, 0.0)) == backprop.shown_error(high)
    return 0.0 if same else None


def _neuron_loss():
    """Notebook 07's loss: its neuron on its 100 points."""
    inputs, labels = helpers.neuron.make_dataset(np.random.default_rng(0), n_points=100)
    return helpers.neuron.NeuronLoss(inputs, labels)


EXPLORERS = {
    "gradient (05)": lambda: helpers.gradient_explorer(point=(2.0, 1.0)),
    "descent steps, y = x² (06)": lambda: helpers.descent_explorer(start=2.5),
    "descent steps, a Polynomial (06)": lambda: helpers.descent_explorer(
        np.polynomial.Polynomial([0, 1, -3, 0, 1]), start=0.5, x_range=(-2.0, 2.0)
    ),
    "descent paths (06)": lambda: helpers.descent_path_explorer("narrow valley"),
    "momentum (09)": lambda: helpers.momentum_explorer(learning_rate=0.45),
    "loss slice, the neuron's loss (07)": lambda: helpers.loss_slice_explorer(
        _neuron_loss(), np.zeros(3), parameter="w1"
    ),
    "backprop graph, label 1 (08)": lambda: helpers.backprop_explorer(),
    "backprop graph, label 0 (08)": lambda: helpers.backprop_explorer(label=0),
}
ROUND_OFF = {
    "loss slice, the neuron's loss (07)": loss_slice_round_off,
    "backprop graph, label 1 (08)": backprop_round_off,
    "backprop graph, label 0 (08)": backprop_round_off,
}
SAMPLES = {
    "momentum (09)": 6,  # each position there is some 13,000 steps of descent
    "backprop graph, label 1 (08)": 8,  # Python checks 8 nodes at 244 rows per position
    "backprop graph, label 0 (08)": 8,
}


@needs_node
@pytest.mark.parametrize("name", EXPLORERS)
def test_the_page_computes_what_python_answers(name, tmp_path):
    explorer = EXPLORERS[name]()
    positions = sampled_positions(explorer, SAMPLES.get(name, 12))
    checked = 0
    for position, tables in zip(positions, page_tables(explorer, positions, tmp_path)):
        assert tables, f"the page computed nothing at {position}"
        checked += check_position(explorer, position, tables, ROUND_OFF.get(name))
    assert checked > len(positions)


def test_a_learners_own_function_has_no_recipe():
    """Only the kernel can call the learner's own code: the page must not pretend to."""
    assert helpers.descent_explorer(lambda x: x**4 - 3 * x**2 + x).recipe == {}
    assert helpers.descent_explorer(start=2.5).recipe["coefficients"] == [0.0, 0.0, 1.0]


def test_a_learners_own_loss_has_no_recipe_the_neurons_has():
    """A closure over the same data is still the learner's code: only NeuronLoss (and
    CountedLoss, the same loss counting its calls) says what it computes."""
    neuron_loss = _neuron_loss()
    closure = lambda params: helpers.neuron.loss(params, neuron_loss.inputs, neuron_loss.labels)  # noqa: E731
    assert helpers.loss_slice_explorer(closure, np.zeros(3)).recipe == {}
    counted = helpers.neuron.CountedLoss(neuron_loss.inputs, neuron_loss.labels)
    recipe = helpers.loss_slice_explorer(counted, np.zeros(3)).recipe
    assert recipe["kind"] == "neuron_loss_slice"
    assert recipe["inputs"] == neuron_loss.inputs.ravel().tolist()
    assert recipe["labels"] == neuron_loss.labels.tolist()


def test_the_recipes_surfaces_are_the_functions_python_descends():
    from helpers.explorers.descent_paths import SURFACES

    for surface in SURFACES.values():
        a, b = surface.coefficients
        for w in ([1.5, -0.5], [-2.0, 1.25]):
            x, y = w
            assert surface.f(np.array(w)) == a * x**2 + b * y**2
            assert list(surface.gradient(np.array(w))) == [2 * a * x, 2 * b * y]
    assert math.isclose(helpers.momentum.RAVINE_CURVATURES[1], 4.0)
