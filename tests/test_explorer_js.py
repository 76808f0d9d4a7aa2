"""explorer.js, run by Node: the browser writes every number exactly as Python does.

The readout a learner sees is written by ``formatNumber`` in explorer.js, and
``explorer.summary()`` by ``shown`` in formatting.py. Here both write the same
numbers (random doubles of every size, halfway cases, zeros, nan, inf) and must
agree character for character.
"""

import json
import os
import shutil
import struct
import subprocess

import numpy as np
import pytest

from helpers.explorers.formatting import shown
from helpers.explorers.widget import HERE

NODE = shutil.which("node")

RUNNER = """
import { formatNumber } from "./explorer.mjs";
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([hex, format, large]) => {
    const view = new DataView(new ArrayBuffer(8));
    hex.match(/../g).forEach((byte, i) => view.setUint8(i, parseInt(byte, 16)));
    return formatNumber(view.getFloat64(0), format, large);
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def node_format(cases, folder):
    """formatNumber(value, format, large) in Node, for each case."""
    shutil.copy(HERE / "explorer.js", folder / "explorer.mjs")
    (folder / "run.mjs").write_text(RUNNER)
    payload = [[struct.pack(">d", value).hex(), spec, large] for value, spec, large in cases]
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
    values += [float("nan"), float("inf"), float("-inf")]
    specs = [(".2f", None), (".3f", None), (".2e", None), (".0f", None), (".2f", ".2e")]
    return [(float(value), spec, large) for value in values for spec, large in specs]


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="needs node")
def test_the_browser_writes_every_number_as_python_does(tmp_path):
    if NODE is None:
        pytest.fail("in CI node must be installed (.ci/run installs it)")
    all_cases = cases()
    written = node_format(all_cases, tmp_path)
    differences = [
        (value, spec, large, text, shown(value, spec, large))
        for (value, spec, large), text in zip(all_cases, written)
        if text != shown(value, spec, large)
    ]
    assert differences == [], differences[:10]
