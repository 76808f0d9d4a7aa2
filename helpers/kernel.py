"""The IPython shell the code runs in, if any: the notebook around an explorer, the plot
style and the exercise checker all ask it something (its events, its display formatters,
its history of cells)."""


def ipython_shell():
    """The running IPython shell (a notebook's kernel), or None: a script, a test, or no
    IPython installed."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()
