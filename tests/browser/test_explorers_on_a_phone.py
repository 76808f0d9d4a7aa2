"""Every stored explorer on a phone, 390 × 844 CSS px, as the website shows it: with no
kernel (nbconvert's HTML export of the stored notebook, served on 127.0.0.1).

For each explorer of each notebook (notebook_checks.EXPLORERS):
- it shows the figure Python drew for a phone (narrow_size; its panels stacked), and the
  page does not scroll sideways;
- the smallest text of that figure, as shown, is at least 11 CSS px high: the font size
  of its smallest text in the figure's pixels (``smallest_text``, which matplotlib
  measured over every text artist when it drew the picture, saved with the widget)
  times the width the figure is shown at over the width it was drawn at;
- every slider label is one line high, above its slider;
- a key on a slider and a drag on the figure still move it: its readout changes and
  obeys the maths, the picture changes, and every pixel the canvas draws (the moving
  parts) lies inside a plot of the narrow figure, so nothing is drawn where the wide
  figure's plots were;
- a click on each point a drag picks from (a box of notebook 08's graph, drawn top to
  bottom on a phone) picks that point's option.
A screenshot of each notebook's explorers goes to tests/browser/screenshots/.
"""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from lab import ROOT
from notebook_checks import EXPLORERS
from notebook_page import (
    explorers,
    figure_picture,
    press_slider_key,
    readout_numbers,
    readout_text,
    wait_for_change,
)
from static_page import block_other_hosts
from test_without_kernel import static_pages  # noqa: F401

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT_PX = 11
SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stored_models(notebook):
    """The saved model of each explorer of ``notebook`` (its state and its binary
    buffers), in the order the page shows them (the order of the outputs that show them)."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    states = cells["metadata"]["widgets"][WIDGET_STATE]["state"]
    shown = [
        output["data"][WIDGET_VIEW]["model_id"]
        for cell in cells["cells"]
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    return [states[m] for m in shown if "backgrounds" in states[m]["state"]]


def stored_explorers(notebook):
    """The saved state of each explorer of ``notebook``, in the order the page shows them."""
    return [model["state"] for model in stored_models(notebook)]


#: How tables.py packs a column of numbers into bytes.
PACKED = {"float64": "<f8", "float32": "<f4", "uint8": "<u1", "uint16": "<u2"}


def stored_column(model, over, name):
    """Column ``name`` of the saved table over the controls ``over``, from the model's
    buffers (the widget state keeps a table's bytes as base64 buffers)."""
    tables = model["state"]["tables"]
    [index] = [i for i, t in enumerate(tables) if t["over"] == over and name in t["columns"]]
    for buffer in model.get("buffers", []):
        path = buffer["path"]
        if path[:4] == ["tables", index, "columns", name] and path[4] in PACKED:
            return np.frombuffer(base64.b64decode(buffer["data"]), dtype=PACKED[path[4]])
    raise KeyError(f"no saved bytes for column {name!r} of the table over {over}")


def click_each_pick_point(page, explorer, model):
    """For a drag that picks (a click on a box of a graph chooses it): click at each
    option's point, where the narrow figure draws it, and check that its option is the
    one chosen."""
    state = model["state"]
    drag = state["drags"][0]
    x_at, y_at = {**drag, **drag.get("narrow", {})}["pick_at"]
    xs, ys = stored_column(model, [drag["pick"]], x_at), stored_column(model, [drag["pick"]], y_at)
    panel = state["narrow_backgrounds"][0]["panels"][drag["panel"]]
    (left, top, width, height), (x0, x1), (y0, y1) = panel["box"], panel["x"], panel["y"]
    figure = explorer.locator(".explorer-figure")
    choice = explorer.locator("select.explorer-choice")
    for option in range(len(xs)):
        figure_x = left + width * (xs[option] - x0) / (x1 - x0)
        figure_y = top + height * (1 - (ys[option] - y0) / (y1 - y0))
        # The figure may be taller than the phone: scroll the point to the screen's middle.
        box = figure.bounding_box()
        scale = box["width"] / state["narrow_size"][0]
        below_the_middle = box["y"] + figure_y * scale - PHONE["height"] / 2
        page.evaluate("dy => window.scrollBy(0, dy)", below_the_middle)
        page.wait_for_timeout(50)
        box = figure.bounding_box()
        page.mouse.click(box["x"] + figure_x * scale, box["y"] + figure_y * scale)
        page.wait_for_timeout(50)
        assert choice.input_value() == str(option), f"a click on option {option}'s point"


#: In the page: the figure's box and picture, each visible slider label's box and line
#: height with its slider's box, and the canvas's drawn pixels (alpha > 0) in the
#: figure's own CSS pixels.
LOOK = """
(root) => {
  const figure = root.querySelector(".explorer-figure");
  const picture = figure.querySelector("img");
  const canvas = figure.querySelector("canvas");
  const box = figure.getBoundingClientRect();
  const labels = [...root.querySelectorAll(".explorer-row:not([hidden])")]
    .map((row) => [row.querySelector(".explorer-label"), row.querySelector("[role=slider]")])
    .filter(([label, slider]) => label && slider && label.textContent.trim())
    .map(([label, slider]) => {
      const style = getComputedStyle(label);
      const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
      const l = label.getBoundingClientRect(), s = slider.getBoundingClientRect();
      return { text: label.textContent, height: l.height, line, bottom: l.bottom, top: s.top };
    });
  const ctx = canvas.getContext("2d");
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const scale = canvas.width / box.width; // canvas pixels per CSS pixel of the figure
  const drawn = [];
  for (let y = 0; y < canvas.height; y += 2) {
    for (let x = 0; x < canvas.width; x += 2) {
      if (data[4 * (y * canvas.width + x) + 3] > 0) drawn.push([x / scale, y / scale]);
    }
  }
  return {
    phone: root.classList.contains("explorer-phone"),
    width: box.width,
    natural: [picture.naturalWidth, picture.naturalHeight],
    labels,
    drawn,
    pageWidth: document.scrollingElement.scrollWidth,
  };
}
"""


def outside_the_plots(look, state):
    """The canvas pixels drawn outside every plot of the narrow figure (a marker's radius
    of room round each, as a point on an edge is drawn whole)."""
    drawn_width = state["narrow_size"][0]
    to_figure = drawn_width / look["width"]  # figure pixels per CSS pixel shown
    margin = 12
    boxes = [p["box"] for b in state["narrow_backgrounds"] for p in b["panels"]]
    outside = []
    for x, y in look["drawn"]:
        fx, fy = x * to_figure, y * to_figure
        if not any(
            left - margin <= fx <= left + w + margin and top - margin <= fy <= top + h + margin
            for left, top, w, h in boxes
        ):
            outside.append((round(fx), round(fy)))
    return outside


def drag_across_first_plot(page, explorer, state, look):
    """Press in the middle of the plot the first drag works in (in the narrow figure)
    and drag a third of its width to the right; the readout must change."""
    panel = state["narrow_backgrounds"][0]["panels"][state["drags"][0]["panel"]]
    left, top, width, height = panel["box"]
    figure = explorer.locator(".explorer-figure")
    figure.scroll_into_view_if_needed()
    box = figure.bounding_box()
    scale = box["width"] / state["narrow_size"][0]
    y = box["y"] + (top + 0.5 * height) * scale
    start, end = left + 0.35 * width, left + 0.7 * width
    before = readout_text(explorer)
    page.mouse.move(box["x"] + start * scale, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(box["x"] + (start + i / 10 * (end - start)) * scale, y)
    page.mouse.up()
    return wait_for_change(explorer, before)


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_explorers_read_and_move_on_a_phone(browser, static_pages, notebook):  # noqa: F811
    server, pages = static_pages
    models = stored_models(notebook)
    states = [model["state"] for model in models]
    checks = EXPLORERS[notebook]
    assert len(states) == len(checks)
    page = browser.new_page(viewport=PHONE, device_scale_factor=2)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    blocked = block_other_hosts(page, server.base)
    try:
        page.goto(server.base + pages[notebook])
        page.wait_for_function(
            f"document.querySelectorAll('.explorer').length === {len(checks)}", timeout=30_000
        )
        for index, (check, state) in enumerate(zip(checks, states, strict=True)):
            explorer = explorers(page).nth(index)
            explorer.scroll_into_view_if_needed()
            page.wait_for_timeout(100)  # a frame, after the resize observer
            look = explorer.evaluate(LOOK)
            assert look["phone"], "under 600 px of room: the phone layout"
            assert look["pageWidth"] <= PHONE["width"], "the page scrolls sideways"
            for label in look["labels"]:
                assert label["height"] <= 1.5 * label["line"], f"{label['text']} wraps"
                assert label["bottom"] <= label["top"] + 1, f"{label['text']} beside its slider"
            drawn_width, drawn_height = state["narrow_size"]
            assert look["natural"][0] * drawn_height == look["natural"][1] * drawn_width
            text = state["narrow_backgrounds"][0]["smallest_text"] * look["width"] / drawn_width
            assert text >= SMALLEST_TEXT_PX, f"explorer {index}: smallest text {text:.1f} px"
            assert outside_the_plots(look, state) == []

            start = readout_numbers(explorer)
            picture = figure_picture(explorer)
            press_slider_key(page, explorer, check.key, check.slider)
            pressed = readout_numbers(explorer)
            assert pressed[check.pressed] != start[check.pressed], (start, pressed)
            assert check.relation(pressed, readout_text(explorer)), pressed
            page.wait_for_timeout(100)
            moved = figure_picture(explorer)
            # (The two screenshots may differ by a row where the figure straddles a pixel.)
            rows, columns = (
                min(moved.shape[0], picture.shape[0]),
                min(moved.shape[1], picture.shape[1]),
            )
            assert (moved[:rows, :columns] != picture[:rows, :columns]).any(), "picture still"
            assert outside_the_plots(explorer.evaluate(LOOK), state) == []

            if check.drag_from is not None and state["drags"]:
                drag_across_first_plot(page, explorer, state, look)
                dragged = readout_numbers(explorer)
                assert check.relation(dragged, readout_text(explorer)), dragged
                assert outside_the_plots(explorer.evaluate(LOOK), state) == []
            if state["drags"] and state["drags"][0]["pick"]:
                click_each_pick_point(page, explorer, models[index])
                assert outside_the_plots(explorer.evaluate(LOOK), state) == []
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"phone-{Path(notebook).stem}.png", full_page=True)
        assert blocked == [], "no request may leave 127.0.0.1"
        assert errors == []
    finally:
        page.close()
