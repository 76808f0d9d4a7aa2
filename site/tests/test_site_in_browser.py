"""The built site served on 127.0.0.1 and read in headless Chromium, as a learner would,
with every request to any other host aborted and counted: none is allowed."""

import pytest
from course_site import address
from site_files import NOTEBOOKS, ROOT, pages

ADDRESS = address.read(ROOT / "pyproject.toml")


def page_names():
    from conftest import SITE_OUTPUT

    return [page.name for page in pages(SITE_OUTPUT)] if SITE_OUTPUT.exists() else ["index.html"]


@pytest.mark.parametrize("name", page_names())
def test_every_page_loads_with_no_console_error_and_asks_no_other_host(name, site, offline_page):
    offline_page.open(site.url(name))
    assert offline_page.outside_requests == []
    assert offline_page.console_errors == []
    assert offline_page.failed_responses == []
    # The icons are CSS masks (course-icons.css) and the maths is drawn when the site is
    # built: no page fetches the theme's icon fonts or MathJax.
    unwanted = [url for url in offline_page.requests if "/webfonts/" in url or "mathjax" in url]
    assert unwanted == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_launch_buttons_open_this_notebook(notebook, site, offline_page):
    path = f"notebooks/{notebook.name}"
    page = offline_page.open(site.url(f"notebooks/{notebook.stem}.html"))
    bar = page.locator(".course-launch")
    assert bar.locator(".course-launch-binder").get_attribute("href") == ADDRESS.binder(path)
    assert bar.locator(".course-launch-colab").get_attribute("href") == ADDRESS.colab(path)

    hub = bar.locator(".course-launch-hub")
    hub.locator("summary").click()
    link = hub.locator(".course-launch-hub-link")
    assert link.get_attribute("href") is None  # nothing to open until a hub is named
    for typed, hub_address in [
        ("jupyter.myschool.org", "jupyter.myschool.org"),
        ("https://myschool.org/jupyter/hub/", "myschool.org/jupyter"),
    ]:
        hub.locator("input").fill(typed)
        assert link.get_attribute("href") == ADDRESS.nbgitpuller(path, hub=hub_address)

    download = bar.locator(".course-launch-download")
    response = page.request.get(site.url(f"notebooks/{download.get_attribute('href')}"))
    assert response.ok and response.body() == notebook.read_bytes()
    assert offline_page.outside_requests == []


def test_the_hub_address_is_remembered_for_the_next_notebook(site, offline_page):
    page = offline_page.open(site.url(f"notebooks/{NOTEBOOKS[1].stem}.html"))
    page.locator(".course-launch-hub summary").click()
    page.locator(".course-launch-hub input").fill("hub.example.edu")
    page = offline_page.open(site.url(f"notebooks/{NOTEBOOKS[2].stem}.html"))
    path = f"notebooks/{NOTEBOOKS[2].name}"
    href = page.locator(".course-launch-hub-link").get_attribute("href")
    assert href == ADDRESS.nbgitpuller(path, hub="hub.example.edu")


def test_search_works_offline(site, offline_page):
    page = offline_page.open(site.url("search.html?q=gradient"))
    results = page.locator("#search-results a")
    results.first.wait_for(timeout=30_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("notebooks/05_gradient.html" in href for href in hrefs), hrefs
    assert offline_page.outside_requests == [] and offline_page.console_errors == []


def test_maths_is_drawn_when_the_site_is_built_and_read_aloud_as_mathml(site, offline_page):
    page = offline_page.open(site.url("notebooks/02_tangent_lines.html"))
    formulas = page.locator("article span.math mjx-container[jax=SVG]")
    assert formulas.count() > 10
    assert page.locator("article div.math mjx-container[jax=SVG][display=true]").count() > 0
    # Each glyph is a <use> of the page's one hidden set of outlines: none may dangle, and
    # a formula drawn is as tall as the text around it.
    dangling = page.evaluate(
        """() => [...document.querySelectorAll("mjx-container use")]
        .map((use) => use.getAttribute("xlink:href"))
        .filter((id) => !document.getElementById(id.slice(1)))"""
    )
    assert dangling == []
    first = formulas.first.locator("svg").bounding_box()
    assert 10 <= first["height"] <= 60 and first["width"] > 10, first
    # Screen readers get the formula as MathML; the drawing itself is hidden from them.
    assert formulas.first.locator("svg").get_attribute("aria-hidden") == "true"
    assert formulas.first.locator("mjx-assistive-mml math").count() == 1
    sources = page.eval_on_selector_all("script[src]", "all => all.map(s => s.src)")
    assert not any("mathjax" in src.lower() for src in sources), sources


def test_blocks_off_screen_are_skipped_until_scrolled_to_and_explorer_cells_never(
    site, offline_page
):
    # course-site.css: a frame that moves an explorer lays out and paints the visible
    # part of the page only (issue 20's frames at 4× CPU); the cell of a saved widget stays
    # rendered, as course-widgets.js watches it to draw its explorer.
    page = offline_page.open(site.url("notebooks/06_gradient_descent.html"))
    # What is inside a skipped block is not visible to checkVisibility; the block is.
    shown = "(node) => node.checkVisibility({ contentVisibilityAuto: true })"
    last = page.locator("article section > div.cell .cell_input").last
    assert last.evaluate(shown) is False
    last.evaluate("(node) => node.scrollIntoView()")
    page.wait_for_function(shown, arg=last.element_handle())
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    styles = views.evaluate_all(
        "all => all.map((view) => getComputedStyle(view.closest('div.cell')).contentVisibility)"
    )
    assert len(styles) == 3 and set(styles) == {"visible"}, styles


def test_the_table_of_contents_lists_every_notebook_in_order(site, offline_page):
    page = offline_page.open(site.url("index.html"))
    links = page.locator(".bd-sidebar-primary nav a.reference.internal")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    notebooks = [href for href in hrefs if href.startswith("notebooks/")]
    assert notebooks == [f"notebooks/{path.stem}.html" for path in NOTEBOOKS]
    assert "TEACHING.html" in hrefs and "docs/launching.html" in hrefs


def test_a_request_to_another_host_is_counted_and_never_sent(site, offline_page):
    """The guard every test here relies on: it sees and stops a request that leaves."""
    page = offline_page.open(site.url("index.html"))
    page.evaluate("fetch('https://cdn.example.invalid/library.js').catch(() => null)")
    page.wait_for_timeout(200)
    assert offline_page.outside_requests == ["https://cdn.example.invalid/library.js"]
