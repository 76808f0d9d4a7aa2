"""CONTRIBUTING.md's worked example of a new explorer runs as written."""

import re
import sys
import types

import matplotlib as mpl
import pytest
from support import ROOT, readout_numbers, saved_state_kb

NEW_NOTEBOOK = "notebooks/NN_topic.ipynb"  # the guide's placeholder for a new lesson
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```python\n(# helpers/explorers/cube\.py\n.*?)```", GUIDE, re.S).group(1)


@pytest.fixture(scope="module")
def cube():
    """The guide's code block, run as the module helpers/explorers/cube.py would be."""
    module = types.ModuleType("helpers.explorers.cube")
    module.__package__ = "helpers.explorers"
    sys.modules[module.__name__] = module
    try:
        exec(compile(EXAMPLE, "CONTRIBUTING.md", "exec"), module.__dict__)
        yield module
    finally:
        del sys.modules[module.__name__]


def test_the_guides_cube_explorer_measures_the_slope_3x_squared(cube):
    explorer = cube.cube_explorer(x=1.0)
    assert explorer.summary() == "Cube explorer: x = 1.00, slope = 3.00"
    explorer.move(x=explorer.nearest("x", -1.5))
    assert readout_numbers(explorer) == {"x": -1.5, "slope": 6.75}
    assert explorer.slope == pytest.approx(6.75)


def test_the_guides_explorer_has_one_signature_and_leaves_rcparams_alone(cube):
    assert cube.cube_explorer is cube.CubeExplorer
    before = {key: str(value) for key, value in mpl.rcParams.items()}
    explorer = cube.CubeExplorer()
    assert explorer.png().startswith(b"\x89PNG")
    assert {key: str(value) for key, value in mpl.rcParams.items()} == before
    assert saved_state_kb(explorer) <= 256


def test_the_guides_doctest_example_holds(cube):
    import doctest

    finder = doctest.DocTestFinder()
    (test,) = [t for t in finder.find(cube.CubeExplorer, globs=vars(cube)) if t.examples]
    assert doctest.DocTestRunner().run(test).failed == 0


def test_the_guide_names_only_files_and_commands_that_exist():
    for path in re.findall(r"`((?:helpers|tests|site|notebooks)/[\w/]+\.(?:py|js|ipynb))`", GUIDE):
        if path not in {"helpers/explorers/cube.py", "tests/test_explorers_cube.py", NEW_NOTEBOOK}:
            assert (ROOT / path).exists(), path
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"`make ([\w-]+)`", GUIDE):
        assert re.search(rf"^{target}:", makefile, re.M), target
