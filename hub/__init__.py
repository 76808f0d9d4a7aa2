"""A real JupyterHub on 127.0.0.1, for trying the classroom path on a laptop and for the tests.

`make hub` (``python -m hub``) starts JupyterHub with configurable-http-proxy
from npm, a shared class password (JupyterHub's SharedPasswordAuthenticator),
one local server per student with its own home folder, and the course's .venv
(the helpers and nbgitpuller) in every server. It serves this repository from a
local clone and prints three lines a script can read::

    hub: http://127.0.0.1:PORT/
    login: student01 PASSWORD
    link: http://127.0.0.1:PORT/hub/user-redirect/git-pull?repo=file%3A%2F%2F...

A school's classes run on a real hub (The Littlest JupyterHub, Zero to
JupyterHub); this one has no user isolation and is not meant for a class.

- launch.py              LocalHub (start, stop, the served repository, the nbgitpuller link), main
- jupyterhub_config.py   the hub's configuration, read from HUB_* environment variables
"""
