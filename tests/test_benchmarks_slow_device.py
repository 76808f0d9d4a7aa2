"""The slow-device rows of `make bench`: which figures miss the target, and the table."""

import sys
from pathlib import Path

import pytest

pytest.importorskip("playwright")  # benchmarks.browser imports the browser test helpers
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not installed

from benchmarks import slow_device  # noqa: E402


def rates(frames, keys, moved_by="drag", bare=None):
    measured = {
        "moved_by": moved_by,
        "frames_per_s": frames,
        "key_updates_per_s": keys,
        "watch_ms_per_frame": 1.5,
    }
    return measured if bare is None else {**measured, "bare_canvas_fps": bare}


def lab_row(frames, keys):
    return {"rtt_0": rates(frames, keys), "rtt_100": rates(frames, keys)}


def test_a_slowed_figure_under_48_is_a_miss_and_the_1x_baseline_comes_from_the_same_run():
    lab_rows = {"fast": lab_row(59.0, 60.0), "slow": lab_row(58.0, 59.0)}
    in_lab = {"fast": rates(50.0, 55.0, bare=59.2), "slow": rates(20.0, 47.9, bare=59.2)}
    on_site = {
        name: {"1x": rates(60.0, 60.0), "4x": rates(49.0, 30.0, bare=56.6)} for name in lab_rows
    }
    results = slow_device.assemble(lab_rows, in_lab, on_site)

    assert results["explorers"]["slow"]["lab"]["1x"]["frames_per_s"] == 58.0
    assert sorted(slow_device.missed(results)) == [
        "fast, website at 4x CPU: key_updates_per_s = 30",
        "slow, JupyterLab at 4x CPU: frames_per_s = 20",
        "slow, JupyterLab at 4x CPU: key_updates_per_s = 47.9",
        "slow, website at 4x CPU: key_updates_per_s = 30",
    ]
    slow_row = next(row for row in slow_device.rows(results) if row[0] == "slow")
    assert slow_row[2:10] == ["58", "59", "20 ✗", "48 ✗", "60", "60", "49", "30 ✗"]
    # Beside each row, the bare canvas measured just before it (JupyterLab / website).
    assert slow_row[-1] == "59 / 57"


def test_without_the_built_site_the_website_columns_say_how_to_measure_them(tmp_path):
    said = slow_device.measure_site({"tangent_explorer"}, site=tmp_path)
    assert said.startswith("not measured: run make site")
    results = slow_device.assemble({"t": lab_row(59.0, 60.0)}, {"t": rates(50.0, 50.0)}, said)
    assert slow_device.missed(results) == []
    assert "Website: not measured: run make site" in slow_device.markdown(results, "machine")
    assert slow_device.rows(results)[0][6:10] == ["–", "–", "–", "–"]
    assert slow_device.rows(results)[0][-1] == "–"  # no bare canvas measured
