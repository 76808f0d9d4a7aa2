"""How the site reads a notebook: every figure described, every explorer live or pictured.

myst-nb reads each .ipynb through `read_notebook` (nb_custom_formats, set in __init__.py).
Nothing changes on disk. On the page:

- every picture gets, as its alt text, the sentence the notebook writes under it: the
  italic "*The figure shows …*" markdown cell that follows each figure's code cell
  (tests/test_notebook_frame.py keeps one after every figure);
- an output shows as its live widget only when the notebook saved that widget's state
  (nothing else can draw it without a kernel); otherwise it shows as its picture, the
  image/png of the same display bundle.
"""

import re

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PICTURE = "image/png"

# An italic first paragraph that starts with a capital: "*The figure shows ….*"
DESCRIPTION = re.compile(r"\s*\*(?P<text>[A-Z][^*]*)\*")


class MissingDescription(ValueError):
    pass


def figure_description(markdown):
    """The one-sentence description a figure's next markdown cell starts with, as plain text.

    >>> figure_description("*The figure shows a parabola\\nwith its tangent.*\\n\\n**Try it.**")
    'The figure shows a parabola with its tangent.'
    >>> figure_description("## Exercises") is None
    True
    """
    match = DESCRIPTION.match(markdown)
    if match is None:
        return None
    text = " ".join(match["text"].split())
    # Markdown in the sentence (`code`, $maths$) would show its marks in an alt text.
    return text.replace("`", "").replace("$", "")


def saved_widget_ids(notebook):
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    return set(state)


def choose_what_to_show(output, saved):
    """Leave in a display bundle only what the page can show: a live widget or a picture."""
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        if data[WIDGET_VIEW].get("model_id") in saved:
            return
        del data[WIDGET_VIEW]
    if PICTURE in data:
        # ipympl's text/html fallback wraps the same PNG in an <img> with no alt text.
        data.pop("text/html", None)


def shows_picture(cell):
    return any(PICTURE in output.get("data", {}) for output in cell.get("outputs", []))


def read_notebook(text):
    notebook = nbformat.reads(text, as_version=4)
    saved = saved_widget_ids(notebook)
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        has_picture = shows_picture(cell)
        for output in cell.get("outputs", []):
            choose_what_to_show(output, saved)
        if not has_picture:
            continue
        following = cells[index + 1] if index + 1 < len(cells) else None
        description = None
        if following is not None and following.cell_type == "markdown":
            description = figure_description(following.source)
        if description is None:
            raise MissingDescription(
                f"the figure of cell {index} ({cell.source[:50]!r}) has no "
                "description after it: the next cell must be markdown starting with an "
                "italic sentence, *The figure shows …*"
            )
        cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = description
    return notebook
