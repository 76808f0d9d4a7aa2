"""Readout updates per second in a real browser, while a slider moves continuously.

For each explorer: open its notebook in JupyterLab (headless Chromium), run all
cells, focus the explorer's slider and hold an arrow key down for a few seconds
(60 key presses a second, turning round at the slider's ends), while a
MutationObserver in the page counts how often the readout's text changes.
Every change is a full round trip: key → browser widget → kernel → update →
readout sent back and shown.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from lab import JupyterLab, launch_chromium  # noqa: E402
from notebook_page import explorers, open_and_run_all  # noqa: E402

#: (explorer as named in latency.REGISTRY, notebook, which explorer on the page)
CASES = [
    ("tangent_explorer", "00_start_here.ipynb", 0),
    ("secant_explorer", "01_slope.ipynb", 0),
    ("tangent_explorer(show_derivative=True)", "02_tangent_lines.ipynb", 0),
    ("step_size_explorer", "03_numerical_derivatives.ipynb", 0),
    ("partials_explorer", "04_partial_derivatives.ipynb", 0),
    ("gradient_explorer", "05_gradient.ipynb", 0),
    ("descent_explorer", "06_gradient_descent.ipynb", 0),
    ("descent_path_explorer", "06_gradient_descent.ipynb", 2),
    ("loss_slice_explorer", "07_training_a_neuron.ipynb", 0),
]
SECONDS = 4.0
PRESSES_PER_SECOND = 60

COUNT_READOUT_CHANGES = """(readout) => {
    window.__readoutChanges = 0;
    new MutationObserver(() => { window.__readoutChanges += 1; })
        .observe(readout, {subtree: true, childList: true, characterData: true});
}"""


def updates_per_second(page, explorer):
    """Hold an arrow key on the explorer's first slider; readout changes per second."""
    handle = explorer.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    explorer.locator(".explorer-readout .widget-html-content").evaluate(COUNT_READOUT_CHANGES)
    handle.focus()
    key, pressed, start = "ArrowRight", 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        value, top = (
            float(handle.get_attribute("aria-valuenow")),
            float(handle.get_attribute("aria-valuemax")),
        )
        bottom = float(handle.get_attribute("aria-valuemin"))
        if value >= top:
            key = "ArrowLeft"
        elif value <= bottom:
            key = "ArrowRight"
        page.keyboard.press(key)
        pressed += 1
        time.sleep(max(0.0, start + pressed / PRESSES_PER_SECOND - time.perf_counter()))
    time.sleep(1.0)  # the last updates still on their way back
    elapsed = time.perf_counter() - start
    return round(page.evaluate("window.__readoutChanges") / elapsed, 1)


def measure():
    """{explorer name: readout updates per second}, one browser session for all."""
    from playwright.sync_api import sync_playwright

    lab, rates = JupyterLab(), {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = None
            for name, notebook, index in CASES:
                if page is None or notebook not in page.url:
                    if page is not None:
                        page.close()
                        lab.shut_down_kernels()
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    open_and_run_all(page, lab, notebook)
                rates[name] = updates_per_second(page, explorers(page).nth(index))
                print(f"  {name}: {rates[name]} readout updates per second")
            browser.close()
    finally:
        lab.stop()
    return rates
