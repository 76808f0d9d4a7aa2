"""What a learner does in JupyterLab, as Playwright steps: open, run all, press, drag, read."""

import re
import time

RUNNING_PROMPT = "[*]"


def open_and_run_all(page, lab, notebook, timeout_s=180):
    """Open a notebook, wait for its kernel, run all cells and wait until they finish."""
    page.goto(lab.url(notebook))
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=60_000)
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")
    deadline = time.monotonic() + timeout_s
    time.sleep(1.0)
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        finished = [p.strip() not in ("", "[ ]:") and RUNNING_PROMPT not in p for p in prompts]
        if prompts and all(finished):
            return
        if error_outputs(page):  # Run All stops at an error: say which, do not wait
            raise AssertionError(f"{notebook}: a cell failed: {error_outputs(page)[0][:2000]}")
        time.sleep(0.5)
    page.screenshot(path=f"/tmp/timeout-{notebook}.png")
    raise TimeoutError(
        f"{notebook}: cells still running after {timeout_s} s (see /tmp/timeout-{notebook}.png)"
    )


def error_outputs(page):
    """Text of every error or stderr output on the page (tracebacks, warnings)."""
    return page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    ).all_inner_texts()


def widget_errors(page):
    return page.get_by_text("Error displaying widget").count()


def explorers(page):
    return page.locator(".explorer")


def readout_text(explorer):
    return explorer.locator(".explorer-readout").inner_text()


def readout_numbers(explorer):
    """{'x': 1.0, 'slope': 2.0, ...} from `name = value` pairs separated by wide spaces."""
    text = readout_text(explorer).replace("\xa0", " ")
    numbers = {}
    for part in re.split(r"\s{2,}|\n", text):
        match = re.match(r"\s*(.+?)\s*=\s*(-?[\d.]+(?:e[-+]?\d+)?)", part)
        if match:
            numbers[match.group(1)] = float(match.group(2))
    return numbers


def wait_for_change(explorer, before, timeout_s=10):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if readout_text(explorer) != before:
            return readout_text(explorer)
        time.sleep(0.05)
    raise TimeoutError(f"the readout did not change from {before!r}")


def press_slider_key(page, explorer, key, slider=0, times=1):
    """Focus a slider's handle, as a Tab would, and press a key on it."""
    handle = explorer.locator(".noUi-handle").nth(slider)
    handle.scroll_into_view_if_needed()
    before = readout_text(explorer)
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
    return wait_for_change(explorer, before)


def canvas_box(explorer):
    canvas = explorer.locator(".jupyter-matplotlib-canvas-div canvas").last
    canvas.scroll_into_view_if_needed()
    return canvas.bounding_box()


def drag_on_figure(page, explorer, start, end, steps=12):
    """Press at ``start`` and drag to ``end``, both as fractions (x, y) of the figure."""
    box = canvas_box(explorer)
    before = readout_text(explorer)

    def at(fraction):
        return box["x"] + fraction[0] * box["width"], box["y"] + fraction[1] * box["height"]

    page.mouse.move(*at(start))
    page.mouse.down()
    for i in range(1, steps + 1):
        t = i / steps
        page.mouse.move(
            *at((start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])))
        )
        time.sleep(0.02)
    page.mouse.up()
    time.sleep(0.5)  # let the last moves arrive
    return wait_for_change(explorer, before)
