"""explorer.js, run by Node: the browser writes every number exactly as Python does,
and a view leaves nothing behind.

The readout a learner sees is written by ``formatNumber`` in explorer.js, and
``explorer.summary()`` by ``shown`` in formatting.py. Here both write the same
numbers (random doubles of every size, halfway cases, zeros, nan, inf) and must
agree character for character.

On a fake page (tests/explorer_fake_page.mjs: just enough DOM, and counted timers,
frames, observers, object URLs and listeners) a view is rendered, driven by keys, a
drag and a click, then cleaned up as anywidget does: nothing of it may stay alive, and
the keys it handles must not reach the notebook around it, which listens as Notebook 7
(capture phase) and JupyterLab (bubbling) do.
"""

import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from helpers.explorers.formatting import shown
from helpers.explorers.widget import HERE, shipped_code

NODE = shutil.which("node")
SOURCE = (HERE / "explorer.js").read_text(encoding="utf-8")


def write_shipped_module(folder):
    """explorer.js exactly as the browser gets it, as an ES module for Node."""
    (folder / "explorer.mjs").write_text(shipped_code(SOURCE), encoding="utf-8")


def test_the_shipped_code_is_the_source_less_its_comment_lines_only():
    shipped = shipped_code(SOURCE).splitlines()
    comment = re.compile(r"^\s*(//|/\*\*|\*)")
    assert [line for line in SOURCE.splitlines() if not comment.match(line)] == shipped
    assert len(shipped_code(SOURCE)) < 0.8 * len(SOURCE)


FAKE_PAGE = Path(__file__).parent / "explorer_fake_page.mjs"
needs_node = pytest.mark.skipif(
    NODE is None and os.environ.get("CI") != "true", reason="needs node"
)

RUNNER = """
import { formatNumber } from "./explorer.mjs";
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([hex, format, large, small]) => {
    const view = new DataView(new ArrayBuffer(8));
    hex.match(/../g).forEach((byte, i) => view.setUint8(i, parseInt(byte, 16)));
    return formatNumber(view.getFloat64(0), format, large, small);
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def node_format(cases, folder):
    """formatNumber(value, format, large, small) in Node, for each case."""
    write_shipped_module(folder)
    (folder / "run.mjs").write_text(RUNNER)
    payload = [[struct.pack(">d", value).hex(), *formats] for value, *formats in cases]
    finished = subprocess.run(
        [NODE, "run.mjs"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=60,
        check=True,
    )
    return json.loads(finished.stdout)


def cases():
    rng = np.random.default_rng(20261201)
    values = list(rng.normal(size=300) * 10.0 ** rng.integers(-8, 9, size=300))
    values += list(rng.integers(-2000, 2000, size=200) / 8)  # exact halves of hundredths
    values += [0.0, -0.0, 0.005, -0.005, 0.125, 2.675, 1.005, 9.995, 99.995, 999999.995]
    values += [1e6, -1e6, 5e-324, 1.7976931348623157e308, 1e-7, 0.0049999, -0.0049999]
    values += [0.1, -0.1, 0.09999999, 0.1000001, 1e-300]
    values += [float("nan"), float("inf"), float("-inf")]
    specs = [(".2f", None, None), (".3f", None, None), (".2e", None, None), (".0f", None, None)]
    specs += [(".2f", ".2e", None), (".2f", ".2e", ".2e")]
    return [(float(value), *spec) for value in values for spec in specs]


@needs_node
def test_the_browser_writes_every_number_as_python_does(tmp_path):
    if NODE is None:
        pytest.fail("in CI node must be installed (.ci/run installs it)")
    all_cases = cases()
    written = node_format(all_cases, tmp_path)
    differences = [
        (value, *formats, text, shown(value, *formats))
        for (value, *formats), text in zip(all_cases, written)
        if text != shown(value, *formats)
    ]
    assert differences == [], differences[:10]


@pytest.fixture(scope="module")
def fake_page(tmp_path_factory):
    """What tests/explorer_fake_page.mjs reports of one view's life on a fake page."""
    if NODE is None:
        pytest.fail("in CI node must be installed (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("fake_page")
    write_shipped_module(folder)
    finished = subprocess.run(
        [NODE, str(FAKE_PAGE), str(folder / "explorer.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(finished.stdout)


@needs_node
def test_the_cleanup_leaves_no_timer_frame_observer_url_or_listener(fake_page):
    alive = fake_page["before"]
    # The run leaves something of each kind alive, or the test proves nothing: the
    # announcement, status and kernel timers, a frame, the figure's observer...
    assert alive["timers"] >= 3 and alive["frames"] >= 1, alive
    assert all(alive[kind] > 0 for kind in alive), alive
    nothing = dict.fromkeys(alive, 0)
    assert fake_page["after"] == nothing
    assert fake_page["afterWait"] == nothing  # and nothing starts again later
    assert fake_page["rootRemoved"]


@needs_node
def test_the_fake_page_drives_the_view(fake_page):
    assert fake_page["readout"] == "x = 3.00\u00a0\u00a0 f(x) = 9.00\u00a0\u00a0 …"
    assert fake_page["status"] == "Computing…"  # the path layer waits for the kernel
    assert fake_page["afterDrag"] == 12  # dragged to the panel's right edge, x = 3
    assert fake_page["afterClick"] == 1  # the Step button
    assert fake_page["saved"] > 0  # the kernel was told


HANDLED = {"ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"}


@needs_node
def test_keys_the_explorer_handles_never_reach_the_notebook(fake_page):
    # The fake notebook listens as Notebook 7 does (document, capture phase: before the
    # explorer's elements) and as JupyterLab does (bubbling): a handled key reaches
    # neither, any other key both.
    keys = fake_page["keys"]
    assert {key["key"] for key in keys} >= HANDLED | {"Tab", "Escape", "Shift+Enter"}
    for key in keys:
        handled = key["key"] in HANDLED
        assert key["prevented"] == handled, key
        assert key["reachedNotebook"] == (0 if handled else 2), key


@needs_node
def test_keys_move_the_slider_and_the_figure_within_the_lattice(fake_page):
    moves = [(key["target"], key["key"], key["x"]) for key in fake_page["keys"]]
    assert moves == [
        ("slider", "ArrowRight", 7),
        ("slider", "ArrowUp", 8),
        ("slider", "PageUp", 11),  # page = 3
        ("slider", "End", 12),
        ("slider", "ArrowRight", 12),  # held at the last position
        ("slider", "Home", 0),
        ("slider", "ArrowLeft", 0),
        ("slider", "PageDown", 0),
        ("slider", "Tab", 0),
        ("slider", "Escape", 0),
        ("slider", "Enter", 0),
        ("slider", "a", 0),
        ("slider", "Shift+Enter", 0),
        ("figure", "ArrowRight", 1),  # the drag's x control
        ("figure", "ArrowUp", 2),  # no y control: ↑ ↓ move x too
        ("figure", "ArrowDown", 1),
        ("figure", "Tab", 1),
    ]
