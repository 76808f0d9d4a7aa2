"""Every notebook keeps the course's frame (see CONTRIBUTING.md), so a reader always knows where
they are: navigation at top and bottom, the why / you will learn / time header, the two
setup cells, a description after every figure, a summary and a next link."""

import json
import re

import pytest
from support import NOTEBOOKS


def cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]), c.get("outputs", [])) for c in notebook["cells"]]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return request.param, cells(request.param)


def test_numbered_notebooks_cover_the_whole_series():
    assert [p.stem[:2] for p in NOTEBOOKS] == [f"{n:02d}" for n in range(11)]


def test_navigation_line_at_top_and_bottom(notebook):
    _, content = notebook
    markdown = [source for kind, source, _ in content if kind == "markdown"]
    assert "Contents" in markdown[0].splitlines()[0]
    assert "Contents" in markdown[-1].splitlines()[-1]


def test_header_says_why_what_how_long(notebook):
    _, content = notebook
    header = content[0][1]
    for part in ["Why this matters", "You will learn", "Takes about"]:
        assert part in header


def test_summary_and_next_link(notebook):
    path, content = notebook
    text = "\n".join(source for kind, source, _ in content if kind == "markdown")
    assert "## Summary" in text
    if path != NOTEBOOKS[-1]:
        assert "**Next:**" in text


def test_first_cells_are_the_colab_cell_then_the_setup_cell(notebook):
    _, content = notebook
    code = [source for kind, source, _ in content if kind == "code"]
    assert 'if "google.colab" in sys.modules:' in code[0]
    assert code[1].startswith("import") and "import helpers" in code[1]
    assert "helpers.use_course_style()" in code[1]
    assert "%matplotlib" not in code[1]  # explorers draw themselves; figures are plain PNGs
    assert not any("sys.path" in source for source in code)


def test_every_code_cell_is_stored_executed_without_errors(notebook):
    _, content = notebook
    for kind, source, outputs in content:
        if kind == "code":
            assert all(o["output_type"] != "error" for o in outputs), source[:60]


def test_every_figure_is_followed_by_a_text_description(notebook):
    """For screen-reader users: an italic sentence right after each figure or explorer."""
    _, content = notebook
    for i, (kind, source, outputs) in enumerate(content):
        shows_picture = any("image/png" in o.get("data", {}) for o in outputs)
        if kind == "code" and shows_picture:
            following = content[i + 1][1].lstrip() if i + 1 < len(content) else ""
            assert re.match(r"\*[A-Z]", following), f"no description after: {source[:60]!r}"


def test_code_cells_stay_short(notebook):
    _, content = notebook
    for kind, source, _ in content:
        if kind == "code":
            assert len(source.strip().splitlines()) <= 20, source[:60]


def test_explorers_are_stored_with_their_widget_state_and_files_stay_light(notebook):
    """`make execute` stores each explorer's widget state, so a stored notebook's explorers
    move with no kernel (an HTML export, the course website). Each explorer's state stays
    within 256 KB and the whole file within 680 KB, so GitHub shows it quickly (680, not
    600: each explorer also stores the figure it shows on a phone)."""
    path, content = notebook
    shown = [
        o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
        for _, _, outputs in content
        for o in outputs
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    if shown:
        state = metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        assert set(shown) <= set(state), "every widget shown has its state stored"
        for model_id in shown:
            kilobytes = len(json.dumps(state[model_id])) / 1024
            assert kilobytes <= 256, f"{model_id}: {kilobytes:.0f} KB of widget state"
    assert path.stat().st_size <= 680 * 1024, f"{path.name}: {path.stat().st_size / 1024:.0f} KB"
