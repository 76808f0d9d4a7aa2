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
