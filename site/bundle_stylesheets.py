"""Each page's stylesheets joined into one file, once the site is built (build_site.py).

A Sphinx page names eleven stylesheets in its <head>, and the theme's own imports one
more (`@import "../basic.css"`), which the browser asks for only once the first arrives.
A browser opens at most six connections to a host, so on a slow phone's network the
first paint waits for two or three rounds of requests. One file per set of stylesheets
(`_static/course-styles-<hash>.css`, the same for every page that names the same set)
is one request; the files are joined in the page's order, so the cascade is unchanged.
"""

import hashlib
import posixpath
import re
from pathlib import Path

STYLESHEET_LINK = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>\s*")
HREF = re.compile(r'\bhref="([^"?#]+)[^"]*"')
# An @import of another stylesheet, or a url() in a rule; one pass, so an imported file's
# url()s are rebased once, from its own folder.
IMPORT_OR_URL = re.compile(
    r"""@import\s+(?:url\()?["']?(?P<imported>[^"')]+)["']?\)?\s*;"""
    r"""|url\(\s*(?P<quote>["']?)(?P<url>[^"')]+)(?P=quote)\s*\)"""
)
BUNDLE_NAME = "course-styles-{}.css"


def is_relative(url):
    return not re.match(r"^(?:[a-z]+:|/|#)", url)


def inlined(css_file, static):
    """css_file's text with its imports inlined and its url()s relative to static/."""
    text = css_file.read_text(encoding="utf-8")
    folder = css_file.parent.relative_to(static).as_posix()

    def rebase_or_inline(match):
        imported, quote, url = match["imported"], match["quote"], match["url"]
        if not is_relative(imported or url):
            if imported:
                raise ValueError(f"{css_file}: cannot join an import from elsewhere: {imported}")
            return match.group(0)
        if imported:  # its own url()s are rebased from its own folder
            return inlined((css_file.parent / imported).resolve(), static)
        return f"url({quote}{posixpath.normpath(posixpath.join(folder, url))}{quote})"

    text = re.sub(r'@charset\s+"[^"]*";', "", text)
    return IMPORT_OR_URL.sub(rebase_or_inline, text)


def bundle_page(page, static, bundles):
    """page's stylesheet links replaced by one to the bundle of the same files."""
    html = page.read_text(encoding="utf-8")
    head_end = html.index("</head>")
    links = [
        link for link in STYLESHEET_LINK.finditer(html, 0, head_end) if "media=" not in link[0]
    ]
    if len(links) < 2:
        return
    files = tuple((page.parent / HREF.search(link[0])[1]).resolve() for link in links)
    if files not in bundles:
        text = "\n".join(inlined(file, static) for file in files)
        name = BUNDLE_NAME.format(hashlib.sha256(text.encode()).hexdigest()[:12])
        (static / name).write_text(text, encoding="utf-8")
        bundles[files] = name
    href = posixpath.relpath(
        f"_static/{bundles[files]}", page.parent.relative_to(static.parent).as_posix()
    )
    one_link = f'<link rel="stylesheet" href="{href}" />\n'
    pieces, start = [], 0
    for index, link in enumerate(links):
        pieces.append(html[start : link.start()])
        if index == 0:
            pieces.append(one_link)
        start = link.end()
    pieces.append(html[start:])
    page.write_text("".join(pieces), encoding="utf-8")


def bundle_stylesheets(folder):
    """Every page under folder names one stylesheet; returns how many bundles were written."""
    folder = Path(folder).resolve()
    static = folder / "_static"
    bundles = {}
    for page in sorted(folder.rglob("*.html")):
        if static not in page.parents and "_sources" not in page.parts:
            bundle_page(page, static, bundles)
    return len(bundles)
