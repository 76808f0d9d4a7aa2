"""Build the course website into _site/ (`make site` runs this).

Jupyter Book builds one folder, so this script first lays one out in build/site/src/:
links to the notebooks (as stored: nothing is executed), TEACHING.md and docs/, and the
home page from site/. Then it runs `jupyter-book build` with Sphinx's warnings as errors,
puts the HTML in _site/ and finishes it with two Node scripts (exact versions in
package-lock.json: `make site` runs `npm ci` first): prerender_maths.mjs typesets every
formula with MathJax, so the pages load no MathJax, and trim_stylesheets.mjs keeps only
the theme's CSS rules the pages use; then bundle_stylesheets.py joins each page's
stylesheets into one file. Nothing here, in the build or in the
pages, asks any host but the local one.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bundle_stylesheets import bundle_stylesheets

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


def link_pages(source, pages):
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name, target in pages.items():
        os.symlink(os.path.relpath(Path(target).resolve(), source), source / name)


# What is done to the built pages, in order, by the course's own Node scripts (site/).
FINISHING = [
    ("prerender_maths.mjs", "mathjax-full"),  # every formula drawn here, not in each browser
    ("trim_stylesheets.mjs", "purgecss"),  # then only the CSS rules those pages can use
]


def finish_pages(folder):
    """The built HTML in folder made light for a slow phone: FINISHING, then one stylesheet."""
    for script, package in FINISHING:
        if not (NODE_MODULES / package).exists():
            sys.exit(f"{NODE_MODULES / package} is missing: run `npm ci` (`make site` does)")
        subprocess.run(["node", str(SITE / script), str(folder)], check=True, cwd=ROOT)
    bundles = bundle_stylesheets(folder)
    print(f"each page's stylesheets joined into one file ({bundles} sets)")


def build_site(pages=PAGES, toc=SITE / "_toc.yml", output=OUTPUT, work=BUILD):
    """Lay out pages (name in the book: where it lives) in work/src/ and build into output."""
    source = work / "src"
    link_pages(source, pages)
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
    finish_pages(output)
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
