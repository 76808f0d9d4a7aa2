"""Where a slowed explorer's frame time goes, on the website: a Chromium trace.

    .venv/bin/python -m benchmarks.frame_profile momentum_explorer        # after make site
    .venv/bin/python -m benchmarks.frame_profile tangent_explorer --slowdown 1 --no-watch

Opens the explorer's page of _site/ (served on 127.0.0.1, no kernel), slows the page's
CPU (DevTools' Emulation.setCPUThrottlingRate), holds an arrow key on the explorer's
slider at 60 presses a second (browser.py's HOLD_ARROW_KEY) while Chromium traces, and
prints the key updates a second and, in ms per second of the trace (of the 1,000 ms a
second the main thread has), its time in each step of drawing frames: the explorers'
animation-frame callbacks (explorer.js's drawFrame), style and layout, paint, layerize
and commit; and in the key presses' own handlers. By default the benchmark's watching
runs too and its cost per look is printed: run with and without it (--no-watch) to see
what the watching takes from the page.
Not part of `make bench`: a tool for finding out why a row of slow_device.md is slow.
"""

import argparse
import collections
import sys

from . import browser, slow_device

#: Trace events of the renderer's main thread, in the order a frame goes through them.
STEPS = {
    "ProxyMain::BeginMainFrame": "whole frame (all below)",
    "FireAnimationFrame": "animation-frame callbacks (explorer.js drawing)",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "PrePaint": "pre-paint",
    "Paint": "paint",
    "Layerize": "layerize",
    "Commit": "commit",
    "EventDispatch": "input events (key presses)",
    "TimerFire": "timers (the held key's presses, the watching's looks)",
}
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8"


def profile(name, *, slowdown, watching, site=slow_device.SITE_OUTPUT):
    """(key updates a second, look ms or None, {step: ms a second}, frames a second)."""
    from playwright.sync_api import sync_playwright

    known = {entry[0]: entry for entry in browser.course_explorers()}
    if name not in known:
        raise ValueError(f"explorer {name!r} is not one of the course's: {sorted(known)}")
    _, notebook, index, check = known[name]
    OfflinePage, StaticSite = slow_device.site_test_helpers()
    server = StaticSite(site)
    try:
        with sync_playwright() as playwright:
            chromium = browser.launch_chromium(playwright)
            context = chromium.new_context(viewport={"width": 1400, "height": 1000})
            page = OfflinePage(context.new_page()).open(
                server.url(f"notebooks/{notebook.removesuffix('.ipynb')}.html")
            )
            slow_device.show_explorer(page, index)
            case = browser.Case(name, notebook, index, check, None)
            explorer = page.locator(".explorer").nth(index)
            session = context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            if watching:
                browser.watch(page, case, explorer)
            events, done = [], []
            session.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
            session.on("Tracing.tracingComplete", lambda _: done.append(True))
            session.send(
                "Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"}
            )
            rate = browser.key_updates_per_s(page, case, explorer)
            session.send("Tracing.end")
            while not done:
                page.wait_for_timeout(100)
            look_ms = None
            if watching:
                look_ms = page.evaluate("window.__watch.lookMs / window.__watch.looks")
            chromium.close()
    finally:
        server.stop()
    per_second, frames = main_thread_steps(events)
    return rate, look_ms, per_second, frames


def main_thread_steps(events):
    """{step: ms a second} on the renderer's main thread, and its frames a second."""
    main = {
        (event["pid"], event["tid"])
        for event in events
        if event.get("name") == "thread_name" and event["args"]["name"] == "CrRendererMain"
    }
    on_main = [
        event
        for event in events
        if (event.get("pid"), event.get("tid")) in main and event.get("ph") == "X"
    ]
    seconds = (
        max(e["ts"] + e.get("dur", 0) for e in on_main) - min(e["ts"] for e in on_main)
    ) / 1e6
    total = collections.Counter()
    for event in on_main:
        total[event["name"]] += event.get("dur", 0) / 1000
    frames = sum(event["name"] == "ProxyMain::BeginMainFrame" for event in on_main)
    return {step: total[step] / seconds for step in STEPS}, frames / seconds


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.frame_profile", description=__doc__)
    parser.add_argument("explorer", help="its name in slow_device.md, e.g. momentum_explorer")
    parser.add_argument("--slowdown", type=float, default=browser.CPU_SLOWDOWN)
    parser.add_argument("--no-watch", dest="watch", action="store_false")
    arguments = parser.parse_args(argv)
    if arguments.slowdown < 1:
        parser.error(f"--slowdown must be 1 or more, got {arguments.slowdown}")
    if not (slow_device.SITE_OUTPUT / "index.html").exists():
        parser.error("no _site/index.html: run make site first")
    rate, look_ms, per_second, frames = profile(
        arguments.explorer, slowdown=arguments.slowdown, watching=arguments.watch
    )
    print(f"{arguments.explorer} on the website, CPU slowed {arguments.slowdown:g}x")
    print(f"key updates/s: {rate:.1f}; frames begun/s: {frames:.1f}")
    if look_ms is not None:
        print(f"the watching: {look_ms:.2f} ms a look")
    for step, title in STEPS.items():
        print(f"  {per_second[step]:6.0f} ms/s  {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
