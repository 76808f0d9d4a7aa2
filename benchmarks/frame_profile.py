"""Where a slowed explorer's frame time goes, on the website or in JupyterLab: a trace.

    .venv/bin/python -m benchmarks.frame_profile momentum_explorer        # after make site
    .venv/bin/python -m benchmarks.frame_profile tangent_explorer --slowdown 1 --no-watch
    .venv/bin/python -m benchmarks.frame_profile step_size_explorer --in lab --drag
    .venv/bin/python -m benchmarks.frame_profile gradient_explorer --style ".explorer {...}"

Opens the explorer's page: of _site/ (served on 127.0.0.1, no kernel), or its notebook in
JupyterLab, run, with JupyterLab's default settings, as a learner has it (``--in lab``).
Slows the page's CPU (DevTools' Emulation.setCPUThrottlingRate) and, while Chromium
traces, holds an arrow key on the explorer's slider at 60 presses a second (browser.py's
HOLD_ARROW_KEY) or, with ``--drag``, drags across its figure as `make bench` does (DRAG).
Prints the key updates (or changed frames) a second and, in ms per second of the trace
(of the 1,000 ms a second the main thread has), its time in each step of drawing frames:
the explorers' animation-frame callbacks (explorer.js's drawFrame), style and layout,
paint, layerize and commit; in the input events' own handlers; and in hit tests.
``--style`` adds a style sheet to the page first: a way to try a CSS change and measure it
in the same minute, before changing explorer.css. By default the benchmark's watching
runs too and its cost per look is printed: run with and without it (--no-watch) to see
what the watching takes from the page.
Not part of `make bench`: a tool for finding out why a row of slow_device.md is slow.
"""

import argparse
import collections
import contextlib
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
    "EventDispatch": "input events (key presses, pointer moves)",
    "HitTest": "hit tests (which element is under the pointer)",
    "TimerFire": "timers (the held key's presses, the watching's looks)",
}
CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,v8"
PLACES = ("site", "lab")


@contextlib.contextmanager
def explorer_page(name, where, site=slow_device.SITE_OUTPUT):
    """(page, case, explorer): the explorer shown, on the website or in JupyterLab."""
    from playwright.sync_api import sync_playwright

    known = {entry[0]: entry for entry in browser.course_explorers()}
    if name not in known:
        raise ValueError(f"explorer {name!r} is not one of the course's: {sorted(known)}")
    _, notebook, index, check = known[name]
    case = browser.Case(name, notebook, index, check, None)
    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        chromium = browser.launch_chromium(playwright)
        stack.callback(chromium.close)
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        if where == "lab":
            lab = browser.JupyterLab(every_cell_rendered=False)  # as a learner has it
            stack.callback(lab.stop)
            page = context.new_page()
            browser.open_and_run_all(page, lab, notebook, timeout_s=600)
        else:
            OfflinePage, StaticSite = slow_device.site_test_helpers()
            server = StaticSite(site)
            stack.callback(server.stop)
            page = OfflinePage(context.new_page()).open(
                server.url(f"notebooks/{notebook.removesuffix('.ipynb')}.html")
            )
            slow_device.show_explorer(page, index)
        yield page, case, page.locator(".explorer").nth(index)


def profile(name, *, slowdown, watching, where="site", drag=False, style=None):
    """(rate, look ms or None, {step: ms a second}, frames begun a second): rate is key
    updates a second, or with ``drag`` the figure's changed frames a second."""
    with explorer_page(name, where) as (page, case, explorer):
        if style:
            page.add_style_tag(content=style)
        with browser.slowed(page, slowdown) as session:
            if watching or drag:  # a drag's frames are counted by the watching
                browser.watch(page, case, explorer)
            events, done = [], []
            session.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
            session.on("Tracing.tracingComplete", lambda _: done.append(True))
            session.send(
                "Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"}
            )
            if drag:
                began, ended, _ = browser.drag(page, case, explorer)
                changed = page.evaluate(
                    f"window.__watch.frames.filter((t) => t >= {began} && t <= {ended}).length"
                )
                rate = changed / ((ended - began) / 1000)
            else:
                rate = browser.key_updates_per_s(page, case, explorer)
            session.send("Tracing.end")
            while not done:
                page.wait_for_timeout(100)
            look_ms = None
            if watching or drag:
                look_ms = page.evaluate("window.__watch.lookMs / window.__watch.looks")
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
    parser.add_argument("--in", dest="where", choices=PLACES, default="site")
    parser.add_argument("--drag", action="store_true", help="drag its figure, not a key")
    parser.add_argument("--style", help="CSS added to the page before it is measured")
    parser.add_argument("--slowdown", type=float, default=browser.CPU_SLOWDOWN)
    parser.add_argument("--no-watch", dest="watch", action="store_false")
    arguments = parser.parse_args(argv)
    if arguments.slowdown < 1:
        parser.error(f"--slowdown must be 1 or more, got {arguments.slowdown}")
    if arguments.where == "site" and not (slow_device.SITE_OUTPUT / "index.html").exists():
        parser.error("no _site/index.html: run make site first")
    rate, look_ms, per_second, frames = profile(
        arguments.explorer,
        slowdown=arguments.slowdown,
        watching=arguments.watch,
        where=arguments.where,
        drag=arguments.drag,
        style=arguments.style,
    )
    place = "in JupyterLab" if arguments.where == "lab" else "on the website"
    print(f"{arguments.explorer} {place}, CPU slowed {arguments.slowdown:g}x")
    measured = "changed frames/s" if arguments.drag else "key updates/s"
    print(f"{measured}: {rate:.1f}; frames begun/s: {frames:.1f}")
    if look_ms is not None:
        print(f"the watching: {look_ms:.2f} ms a look")
    for step, title in STEPS.items():
        print(f"  {per_second[step]:6.0f} ms/s  {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
