"""The built site, read as files: every page there, every link resolving, nothing loaded
from another host, every picture described. (`make test-site` builds _site/ first, with
Sphinx's warnings as errors.)"""

import re

import pytest
from course_site.course_map import notebook_header
from course_site.notebook_reader import figure_description, saved_widget_ids, shows_picture
from site_files import NOTEBOOKS, ROOT, has_saved_widget_state, is_elsewhere, notebook_cells, pages

CDN_HOSTS = re.compile(r"jsdelivr|unpkg|cdnjs|googleapis|gstatic|cloudflare|thebe|hypothes")


@pytest.fixture(scope="module")
def site_pages(built_site):
    return {page.name: page for page in pages(built_site)}


def test_every_notebook_and_both_guides_are_pages(site_pages):
    expected = {"index.html", "TEACHING.html", "docs/launching.html", "search.html"}
    expected |= {f"notebooks/{path.stem}.html" for path in NOTEBOOKS}
    assert expected <= set(site_pages)


def test_every_internal_link_resolves_to_a_file_and_an_anchor(site_pages, built_site):
    broken = []
    ids = {page.path.resolve(): page.ids for page in site_pages.values()}
    for page in site_pages.values():
        for url in page.links + [value for _, value in page.loads]:
            resolved = page.resolve(url)
            if resolved is None or url.startswith(("mailto:", "javascript:")):
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{page.name}: {url} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, ()):
                broken.append(f"{page.name}: {url} (no id {fragment!r} there)")
            elif not target.is_relative_to(built_site.resolve()):
                broken.append(f"{page.name}: {url} (outside the site)")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_host(site_pages):
    elsewhere = []
    for page in site_pages.values():
        elsewhere += [f"{page.name}: <{tag}> {url}" for tag, url in page.loads if is_elsewhere(url)]
        for code in page.inline_code:
            elsewhere += [
                f"{page.name}: inline {m}" for m in re.findall(r"(?:https?:)?//[\w.-]+\.\w+", code)
            ]
    assert not elsewhere, "\n".join(elsewhere)


def test_no_page_or_own_stylesheet_names_a_cdn(site_pages, built_site):
    """A CDN's name anywhere in a page, or in a stylesheet that is not vendored, is a leak."""
    found = [name for name, page in site_pages.items() if CDN_HOSTS.search(page.path.read_text())]
    for css in (built_site / "_static").rglob("*.css"):
        if "npm" not in css.relative_to(built_site).parts:
            text = css.read_text(encoding="utf-8", errors="replace")
            if re.search(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//", text):
                found.append(css.relative_to(built_site).as_posix())
    assert not found, found


def test_every_picture_has_alt_text(site_pages):
    missing = [
        f"{page.name}: {image.get('src', '')[:60]}"
        for page in site_pages.values()
        for image in page.images
        if not (image.get("alt") or "").strip()
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_picture_of_a_notebook_is_described_by_the_sentence_under_it(notebook, site_pages):
    cells = notebook_cells(notebook)
    saved = saved_widget_ids_of(notebook)
    expected = []
    for cell, following in zip(cells, cells[1:]):
        pictures = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        live = [o for o in pictures if widget_id(o) in saved]
        if cell["cell_type"] == "code" and shows_picture(cell) and len(live) < len(pictures):
            expected += [figure_description("".join(following["source"]))] * (
                len(pictures) - len(live)
            )
    page = site_pages[f"notebooks/{notebook.stem}.html"]
    alts = [image["alt"] for image in page.images if "_images/" in image.get("src", "")]
    assert alts == expected
    assert all(expected)


def saved_widget_ids_of(path):
    import nbformat

    return saved_widget_ids(nbformat.read(path, as_version=4))


def widget_id(output):
    return (
        output.get("data", {}).get("application/vnd.jupyter.widget-view+json", {}).get("model_id")
    )


def test_home_page_maps_every_notebook_in_order_with_its_time(site_pages):
    home = site_pages["index.html"]
    text = home.path.read_text(encoding="utf-8")
    positions = []
    for path in NOTEBOOKS:
        header = notebook_header(path)
        link = f'href="notebooks/{path.stem}.html"'
        assert link in text, path.name
        assert f"about {header['minutes']} minutes" in text, path.name
        positions.append(text.index(link, text.index('class="course-map')))
    assert positions == sorted(positions)


def test_notebook_pages_come_in_order_with_previous_and_next(site_pages):
    names = [f"notebooks/{path.stem}.html" for path in NOTEBOOKS]
    for before, page_name, after in zip([None, *names], names, [*names[1:], None]):
        text = site_pages[page_name].path.read_text(encoding="utf-8")
        previous = re.search(r'<link rel="prev" title="[^"]*" href="([^"]+)"', text)
        following = re.search(r'<link rel="next" title="[^"]*" href="([^"]+)"', text)
        if before:
            assert previous and previous[1] == before.split("/")[-1], page_name
        if after:
            assert following and following[1] == after.split("/")[-1], page_name
        assert 'class="prev-next-area"' in text, page_name


def test_the_site_serves_the_notebooks_as_stored(built_site):
    for path in NOTEBOOKS:
        served = built_site / "_sources" / "notebooks" / path.name
        assert served.read_bytes() == path.read_bytes(), path.name


def test_explorer_pages_load_the_local_widget_renderer_when_state_is_saved(site_pages, built_site):
    """Only pages with saved widget state get the renderer, deferred, with the name of
    their state file, which is served beside them."""
    for path in NOTEBOOKS:
        page = site_pages[f"notebooks/{path.stem}.html"]
        loaders = [
            attributes
            for tag, attributes, _ in page.loaders
            if tag == "script" and "course-widgets.js" in attributes.get("src", "")
        ]
        assert len(loaders) == has_saved_widget_state(path), path.name
        assert all("defer" in attributes for attributes in loaders), path.name
        for attributes in loaders:
            assert (page.path.parent / attributes["data-widget-state"]).is_file(), path.name


def test_the_build_reads_the_repository_address_once(built_site):
    """The launch bar's links come from pyproject.toml: the placeholder is nowhere else."""
    from course_site import address

    assert address.read(ROOT / "pyproject.toml").github in (
        built_site / "notebooks" / f"{NOTEBOOKS[0].stem}.html"
    ).read_text(encoding="utf-8")


def test_every_page_names_one_stylesheet_whose_urls_all_resolve(site_pages):
    """bundle_stylesheets.py: one request for a page's styles, nothing left to import."""
    bundles = set()
    for page in site_pages.values():
        sheets = [
            attributes["href"]
            for tag, attributes, _ in page.loaders
            if tag == "link" and "stylesheet" in attributes.get("rel", "").split()
        ]
        assert len(sheets) == 1 and "course-styles-" in sheets[0], (page.name, sheets)
        bundles.add(page.resolve(sheets[0])[0])
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        assert "@import" not in text
        for url in re.findall(r"""url\(["']?([^"')]+)""", text):
            if not url.startswith("data:"):
                assert (bundle.parent / url).is_file(), (bundle.name, url)
