"""The course's address (owner/name, default branch) is written once, in pyproject.toml.

Every link to the course in its files agrees with it, the owner's name appears nowhere
else, and `make repoint` (site/repoint.py) moves every link, notebooks included, to a
fork and back, touching nothing but links.
"""

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))

from course_site import address as course_address  # noqa: E402
from repoint import repoint  # noqa: E402

ADDRESS = course_address.read()
START = "notebooks/00_start_here.ipynb"


def course_texts(root=ROOT):
    return {
        path.relative_to(root).as_posix(): course_address.readable_text(path)
        for path in course_address.course_files(root)
    }


def test_every_course_link_agrees_with_the_one_address():
    wrong = [
        f"{name}: {link.match.group(0)!r}: {problem}"
        for name, text in course_texts().items()
        for link in course_address.find_links(text, ADDRESS)
        for problem in link.disagreements(ADDRESS)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_owner_is_named_only_inside_links_to_the_course():
    owner = re.compile(rf"(?<![\w-]){re.escape(ADDRESS.owner)}(?![\w-])")
    stray = []
    for name, text in course_texts().items():
        spans = [link.match.span() for link in course_address.find_links(text, ADDRESS)]
        for match in owner.finditer(text):
            if not any(start <= match.start() < end for start, end in spans):
                line = text[: match.start()].count("\n") + 1
                stray.append(f"{name}:{line}: {text.splitlines()[line - 1].strip()[:100]}")
    assert not stray, "the owner's name outside a course link:\n" + "\n".join(stray)


def test_the_launch_links_in_readme_and_docs_are_the_ones_the_address_makes():
    expected = [ADDRESS.binder(START), ADDRESS.colab(START), ADDRESS.nbgitpuller(START)]
    for name in ["README.md", "docs/launching.md"]:
        text = (ROOT / name).read_text(encoding="utf-8")
        for link in expected:
            assert link in text, f"{name} lacks {link}"
    assert ADDRESS.site in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_notebook_installs_the_helpers_from_the_address_on_colab():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        colab_cell = next(cell for cell in cells if cell["cell_type"] == "code")
        assert ADDRESS.pip_requirement in "".join(colab_cell["source"]), path.name


def copy_of_the_course(folder):
    for path in course_address.course_files(ROOT):
        target = folder / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return folder


def without_sources(notebook):
    for cell in notebook["cells"]:
        cell.pop("source")
    return notebook


def test_repoint_moves_every_link_to_a_fork_and_back(tmp_path):
    course = copy_of_the_course(tmp_path)
    before = {path: path.read_bytes() for path in course_address.course_files(course)}
    fork = course_address.Address.parse("a-teacher/calculus-course", "trunk")

    changed = repoint(course, fork)

    assert course_address.read(course / "pyproject.toml") == fork
    assert {p.name for p in changed} >= {"README.md", "launching.md", "pyproject.toml"}
    old_links = {
        name: course_address.find_links(text, ADDRESS) for name, text in course_texts().items()
    }
    for name, text in course_texts(course).items():
        moved = course_address.find_links(text, fork)
        assert [link.kind for link in moved] == [link.kind for link in old_links[name]], name
        assert all(not link.disagreements(fork) for link in moved), name
    for path in sorted((course / "notebooks").glob("*.ipynb")):
        old, new = json.loads(before[path]), json.loads(path.read_bytes())
        assert without_sources(new) == without_sources(old), f"{path.name}: not only sources"
        assert fork.pip_requirement in path.read_text(encoding="utf-8"), path.name

    repoint(course, ADDRESS)
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize(
    "repo, branch, message",
    [
        ("derivatives-course", "main", "REPO must look like owner/name"),
        ("a/b/c", "main", "REPO must look like owner/name"),
        ("-bad/derivatives-course", "main", "owner must be a GitHub owner"),
        ("owner/with space", "main", "name must be a GitHub name"),
        ("owner/name", "two words", "branch must be a GitHub branch"),
    ],
)
def test_a_bad_address_is_refused_with_the_value_given(repo, branch, message):
    with pytest.raises(ValueError, match=message):
        course_address.Address.parse(repo, branch)


def test_a_link_to_another_owner_or_branch_is_caught_and_other_projects_are_not():
    text = "\n".join(
        [
            f"https://mybinder.org/v2/gh/someone/{ADDRESS.name}/HEAD?urlpath=lab",
            f"https://colab.research.google.com/github/{ADDRESS.repo}/blob/old/notebooks/x.ipynb",
            f"pip install git+https://github.com/someone/{ADDRESS.name}",
            "https://github.com/jupyterhub/nbgitpuller",
        ]
    )
    problems = [
        (link.kind, problem)
        for link in course_address.find_links(text, ADDRESS)
        for problem in link.disagreements(ADDRESS)
    ]
    assert problems == [
        ("binder", f"owner 'someone' is not {ADDRESS.owner!r}"),
        ("colab", f"branch 'old' is not {ADDRESS.branch!r}"),
        ("github", f"owner 'someone' is not {ADDRESS.owner!r}"),
    ]
