"""Stored notebooks opened where no kernel runs: their explorers still move.

Each notebook, as `make execute` stored it (outputs and widget state), is exported
to HTML by nbconvert and served on 127.0.0.1 with the JavaScript it needs beside it;
Chromium opens it with every request to another host blocked. Every explorer must
answer an arrow key on its slider and a drag on its figure with new numbers that
still obey the maths, with no console error and no request leaving the machine.
"""

from pathlib import Path

import pytest
from lab import ROOT, skip_or_fail
from notebook_checks import EXPLORERS
from notebook_page import (
    drag_on_figure,
    explorers,
    press_slider_key,
    readout_numbers,
    readout_text,
    same_spacing,
    wait_for_change,
    wait_until_settled,
)
from static_page import StaticServer, block_other_hosts, export, missing_javascript


@pytest.fixture(scope="module")
def static_pages(browser, tmp_path_factory):
    reason = missing_javascript()
    if reason:
        skip_or_fail(reason, "install Node.js and npm, then `make test` runs `npm ci`")
    folder = tmp_path_factory.mktemp("no-kernel")
    pages = {notebook: export(ROOT / "notebooks" / notebook, folder) for notebook in EXPLORERS}
    server = StaticServer(folder)
    yield server, pages
    server.stop()


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(EXPLORERS))
def test_stored_explorers_move_with_no_kernel_and_no_network(browser, static_pages, notebook):
    server, pages = static_pages
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    blocked = block_other_hosts(page, server.base)
    try:
        page.goto(server.base + pages[notebook])
        checks = EXPLORERS[notebook]
        page.wait_for_function(
            f"document.querySelectorAll('.explorer').length === {len(checks)}", timeout=30_000
        )
        for index, check in enumerate(checks):
            explorer = explorers(page).nth(index)
            start = readout_numbers(explorer)
            assert check.relation(start, readout_text(explorer)), start

            press_slider_key(page, explorer, check.key, check.slider)
            pressed = readout_numbers(explorer)
            assert pressed[check.pressed] != start[check.pressed], (start, pressed)
            assert check.relation(pressed, readout_text(explorer)), pressed

            if check.drag_from is None:
                continue
            drag_on_figure(page, explorer, check.drag_from, check.drag_to)
            dragged = readout_numbers(explorer)
            if check.dragged is not None:
                assert dragged[check.dragged] != pressed[check.dragged], (pressed, dragged)
            assert check.relation(dragged, readout_text(explorer)), dragged
        assert blocked == [], "no request may leave 127.0.0.1"
        assert errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_a_digit_drawn_with_no_kernel_says_it_needs_one(browser, static_pages):
    """Notebook 10's pad takes ink with no kernel, but reading it is the kernel's: the
    readout waits ("…") and the status line says a kernel is needed; the epochs still move."""
    from notebook_checks import says_it_needs_the_kernel

    screenshots = Path(__file__).parent / "screenshots"
    server, pages = static_pages
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server.base + pages["10_a_network_learns.ipynb"])
        page.wait_for_selector(".explorer-sketch", timeout=30_000)
        explorer = explorers(page).first
        explorer.locator(".explorer-sketch").scroll_into_view_if_needed()
        pad = explorer.locator(".explorer-sketch").bounding_box()
        page.mouse.click(pad["x"] + 0.1 * pad["width"], pad["y"] + 0.1 * pad["height"])
        assert says_it_needs_the_kernel(explorer)
        assert "your digit read as = …" in readout_text(explorer).replace("\xa0", " ")
        press_slider_key(page, explorer, "ArrowRight")
        assert readout_numbers(explorer)["epoch"] == 1
        screenshots.mkdir(exist_ok=True)
        explorer.screenshot(path=screenshots / "10_a_network_learns-no-kernel.png")
    finally:
        page.close()


def _notebook_07_loss_slice():
    """Notebook 07's loss-slice explorer, built as the notebook builds it."""
    import numpy as np

    import helpers

    inputs, labels = helpers.neuron.make_dataset(np.random.default_rng(0), n_points=100)
    loss = helpers.neuron.NeuronLoss(inputs, labels)
    return helpers.loss_slice_explorer(loss, np.zeros(3), parameter="w1")


def _notebook_08_backprop():
    """Notebook 08's backprop explorer, built as the notebook builds it."""
    import helpers

    return helpers.backprop_explorer([1.5, -0.5], [0.8, -1.2], bias=0.3, label=1)


def _move_07(page, explorer, python):
    """Three steps right on w1, then choose b: the curve through the moved w1."""
    press_slider_key(page, explorer, "ArrowRight", times=3)
    before = readout_text(explorer)
    explorer.locator("select.explorer-choice").select_option(label="b")
    wait_for_change(explorer, before)
    python.move(param_0=python.position["param_0"] + 3)
    python.select("b")


def _move_08(page, explorer, python):
    """Two steps right on x1, then three left on w1: both tables held elsewhere."""
    press_slider_key(page, explorer, "ArrowRight", slider=0, times=2)
    press_slider_key(page, explorer, "ArrowLeft", slider=1, times=3)
    python.move(x1=python.position["x1"] + 2, w1=python.position["w1"] - 3)


TWO_MOVES = {
    "07_training_a_neuron.ipynb": (_notebook_07_loss_slice, _move_07),
    "08_chain_rule_and_backprop.ipynb": (_notebook_08_backprop, _move_08),
}


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(TWO_MOVES))
def test_two_controls_moved_with_no_kernel_show_pythons_numbers(browser, static_pages, notebook):
    """After two controls move, no stored table holds the numbers: the page computes
    them (its recipe) and its readout is Python's, ``explorer.readout_text()``."""
    server, pages = static_pages
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    blocked = block_other_hosts(page, server.base)
    try:
        page.goto(server.base + pages[notebook])
        page.wait_for_selector(".explorer", timeout=30_000)
        explorer = explorers(page).first
        build, move = TWO_MOVES[notebook]
        python = build()
        move(page, explorer, python)
        shown = wait_until_settled(explorer)
        assert "…" not in shown, shown
        assert same_spacing(shown) == same_spacing(python.readout_text())
        assert blocked == [], "no request may leave 127.0.0.1"
    finally:
        page.close()
