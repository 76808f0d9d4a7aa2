"""How the site reads a notebook (course_site/notebook_reader.py), on small notebooks."""

import nbformat
import pytest
from course_site.notebook_reader import (
    WIDGET_STATE,
    WIDGET_VIEW,
    MissingDescription,
    read_notebook,
)

PNG = "iVBORw0KGgo="  # what the reader sees of a picture: only that it is one


def notebook_with_a_figure(description, saved_model=None):
    figure = nbformat.v4.new_code_cell("helpers.tangent_explorer()")
    bundle = {WIDGET_VIEW: {"model_id": "m1", "version_major": 2, "version_minor": 0}}
    bundle |= {"image/png": PNG, "text/html": "<img src='data:…'>", "text/plain": "explorer"}
    figure.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    notebook = nbformat.v4.new_notebook(cells=[figure, nbformat.v4.new_markdown_cell(description)])
    if saved_model:
        notebook.metadata["widgets"] = {WIDGET_STATE: {"state": {saved_model: {}}}}
    return nbformat.writes(notebook)


def test_a_picture_gets_the_sentence_under_it_as_alt_text():
    text = notebook_with_a_figure(
        "*The figure shows the parabola\ny = x² and its `tangent`.*\n\nTry it."
    )
    figure = read_notebook(text).cells[0]
    assert (
        figure.metadata["mystnb"]["image"]["alt"]
        == "The figure shows the parabola y = x² and its tangent."
    )


def test_without_saved_state_an_explorer_shows_as_its_picture():
    data = read_notebook(notebook_with_a_figure("*The figure shows x.*")).cells[0].outputs[0].data
    assert set(data) == {"image/png", "text/plain"}


def test_with_saved_state_the_live_explorer_stays():
    text = notebook_with_a_figure("*The figure shows x.*", saved_model="m1")
    data = read_notebook(text).cells[0].outputs[0].data
    assert WIDGET_VIEW in data


def test_a_figure_with_no_description_stops_the_build():
    with pytest.raises(MissingDescription, match="helpers.tangent_explorer"):
        read_notebook(notebook_with_a_figure("## Exercises"))
