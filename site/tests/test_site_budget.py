"""Every built page keeps to a byte budget: a check of sizes, not a timing test.

What a page makes the browser fetch, counted as GitHub Pages sends it (text gzipped,
compressed here with gzip's default level; pictures and fonts as they are):

- before its first paint: the HTML and its render-blocking files, the stylesheets and
  the scripts in its <head> with neither `defer` nor `async` (Lighthouse's definition);
- in all, at load: those, every other script and stylesheet it names, and its pictures.
  An explorer page names one small deferred script, the site's widget renderer
  (static/course-widgets.js). The page's saved widget state (its explorers' module,
  pictures and tables) is not named by the page: the renderer fetches it when an explorer
  comes near the screen, so it is budgeted on its own, below.

`make bench-site` measures what these bytes cost in time on a slow phone.
"""

import gzip
from functools import cache

import pytest
from site_files import pages

#: Lighthouse's slow 4G (its mobile profile): 1.6 Mbit/s down, 150 ms round trips.
SLOW_4G_BYTES_PER_S = 1.6e6 / 8
#: First contentful paint should come within 1.8 s (the web's "good" threshold). A new
#: connection and the HTML's request take about 4 round trips (0.6 s) on slow 4G, and
#: the slow CPU needs about as long to lay the page out: half a second is left for the
#: bytes. (Before the theme's CSS was trimmed and the maths drawn at build time, pages
#: sent 94–137 kB before their first paint.)
BEFORE_FIRST_PAINT = round(0.5 * SLOW_4G_BYTES_PER_S)  # 100 kB
#: Everything a page names, pictures included, within 2 s of slow 4G (pictures load
#: lazily, so most of them come later still).
TOTAL_AT_LOAD = round(2.0 * SLOW_4G_BYTES_PER_S)  # 400 kB
#: The site's widget renderer, which every explorer page loads: small enough that a slow
#: phone parses it in a blink (html-manager's embed-amd.js, which it replaces, was
#: 0.9 MB gzipped and took seconds).
WIDGET_RENDERER = 10_000
RENDERER_FILE = "course-widgets.js"
#: An explorer page's saved widget state, fetched when an explorer comes near: within
#: 1.5 s of slow 4G, less than a reader takes to scroll down a screen to the explorer.
WIDGET_STATE = round(1.5 * SLOW_4G_BYTES_PER_S)  # 300 kB
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map")


@cache
def sent_bytes(path):
    """The bytes GitHub Pages sends for a file: gzipped when it is text."""
    data = path.read_bytes()
    return len(gzip.compress(data)) if path.suffix in COMPRESSED else len(data)


def is_render_blocking(tag, attributes, in_head):
    if tag == "link":
        return "stylesheet" in attributes.get("rel", "") and attributes.get("media") != "print"
    if tag == "script":
        deferred = {"defer", "async"} & set(attributes) or attributes.get("type") == "module"
        return in_head and not deferred
    return False


def page_bytes(page):
    """(bytes before first paint, bytes at load, {file: bytes} of what it names)."""
    named = {}
    blocking = sent_bytes(page.path)
    for tag, attributes, in_head in page.loaders:
        url = attributes.get("src") or attributes.get("href") or attributes.get("data")
        rel = attributes.get("rel", "")
        if tag == "link" and not ({"stylesheet", "icon"} & set(rel.split())):
            continue  # prev/next/search/index links and preloads of files named elsewhere
        resolved = page.resolve(url) if url else None
        if resolved is None or not resolved[0].is_file() or resolved[0] in named:
            continue
        named[resolved[0]] = sent_bytes(resolved[0])
        if is_render_blocking(tag, attributes, in_head):
            blocking += named[resolved[0]]
    return blocking, sent_bytes(page.path) + sum(named.values()), named


@pytest.fixture(scope="module")
def site_pages(built_site):
    return pages(built_site)


def test_every_page_keeps_to_its_byte_budget(site_pages):
    over = []
    for page in site_pages:
        before_paint, at_load, _ = page_bytes(page)
        if before_paint > BEFORE_FIRST_PAINT:
            over.append(f"{page.name}: {before_paint:,} B before first paint")
        if at_load > TOTAL_AT_LOAD:
            over.append(f"{page.name}: {at_load:,} B at load")
    report = "\n".join(
        f"{page.name}: {page_bytes(page)[0]:,} / {page_bytes(page)[1]:,}" for page in site_pages
    )
    assert not over, (
        f"budgets {BEFORE_FIRST_PAINT:,} B before first paint, {TOTAL_AT_LOAD:,} B at load:\n"
        + "\n".join(over)
        + "\n\nevery page (before paint / at load):\n"
        + report
    )


def test_the_site_serves_no_other_widget_renderer(built_site):
    """html-manager and require.js, which the site's own renderer replaced, are not served."""
    npm = built_site / "_static" / "npm"
    for gone in ("require.js", "anywidget.js", "html-manager"):
        assert not (npm / gone).exists(), gone


def test_the_widget_renderer_and_each_pages_state_keep_to_their_budget(site_pages, built_site):
    renderer = sent_bytes(built_site / "_static" / RENDERER_FILE)
    assert renderer <= WIDGET_RENDERER, f"{RENDERER_FILE}: {renderer:,} B"
    over, explorer_pages = [], 0
    for page in site_pages:
        for tag, attributes, _ in page.loaders:
            if tag == "script" and "data-widget-state" in attributes:
                explorer_pages += 1
                state = sent_bytes(page.path.parent / attributes["data-widget-state"])
                if state > WIDGET_STATE:
                    over.append(f"{page.name}: {state:,} B")
    assert explorer_pages > 0
    assert not over, f"budget {WIDGET_STATE:,} B of saved widget state: " + "; ".join(over)


def test_the_budget_counts_render_blocking_files_only(site_pages):
    """The count itself: a deferred script and a <body> script do not block the paint."""
    assert is_render_blocking("script", {"src": "a.js"}, True)
    assert not is_render_blocking("script", {"src": "a.js", "defer": None}, True)
    assert not is_render_blocking("script", {"src": "a.js", "type": "module"}, True)
    assert not is_render_blocking("script", {"src": "a.js"}, False)
    assert is_render_blocking("link", {"rel": "stylesheet", "href": "a.css"}, True)
    assert not is_render_blocking("link", {"rel": "preload", "href": "a.js"}, True)
    index = next(page for page in site_pages if page.name == "index.html")
    before_paint, at_load, named = page_bytes(index)
    assert sent_bytes(index.path) < before_paint < at_load
    assert at_load == sent_bytes(index.path) + sum(named.values())
