"""Readout updates per second in a real browser, while a slider moves continuously.

For each explorer: open its notebook in JupyterLab (headless Chromium), run all
cells, focus the explorer's slider and hold an arrow key down for a few seconds
(60 key presses a second, turning round at the slider's ends, sent from inside
the page so the test driver adds no delay), while a MutationObserver counts how
often the readout's text changes.
Every change is a full round trip: key → browser widget → kernel → update →
readout sent back and shown.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from lab import JupyterLab, launch_chromium  # noqa: E402
from notebook_page import explorers, open_and_run_all  # noqa: E402

#: (explorer as named in latency.REGISTRY, notebook, which explorer on the page,
#: which of its sliders moves)
CASES = [
    ("tangent_explorer", "00_start_here.ipynb", 0, 0),
    ("secant_explorer", "01_slope.ipynb", 0, 0),
    ("tangent_explorer(show_derivative=True)", "02_tangent_lines.ipynb", 0, 0),
    ("step_size_explorer", "03_numerical_derivatives.ipynb", 0, 0),
    ("partials_explorer", "04_partial_derivatives.ipynb", 0, 0),
    ("gradient_explorer", "05_gradient.ipynb", 0, 0),
    ("descent_explorer", "06_gradient_descent.ipynb", 0, 0),
    ("descent_path_explorer", "06_gradient_descent.ipynb", 2, 1),  # the start's x
    ("loss_slice_explorer", "07_training_a_neuron.ipynb", 0, 0),
]
#: The same measurement on a bare ipywidgets slider whose observer only rewrites an
#: HTML readout (no figure): the round-trip ceiling of this browser, server and kernel.
BASELINE = "ipywidgets slider alone (baseline)"
BASELINE_CELL = """import ipywidgets as widgets
bare = widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.01)
readout = widgets.HTML("x = 1.00")
readout.add_class("explorer-readout")
bare.observe(lambda change: setattr(readout, "value", f"x = {change['new']:.2f}"), names="value")
box = widgets.VBox([bare, readout])
box.add_class("explorer")
box"""
SECONDS = 4.0
PRESSES_PER_SECOND = 60

#: Runs in the page: presses the arrow keys on the slider's handle PRESSES_PER_SECOND
#: times a second (turning round at the ends) and counts the readout's changes.
HOLD_ARROW_KEY = """async ([handle, readout, seconds, perSecond]) => {
    let changes = 0, last = readout.textContent, key = "ArrowRight";
    new MutationObserver(() => {
        if (readout.textContent !== last) { last = readout.textContent; changes += 1; }
    }).observe(readout, {subtree: true, childList: true, characterData: true});
    const press = () => {
        const value = +handle.getAttribute("aria-valuenow");
        if (value >= +handle.getAttribute("aria-valuemax")) key = "ArrowLeft";
        if (value <= +handle.getAttribute("aria-valuemin")) key = "ArrowRight";
        handle.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
    };
    const timer = setInterval(press, 1000 / perSecond);
    const start = performance.now();
    await new Promise((done) => setTimeout(done, seconds * 1000));
    clearInterval(timer);
    await new Promise((done) => setTimeout(done, 1000));  // the last replies
    return changes / ((performance.now() - start) / 1000);
}"""


def updates_per_second(page, explorer, slider=0):
    """Hold an arrow key on one of the explorer's sliders; readout changes per second."""
    handle = explorer.locator(".noUi-handle").nth(slider)
    handle.scroll_into_view_if_needed()
    readout = explorer.locator(".explorer-readout .widget-html-content")
    arguments = [handle.element_handle(), readout.element_handle(), SECONDS, PRESSES_PER_SECOND]
    return round(page.evaluate(HOLD_ARROW_KEY, arguments), 1)


def measure():
    """{explorer name: readout updates per second}, one browser session for all."""
    from playwright.sync_api import sync_playwright

    lab, rates = JupyterLab(), {}
    _write_baseline_notebook(lab.folder / "notebooks" / "baseline_slider.ipynb")
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = None
            for name, notebook, index, slider in [
                (BASELINE, "baseline_slider.ipynb", 0, 0),
                *CASES,
            ]:
                if page is None or notebook not in page.url:
                    if page is not None:
                        page.close()
                        lab.shut_down_kernels()
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    open_and_run_all(page, lab, notebook)
                rates[name] = updates_per_second(page, explorers(page).nth(index), slider)
                print(f"  {name}: {rates[name]} readout updates per second")
            browser.close()
    finally:
        lab.stop()
    return rates


def _write_baseline_notebook(path):
    import nbformat

    kernel = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(BASELINE_CELL)], metadata={"kernelspec": kernel}
    )
    nbformat.write(notebook, str(path))
