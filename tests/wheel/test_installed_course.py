"""The course as users install it: the built wheel and sdist, not the editable checkout.

Colab's first cell runs ``%pip install "derivatives-course @ git+…"``, which builds a
wheel; so does ``pip install`` anywhere. This file (``make test-wheel``)

1. builds the sdist and the wheel with ``python -m build``, and checks that both hold
   every file of ``helpers/`` (the explorers' JavaScript and CSS, the data sets);
2. installs the wheel into a fresh virtual environment that cannot see the checkout,
   and runs nbval over a copy of every notebook, outside the repository;
3. runs the Colab cell's install line, as the notebooks write it, against this
   repository's own git URL (``git+file://``) in another fresh environment.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The test runner inside the fresh environments: the pins `make test-binder` uses.
NBVAL = ["pytest==9.2.0", "nbval==0.11.0", "ipykernel"]


def run(command, **options):
    """Run a command; on failure, fail the test with what it printed."""
    done = subprocess.run(command, capture_output=True, text=True, **options)
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {done.returncode}:\n"
            f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )
    return done.stdout


def fresh_venv(folder):
    """A new virtual environment with no view of this checkout; its python."""
    run([sys.executable, "-m", "venv", str(folder)])
    python = folder / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    return python


def outside_the_checkout():
    """The environment for a subprocess: no PYTHONPATH that could reach the checkout."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def helpers_files():
    """Every file of the helpers package that the package may read, as repo paths."""
    listed = subprocess.run(
        ["git", "ls-files", "helpers"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode == 0 and listed.stdout.strip():
        return sorted(listed.stdout.split())
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "helpers").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel, built from the checkout as pip would build them."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)])
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def wheel_python(dist, tmp_path_factory):
    """The python of a fresh environment with the wheel and a test runner installed."""
    wheel, _ = dist
    python = fresh_venv(tmp_path_factory.mktemp("wheel-venv") / "venv")
    run([python, "-m", "pip", "install", "--quiet", str(wheel), *NBVAL])
    return python


def test_the_wheel_holds_every_file_of_the_helpers(dist):
    wheel, _ = dist
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = [path for path in helpers_files() if path not in shipped]
    assert not missing, f"{wheel.name} lacks {missing}"
    print(f"{wheel.name}: {len(shipped)} files; the helpers' non-Python files:")
    print(
        "\n".join(
            sorted(
                name for name in shipped if name.startswith("helpers/") and not name.endswith(".py")
            )
        )
    )


def test_the_sdist_holds_every_file_of_the_helpers(dist):
    _, sdist = dist
    with tarfile.open(sdist) as archive:
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = [path for path in helpers_files() if path not in shipped]
    assert not missing, f"{sdist.name} lacks {missing}"


def test_the_installed_course_does_not_pull_in_a_jupyter_front_end(wheel_python):
    found = run(
        [
            wheel_python,
            "-c",
            "import importlib.util as u; "
            "print([m for m in ('jupyterlab', 'notebook', 'voila') if u.find_spec(m)])",
        ],
        cwd=wheel_python.parent,
        env=outside_the_checkout(),
    )
    assert found.strip() == "[]"


def test_import_helpers_comes_from_the_wheel_and_builds_an_explorer(wheel_python, tmp_path):
    script = (
        "import helpers, sys\n"
        "explorer = helpers.tangent_explorer(x=3.0)\n"
        "print(helpers.__file__)\n"
        "print(explorer.summary())\n"
    )
    printed = run([wheel_python, "-c", script], cwd=tmp_path, env=outside_the_checkout())
    location, summary = printed.splitlines()[-2:]
    assert Path(location).is_relative_to(wheel_python.parents[1]), location
    assert not Path(location).is_relative_to(ROOT)
    assert summary == "Tangent explorer on y = x²: x = 3.00, slope = 6.00"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_notebook_passes_nbval_against_the_wheel(wheel_python, notebook, tmp_path):
    shutil.copy(notebook, tmp_path / notebook.name)
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "sanitize.cfg")
    run(
        [
            wheel_python,
            "-m",
            "pytest",
            notebook.name,
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "sanitize.cfg",
            "-p",
            "no:cacheprovider",
            "-q",
        ],
        cwd=tmp_path,
        env=outside_the_checkout(),
        timeout=600,
    )


def colab_install_line():
    """The ``%pip install …`` line of the notebooks' Colab cell (one line in all of them)."""
    lines = set()
    for notebook in NOTEBOOKS:
        for cell in json.loads(notebook.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "google.colab" in source:
                lines.update(re.findall(r"^\s*%pip install (.+)$", source, re.MULTILINE))
    assert len(lines) == 1, f"the notebooks' Colab cells install differently: {lines}"
    return lines.pop()


def test_the_colab_cell_install_line_gives_a_working_course(tmp_path):
    """The line as written, pointed at this repository by a git+file:// URL."""
    arguments = colab_install_line()
    here = f"git+{ROOT.as_uri()}"
    local = re.sub(r"git\+https://\S+?(?=\")", here, arguments)
    assert local != arguments, arguments
    python = fresh_venv(tmp_path / "colab-venv")
    # The notebook's %pip is `python -m pip` of the kernel; the quotes are shell quotes.
    run(f"{python} -m pip install {local}", shell=True, cwd=tmp_path, env=outside_the_checkout())
    printed = run(
        [python, "-c", "import helpers; print(helpers.tangent_explorer(x=-0.5).summary())"],
        cwd=tmp_path,
        env=outside_the_checkout(),
    )
    assert printed.strip() == "Tangent explorer on y = x²: x = -0.50, slope = -1.00"
