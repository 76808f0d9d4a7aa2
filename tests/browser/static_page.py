"""A stored notebook as a web page with no kernel: nbconvert's HTML export, served on
127.0.0.1 with the JavaScript it needs beside it (from the exact-pinned npm packages,
never a CDN), opened in Chromium with every request to another host blocked."""

import functools
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
#: What the page loads, and where from: require.js, the widget renderer, anywidget.
JAVASCRIPT = {
    "require.js": NODE_MODULES / "requirejs" / "require.js",
    "embed-amd.js": NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist" / "embed-amd.js",
    "anywidget.js": NODE_MODULES / "anywidget" / "dist" / "index.js",
}


def missing_javascript():
    """Why the page cannot be built here, or None."""
    missing = [str(path) for path in JAVASCRIPT.values() if not path.exists()]
    return f"missing {', '.join(missing)} (run `npm ci`)" if missing else None


def export(notebook, folder):
    """Write ``notebook`` as ``<stem>.html`` into ``folder``, with its JavaScript beside it."""
    exporter = HTMLExporter(
        require_js_url="require.js", widget_renderer_url="embed-amd.js", mathjax_url=""
    )
    html, _ = exporter.from_filename(str(notebook))
    page = Path(folder) / f"{Path(notebook).stem}.html"
    page.write_text(html, encoding="utf-8")
    for name, source in JAVASCRIPT.items():
        shutil.copy(source, Path(folder) / name)
    return page.name


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """A folder served on 127.0.0.1 (a free port) until ``stop()``."""

    def __init__(self, folder):
        handler = functools.partial(_Quiet, directory=str(folder))
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def block_other_hosts(page, base):
    """Let the page load only from ``base``; return the list of every blocked request."""
    blocked = []

    def route(request_route):
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return blocked
