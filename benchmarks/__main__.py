"""Run the benchmarks: ``.venv/bin/python -m benchmarks [latency] [browser] [accuracy]``.

With no argument all three run. Prints the tables, then writes
benchmarks/results.json and benchmarks/accuracy.md.

Exit code: 0 when everything ran, even if a bar is missed (those are printed
as "BAR MISSED" lines); 1 when some part crashed (its row says why).
"""

import os

# Before matplotlib is imported: plain Agg, no window. The latency benchmark
# switches to ipympl's canvas itself, only while it makes the explorers.
os.environ["MPLBACKEND"] = "Agg"

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

from . import report  # noqa: E402

HERE = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
PARTS = ("latency", "browser", "accuracy")


def browser_rates():
    """({explorer: updates per second}, None), or (None, why they could not be measured).

    The browser benchmark lives in benchmarks/browser.py; it needs Chromium.
    """
    if not CHROMIUM.exists():
        return None, f"no Chromium at {CHROMIUM}"
    if importlib.util.find_spec("benchmarks.browser") is None:
        return None, "benchmarks/browser.py does not exist yet"
    from benchmarks import browser

    return browser.measure(), None


def run_latency(results):
    """Time every explorer; a failing one is listed as an error."""
    from . import latency

    print(
        f"Update latency: {latency.MOVES} moves per explorer, kernel-side under ipympl "
        "(update + Agg draw + PNG diff); baseline = new figure + savefig PNG per move"
    )
    results["explorers"] = latency.run()
    return [
        f"{name}: {row['error']}" for name, row in results["explorers"].items() if "error" in row
    ]


def run_browser(results):
    """Add updates per second in a real browser, or null with the reason."""
    failed = False
    try:
        rates, reason = browser_rates()
    except Exception as error:  # recorded as null with the reason, and exit code 1
        traceback.print_exc()
        rates, reason = None, f"the browser benchmark failed: {type(error).__name__}: {error}"
        failed = True
    results["browser"] = {"measured": rates is not None, "reason": reason}
    if rates is None:
        print(f"updates_per_s: null ({reason})")
        for row in results["explorers"].values():
            row["updates_per_s"] = None
        return [reason] if failed else []
    from .browser import BASELINE

    results["browser"]["baseline_updates_per_s"] = rates.pop(BASELINE, None)
    print(f"updates_per_s: {BASELINE}: {results['browser']['baseline_updates_per_s']}")
    for name, rate in rates.items():
        results["explorers"].setdefault(name, {})["updates_per_s"] = rate
        print(f"updates_per_s: {name}: {rate}")
    return []


def print_latency(results):
    """The latency tables, and one line per bar: held or missed."""
    from . import latency

    rows = results["explorers"]
    print()
    print(report.text_table(latency.HEADERS, latency.table_rows(rows)))
    print()
    print(
        "Where the time of one move goes (medians). CPU: this process's CPU time per move "
        "(wall well above CPU means the machine was busy). blit: only the moving artists are "
        "redrawn. full redraws: moves that redrew the whole figure. "
        "full draw: Agg redraw of the whole figure. no-ipympl: a move without ipympl "
        "(the whole figure saved as a PNG picture)."
    )
    print(report.text_table(latency.BREAKDOWN_HEADERS, latency.breakdown_rows(rows)))
    print()
    results["bars"] = {}
    for name, row in rows.items():
        if "median_ms" not in row:
            continue
        held = latency.bars(row)
        results["bars"][name] = held
        for bar, ok in held.items():
            print(f"{'bar held  ' if ok else 'BAR MISSED'}  {name}: {bar}")
    missed = sum(not ok for held in results["bars"].values() for ok in held.values())
    print(f"{missed} bar(s) missed" if missed else "every bar held")


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


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("parts", nargs="*", metavar="part", help=f"any of {PARTS}; default: all")
    parts = parser.parse_args(argv).parts or PARTS
    if set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {sorted(set(parts) - set(PARTS))}; choose from {PARTS}")
    start = time.perf_counter()
    results = {"measured_on": report.machine(), "explorers": {}, "accuracy": {}, "bars": {}}
    print(report.machine_line(results["measured_on"]))
    errors = []
    steps = [
        ("latency", run_latency),
        ("browser", run_browser),
        ("latency", print_latency),
        ("accuracy", run_accuracy),
    ]
    for part, step in steps:
        if part not in parts:
            continue
        try:
            errors += step(results) or []
        except Exception as error:  # report the crash, carry on with the other parts
            traceback.print_exc()
            errors.append(f"{part}: {type(error).__name__}: {error}")

    results["errors"] = errors
    results["seconds"] = round(time.perf_counter() - start, 1)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {HERE / 'results.json'} ({results['seconds']} s)")
    for error in errors:
        print(f"ERROR: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
