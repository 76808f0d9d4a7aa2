"""The website on a slow phone: Lighthouse over every page, and the first explorer live.

    make bench-site                       # after `make site`: every page of _site/
    .venv/bin/python -m benchmarks.site --pages index.html notebooks/02_tangent_lines.html
    .venv/bin/python -m benchmarks.site --label before   # keep a run under its own name

- Lighthouse (npm, the exact version in package.json) with its default mobile profile:
  a simulated 4× CPU slowdown and slow 4G, in Debian's Chromium. The site is served from
  _site/ on 127.0.0.1 with gzip, as GitHub Pages serves it; Chromium resolves no other
  host. Per page: the performance score, first and largest contentful paint, total
  blocking time, time to interactive and the bytes transferred.
- The first explorer live: on each page with explorers, in headless Chromium with its
  CPU slowed 4× (the DevTools protocol's Emulation.setCPUThrottlingRate), the time from
  the start of navigation to the first explorer drawn and to its readout answering an
  arrow key (site/measure.py's probe, scrolled to the first explorer at once).

Results go into benchmarks/results.json under "site" (one entry per --label, default
"latest"; the other labels and keys are kept) and benchmarks/site.md (every label).
"""

import argparse
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import report

HERE = Path(__file__).parent
ROOT = HERE.parent
SITE_OUTPUT = ROOT / "_site"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
#: Chromium's CPU slowdown for the first-explorer timing: Lighthouse's mobile profile's.
CPU_SLOWDOWN = 4
#: Loads of each explorer page for the first-explorer timing (the median is kept).
EXPLORER_LOADS = 3
#: The web's published thresholds for a good page, and the course's for the explorers.
TARGETS = {
    "performance": (">=", 90),
    "first_contentful_paint_ms": ("<=", 1800),
    "largest_contentful_paint_ms": ("<=", 2500),
    "total_blocking_time_ms": ("<=", 200),
    "first_explorer_answered_ms": ("<=", 3000),
}
# What GitHub Pages sends gzipped (text); pictures and fonts go as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
AUDITS = {
    "first_contentful_paint_ms": "first-contentful-paint",
    "largest_contentful_paint_ms": "largest-contentful-paint",
    "total_blocking_time_ms": "total-blocking-time",
    "time_to_interactive_ms": "interactive",
    "bytes": "total-byte-weight",
}
COLUMNS = [
    ("performance", "performance", "{:.0f}"),
    ("first_contentful_paint_ms", "FCP s", "{:.1f}", 1000),
    ("largest_contentful_paint_ms", "LCP s", "{:.1f}", 1000),
    ("total_blocking_time_ms", "TBT ms", "{:,.0f}"),
    ("time_to_interactive_ms", "TTI s", "{:.1f}", 1000),
    ("bytes", "MB", "{:.2f}", 1e6),
]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file, gzipped when the browser accepts it and it is text (as Pages does)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class GzipSite:
    """_site/ (or another folder) served with gzip on 127.0.0.1, in a thread."""

    def __init__(self, folder):
        handler = lambda *a, **k: GzipHandler(*a, directory=str(folder), **k)  # noqa: E731
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, page):
        return f"http://127.0.0.1:{self.server.server_port}/{page}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def lighthouse(url):
    """Lighthouse's default (mobile) performance run of one address: the figures kept."""
    flags = [
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # no other host
    ]
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={' '.join(flags)}",
            "--quiet",
        ]
        environment = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        subprocess.run(command, check=True, env=environment, timeout=600)
        found = json.loads(output.read_text())
    if found.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {found['runtimeError']}")
    score = found["categories"]["performance"]["score"]
    figures = {"performance": None if score is None else round(score * 100)}
    for key, audit in AUDITS.items():
        value = found["audits"][audit].get("numericValue")
        figures[key] = None if value is None else round(value)
    return figures


def explorer_pages(site):
    """The pages whose HTML holds an explorer (a saved widget view)."""
    return [
        page.relative_to(site).as_posix()
        for page in sorted((site / "notebooks").glob("*.html"))
        if "application/vnd.jupyter.widget-view+json" in page.read_text(encoding="utf-8")
    ]


def first_explorers(site_server, names):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT / "site" / "tests")]
    from conftest import launch_chromium
    from measure import time_to_first_answer
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        found = {
            name: time_to_first_answer(
                browser, site_server.url(name), loads=EXPLORER_LOADS, cpu_slowdown=CPU_SLOWDOWN
            )
            for name in names
        }
        browser.close()
    return found


def all_pages(site):
    sys.path[:0] = [str(ROOT / "site" / "tests")]
    from site_files import pages

    return [page.name for page in pages(site)]


def measure(site, names):
    server = GzipSite(site)
    try:
        by_page = {}
        for name in names:
            started = time.perf_counter()
            by_page[name] = lighthouse(server.url(name))
            print(f"{name}: {by_page[name]} ({time.perf_counter() - started:.0f} s)", flush=True)
        live = [name for name in explorer_pages(site) if name in names]
        explorers = first_explorers(server, live)
        for name, times in explorers.items():
            print(f"{name}: first explorer {times}", flush=True)
    finally:
        server.stop()
    return {"pages": by_page, "first_explorer": explorers}


def met(metric, value):
    if value is None or metric not in TARGETS:
        return None
    sense, target = TARGETS[metric]
    return value >= target if sense == ">=" else value <= target


def lighthouse_rows(run):
    rows = []
    for name, figures in run["pages"].items():
        cells = []
        for column in COLUMNS:
            key, _, shape, *scale = column
            value = figures.get(key)
            cell = "–" if value is None else shape.format(value / (scale[0] if scale else 1))
            cells.append(cell + (" ✗" if met(key, value) is False else ""))
        rows.append([name.removesuffix(".html"), *cells])
    return rows


def explorer_rows(run):
    return [
        [name.removesuffix(".html"), f"{t['drawn_ms']:,}", f"{t['answered_ms']:,}"]
        + (["✗"] if met("first_explorer_answered_ms", t["answered_ms"]) is False else [""])
        for name, t in run["first_explorer"].items()
    ]


LIGHTHOUSE_HEADERS = ["page", *(title for _, title, *_ in COLUMNS)]
EXPLORER_HEADERS = ["page", "first explorer drawn ms", "answered ms", "over 3 s"]


def markdown(runs):
    lines = [
        "# The website on a slow phone (`make bench-site`)",
        "",
        "Lighthouse "
        + lighthouse_version()
        + ", default mobile profile (simulated 4× CPU slowdown, slow 4G), Debian's "
        "Chromium; _site/ served with gzip on 127.0.0.1. ✗: misses the target "
        "(performance ≥ 90, FCP ≤ 1.8 s, LCP ≤ 2.5 s, TBT ≤ 200 ms; first explorer "
        f"answering ≤ 3 s with Chromium's CPU slowed {CPU_SLOWDOWN}×, median of "
        f"{EXPLORER_LOADS} loads, scrolled to the first explorer at once).",
    ]
    for label, run in runs.items():
        lines += ["", f"## {label}", "", report.machine_line(run["measured_on"]), ""]
        lines += [report.markdown_table(LIGHTHOUSE_HEADERS, lighthouse_rows(run)), ""]
        if run["first_explorer"]:
            lines += [report.markdown_table(EXPLORER_HEADERS, explorer_rows(run))]
    return "\n".join(lines) + "\n"


def lighthouse_version():
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.site", description=__doc__)
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help="default: every page")
    parser.add_argument("--label", default="latest", help="the run's name in results.json")
    parser.add_argument("--site", type=Path, default=SITE_OUTPUT, help="the built site")
    arguments = parser.parse_args(argv)
    site = arguments.site.resolve()
    if not (site / "index.html").exists():
        parser.error(f"--site {site} has no index.html: run `make site` first")
    if not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} is missing: run `npm ci` (make bench-site does)")
    every = all_pages(site)
    names = arguments.pages or every
    unknown = sorted(set(names) - set(every))
    if unknown:
        parser.error(f"--pages {unknown} are not pages of {site}; choose from {every}")
    started = time.perf_counter()
    run = {"measured_on": report.machine(), **measure(site, names)}
    run["seconds"] = round(time.perf_counter() - started, 1)
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results.setdefault("site", {})[arguments.label] = run
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (HERE / "site.md").write_text(markdown(results["site"]))
    print(report.text_table(LIGHTHOUSE_HEADERS, lighthouse_rows(run)))
    if run["first_explorer"]:
        print(report.text_table(EXPLORER_HEADERS, explorer_rows(run)))
    print(f'wrote {path} ("site", "{arguments.label}"; {run["seconds"]} s) and {HERE / "site.md"}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
