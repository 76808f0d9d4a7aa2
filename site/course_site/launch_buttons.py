"""The launch buttons at the top of every notebook page: Binder, Colab, a school's
JupyterHub (an nbgitpuller link for the hub the reader types in) and the .ipynb itself.

Every link is made from the course's one address (address.py). The hub's link is a
template with HUB in it; static/course-site.js puts the reader's hub there.
"""

import html

from docutils import nodes

# docs/launching.md's section "A school JupyterHub, through an nbgitpuller link".
HUB_SECTION = "a-school-jupyterhub-through-an-nbgitpuller-link"


def launch_bar(address, notebook_path, to_root):
    binder, colab = address.binder(notebook_path), address.colab(notebook_path)
    hub_template = address.nbgitpuller(notebook_path, hub="HUB")
    # Sphinx keeps the stored notebook, unchanged, in _sources/ (html_sourcelink_suffix "").
    download = f"{to_root}_sources/{notebook_path}"
    checklist = f"{to_root}docs/launching.html#{HUB_SECTION}"
    attr = html.escape
    return f"""
<nav class="course-launch" aria-label="Run or download this notebook">
  <span class="course-launch-title">Run this notebook:</span>
  <a class="course-launch-binder" href="{attr(binder)}">Binder</a>
  <a class="course-launch-colab" href="{attr(colab)}">Colab</a>
  <details class="course-launch-hub">
    <summary>Your school's JupyterHub</summary>
    <label>Your hub's address
      <input type="text" inputmode="url" placeholder="jupyter.myschool.org" autocomplete="url">
    </label>
    <a class="course-launch-hub-link" data-template="{attr(hub_template)}">Open it on your hub</a>
    <span class="course-launch-hub-note">The hub needs nbgitpuller and the course's
      packages: <a href="{attr(checklist)}">the hub admin's checklist</a>.</span>
  </details>
  <a class="course-launch-download" href="{attr(download)}" download>Download .ipynb</a>
</nav>
"""


def add_launch_bar(app, doctree):
    """On each notebook's page, put the launch bar above everything else (doctree-read)."""
    docname = app.env.docname
    if not str(app.env.doc2path(docname, base=False)).endswith(".ipynb"):
        return
    notebook_path = f"{docname}.ipynb"  # the page's source, as laid out in the repository
    to_root = "../" * docname.count("/")
    bar = launch_bar(app.config.course_address, notebook_path, to_root)
    doctree.insert(0, nodes.raw("", bar, format="html"))
