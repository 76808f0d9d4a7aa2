"""JupyterHub's configuration for the local classroom hub (`make hub`, the hub tests).

Everything listens on 127.0.0.1. ``hub/launch.py`` sets the HUB_* variables
read here; ``jupyterhub -f hub/jupyterhub_config.py`` with them set by hand
works too. The choices and why:

- SharedPasswordAuthenticator: one class password for a fixed list of students
  (JupyterHub's authenticator for short workshops; DummyAuthenticator's password
  is deprecated since JupyterHub 5.3). Login is never turned off.
- SimpleLocalProcessSpawner: one jupyterhub-singleuser process per student, in
  its own home folder under HUB_STATE/homes. It does not isolate users from each
  other: fine on a laptop, never for a real class.
- The single-user servers run the course's .venv (the helpers, JupyterLab,
  nbgitpuller), so a student's kernel imports the same helpers the tests do.
- The hub may stop and start again mid-lesson: hub/launch.py runs the proxy, which
  outlives the hub with its routes, and the hub leaves the students' servers running
  when it exits and resumes them from its database.
- jupyterhub-idle-culler stops a server idle for HUB_CULL seconds (`make hub CULL=…`).
"""

import os
import shutil
import socket
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines get_config when it loads this file)

state = Path(os.environ["HUB_STATE"])
venv_bin = Path(sys.executable).parent  # the hub runs from the course's .venv
students = os.environ["HUB_STUDENTS"].split()

# The hub, its proxy and every student's server on 127.0.0.1 only.
c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['HUB_PROXY_API_PORT']}"
c.Spawner.ip = "127.0.0.1"

# State: database and cookie secret in the state folder, not in the working directory.
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# A restart mid-lesson (a crash, a config change) does not stop the class. hub/launch.py
# runs the proxy and keeps it running while the hub restarts, so every student's page goes
# on reaching its server (a proxy started by the hub would be replaced by the next hub,
# with no routes for a moment: JupyterLab then reports "Directory not found" and "Server
# unavailable"). The hub leaves the students' servers running when it exits, and on start
# finds them in its database and checks the proxy's routes (CONFIGPROXY_AUTH_TOKEN, from
# the launcher, lets it). hub/launch.py stops the servers itself when the class is over.
c.ConfigurableHTTPProxy.should_start = False
c.JupyterHub.cleanup_servers = False

# Login: the class's shared password, for the listed students only.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["HUB_PASSWORD"]
c.Authenticator.allowed_users = set(students)

# One local process per student, in the course's environment, opening JupyterLab.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
# jupyterhub-singleuser, started through hub/start_server.py: the same server, a second
# of CPU cheaper to start (its docstring says why).
c.Spawner.cmd = [sys.executable, str(Path(__file__).resolve().parent / "start_server.py")]
c.Spawner.default_url = "/lab"
c.Spawner.args = [
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",  # no network calls
    # Kernels talk to their server over Unix sockets, not TCP ports: thirty servers
    # picking five free ports each at once on one machine can pick the same ones.
    "--KernelManager.transport=ipc",
    # JupyterLab's setting overrides (hub/launch.py writes them): the autosave interval.
    f"--LabApp.app_settings_dir={state / 'jupyter-config' / 'lab-settings'}",
]
if os.geteuid() == 0:  # CI and containers run as root; Jupyter refuses root unless told
    c.Spawner.args.append("--allow-root")
c.Spawner.environment = {
    # The course's tools first (python, pip, jupyter); git for nbgitpuller from the system.
    "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    # One more config folder (each student keeps ~/.jupyter): no news pop-up, no news request.
    "JUPYTER_CONFIG_PATH": str(state / "jupyter-config"),
    # The kernels' sockets, under a short path: a Unix socket's path has at most 107 bytes.
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"{os.environ['HUB_RUNTIME']}/{spawner.user.name}",
    # An explorer draws its phone figure only when a phone's view asks for it: a third of
    # a CPU-second per explorer saved for each of thirty students (helpers.explorers.widget).
    "HELPERS_PHONE_FIGURES": "on request",
}
# Thirty servers starting at once on two cores take longer than the defaults allow.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# A server that died (killed, out of memory) is noticed within 10 s (default 30 s), and a
# student whose server is not running and who clicks the link gets it started again
# after a second, without a "Launch Server" button to find (there are no named servers,
# so the server started is always the student's own).
c.Spawner.poll_interval = 10
c.JupyterHub.implicit_spawn_seconds = 1

# Services: the idle culler, run by the hub, and the launcher's token to stop the servers.
# The culler reads each server's last activity from the hub, which servers report every
# 5 minutes (and the proxy every 5 minutes): for a cull time under 20 minutes (the tests'),
# report more often, or a busy student's server would look idle.
cull = int(os.environ.get("HUB_CULL", "3600"))
activity_interval = max(2, min(300, cull // 4))
c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(activity_interval)
c.JupyterHub.last_activity_interval = activity_interval
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={cull}",
            f"--cull-every={max(5, min(60, cull // 3))}",
        ],
    },
]
c.JupyterHub.load_roles = [
    {
        # What jupyterhub-idle-culler's README lists for culling servers (not users).
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]
if os.environ.get("HUB_LAUNCHER_TOKEN"):
    c.JupyterHub.services.append(
        {"name": "launcher", "api_token": os.environ["HUB_LAUNCHER_TOKEN"]}
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "launcher",
            "scopes": ["list:users", "read:users", "read:servers", "delete:servers"],
            "services": ["launcher"],
        }
    )

# A port for each server that no other server of this hub holds. JupyterHub picks a free
# port for each spawn; thirty spawns at once can be handed the same one before either
# server binds it, and then the hub routes a student to a classmate's server (a 404).
# A restarted hub starts with an empty set: the running servers' ports are bound, so the
# probe below never hands them out again.
ports_given = set()


def give_unique_port(spawner):
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in ports_given:
            break
    ports_given.add(port)
    spawner.port = port


def take_port_back(spawner):
    ports_given.discard(spawner.port)


# matplotlib's font list, built once by hub/launch.py: a new home gets a copy, so the
# student's first kernel does not list the machine's fonts again (a quarter CPU-second).
font_cache = Path(os.environ["HUB_FONT_CACHE"]) if os.environ.get("HUB_FONT_CACHE") else None


def copy_font_cache(spawner):
    """Into ~/.cache/matplotlib, where matplotlib looks (the spawner sets HOME, no XDG_*)."""
    home_cache = Path(spawner.home_dir) / ".cache" / "matplotlib"
    for font_list in font_cache.glob("fontlist-*.json"):
        if not (home_cache / font_list.name).exists():
            home_cache.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(font_list, home_cache / font_list.name)


def before_spawn(spawner):
    give_unique_port(spawner)
    if font_cache is not None:
        copy_font_cache(spawner)


c.Spawner.pre_spawn_hook = before_spawn
c.Spawner.post_stop_hook = take_port_back
