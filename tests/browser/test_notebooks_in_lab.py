"""Every notebook with an explorer, run in real JupyterLab in headless Chromium.

For each notebook: run all cells, then no error output and no "Error displaying
widget". For each explorer:
- a key press on its slider and a mouse drag on its figure change the readout, and
  the readout's numbers still obey the maths;
- after fast drags back and forth, Python's ``explorer.readout_text()`` is what the
  page shows, and the picture is the picture of a fresh explorer at the same position
  (the same call, made again and moved there): no stale tangent, point or path;
- axe-core finds no serious or critical accessibility problem in it.
A screenshot per notebook goes to tests/browser/screenshots/ (git-ignored).
"""

import ast
import json
from pathlib import Path

import pytest
from notebook_checks import EXPLORERS
from notebook_page import (
    at,
    axe_violations,
    differing_share,
    drag_on_figure,
    error_outputs,
    explorers,
    fast_drag,
    figure_box,
    figure_picture,
    open_and_run_all,
    press_slider_key,
    readout_numbers,
    readout_text,
    same_spacing,
    wait_for_change,
    wait_until_settled,
    widget_errors,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
#: Counts the position messages the page sends its kernel (comm messages of ipywidgets
#: on the kernel's websocket, in text or in JupyterLab's binary framing).
COUNT_POSITIONS_SENT = """() => {
    window.positionsSent = 0;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        const text = typeof data === "string" ? data : new TextDecoder().decode(data);
        if (text.includes('"comm_msg"') && text.includes('"position"')) window.positionsSent++;
        return send.call(this, data);
    };
}"""
#: The share of a figure's pixels that may differ from a fresh explorer's (issue 8: 0.3 %).
STALE_PIXELS = 0.003


def explorer_calls(notebook_path):
    """The source of every ``helpers.<name>_explorer(...)`` call in the notebook, in order."""
    calls = []
    for cell in json.loads(notebook_path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "_explorer(" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr.endswith("_explorer")
            ):
                calls.append(ast.get_source_segment(source, node))
    return calls


def add_fresh_explorers_cell(lab, notebook, *, follow=False):
    """Append a cell that makes every explorer of the notebook again, fresh, and shows it.

    In the kernel, ``_originals`` are the notebook's own explorers and ``_fresh`` the
    new ones, in page order: the page shows the originals first, then the fresh ones.
    ``_to_the_same_place(i)`` moves a fresh one to where its original is; with
    ``follow``, each fresh one moves there by itself whenever its original moves (for
    front ends where the test cannot reach the kernel, such as Voilà).
    """
    path = lab.folder / "notebooks" / notebook
    content = json.loads(path.read_text(encoding="utf-8"))
    calls = explorer_calls(path)
    lines = [
        "from ipywidgets.widgets.widget import _instances",
        "from helpers.explorers.widget import Explorer",
        "_originals = [w for w in list(_instances.values()) if isinstance(w, Explorer)]",
        f"_fresh = [{', '.join(calls)}]",
        "def _to_the_same_place(i, *_):",
        "    moved = {k: v for k, v in _originals[i].position.items() if k != 'seq'}",
        "    _fresh[i].move(**moved)",
    ]
    if follow:
        lines += [
            "for _i, _original in enumerate(_originals):",
            "    _original.observe(functools.partial(_to_the_same_place, _i), names='position')",
        ]
        lines.insert(0, "import functools")
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    cell["source"] = "\n".join([*lines, "display(*_fresh)"])
    content["cells"].append(cell)
    path.write_text(json.dumps(content), encoding="utf-8")
    return len(calls)


def save_pictures(notebook, index, moved, made_there):
    """Keep both pictures, and where they differ, for a look after a failure."""
    from PIL import Image

    SCREENSHOTS.mkdir(exist_ok=True)
    stem = f"{Path(notebook).stem}-{index}"
    Image.fromarray(moved.astype("uint8")).save(SCREENSHOTS / f"{stem}-moved.png")
    Image.fromarray(made_there.astype("uint8")).save(SCREENSHOTS / f"{stem}-fresh.png")


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_notebook_runs_and_its_explorers_respond_and_look_right(lab, page, notebook):
    count = add_fresh_explorers_cell(lab, notebook)
    checks = EXPLORERS[notebook]
    assert count == len(checks), "every explorer of the notebook is checked"
    open_and_run_all(page, lab, notebook)
    assert error_outputs(page) == []
    assert widget_errors(page) == 0
    found = explorers(page)
    assert found.count() == 2 * count, "each explorer, then its fresh copy, is on the page"

    for index, check in enumerate(checks):
        explorer = found.nth(index)
        start = readout_numbers(explorer)
        assert check.relation(start, readout_text(explorer)), start

        press_slider_key(page, explorer, check.key, check.slider)
        wait_until_settled(explorer)  # what the kernel computes (a new path) has arrived
        pressed = readout_numbers(explorer)
        assert pressed[check.pressed] != start[check.pressed], (start, pressed)
        assert check.relation(pressed, readout_text(explorer)), pressed

        if check.drag_from is not None:
            drag_on_figure(page, explorer, check.drag_from, check.drag_to)
            wait_until_settled(explorer)
            dragged = readout_numbers(explorer)
            if check.dragged is not None:
                assert dragged[check.dragged] != pressed[check.dragged], (pressed, dragged)
            assert check.relation(dragged, readout_text(explorer)), dragged
            # Fast drags back and forth: afterwards, no leftovers in the picture.
            sweep = [check.drag_from, check.drag_to, check.drag_from, check.drag_to]
            fast_drag(page, explorer, [tuple(p) for p in sweep])
        else:
            press_slider_key(page, explorer, "PageUp", check.slider)
        shown = wait_until_settled(explorer)
        assert check.relation(readout_numbers(explorer), shown), shown
        in_python = lab.run_in_kernel(notebook, f"print(_originals[{index}].readout_text())")
        assert same_spacing(in_python) == same_spacing(shown)
        lab.run_in_kernel(notebook, f"_to_the_same_place({index})")
        fresh = found.nth(count + index)
        wait_until_settled(fresh)
        assert same_spacing(readout_text(fresh)) == same_spacing(shown)
        page.mouse.move(0, 0)  # no hover, no focus ring in either picture
        page.evaluate("document.activeElement && document.activeElement.blur()")
        moved, made_there = figure_picture(explorer), figure_picture(fresh)
        share = differing_share(moved, made_there)
        if share > STALE_PIXELS:
            save_pictures(notebook, index, moved, made_there)
        assert share <= STALE_PIXELS, f"{share:.2%} of the pixels differ from a fresh explorer"

    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    found.first.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"{Path(notebook).stem}.png")
    assert error_outputs(page) == []


@pytest.mark.browser
def test_a_press_takes_the_focus_and_tells_the_kernel_when_it_ends(lab, page):
    """A press on the figure or on a slider moves the point from its first move. The
    keyboard focus and the kernel's message come when the press ends: in JupyterLab a
    focus makes its cell the active one, whose toolbar and editors, like each message,
    take a slow device's frames, and here the page holds every number of the drag. Then
    the arrow keys move what the press moved."""
    notebook = "02_tangent_lines.ipynb"
    check = EXPLORERS[notebook][0]
    open_and_run_all(page, lab, notebook)
    explorer = explorers(page).first
    focused = "(node) => node === document.activeElement"
    page.evaluate(COUNT_POSITIONS_SENT)
    sent = "window.positionsSent"
    for selector in (".explorer-figure", "[role=slider]"):
        box = figure_box(explorer, selector)
        before = readout_text(explorer)
        page.evaluate(f"{sent} = 0")
        page.mouse.move(*at(box, check.drag_from))
        page.mouse.down()
        page.mouse.move(*at(box, check.drag_to), steps=4)
        wait_for_change(explorer, before)
        pressed = explorer.locator(selector).first
        assert not pressed.evaluate(focused), f"{selector} took the focus as the press began"
        assert page.evaluate(sent) == 0, f"the kernel was told during the press on {selector}"
        page.mouse.up()
        assert pressed.evaluate(focused), f"{selector} has no focus after the press"
        page.wait_for_function(f"{sent} === 1")
        before = readout_text(explorer)
        page.keyboard.press("ArrowLeft")
        wait_for_change(explorer, before)


@pytest.mark.browser
def test_stored_notebooks_show_their_figures_before_anything_runs(lab, page):
    """Opened as stored, before the kernel has made any widget, every explorer and
    figure shows its stored picture: never "Error displaying widget"."""
    for notebook in sorted(EXPLORERS):
        page.goto(lab.url(notebook))
        page.wait_for_selector(".jp-OutputArea-output img", state="attached", timeout=60_000)
        assert widget_errors(page) == 0, notebook
        assert page.get_by_text("model not found").count() == 0, notebook
        pictures = page.locator(".jp-OutputArea-output img").count()
        assert pictures >= len(EXPLORERS[notebook]), notebook


@pytest.mark.browser
def test_a_digit_drawn_with_the_mouse_is_read_by_the_kernel(lab, page):
    """Notebook 10's training explorer: a key moves the epoch by one; the Clear button and
    a stroke painted with the mouse on its pad are read by the network in the kernel (the
    readout changes, nothing stays pending, and Python's readout is the page's)."""
    notebook = "10_a_network_learns.ipynb"
    open_and_run_all(page, lab, notebook)
    explorer = explorers(page).first
    start = readout_numbers(explorer)
    press_slider_key(page, explorer, "ArrowRight")
    assert readout_numbers(explorer)["epoch"] == start["epoch"] + 1
    press_slider_key(page, explorer, "End")

    explorer.get_by_role("button", name="Clear").click()
    cleared = wait_until_settled(explorer)
    explorer.locator(".explorer-sketch").scroll_into_view_if_needed()
    pad = explorer.locator(".explorer-sketch").bounding_box()
    page.mouse.move(pad["x"] + 0.55 * pad["width"], pad["y"] + 0.1 * pad["height"])
    page.mouse.down()
    for step in range(1, 13):  # a vertical stroke down the middle: a 1
        page.mouse.move(
            pad["x"] + 0.55 * pad["width"], pad["y"] + (0.1 + 0.065 * step) * pad["height"]
        )
    page.mouse.up()
    drawn = wait_until_settled(explorer)
    assert drawn != cleared
    numbers = readout_numbers(explorer)
    assert numbers["your digit read as"] in range(10) and 0 < numbers["its probability"] <= 1
    assert explorer.locator(".explorer-status").inner_text().strip() == ""
    in_python = lab.run_in_kernel(notebook, "print(explorer.readout_text())")
    assert same_spacing(in_python) == same_spacing(drawn)
    assert error_outputs(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    explorer.scroll_into_view_if_needed()
    explorer.screenshot(path=SCREENSHOTS / "10_a_network_learns-drawn.png")
