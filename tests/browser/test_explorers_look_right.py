"""Every explorer, driven to the ends of its controls in real JupyterLab, still looks right
(issue 19): what the learner reads is never covered, and what the readout numbers is
drawn.

For each explorer of each notebook (EXPLORERS): each slider to its maximum (End) and its
minimum (Home), then fast drags over the figure's corners; after each, from the page's
boxes (getBoundingClientRect) and the canvas's pixels:
- no two text boxes (labels, values, slider marks, buttons, the readout) overlap;
- no slider thumb covers a text box, and every slider's track starts at the same x;
- nothing moving is drawn outside the plotting areas (the panels of the specs, widened
  by a marker's radius, so a point on an edge is drawn whole), nor over a legend (the
  legends' boxes, from the explorer's matplotlib figure in the kernel);
- the point a drag moves, and every arrow from it, is drawn (enough pixels of its colour
  inside its panel) while the readout shows its numbers;
- the figure takes the focus, and its label speaks of dragging, only if a drag moves it.
A screenshot of each explorer at each end goes to tests/browser/screenshots/.
"""

import json
import math
from pathlib import Path

import pytest
from notebook_checks import EXPLORERS
from notebook_page import (
    error_outputs,
    explorers,
    fast_drag,
    open_and_run_all,
    sliders,
    wait_until_settled,
    widget_errors,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
CORNERS = [(0.02, 0.03), (0.98, 0.97), (0.02, 0.97), (0.98, 0.03), (0.02, 0.03)]

#: In the kernel: each explorer's figure size, its panels' boxes (per background), its
#: legends' boxes, its layers and drags, all in the figure's CSS pixels from the top left.
GEOMETRY = """
import json as _json
from ipywidgets.widgets.widget import _instances as _all
from helpers.explorers.widget import Explorer as _Explorer
def _geometry(w):
    figure = w.figure
    width, height = w.size
    renderer = figure.canvas.get_renderer()
    legends = [ax.get_legend() for ax in figure.axes if ax.get_legend()] + list(figure.legends)
    boxes = []
    for legend in legends:
        e = legend.get_window_extent(renderer)
        boxes.append([e.x0, height - e.y1, e.width, e.height])
    return {
        "size": list(w.size),
        "panels": [[p["box"] for p in b["panels"]] for b in w.backgrounds],
        "background_by": w.background_by,
        "legends": boxes,
        "layers": w.layers,
        "drags": w.drags,
    }
print(_json.dumps([_geometry(w) for w in list(_all.values()) if isinstance(w, _Explorer)]))
"""

#: In the page: the text and thumb boxes of one explorer, and what its canvas drew where.
LOOK = """
(root, g) => {
  const shown = (node) => node.getClientRects().length > 0 && !node.closest("[hidden]");
  const box = (node) => {
    const r = node.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const texts = [...root.querySelectorAll(
    ".explorer-label, .explorer-value, .explorer-mark > span, .explorer-readout, " +
    ".explorer-buttons button, .explorer-status"
  )].filter((n) => shown(n) && n.textContent.trim() !== "")
    .map((n) => ({ name: `${n.className || n.tagName} "${n.textContent.trim().slice(0, 30)}"`,
                   ...box(n) }));
  const thumbs = [...root.querySelectorAll(".explorer-thumb")].filter(shown).map(box);
  const tracks = [...root.querySelectorAll(".explorer-track")]
    .filter(shown).map((n) => box(n).left);

  const canvas = root.querySelector(".explorer-figure canvas");
  const scale = canvas.width / g.size[0];
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const inBox = (x, y, [left, top, width, height], grow = 0) =>
    x >= left - grow && x <= left + width + grow && y >= top - grow && y <= top + height + grow;
  let outside = 0, onLegend = 0;
  const counts = g.colours.map(() => 0);
  for (let j = 0; j < canvas.height; j += 1) {
    for (let i = 0; i < canvas.width; i += 1) {
      const k = 4 * (j * canvas.width + i);
      if (data[k + 3] === 0) continue;
      const [x, y] = [(i + 0.5) / scale, (j + 0.5) / scale];
      if (!g.panels.some((p) => inBox(x, y, p, g.grow))) outside += 1;
      if (g.legends.some((l) => inBox(x, y, l))) onLegend += 1;
      g.colours.forEach(([r, gr, b, panel], n) => {
        if (data[k + 3] > 200 && Math.abs(data[k] - r) < 40 && Math.abs(data[k + 1] - gr) < 40 &&
            Math.abs(data[k + 2] - b) < 40 && inBox(x, y, panel, g.grow)) counts[n] += 1;
      });
    }
  }
  return { texts, thumbs, tracks, outside, onLegend, counts, scale };
}
"""


def rgb(hex_colour):
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]


def overlap(a, b, slack=0.5):
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width > slack and height > slack


def marker_radius(layer):
    style = layer["style"]
    return style.get("size", 0) / 2 + style.get("edge_width", 0)


def watched(geometry):
    """The layers that must be seen whenever the readout shows them: the point a drag
    moves, and the arrows drawn from it; each as (name, colour, panel, least pixels)."""
    dragged = [[d["x"], d["y"]] for d in geometry["drags"] if d["x"] and d["y"]]
    found = []
    for layer in geometry["layers"]:
        if layer.get("shown_when"):
            continue
        style = layer["style"]
        if layer["draw"] == "point" and layer["at"] in dragged:
            colour = style["face"] or style["edge"]
            area = 0.5 * math.pi * (style["size"] / 2) ** 2
            found.append(("point", colour, layer["panel"], area))
        if layer["draw"] == "arrow" and layer["start"] in dragged:
            colour = style["edge"] if style["width"] > 0 else style["color"]  # hollow: its edge
            found.append(("arrow", colour, layer["panel"], 0.1 * layer["head"] ** 2))
    return found


def look(page, explorer, geometry, where, shot):
    """What is wrong with the explorer as it is now; its screenshot is kept as ``shot``."""
    wait_until_settled(explorer)
    page.mouse.move(0, 0)
    explorer.scroll_into_view_if_needed()
    explorer.screenshot(path=SCREENSHOTS / shot)
    background = 0  # every background of one explorer has the same panels
    panels = geometry["panels"][background]
    checks = watched(geometry)
    clipped = all(layer["style"].get("clip", True) is not False for layer in geometry["layers"])
    grow = 2 + max([marker_radius(la) for la in geometry["layers"] if la["draw"] == "point"] or [0])
    seen = explorer.evaluate(
        LOOK,
        {
            "size": geometry["size"],
            "panels": panels,
            "legends": geometry["legends"],
            "grow": grow,
            "colours": [[*rgb(colour), panels[panel]] for _, colour, panel, _ in checks],
        },
    )
    wrong = []
    texts = seen["texts"]
    for i, a in enumerate(texts):
        wrong += [f"{a['name']} overlaps {b['name']}" for b in texts[i + 1 :] if overlap(a, b)]
        if any(overlap(a, thumb) for thumb in seen["thumbs"]):
            wrong.append(f"a slider's thumb covers {a['name']}")
    if seen["tracks"] and max(seen["tracks"]) - min(seen["tracks"]) > 1:
        wrong.append(f"the sliders' tracks start at different x: {seen['tracks']}")
    if clipped and seen["outside"]:
        wrong.append(f"{seen['outside']} pixels drawn off the plots")
    if seen["onLegend"]:
        wrong.append(f"{seen['onLegend']} pixels drawn over a legend")
    for (name, colour, _, least), count in zip(checks, seen["counts"]):
        if count < least * seen["scale"] ** 2:
            wrong.append(f"the {name} ({colour}) shows {count} pixels, not {least:.0f}")
    return [f"{where}: {problem}" for problem in wrong]


def press(page, explorer, slider, key):
    handle = sliders(explorer).nth(slider)
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press(key)


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_explorers_at_the_ends_of_their_controls_keep_texts_apart_and_parts_on_the_plot(
    lab, page, notebook
):
    open_and_run_all(page, lab, notebook)
    assert error_outputs(page) == []
    assert widget_errors(page) == 0
    geometries = json.loads(lab.run_in_kernel(notebook, GEOMETRY))
    checks = EXPLORERS[notebook]
    assert len(geometries) == len(checks)
    SCREENSHOTS.mkdir(exist_ok=True)
    stem = Path(notebook).stem
    wrong = []
    for index, (check, geometry) in enumerate(zip(checks, geometries)):
        explorer = explorers(page).nth(index)
        # The figure takes the focus and speaks of dragging only if a drag moves it.
        figure = explorer.locator(".explorer-figure")
        label = figure.get_attribute("aria-label") or ""
        focusable = figure.get_attribute("tabindex") is not None
        assert focusable == bool(geometry["drags"]) == ("Drag" in label), (index, label)
        wrong += look(page, explorer, geometry, f"explorer {index} at first", f"{stem}-{index}.png")
        for slider in range(sliders(explorer).count()):
            for key in ("End", "Home"):
                where = f"explorer {index}, slider {slider} at {key}"
                press(page, explorer, slider, key)
                shot = f"{stem}-{index}-slider{slider}-{key}.png"
                wrong += look(page, explorer, geometry, where, shot)
        if check.drag_from is not None:  # pressed on the plot, dragged past its corners
            start = tuple(check.drag_from)
            fast_drag(page, explorer, [start, *CORNERS])
            for n, corner in enumerate(CORNERS[:4]):  # and let go at each
                fast_drag(page, explorer, [start, corner], sweeps=1)
                where = f"explorer {index}, dragged to {corner}"
                wrong += look(page, explorer, geometry, where, f"{stem}-{index}-corner{n}.png")
    assert error_outputs(page) == []
    assert not wrong, "\n".join(wrong)
