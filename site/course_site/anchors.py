"""Heading anchors as JupyterLab makes them, so a notebook's links work on the site too."""


def jupyterlab_anchor(title):
    """JupyterLab's anchor for a heading: its text with spaces as hyphens.

    >>> jupyterlab_anchor("Contents")
    'Contents'
    >>> jupyterlab_anchor("3. The formula")
    '3.-The-formula'
    """
    return title.strip().replace(" ", "-")
