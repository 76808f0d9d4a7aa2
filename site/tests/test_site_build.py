"""How the site is built: with no network at all, and failing on any Sphinx warning."""

import shutil
import subprocess
import sys

import build_site
import pytest


def network_namespace_available():
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0


def test_the_site_builds_with_no_network_at_all(tmp_path):
    """In a network namespace of its own (only a loopback, down), so no request can leave."""
    if not network_namespace_available():
        pytest.skip("needs `unshare --net` (util-linux, as root or with user namespaces)")
    command = ["unshare", "--net", sys.executable, str(build_site.SITE / "build_site.py")]
    command += ["--output", str(tmp_path / "html"), "--work", str(tmp_path / "build")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "html" / "index.html").exists()


def test_a_broken_link_or_a_missing_picture_fails_the_build(tmp_path, capfd):
    page = tmp_path / "index.md"
    page.write_text(
        "# A page with two mistakes\n\n"
        "See [the next notebook](notebooks/99_missing.ipynb).\n\n"
        "![a picture](missing.png)\n",
        encoding="utf-8",
    )
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    pages = {**build_site.OWN_FILES, "index.md": page}
    with pytest.raises(subprocess.CalledProcessError):
        build_site.build_site(pages, toc, output=tmp_path / "html", work=tmp_path / "build")
    captured = capfd.readouterr()
    log = captured.out + captured.err
    assert "notebooks/99_missing.ipynb" in log and "missing.png" in log
    assert not (tmp_path / "html").exists()


def typeset(tmp_path, body):
    """prerender_maths.mjs run on one page whose body is body: (exit code, page, stderr)."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><head></head><body>{body}</body></html>", encoding="utf-8")
    command = ["node", str(build_site.SITE / "prerender_maths.mjs"), str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=build_site.ROOT)
    return result.returncode, page.read_text(encoding="utf-8"), result.stderr


def test_each_formula_is_drawn_once_with_its_mathml_and_the_glyphs_it_uses(tmp_path):
    if not (build_site.NODE_MODULES / "mathjax-full").exists():
        pytest.skip("needs `npm ci` (make site runs it)")
    inline = r'<span class="math notranslate nohighlight">\(a &lt; b\)</span>'
    display = '<div class="math notranslate nohighlight">\n\\[x^2\\]\n</div>'
    code, page, stderr = typeset(tmp_path, f"<p>{inline}</p>{display}")
    assert code == 0, stderr
    assert "\\(" not in page and "\\[" not in page
    assert page.count("<mjx-container") == 2 and 'display="true"' in page
    assert "<mo>&lt;</mo>" in page  # the TeX was read unescaped: a < b
    assert page.count('id="MJX-SVG-global-cache"') == 1 and page.count('id="course-maths"') == 1
    assert page.index("MJX-SVG-global-cache") < page.index("<mjx-container")


def test_a_formula_mathjax_cannot_read_stops_the_build_and_says_which(tmp_path):
    if not (build_site.NODE_MODULES / "mathjax-full").exists():
        pytest.skip("needs `npm ci` (make site runs it)")
    broken = r'<span class="math notranslate nohighlight">\(\slope{x}\)</span>'
    code, page, stderr = typeset(tmp_path, broken)
    assert code != 0
    assert "page.html" in stderr and "\\\\slope{x}" in stderr
    assert "<mjx-container" not in page  # the page is left as it was


def test_a_pages_stylesheets_become_one_file_in_their_order_with_imports_inlined(tmp_path):
    from bundle_stylesheets import bundle_stylesheets

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "base.css").write_text("p { color: red; }", encoding="utf-8")
    (static / "styles" / "theme.css").write_text(
        '@import "../base.css";\nh1 { background: url(../vendor/a.png); }', encoding="utf-8"
    )
    (static / "own.css").write_text("p { color: blue; }", encoding="utf-8")
    links = (
        '<link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
        '<link rel="stylesheet" type="text/css" href="../_static/own.css?v=2" />\n'
        '<link rel="stylesheet" href="../_static/own.css" media="print" />\n'
    )
    page = tmp_path / "notebooks" / "page.html"
    page.parent.mkdir()
    page.write_text(f"<html><head>{links}</head><body></body></html>", encoding="utf-8")

    assert bundle_stylesheets(tmp_path) == 1
    html = page.read_text(encoding="utf-8")
    (bundle,) = static.glob("course-styles-*.css")
    assert f'<link rel="stylesheet" href="../_static/{bundle.name}" />' in html
    assert html.count('rel="stylesheet"') == 2  # the bundle, and the print sheet left alone
    text = bundle.read_text(encoding="utf-8")
    assert "@import" not in text and "url(vendor/a.png)" in text
    assert text.index("color: red") < text.index("h1") < text.index("color: blue")
