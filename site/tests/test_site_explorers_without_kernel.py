"""Every explorer on the site answers every move with Python's own numbers, no kernel.

The site is opened with every other host cut off (offline_page), so no kernel and no
network can answer. Each notebook is also run here, in this process, and every
explorer it displays is kept: Python's twin of the one on the page. On the page each
explorer's sliders (up to three) move two, three and four steps, its choices move to
the next option, the sliders shown then move again, and its buttons that add steps are
pressed; after each move the twin
moves to the same place (read from the page's controls) and the page's readout must be
the twin's ``readout_text()``, number for number, with nothing left pending ("…").

What only a kernel can answer (a learner's own code, a digit drawn on notebook 10's
pad) is not moved here: tests/browser/test_without_kernel.py checks the page says so.
"""

import json
import os
import re

import pytest
from site_files import NOTEBOOKS
from test_site_explorers import live_explorers

from helpers.explorers.controls import Sketch

STEPS_PER_SLIDER = (2, 3, 4)  # arrow presses on the first, second and third slider
NEXT_FRAMES = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
EXPLORER_NOTEBOOKS = [
    path
    for path in NOTEBOOKS
    if '"application/vnd.jupyter.widget-view+json"' in path.read_text(encoding="utf-8")
]


def displayed_explorers(notebook):
    """Run the notebook's code here, as `make execute` does; the explorers it displays,
    in the order the page shows them."""
    import matplotlib

    matplotlib.use("Agg")
    from IPython.core.interactiveshell import InteractiveShell

    from helpers.explorers.widget import Explorer

    shown = []
    original = Explorer._repr_mimebundle_

    def recording(self, **kwargs):
        if self not in shown:
            shown.append(self)
        return original(self, **kwargs)

    shell = InteractiveShell.instance()
    shell.reset()  # a fresh namespace per notebook, as a new kernel has
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    Explorer._repr_mimebundle_ = recording
    here = os.getcwd()
    try:
        os.chdir(notebook.parent)
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                continue
            result = shell.run_cell("".join(cell["source"]), store_history=False)
            assert result.success, f"{notebook.name}: {result.error_in_exec!r}"
    finally:
        os.chdir(here)
        Explorer._repr_mimebundle_ = original
    return shown


def page_readout(explorer):
    return explorer.locator(".explorer-readout").first.evaluate("node => node.textContent")


def same_text(text):
    return re.sub(r"\s+", " ", text).strip()


def control_named(twin, label, position):
    """The twin's control with this label, among those shown at ``position``."""
    for name, control in twin._controls.items():
        shown_when = getattr(control, "shown_when", {})
        if getattr(control, "label", None) == label and all(
            position.get(k) == v for k, v in shown_when.items()
        ):
            return name
    raise AssertionError(f"{type(twin).__name__} has no control {label!r} shown at {position}")


def page_position(explorer, twin, position):
    """Where the page's controls are, as the twin's lattice positions: each choice's
    option and each visible slider's value, found by its label."""
    position = dict(position)
    selects = explorer.locator("select.explorer-choice")
    for i in range(selects.count()):
        select = selects.nth(i)
        label = select.evaluate("node => node.parentElement.firstChild.textContent").strip()
        name = control_named(twin, label, position)
        position[name] = int(select.input_value())
    sliders = explorer.locator('[role="slider"]:visible')
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        label = slider.evaluate("node => node.parentElement.firstChild.textContent")
        name = control_named(twin, label, position)
        position[name] = twin.nearest(name, float(slider.get_attribute("aria-valuenow")))
    return position


def agrees_with_twin(page, explorer, twin, position, what):
    """The page's readout after a move is the twin's at the same place."""
    page.evaluate(NEXT_FRAMES)  # the page writes a move's controls in its next frame
    position = page_position(explorer, twin, position)
    twin.move(**position)
    expected = same_text(twin.readout_text())
    shown = ""
    for _ in range(50):  # the page draws a move in the next frame
        shown = same_text(page_readout(explorer))
        if shown == expected:
            break
        page.wait_for_timeout(20)
    assert "…" not in shown, f"after {what} the page waits for a kernel: {shown}"
    assert shown == expected, f"after {what}:\n page:   {shown}\n Python: {expected}"
    return position


def move_sliders(page, explorer, twin, position):
    """Up to three visible sliders, two, three and four steps each; checked after each."""
    sliders = explorer.locator('[role="slider"]:visible')
    for i, presses in zip(range(sliders.count()), STEPS_PER_SLIDER):
        slider = sliders.nth(i)
        now, top = (float(slider.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
        key = "ArrowLeft" if now >= top else "ArrowRight"
        slider.focus()
        for _ in range(presses):
            page.keyboard.press(key)
        position = agrees_with_twin(page, explorer, twin, position, f"{presses} × {key}")
    return position


def move_choices(page, explorer, twin, position):
    """Each choice to its next option; checked after each."""
    selects = explorer.locator("select.explorer-choice")
    for i in range(selects.count()):
        select = selects.nth(i)
        options = select.locator("option").count()
        select.select_option(index=(int(select.input_value()) + 1) % options)
        position = agrees_with_twin(page, explorer, twin, position, "a new choice")
    return position


def press_adding_buttons(page, explorer, twin, position):
    """Each button that adds steps to a counter ("Step", "Run 10 steps"); checked after each."""
    for spec in twin.controls:
        if spec["kind"] != "button" or not spec["add"]:
            continue
        explorer.get_by_role("button", name=spec["label"], exact=True).click()
        counter = spec["counter"]
        top = len(twin._controls[counter].values) - 1
        position[counter] = min(position[counter] + spec["add"], top)
        position = agrees_with_twin(page, explorer, twin, position, f"a click on {spec['label']}")
    return position


def move_everything(page, explorer, twin):
    """Sliders, then choices, then the sliders shown now, then the buttons: so a slider
    moves after another control has (a curve through a moved weight, a path from a moved
    start at a new rate), where no stored table can answer."""
    start = {name: twin.position[name] for name in twin._controls}
    position = dict(start)
    for move in (move_sliders, move_choices, move_sliders, press_adding_buttons):
        position = move(page, explorer, twin, position)
    return [name for name in start if position[name] != start[name]]


@pytest.mark.parametrize("notebook", EXPLORER_NOTEBOOKS, ids=lambda path: path.stem)
def test_every_explorer_answers_every_move_with_pythons_numbers(notebook, site, offline_page):
    twins = displayed_explorers(notebook)
    url = site.url(f"notebooks/{notebook.stem}.html")
    page, explorers = live_explorers(offline_page, url, len(twins))
    for index, twin in enumerate(twins):
        explorer = explorers.nth(index)
        explorer.scroll_into_view_if_needed()
        assert same_text(page_readout(explorer)) == same_text(twin.readout_text())
        moved = move_everything(page, explorer, twin)
        # A pad to draw on (notebook 10) is the kernel's to read: it is not moved here.
        movable = [n for n, c in twin._controls.items() if not isinstance(c, Sketch)]
        assert len(moved) >= min(2, len(movable)), f"only {moved} moved"
    # Each slider is named by its own label: the ids its aria-labelledby points at are
    # unique on the page, however many explorers it has.
    ids = page.evaluate("[...document.querySelectorAll('.explorer-label[id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids)), f"repeated label ids: {sorted(ids)}"
    assert offline_page.outside_requests == []
    assert offline_page.console_errors == []
