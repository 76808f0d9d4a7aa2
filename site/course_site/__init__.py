"""The Sphinx extension behind the course website (site/_config.yml loads it).

- address.py          the one address of the repository, and every link made from it
- notebook_reader.py  alt text for every figure; a live explorer where its state is saved
- launch_buttons.py   Binder, Colab, JupyterHub and .ipynb buttons on each notebook page
- course_map.py       the home page's map of the notebooks, read from the notebooks
- anchors.py          JupyterLab's heading anchors, so the notebooks' own links work

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


def setup(app):
    from .course_map import CourseMap
    from .launch_buttons import add_launch_bar

    app.add_config_value("course_address", None, "html")
    app.connect("config-inited", use_the_one_address)
    app.connect("doctree-read", add_launch_bar)
    app.add_directive("course-map", CourseMap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
