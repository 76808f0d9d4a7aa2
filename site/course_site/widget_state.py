"""An explorer page's saved widget state as a file of its own, fetched only when needed.

myst-nb writes a notebook's widget state into the page's <head> as one JSON script:
hundreds of kB (notebook 06's is 390 kB) that a phone must download before it can show
the page's first line. This moves it into `<page>.widgets.json` beside the page and
names that file on the page's widget loader (static/course-widgets.js), which fetches
it, with the widget renderer, when an explorer comes near the screen.
"""

from pathlib import Path

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LOADER = "course-widgets.js"
#: The loader's attribute that names the page's state file, relative to the page.
STATE_ATTRIBUTE = "data-widget-state"


def state_file_name(pagename):
    """The state file of a page, relative to the page: notebooks/06_x → 06_x.widgets.json."""
    return f"{Path(pagename).name}.widgets.json"


def move_widget_state_out_of_the_page(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if app.builder.format != "html" or not scripts:
        return
    states = [s for s in scripts if s.attributes.get("type") == WIDGET_STATE]
    if not states:
        return
    loaders = [s for s in scripts if str(s.filename).endswith(LOADER)]
    if len(states) != 1 or len(loaders) != 1:
        raise ValueError(
            f"{pagename}: expected one widget state and one {LOADER} (nb_ipywidgets_js in "
            f"_config.yml), found {len(states)} and {len(loaders)}"
        )
    state, loader = states[0], loaders[0]
    target = Path(app.outdir) / Path(pagename).parent / state_file_name(pagename)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(state.attributes["body"], encoding="utf-8")
    named = type(loader)(
        loader.filename,
        priority=loader.priority,
        **{**loader.attributes, STATE_ATTRIBUTE: state_file_name(pagename)},
    )
    context["script_files"] = [named if s is loader else s for s in scripts if s is not state]
