"""The Sphinx extension behind the course website (site/_config.yml loads it).

- address.py          the one address of the repository, and every link made from it
- notebook_reader.py  alt text for every figure; a live explorer where its state is saved
- launch_buttons.py   Binder, Colab, JupyterHub and .ipynb buttons on each notebook page
- course_map.py       the home page's map of the notebooks, read from the notebooks
- anchors.py          JupyterLab's heading anchors, so the notebooks' own links work
- icons.py            the theme's icons as CSS, in place of its 1.4 MB fontawesome.js
- widget_state.py     an explorer page's widget state in a file of its own, fetched lazily
- templates/          the theme's page less its render-blocking scripts (layout.html)

Only setup() imports Sphinx, so address.py serves `make repoint` and the tests without it.
"""


def use_the_one_address(app, config):
    """Launch buttons and the theme's repository button, all from pyproject.toml."""
    from . import address

    course = address.read()
    config.course_address = course
    config.html_theme_options.update(
        repository_url=course.github,
        repository_branch=course.branch,
        path_to_docs="",
        use_repository_button=True,
    )


def use_the_course_templates(app, config):
    """templates/ first, so its layout.html is the one the theme's pages extend."""
    from pathlib import Path

    config.templates_path = [str(Path(__file__).parent / "templates"), *config.templates_path]


def no_mathjax_in_the_browser(app, pagename, templatename, context, doctree):
    """No page loads MathJax: build_site.py typesets every formula when the site is built.

    Sphinx's mathjax extension still writes each formula's markup, \\( … \\) or \\[ … \\],
    which prerender_maths.mjs replaces; its script and configuration are dropped here.
    """
    if "script_files" not in context:
        return
    context["script_files"] = [
        script
        for script in context["script_files"]
        if app.config.mathjax_path not in str(script.filename)
        and "window.MathJax" not in script.attributes.get("body", "")
    ]


def load_pictures_lazily(app, doctree):
    """Every picture fetched only as it nears the screen (loading="lazy").

    A notebook page opens with prose; its figures, 100–200 kB of PNGs, would otherwise
    share a slow phone's first second of network with the page's own text and styles.
    """
    from docutils import nodes

    for image in doctree.findall(nodes.image):
        image["loading"] = "lazy"


def setup(app):
    from .course_map import CourseMap
    from .icons import STYLESHEET, write_icon_stylesheet
    from .launch_buttons import add_launch_bar
    from .widget_state import move_widget_state_out_of_the_page

    app.add_config_value("course_address", None, "html")
    app.connect("config-inited", use_the_one_address)
    app.connect("config-inited", use_the_course_templates)
    app.add_css_file(STYLESHEET)
    app.connect("build-finished", write_icon_stylesheet)
    app.connect("html-page-context", no_mathjax_in_the_browser, priority=900)  # after mathjax's
    app.connect("html-page-context", move_widget_state_out_of_the_page, priority=900)  # myst-nb's
    app.connect("doctree-read", add_launch_bar)
    app.connect("doctree-read", load_pictures_lazily)
    app.add_directive("course-map", CourseMap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
