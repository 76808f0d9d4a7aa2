"""Every page of the site, whole, as axe-core sees it: no violation of any impact.

The whole document, not only the explorers: the theme's header, sidebars, search and
colour-mode buttons, the launch bar, the prose and its maths. On a page with explorers
the page is first scrolled to each one, so they are drawn (they load when near the
screen) and checked with the rest.
"""

import pytest
from notebook_page import AXE
from test_site_in_browser import page_names

VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'


def axe_violations_of_the_whole_page(page):
    # axe reads a text's colours from what is laid out under it; a block off screen is
    # skipped (content-visibility: auto, course-site.css) until a reader scrolls to it, so
    # every block is drawn first, as the reader would see each one.
    page.add_style_tag(content=".bd-article * { content-visibility: visible !important; }")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const found = await axe.run(document, { resultTypes: ["violations"] });
            return found.violations.map((v) => [
                v.id, v.impact, v.help, v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)),
            ]);
        }"""
    )


def draw_every_explorer(page):
    """Scroll to each saved widget and wait until the renderer has drawn every one (it
    draws each into a new element just before the widget's script)."""
    views = page.locator(VIEWS)
    for index in range(views.count()):
        views.nth(index).evaluate("view => view.parentElement.scrollIntoView()")
    if views.count():
        page.wait_for_function(
            """(selector) => [...document.querySelectorAll(selector)].every(
                (view) => view.previousElementSibling?.classList.contains("widget-subarea")
                    && view.previousElementSibling.childElementCount > 0)""",
            arg=VIEWS,
            timeout=60_000,
        )
        page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("name", page_names())
def test_axe_finds_no_violation_on_the_whole_page(name, site, offline_page):
    page = offline_page.open(site.url(name))
    draw_every_explorer(page)
    assert axe_violations_of_the_whole_page(page) == []
    assert offline_page.outside_requests == []
