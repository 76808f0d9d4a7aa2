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


def test_maths_is_typeset_by_the_mathjax_served_with_the_site(site, offline_page):
    page = offline_page.open(site.url("notebooks/02_tangent_lines.html"))
    page.locator("article mjx-container").first.wait_for(timeout=30_000)
    assert page.locator("article mjx-container").count() > 10
    sources = page.eval_on_selector_all("script[src]", "all => all.map(s => s.src)")
    assert any("/_static/npm/mathjax/" in src and src.startswith(site.base) for src in sources)
    assert offline_page.outside_requests == []


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
