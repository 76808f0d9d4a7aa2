"""Binder's build recipe: what mybinder.org would build from binder/, read offline.

``jupyter-repo2docker --no-build`` is the tool mybinder.org builds every image
with; without building it only prints the Dockerfile it would use, and needs
no Docker engine. `make test-binder` installs it in its own venv
(.venv-repo2docker) and runs this file.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPO2DOCKER = ROOT / ".venv-repo2docker" / "bin" / "jupyter-repo2docker"


@pytest.fixture(scope="module")
def recipe():
    """(Dockerfile, log) from repo2docker, with no network when the machine allows it."""
    if not REPO2DOCKER.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"in CI the Binder recipe must be checked, but {REPO2DOCKER} is missing")
        pytest.skip(f"{REPO2DOCKER} is missing: run `make test-binder`")
    command = [str(REPO2DOCKER), "--no-build", "--no-run", "--debug", str(ROOT)]
    offline = shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0
    if offline:  # a network namespace with no network: proof that it reads binder/ offline
        command = ["unshare", "-n", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    return done.stdout, done.stderr


def test_the_image_installs_binder_requirements(recipe):
    dockerfile, _ = recipe
    assert "COPY --chown=0:0 src/binder/requirements.txt" in dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    # binder/ wins over the top-level requirements.txt (the laptop's, with open ranges).
    assert not re.search(r'-r "requirements\.txt"', dockerfile)


def test_the_image_has_the_python_of_runtime_txt(recipe):
    dockerfile, log = recipe
    [version] = re.findall(r"^python-(\d+\.\d+)$", (ROOT / "binder" / "runtime.txt").read_text())
    assert f"Building conda environment for python={version}" in log
    # The conda lock file of that Python, COPYed in under an escaped name (-2e is ".").
    copied = [unescape(name) for name in re.findall(r"build_script_files/(\S+)", dockerfile)]
    assert any(f"/environment.py-{version}-linux-64.lock" in name for name in copied), copied


def unescape(name):
    """repo2docker's escaped file names ("-2f" is "/", "-2e" is "."), less their hash."""
    name = re.sub(r"-[0-9a-f]{6}$", "", name)
    return re.sub(r"-([0-9a-f]{2})", lambda match: chr(int(match[1], 16)), name)


def test_the_requirements_pin_exact_versions_and_install_the_helpers(recipe):
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    requirements = [line for line in lines if line.strip() and not line.startswith("#")]
    assert "-e .[lab]" in requirements  # from the repository the image copies in (REPO_DIR)
    assert all("==" in line for line in requirements if not line.startswith("-e ."))
