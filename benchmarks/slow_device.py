"""Explorers on a slow device (issue 20): frames and key updates with the CPU slowed 4×.

With Chromium's CPU slowed 4× (the DevTools protocol's Emulation.setCPUThrottlingRate on
the page's own DevTools session, as Lighthouse's mobile profile and `make bench-site`
do), for every explorer of the course:

- frames_per_s: animation frames in which its picture changed while the mouse drags
  across it at 60 moves a second (an explorer with no drag of a point, momentum and
  backprop: while a key is held);
- key_updates_per_s: readout changes a second while an arrow key is held on its slider
  at 60 presses a second;

(a) in JupyterLab with its default settings, as a learner has it (cells off screen
skipped, content-visibility), at +0 ms of round trip, measured by browser.py right after the
explorer's own unslowed row in the same page: that row is the 1× baseline; (b) on the
website, _site/ served on 127.0.0.1 with no kernel (the explorers draw from the page's
saved state), each explorer at 1× and then at 4× in the same page. `make bench` builds
the site first (`make site`, about 10 s: it does not run the notebooks); without _site/
the website's rows say "not measured: run make site".

The same watching as browser.py's rows (a hash of the figure's canvases each animation
frame); what that costs the slowed page is measured and shown (watch ms/frame), so
the watching is seen not to be what eats the slowed CPU. Each slowed row is the median
(the mean) of two drags and two held keys of 1 s; the website's 1× baseline of one.

Beside each slowed row, the bare canvas (browser.py, bare_canvas_frames_per_s): a canvas
and a line of text changed every frame just above the explorer, measured just before it,
in the same page, slowed as much. It says what the page and the machine allowed at that
moment: on this shared machine the same explorer measured 33 and 60 frames/s minutes
apart, and the bare canvas falls with it.

Results: "slow_device" in benchmarks/results.json, and benchmarks/slow_device.md.
"""

import importlib.util
import time
from pathlib import Path

from . import browser, report

HERE = Path(__file__).parent
ROOT = HERE.parent
SITE_OUTPUT = ROOT / "_site"
TARGET = 48  # frames and key updates a second, at 4× (issue 20)
METRICS = ("frames_per_s", "key_updates_per_s")
WHERE = {"lab": "JupyterLab", "site": "website"}


def measure_site(names, site=SITE_OUTPUT):
    """{explorer: {"1x": rates, "4x": rates}} on the built website, no kernel; or a
    sentence saying why it was not measured."""
    if not (site / "index.html").exists():
        return f"not measured: run make site (no {site / 'index.html'})"
    from playwright.sync_api import sync_playwright

    OfflinePage, StaticSite = site_test_helpers()

    explorers = [found for found in browser.course_explorers() if found[0] in names]
    server = StaticSite(site)
    found = {}
    try:
        with sync_playwright() as playwright:
            chromium = browser.launch_chromium(playwright)
            for notebook in sorted({notebook for _, notebook, _, _ in explorers}):
                on_page = [entry for entry in explorers if entry[1] == notebook]
                found.update(measure_page(chromium, server, OfflinePage, notebook, on_page))
            chromium.close()
    finally:
        server.stop()
    return found


def site_test_helpers():
    """The website tests' OfflinePage and StaticSite (site/tests/conftest.py, loaded by its
    path: tests/browser has a conftest.py of its own)."""
    path = ROOT / "site" / "tests" / "conftest.py"
    spec = importlib.util.spec_from_file_location("site_tests_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.OfflinePage, module.StaticSite


def measure_page(chromium, server, offline_page, notebook, on_page):
    """Each explorer of one page of the website at 1×, then with the CPU slowed."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    offline = offline_page(context.new_page())
    page = offline.open(server.url(f"notebooks/{Path(notebook).stem}.html"))
    found = {}
    for name, _, index, check in on_page:
        clock = time.perf_counter()
        show_explorer(page, index)
        case = browser.Case(name, notebook, index, check, None)
        explorer = page.locator(".explorer").nth(index)
        found[name] = {
            "1x": browser.moving_rates(page, case, explorer, repeats=1),
            f"{browser.CPU_SLOWDOWN}x": browser.slow_device_rates(page, case, explorer),
        }
        print(f"  website {name}: {found[name]} ({time.perf_counter() - clock:.1f} s)")
    if offline.outside_requests or offline.console_errors:
        problems = offline.outside_requests + offline.console_errors
        raise RuntimeError(f"website {notebook}: {problems[:3]}")
    context.close()
    return found


def show_explorer(page, index):
    """Scroll to the page's explorer number `index` and wait until it is drawn. The
    website draws an explorer only when it nears the viewport (course-widgets.js), and
    a page's explorers can be screens apart: each one before it is shown first, so that
    the explorers drawn are the first `index` + 1, in order."""
    view = 'script[type="application/vnd.jupyter.widget-view+json"]'
    for shown in range(index + 1):
        page.locator(view).nth(shown).evaluate("(node) => node.parentElement.scrollIntoView()")
        drawn = f"document.querySelectorAll('.explorer-readout').length > {shown}"
        page.wait_for_function(drawn, timeout=120_000)


def assemble(lab_rows, slow_in_lab, on_site):
    """The slow-device results: per explorer, lab and website, at 1× and slowed."""
    slowed = f"{browser.CPU_SLOWDOWN}x"
    explorers = {}
    for name, rates in slow_in_lab.items():
        baseline = {key: lab_rows[name]["rtt_0"][key] for key in (*METRICS, "moved_by")}
        explorers[name] = {"lab": {"1x": baseline, slowed: rates}}
        if isinstance(on_site, dict) and name in on_site:
            explorers[name]["site"] = on_site[name]
    return {
        "cpu_slowdown": browser.CPU_SLOWDOWN,
        "site": on_site if isinstance(on_site, str) else "measured",
        "explorers": explorers,
    }


def missed(results):
    """Every slowed figure under the target, as lines."""
    slowed = f"{results['cpu_slowdown']}x"
    lines = []
    for name, where in results["explorers"].items():
        for place, rates in where.items():
            for metric in METRICS:
                value = rates[slowed][metric]
                if value < TARGET:
                    lines.append(f"{name}, {WHERE[place]} at {slowed} CPU: {metric} = {value:.3g}")
    return lines


HEADERS = [
    "explorer",
    "moved by",
    "JupyterLab 1× frames/s",
    "keys/s",
    "JupyterLab 4× frames/s",
    "keys/s",
    "website 1× frames/s",
    "keys/s",
    "website 4× frames/s",
    "keys/s",
    "watch ms/frame at 4×",
    "bare canvas 4× frames/s",
]


def rows(results):
    slowed = f"{results['cpu_slowdown']}x"
    table = []
    for name, where in results["explorers"].items():
        lab, site = where["lab"], where.get("site")
        places = [lab] + ([site] if site else [])
        watch = " / ".join(f"{place[slowed]['watch_ms_per_frame']:.2f}" for place in places)
        bare = " / ".join(bare_canvas(place[slowed]) for place in places)
        table.append(
            [
                name,
                lab[slowed]["moved_by"],
                *cells(lab["1x"]),
                *cells(lab[slowed]),
                *cells(site["1x"] if site else None),
                *cells(site[slowed] if site else None),
                watch,
                bare,
            ]
        )
    return table


def bare_canvas(rates):
    """The bare canvas's frames a second, measured just before ``rates`` (browser.py)."""
    measured = rates.get("bare_canvas_fps")
    return "–" if measured is None else f"{measured:.0f}"


def cells(rates):
    if rates is None:
        return ["–", "–"]
    return [f"{rates[key]:.0f}" + (" ✗" if rates[key] < TARGET else "") for key in METRICS]


def markdown(results, measured_on):
    site = results["site"]
    lines = [
        "# Explorers on a slow device (`make bench`)",
        "",
        measured_on,
        "",
        f"Chromium's CPU slowed {results['cpu_slowdown']}× (DevTools' CPU throttling), each "
        "explorer dragged at 60 moves/s (frames/s: frames whose picture changed) and a key "
        "held on its slider at 60 presses/s (keys/s: readout changes), in JupyterLab as "
        "a learner has it (its default settings: cells off screen skipped by the browser) "
        "at +0 ms round trip and on the website (_site/ on 127.0.0.1, no kernel). The 1× "
        "columns are the same measurement unslowed, in the same run. ✗: under the target "
        f"of {TARGET}. Watch ms/frame: what hashing the figure each frame cost the slowed "
        "page (JupyterLab / website). Explorers moved by keys (no drag of a point) are "
        "watched while a key is held. Bare canvas: a canvas the size of the explorer's "
        "figure and a line of text, changed every frame by a few lines of JavaScript just "
        "above the explorer, slowed as much and watched the same way, for a second just "
        "before the explorer's row (JupyterLab / website): what the page and this machine "
        "allowed at that moment. This machine is shared: while another tenant's work "
        "slows it, the bare canvas falls too, and the explorers' rows with it.",
    ]
    if site != "measured":
        lines += ["", f"Website: {site}."]
    lines += ["", report.markdown_table(HEADERS, rows(results))]
    return "\n".join(lines) + "\n"


def write(results, measured_on):
    (HERE / "slow_device.md").write_text(markdown(results, measured_on), encoding="utf-8")
    print(f"wrote {HERE / 'slow_device.md'}")
