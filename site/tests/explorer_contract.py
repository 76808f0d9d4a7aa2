"""Checks of one explorer against the explorers' page contract (CONTRIBUTING.md, "The
explorers' shape"): a `.explorer` root with `role="slider"`
controls, a `.explorer-readout` of `name = value` pairs and an `.explorer-figure` that a
pointer drags."""

import re


def readout(explorer):
    """The readout's numbers: "x = 1.00   slope = 2.00" -> {"x": 1.0, "slope": 2.0}.

    Pairs are separated by two or more spaces; a value that is not a number (a part that
    needs the kernel says so in words) is kept as text.
    """
    text = explorer.locator(".explorer-readout").first.evaluate("node => node.textContent")
    values = {}
    for pair in re.split(r"\s{2,}", text.strip()):
        name, _, value = pair.partition(" = ")
        try:
            values[name.strip()] = float(value.replace("−", "-"))
        except ValueError:
            values[name.strip()] = value.strip()
    return values


def wait_for_readout_change(page, explorer, before, what):
    for _ in range(50):  # up to 1 s: the browser draws a move in the frame it happens
        now = readout(explorer)
        if now != before:
            return now
        page.wait_for_timeout(20)
    raise AssertionError(f"the readout did not change after {what}: still {before}")


def picture(explorer):
    return explorer.locator(".explorer-figure").first.screenshot()


def responds_to_an_arrow_key(page, explorer):
    """Focus the first slider and press an arrow key away from the end it is at: the
    value, the readout and the drawn picture all move."""
    slider = explorer.locator('[role="slider"]').first
    value, top = (float(slider.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
    key = "ArrowLeft" if value >= top else "ArrowRight"
    before, drawn = readout(explorer), picture(explorer)
    slider.focus()
    page.keyboard.press(key)
    after = wait_for_readout_change(page, explorer, before, f"{key} on the slider")
    assert float(slider.get_attribute("aria-valuenow")) != value, "aria-valuenow did not move"
    page.wait_for_timeout(50)  # the next animation frame
    assert picture(explorer) != drawn, f"the readout moved after {key}, the picture did not"
    return after


def responds_to_a_drag(page, explorer):
    """Press on the figure's left part and drag a fifth of its width to the right."""
    figure = explorer.locator(".explorer-figure").first
    figure.scroll_into_view_if_needed()
    box = figure.bounding_box()
    y = box["y"] + box["height"] * 0.5
    before = readout(explorer)
    page.mouse.move(box["x"] + box["width"] * 0.15, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, y, steps=8)
    page.mouse.up()
    return wait_for_readout_change(page, explorer, before, "a drag on the figure")


def slope_is_two_x(values):
    """The tangent explorer on y = x²: slope = 2x, both shown to two decimals."""
    return abs(values["slope"] - 2 * values["x"]) <= 0.011
