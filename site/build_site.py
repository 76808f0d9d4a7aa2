"""Build the course website into _site/ (`make site` runs this).

Jupyter Book builds one folder, so this script first lays one out in build/site/src/:
links to the notebooks (as stored: nothing is executed), TEACHING.md and docs/, the home
page from site/, and MathJax, copied from node_modules/ (exact versions in
package-lock.json; `make site` runs `npm ci` first). Then it runs `jupyter-book build` with
Sphinx's warnings as errors and puts the HTML in _site/. Nothing here, in the build or
in the pages, asks any host but the local one.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
BUILD = ROOT / "build" / "site"
OUTPUT = ROOT / "_site"
NODE_MODULES = ROOT / "node_modules"

# The site's own files: its CSS and JavaScript (html_static_path in _config.yml).
OWN_FILES = {"_course": SITE / "static"}
# The book's pages, linked from where they live, so their relative links work as on GitHub.
PAGES = {
    "index.md": SITE / "index.md",
    "notebooks": ROOT / "notebooks",
    "TEACHING.md": ROOT / "TEACHING.md",
    "docs": ROOT / "docs",
    **OWN_FILES,
}

# What the pages load, by its place under _static/npm/ : where npm put it, and for a
# folder the entries to copy. The explorers need nothing from here: the site's own
# static/course-widgets.js draws them from their saved state.
VENDORED = {
    # MathJax 3 (Sphinx 7's mathjax extension speaks version 3): the component Sphinx
    # loads, and the folders of fonts, TeX extensions and accessibility parts (its menu's
    # speech and explorer) that it fetches on demand.
    "mathjax": ("mathjax/es5", ("tex-mml-chtml.js", "input", "output", "a11y", "sre", "ui")),
}


def link_pages(source, pages):
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name, target in pages.items():
        os.symlink(os.path.relpath(Path(target).resolve(), source), source / name)


def copy_vendored(into):
    for name, (package_path, wanted) in VENDORED.items():
        origin = NODE_MODULES / package_path
        if not origin.exists():
            sys.exit(f"{origin} is missing: run `npm ci` (`make site` does)")
        into.mkdir(parents=True, exist_ok=True)
        for entry in sorted(origin.iterdir()):
            if entry.is_dir() and entry.name in wanted:
                shutil.copytree(entry, into / name / entry.name)
            elif entry.name in wanted:
                (into / name).mkdir(exist_ok=True)
                shutil.copy2(entry, into / name / entry.name)


def build_site(pages=PAGES, toc=SITE / "_toc.yml", output=OUTPUT, work=BUILD):
    """Lay out pages (name in the book: where it lives) in work/src/ and build into output."""
    source = work / "src"
    link_pages(source, pages)
    copy_vendored(source / "_vendor" / "npm")  # html_static_path: served as _static/npm/
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [
        str(jupyter_book),
        "build",
        str(source),
        "--config",
        str(SITE / "_config.yml"),
        "--toc",
        str(Path(toc).resolve()),
        "--path-output",
        str(work),
        "--all",  # every page, every time: a warning on any page fails the build
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    # Sphinx never deletes a file it served before: a fresh output has no file left over.
    shutil.rmtree(work / "_build" / "html", ignore_errors=True)
    subprocess.run(command, check=True, cwd=ROOT)
    shutil.rmtree(output, ignore_errors=True)
    shutil.copytree(work / "_build" / "html", output)
    # Without it GitHub Pages' Jekyll would drop every folder whose name starts with _.
    (output / ".nojekyll").touch()


def build_probe_site(folder):
    """The probe site (tests/probe/: one notebook with a saved anywidget) in folder/html."""
    probe = SITE / "tests" / "probe"
    pages = {**OWN_FILES, "index.md": probe / "index.md", "notebooks": probe}
    build_site(pages, toc=probe / "_toc.yml", output=folder / "html", work=folder / "build")
    return folder / "html"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Build the course website.")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the HTML goes (_site)")
    parser.add_argument("--work", type=Path, default=BUILD, help="scratch folder (build/site)")
    arguments = parser.parse_args()
    output = arguments.output.resolve()
    build_site(output=output, work=arguments.work.resolve())
    print(f"The website is in {output}: open {output / 'index.html'}")
