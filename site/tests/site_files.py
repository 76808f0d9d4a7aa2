"""Reading the built site's HTML files, for the tests that need no browser."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Attributes by which a page loads something (not links a reader may follow).
LOADS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("link", "href"),
}


class Page(HTMLParser):
    """One HTML file: its ids, its links, what it loads, its pictures and inline code."""

    def __init__(self, path, site):
        super().__init__(convert_charrefs=True)
        self.path, self.site = Path(path), Path(site)
        self.ids, self.links, self.loads, self.images = set(), [], [], []
        self.inline_code, self._in_code = [], None
        # Every element that loads something, in order: (tag, attributes, in the <head>?).
        self.loaders, self._in_head = [], False
        self.feed(self.path.read_text(encoding="utf-8"))

    @property
    def name(self):
        return self.path.relative_to(self.site).as_posix()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("head", "body"):
            self._in_head = tag == "head"
        if any((tag, attribute) in LOADS for attribute in attrs):
            self.loaders.append((tag, attrs, self._in_head))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for attribute, value in attrs.items():
            if value is None:
                continue
            if (tag, attribute) in LOADS:
                self.loads.append((tag, value))
            elif attribute in ("href", "src"):
                self.links.append(value)
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        if tag in ("script", "style") and not attrs.get("src"):
            self._in_code = tag

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == self._in_code:
            self._in_code = None

    def handle_data(self, data):
        if self._in_code:
            self.inline_code.append(data)

    def resolve(self, url):
        """The file a relative url points at and its #fragment, or None for another host."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        target = self.path if not parts.path else (self.path.parent / unquote(parts.path))
        return target.resolve(), unquote(parts.fragment)


def pages(site):
    site = Path(site)
    skip = {"_sources", "_static", "_images"}
    return [
        Page(path, site)
        for path in sorted(site.rglob("*.html"))
        if not skip & set(path.relative_to(site).parts)
    ]


def is_elsewhere(url):
    """True for an address on another host (http://…, https://…, //…)."""
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("file:")


def notebook_cells(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def has_saved_widget_state(path):
    metadata = json.loads(Path(path).read_text(encoding="utf-8"))["metadata"]
    state = metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return bool(state.get("state"))
