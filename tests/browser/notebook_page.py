"""What a learner does with a notebook page, as Playwright steps: open, run all, press,
drag, read the readout, and look at the picture (its pixels)."""

import io
import re
import time
from pathlib import Path

import numpy as np
from PIL import Image

RUNNING_PROMPT = "[*]"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def open_and_run_all(page, lab, notebook, timeout_s=180, port=None):
    """Open a notebook, wait for its kernel, run all cells and wait until they finish.

    ``port``: open it through a proxy listening there (see benchmarks/delay_proxy.py)."""
    page.goto(lab.url(notebook, port))
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60_000)
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=60_000)
    page.click("li.lm-MenuBar-item:has-text('Run')")
    page.click("li.lm-Menu-item:has-text('Run All Cells')")
    deadline = time.monotonic() + timeout_s
    time.sleep(1.0)
    while time.monotonic() < deadline:
        # Text content, not inner text: a cell the browser skips (off screen, under
        # content-visibility, as JupyterLab's default windowing does) has no inner text.
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
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


def same_spacing(text):
    """The text with every run of spaces (wide or not) and line breaks as one space."""
    return " ".join(text.replace("\xa0", " ").split())


def readout_numbers(explorer):
    """{'x': 1.0, 'slope': 2.0, ...} from `name = value` pairs separated by wide spaces."""
    return numbers_in(readout_text(explorer))


def numbers_in(text):
    numbers = {}
    for part in re.split(r"\s{2,}|\n", text.replace("\xa0", " ")):
        match = re.match(r"\s*(.+?)\s*=\s*(-?[\d.]+(?:e[-+]?\d+)?)", part)
        if match:
            numbers[match.group(1)] = float(match.group(2))
    return numbers


def wait_for_change(explorer, before, timeout_s=10):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if readout_text(explorer) != before:
            return readout_text(explorer)
        time.sleep(0.02)
    raise TimeoutError(f"the readout did not change from {before!r}")


def wait_until_settled(explorer, quiet_s=0.4, timeout_s=15):
    """Wait until no number is pending (empty status line) and the readout stays put."""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        text = readout_text(explorer)
        status = explorer.locator(".explorer-status").inner_text().strip()
        if text != last or status:
            last, since = text, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return text
        time.sleep(0.05)
    raise TimeoutError(f"the explorer did not settle: {last!r}")


def sliders(explorer):
    return explorer.locator("[role=slider]:visible")


def press_slider_key(page, explorer, key, slider=0, times=1):
    """Focus a slider, as a Tab would, and press a key on it; the readout must change."""
    handle = sliders(explorer).nth(slider)
    handle.scroll_into_view_if_needed()
    before = readout_text(explorer)
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
    return wait_for_change(explorer, before)


def figure_box(explorer, selector=".explorer-figure"):
    figure = explorer.locator(selector)
    figure.scroll_into_view_if_needed()
    return figure.bounding_box()


def at(box, fraction):
    """The page point at ``fraction`` (x, y) of the figure's width and height."""
    return box["x"] + fraction[0] * box["width"], box["y"] + fraction[1] * box["height"]


def drag_on_figure(page, explorer, start, end, steps=12, pause_s=0.02):
    """Press at ``start`` and drag to ``end``, both as fractions (x, y) of the figure;
    the readout must change."""
    box = figure_box(explorer)
    before = readout_text(explorer)
    page.mouse.move(*at(box, start))
    page.mouse.down()
    for i in range(1, steps + 1):
        t = i / steps
        between = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        page.mouse.move(*at(box, between))
        time.sleep(pause_s)
    page.mouse.up()
    return wait_for_change(explorer, before)


def fast_drag(page, explorer, fractions, sweeps=3, selector=".explorer-figure"):
    """Drag back and forth through ``fractions`` with no pause between moves."""
    box = figure_box(explorer, selector)
    page.mouse.move(*at(box, fractions[0]))
    page.mouse.down()
    for sweep in range(sweeps):
        for fraction in fractions if sweep % 2 == 0 else fractions[::-1]:
            page.mouse.move(*at(box, fraction))
    page.mouse.up()


def figure_picture(explorer, selector=".explorer-figure"):
    """The figure as the learner sees it: an RGB array of its pixels."""
    figure = explorer.locator(selector)
    figure.scroll_into_view_if_needed()
    png = figure.screenshot(animations="disabled", caret="hide")
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def differing_share(picture, other, tolerance=48):
    """The share of pixels of ``picture`` that ``other`` does not have within one pixel.

    Two figures on one page sit at different fractions of a pixel, so the screenshot
    resamples them a little differently: a pixel counts as different only if no pixel
    of ``other`` within one pixel of it has nearly its colour (every channel within
    ``tolerance`` of 255). A leftover tangent line or point differs by far more.
    """
    if abs(picture.shape[0] - other.shape[0]) > 1 or abs(picture.shape[1] - other.shape[1]) > 1:
        return 1.0
    height = min(picture.shape[0], other.shape[0]) - 2
    width = min(picture.shape[1], other.shape[1]) - 2
    centre = picture[1 : 1 + height, 1 : 1 + width]
    nearest = np.full(centre.shape[:2], 255)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            shifted = other[dy : dy + height, dx : dx + width]
            nearest = np.minimum(nearest, np.max(np.abs(centre - shifted), axis=2))
    return float(np.mean(nearest > tolerance))


def axe_violations(page, selector=".explorer"):
    """axe-core's serious and critical violations inside ``selector`` (id, help, where)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async (selector) => {
            const found = await axe.run({ include: [[selector]] }, { resultTypes: ["violations"] });
            return found.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => [v.id, v.help, v.nodes.slice(0, 3).map((n) => n.html.slice(0, 120))]);
        }""",
        selector,
    )
    return results
