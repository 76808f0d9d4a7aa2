"""Figures for the website: the heaviest pages, and how soon an explorer answers.

    .venv/bin/python site/measure.py          # after `make site`

- page weight: a page's HTML plus the pictures only it loads (_images/), so without the
  files every page shares (_static/: theme, widget renderer; the search index);
- time to the first explorer answering: in headless Chromium, from the start of the page's
  navigation to the first `.explorer` on the page, and to its readout changing after an
  ArrowRight on its first slider (sent from inside the page the moment the slider appears);
  the page is scrolled to its first explorer at once (explorers draw when scrolled into
  view). `make bench-site` (benchmarks/site.py) times the same with the CPU slowed 4×.
  Median of 5 loads of each page that has explorers; with none on the site yet (before
  the explorer branch), of the probe site (tests/probe) built into build/site-probe/.
"""

import json
import statistics
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent
sys.path[:0] = [str(SITE), str(SITE / "tests")]

import build_site  # noqa: E402
from conftest import OfflinePage, StaticSite, launch_chromium  # noqa: E402
from site_files import pages  # noqa: E402

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"  # a saved explorer in the page
# Runs in the page before its scripts: wait for the first explorer's slider, press
# ArrowRight on it, note when the readout changes.
FIRST_ANSWER = """
window.__explorer = new Promise((resolve) => {
  const found = new MutationObserver(() => {
    const explorer = document.querySelector(".explorer");
    const slider = explorer && explorer.querySelector('[role="slider"]');
    const readout = explorer && explorer.querySelector(".explorer-readout");
    if (!slider || !readout || !readout.textContent.trim()) return;
    found.disconnect();
    const drawn = performance.now(), before = readout.textContent;
    const answered = new MutationObserver(() => {
      if (readout.textContent !== before) {
        answered.disconnect();
        resolve({ drawn_ms: drawn, answered_ms: performance.now() });
      }
    });
    answered.observe(readout, { childList: true, characterData: true, subtree: true });
    slider.focus();
    slider.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
  });
  found.observe(document, { childList: true, subtree: true, attributes: true });
});
// A reader who goes straight to the first explorer: explorers draw when scrolled into view.
document.addEventListener("DOMContentLoaded", () => {
  const view = document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]');
  if (view) view.parentElement.scrollIntoView({ block: "center" });
});
"""


def page_weights(site):
    weights = []
    for page in pages(site):
        own = {
            target
            for _, url in page.loads + [("a", link) for link in page.links]
            if (resolved := page.resolve(url)) and "_images" in (target := resolved[0]).parts
        }
        size = page.path.stat().st_size + sum(path.stat().st_size for path in own if path.exists())
        weights.append((size, page.name, len(own)))
    return sorted(weights, reverse=True)


def time_to_first_answer(browser, url, *, loads=5, cpu_slowdown=1):
    """Median times (ms from navigation start) to the first explorer drawn and answering,
    with Chromium's CPU slowed cpu_slowdown times (1: as fast as this machine)."""
    if cpu_slowdown < 1:
        raise ValueError(f"cpu_slowdown must be 1 or more, got {cpu_slowdown!r}")
    times = []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(FIRST_ANSWER)
        offline = OfflinePage(context.new_page())
        if cpu_slowdown > 1:
            session = context.new_cdp_session(offline.page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        offline.page.goto(url)
        times.append(offline.page.evaluate("window.__explorer"))
        assert not offline.outside_requests, offline.outside_requests
        context.close()
    return {key: round(statistics.median(t[key] for t in times)) for key in times[0]}


def main():
    from playwright.sync_api import sync_playwright

    figures = {"heaviest_pages_kb": {}}
    for size, name, pictures in page_weights(build_site.OUTPUT)[:3]:
        figures["heaviest_pages_kb"][name] = {"kb": round(size / 1024), "pictures": pictures}
    shared = (build_site.OUTPUT / "_static").rglob("*")
    shared = sum(path.stat().st_size for path in shared if path.is_file())
    figures["shared_static_mb"] = round(shared / 2**20, 1)

    live = [page.name for page in pages(build_site.OUTPUT) if WIDGET_VIEW in page.path.read_text()]
    site_folder = build_site.OUTPUT
    if not live:
        site_folder = build_site.build_probe_site(build_site.ROOT / "build" / "site-probe")
        live = ["notebooks/01_probe.html"]
    server = StaticSite(site_folder)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        figures["first_explorer_answer_ms"] = {
            name: time_to_first_answer(browser, server.url(name)) for name in live
        }
        browser.close()
    server.stop()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
