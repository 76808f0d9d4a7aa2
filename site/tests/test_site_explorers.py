"""The explorers on the site: live with no kernel, from their saved widget state.

On the pages of notebooks 01–07, every explorer answers an arrow key and a mouse drag
(explorer_contract.py), and notebook 02's tangent explorer reads slope = 2x. These wait
for the explorer branch: while the explorers are still ipympl figures (no ES module in
helpers/explorers/), no page can have a live explorer and each such test is an expected
failure that says so. Once the module is there, a notebook stored without its widget
state fails them (`make execute` must store it).

The probe site (probe/: one small anywidget in the contract's shape, executed with its
state saved) proves the same pipeline now: saved state and the site's own widget
renderer (static/course-widgets.js), served from the site, with no kernel and no other
host.
"""

import json

import pytest
from conftest import StaticSite
from explorer_contract import (
    readout,
    responds_to_a_drag,
    responds_to_an_arrow_key,
    slope_is_two_x,
)
from site_files import NOTEBOOKS, ROOT, has_saved_widget_state

EXPLORER_NOTEBOOKS = [path for path in NOTEBOOKS if 1 <= int(path.stem[:2]) <= 7]
EXPLORERS_IN_THE_BROWSER = any(
    path.suffix in (".js", ".mjs") for path in (ROOT / "helpers" / "explorers").rglob("*")
)


def explorer_cells(path):
    """How many explorers the notebook shows: code cells that make one and display it."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for cell in cells
        if cell["cell_type"] == "code"
        and "_explorer(" in "".join(cell["source"])
        and any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell["outputs"]
        )
    )


def live_explorers(offline_page, url, expected):
    page = offline_page.open(url)
    # Each explorer draws when it comes near the screen (static/course-widgets.js), so a
    # reader scrolls to each in turn.
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    explorers = page.locator(".explorer")
    for index in range(views.count()):
        views.nth(index).evaluate("view => view.parentElement.scrollIntoView()")
        page.wait_for_function(
            """(view) => view.previousElementSibling?.classList.contains("widget-subarea")
                && view.previousElementSibling.childElementCount > 0""",
            arg=views.nth(index).element_handle(),
            timeout=60_000,
        )
    explorers.nth(expected - 1).wait_for(timeout=60_000)
    assert explorers.count() == expected
    page.evaluate("window.scrollTo(0, 0)")
    return page, explorers


def check_every_explorer(page, explorers):
    for index in range(explorers.count()):
        explorer = explorers.nth(index)
        responds_to_an_arrow_key(page, explorer)
        responds_to_a_drag(page, explorer)
        images = explorer.locator("img")
        alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
        assert all(alt.strip() for alt in alts), f"explorer {index}: an <img> has no alt text"


def waits_for_saved_state(path):
    if not EXPLORERS_IN_THE_BROWSER:
        pytest.xfail(
            "the explorers are still ipympl figures (no helpers/explorers/*.js), which no "
            "page can draw without a kernel: this passes once the explorer branch lands"
        )
    assert has_saved_widget_state(path), (
        f"{path.name} is stored without its widget state, so its page shows pictures: "
        "`make execute` must store it (--ExecutePreprocessor.store_widget_state=True)"
    )


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory):
    import build_site

    server = StaticSite(build_site.build_probe_site(tmp_path_factory.mktemp("probe")))
    yield server
    server.stop()


def test_the_probe_widget_is_live_with_no_kernel_and_no_other_host(probe_site, offline_page):
    page, explorers = live_explorers(offline_page, probe_site.url("notebooks/01_probe.html"), 1)
    probe = explorers.first
    assert slope_is_two_x(readout(probe)) and readout(probe)["x"] == 1.0
    check_every_explorer(page, explorers)
    assert slope_is_two_x(readout(probe))
    assert offline_page.outside_requests == []
    assert offline_page.console_errors == []
    assert offline_page.failed_responses == []


@pytest.mark.parametrize("notebook", EXPLORER_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_explorer_answers_an_arrow_key_and_a_drag(notebook, site, offline_page):
    waits_for_saved_state(notebook)
    url = site.url(f"notebooks/{notebook.stem}.html")
    page, explorers = live_explorers(offline_page, url, explorer_cells(notebook))
    check_every_explorer(page, explorers)
    assert offline_page.outside_requests == []
    assert offline_page.console_errors == []


def test_the_tangent_explorer_on_02_reads_slope_two_x(site, offline_page):
    notebook = next(path for path in NOTEBOOKS if path.stem.startswith("02_"))
    waits_for_saved_state(notebook)
    url = site.url(f"notebooks/{notebook.stem}.html")
    page, explorers = live_explorers(offline_page, url, explorer_cells(notebook))
    tangent = next(
        explorers.nth(i)
        for i in range(explorers.count())
        if {"x", "slope"} <= set(readout(explorers.nth(i)))
    )
    assert slope_is_two_x(readout(tangent))
    assert slope_is_two_x(responds_to_an_arrow_key(page, tangent))
    assert slope_is_two_x(responds_to_a_drag(page, tangent))
