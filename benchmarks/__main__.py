"""Run the benchmarks: ``.venv/bin/python -m benchmarks [browser] [accuracy] [network]``.

With no argument all run. Prints the tables, then updates benchmarks/results.json
(other keys in it, such as "hub", are kept), benchmarks/accuracy.md, network.md,
slow_device.md (the browser part's explorers on a slow device, slow_device.py), and the
measured table between the markers in README.md. Each part prints how long it took, and
the browser part how long each notebook and each phase of each explorer took.

Exit code: 0 when everything ran, even if a target is missed (those are printed as
"TARGET MISSED" lines); 1 when some part crashed (its row says why).
"""

import argparse
import json
import re
import sys
import time
import traceback
from pathlib import Path

from . import report

HERE = Path(__file__).parent
README = HERE.parent / "README.md"
CHROMIUM = Path("/usr/bin/chromium")
PARTS = ("browser", "accuracy", "network")
BROWSER_COLUMNS = [
    ("frames_per_s", "frames/s", "{:.0f}"),
    ("picture_lag_ms", "picture lag ms", "{:.0f}"),
    ("readout_lag_ms", "readout lag ms", "{:.0f}"),
    ("key_updates_per_s", "key updates/s", "{:.0f}"),
    ("stale_pixel_share", "stale pixels", "{:.2%}"),
    ("first_frame_ms", "first frame ms", "{:.0f}"),
    ("kernel_cpu_ms_per_move", "kernel CPU ms/move", "{:.2f}"),
    ("state_kb", "state KB", "{:.0f}"),
]


def run_browser(results):
    """Frames, lag, key updates and stale pixels of every explorer, near and far."""
    if not CHROMIUM.exists():
        results["browser"] = {"measured": False, "reason": f"no Chromium at {CHROMIUM}"}
        print(f"browser: not measured ({results['browser']['reason']})")
        return []
    from . import browser

    print(
        f"Browser: every explorer in JupyterLab + headless Chromium, at +{browser.ROUND_TRIPS_MS}"
        " ms of round trip (a delaying proxy), with two baselines in the same run"
    )
    started = time.perf_counter()
    measured, slow_in_lab = browser.measure()
    print(f"browser: JupyterLab measured in {time.perf_counter() - started:.0f} s")
    results["browser"] = measured
    rows = browser_rows(measured)
    print(report.text_table(browser_headers(), rows))
    missed = []
    for name, by_trip in measured.items():
        if "baseline" in name:
            continue
        for trip, row in by_trip.items():
            for metric, value in row.items():
                if browser.target_met(metric, value) is False:
                    missed.append(f"{name} {trip}: {metric} = {value:.3g}")
    for line in missed:
        print(f"TARGET MISSED  {line}")
    print("every target met" if not missed else f"{len(missed)} target(s) missed")
    results["browser_targets_missed"] = missed
    write_readout_table(rows, report.machine_line(results["measured_on"]))
    run_slow_device(results, measured, slow_in_lab)
    return []


def run_slow_device(results, measured, slow_in_lab):
    """The slow-device rows: JupyterLab's from the browser run, the website's now."""
    from . import slow_device

    print()
    print(
        f"Slow device: Chromium's CPU slowed {slow_device.browser.CPU_SLOWDOWN}x, in JupyterLab"
        " (+0 ms) and on the website (no kernel), with the 1x figures of the same run"
    )
    started = time.perf_counter()
    on_site = slow_device.measure_site(set(slow_in_lab))
    if isinstance(on_site, str):
        print(f"website: {on_site}")
    print(f"slow device: website measured in {time.perf_counter() - started:.0f} s")
    slow = results["slow_device"] = slow_device.assemble(measured, slow_in_lab, on_site)
    print(report.text_table(slow_device.HEADERS, slow_device.rows(slow)))
    missed = slow_device.missed(slow)
    for line in missed:
        print(f"TARGET MISSED  {line}")
    print("every slow-device target met" if not missed else f"{len(missed)} target(s) missed")
    results["slow_device_targets_missed"] = missed
    measured_on = report.machine_line(results["measured_on"])
    slow_device.write(slow, measured_on)
    rows = slow_device.rows(slow)
    write_readout_table(
        rows, measured_on, marker="slow-device-benchmark", headers=slow_device.HEADERS
    )


def browser_headers():
    return ["explorer", "round trip", *(title for _, title, _ in BROWSER_COLUMNS)]


def browser_rows(measured):
    rows = []
    for name, by_trip in measured.items():
        for trip, row in by_trip.items():
            cells = []
            for metric, _, shape in BROWSER_COLUMNS:
                value = row.get(metric)
                cells.append("–" if value is None else shape.format(value))
            rows.append([name, f"+{trip.removeprefix('rtt_')} ms", *cells])
    return rows


def write_readout_table(rows, measured_on, *, marker="browser-benchmark", headers=None):
    """Put a measured table into README.md, between its markers."""
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    text = README.read_text(encoding="utf-8")
    if start not in text or end not in text:
        return
    table = report.markdown_table(headers or browser_headers(), rows)
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    block = f"{start}\n{measured_on}\n\n{table}\n{end}"
    README.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")
    print(f"wrote the {marker} table into {README}")


def run_accuracy(results):
    """The accuracy tables; also saved as benchmarks/accuracy.md."""
    from . import accuracy

    print()
    print("Derivative accuracy (" + accuracy.suite_description() + ")")
    results["accuracy"] = accuracy.run()
    print(report.text_table(accuracy.HEADERS, accuracy.table_rows(results["accuracy"])))
    headers, rows = accuracy.by_function_rows(results["accuracy"])
    print("\nWorst relative error per function:")
    print(report.text_table(headers, rows))
    markdown = accuracy.markdown(results["accuracy"], report.machine_line(results["measured_on"]))
    (HERE / "accuracy.md").write_text(markdown)
    print(f"\nwrote {HERE / 'accuracy.md'}")
    return []


def run_network(results):
    """The digits network against scikit-learn's MLPClassifier; also benchmarks/network.md."""
    from . import network

    print()
    print("The digits network against scikit-learn's MLPClassifier, same settings")
    results["network"] = network.measure()
    network.print_and_save(results["network"], report.machine_line(results["measured_on"]))
    return []


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("parts", nargs="*", metavar="part", help=f"any of {PARTS}; default: all")
    parts = parser.parse_args(argv).parts or PARTS
    if set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {sorted(set(parts) - set(PARTS))}; choose from {PARTS}")
    start = time.perf_counter()
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results["measured_on"] = report.machine()
    print(report.machine_line(results["measured_on"]))
    errors = []
    steps = [("browser", run_browser), ("accuracy", run_accuracy), ("network", run_network)]
    for part, step in steps:
        if part not in parts:
            continue
        started = time.perf_counter()
        try:
            errors += step(results) or []
        except Exception as error:  # report the crash, carry on with the other parts
            traceback.print_exc()
            errors.append(f"{part}: {type(error).__name__}: {error}")
        print(f"{part}: {time.perf_counter() - started:.0f} s", flush=True)

    results["errors"] = errors
    results["seconds"] = round(time.perf_counter() - start, 1)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path} ({results['seconds']} s)")
    for error in errors:
        print(f"ERROR: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
