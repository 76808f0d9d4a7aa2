"""Start the local classroom hub: the served repository, JupyterHub, and the class link.

``LocalHub`` is what `make hub` runs (through ``main``) and what the hub tests
and the class benchmark start. Each hub has a state folder holding the
students' homes, the hub's database and log, and the repository it serves::

    STATE/served/derivatives-course   a bare clone of this repository's HEAD (branch main)
    STATE/homes/student01 ...         one home per student
    STATE/hub.log                     the hub's, the proxy's and the servers' log
    STATE/jupyter-config              the servers' config on top of the environment's
    STATE/matplotlib-cache            matplotlib's font list, built once, copied to new homes

The hub can stop and start again mid-lesson without stopping the class. The
launcher, not the hub, runs configurable-http-proxy, so the proxy and its routes to the
students' servers outlive the hub (JupyterHub's "Running proxy separately from the
hub"); the hub's config keeps the servers running when it exits (``cleanup_servers``
off). ``main`` starts the hub again when it exits on its own (``kill $(cat
STATE/jupyterhub.pid)`` restarts it), unless it exits three times within two minutes.
Ctrl+C stops everything: the students' servers (through the hub's REST API), the hub,
the proxy.

The nbgitpuller link points at the served clone by a file:// URL, which
``git clone`` (and so nbgitpuller) accepts like any other git URL. A teacher
sends the class a change by pushing to it: ``git push STATE/served/derivatives-course HEAD:main``.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).resolve().parent / "jupyterhub_config.py"
# What the spawner runs for each student: jupyterhub-singleuser, started more cheaply.
SERVER_START = Path(__file__).resolve().parent / "start_server.py"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
REPOSITORY = "derivatives-course"  # the folder nbgitpuller clones into, as on a school's hub
BRANCH = "main"
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"


# The launcher starts the hub again each time it exits on its own, and gives up when it
# exits for the EXITS_BEFORE_GIVING_UP-th time within RESTARTS_WINDOW_S seconds: a hub
# that cannot stay up (a broken config, a port taken) is reported, not restarted forever.
EXITS_BEFORE_GIVING_UP = 3
RESTARTS_WINDOW_S = 120


def keeps_exiting(exit_times):
    """Whether the hub's last exit is its EXITS_BEFORE_GIVING_UP-th within RESTARTS_WINDOW_S
    (``exit_times``: time.monotonic() at each exit, oldest first)."""
    last = exit_times[-1]
    recent = [at for at in exit_times if last - at < RESTARTS_WINDOW_S]
    return len(recent) >= EXITS_BEFORE_GIVING_UP


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def student_names(count):
    return [f"student{number:02d}" for number in range(1, count + 1)]


def serve_repository(state, source=ROOT):
    """A bare clone of ``source``'s HEAD as branch main under ``state``; its file:// URL.

    Only committed work is served, as from GitHub. Running again updates main.
    """
    served = state / "served" / REPOSITORY
    if not served.exists():
        git("init", "--quiet", "--bare", "--initial-branch", BRANCH, str(served))
    git("-C", str(source), "push", "--quiet", "--force", str(served), f"HEAD:refs/heads/{BRANCH}")
    return served.as_uri()


def git(*arguments):
    subprocess.run(["git", *arguments], check=True, capture_output=True, text=True)


def nbgitpuller_link(hub_url, repo_url, notebook=FIRST_NOTEBOOK):
    """The class link: log in, clone or pull ``repo_url``, open ``notebook`` in JupyterLab.

    The same shape as the link in docs/launching.md, with the served clone as the repo.
    """
    query = urllib.parse.urlencode(
        {"repo": repo_url, "branch": BRANCH, "urlpath": f"lab/tree/{REPOSITORY}/{notebook}"}
    )
    return f"{hub_url}hub/user-redirect/git-pull?{query}"


# JupyterLab saves a notebook with unsaved changes every AUTOSAVE seconds (its setting
# autosaveInterval, 120 s by default). A lesson's edits are short answers typed over a few
# minutes; 30 s bounds what a killed or culled server loses to half a minute of typing,
# and costs a class of 30 about one small file write a second.
AUTOSAVE = 30
# The idle culler stops a server after CULL seconds without activity: an hour outlasts a
# lesson's quiet stretches (reading, a talk at the board, a break), so no student loses a
# running kernel during class, and a server left open after class is gone within the hour.
CULL = 3600


# Server extensions installed in the course's environment that a student's server on the
# hub does without (`make lab` keeps them): Voilà's serves `make present`'s slides, which
# are not part of a lesson, and its import and start cost every student's server about a
# third of a CPU-second. jupyter_lsp stays, though no language server is installed: it
# costs under a tenth, and without it JupyterLab's requests for language servers, made on
# every page load, fail in the student's page (tests/hub/test_student_path.py checks).
SERVER_EXTENSIONS_OFF = ("voila.server_extension",)
# JupyterLab's part of Voilà: its "Render with Voilà" toolbar button, which needs the
# server extension above.
LAB_EXTENSIONS_OFF = ("@voila-dashboards/jupyterlab-preview",)


def _write_jupyter_config(state, autosave=AUTOSAVE):
    """The config every student's server reads (its JUPYTER_CONFIG_PATH), on top of the
    course environment's: the server extensions it does without; in JupyterLab, no news
    pop-up (so no news request), no Voilà button, and the autosave interval, as overrides
    of JupyterLab's defaults (a student may still change it in their own Settings)."""
    config = state / "jupyter-config"
    labconfig = config / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    server = {"ServerApp": {"jpserver_extensions": dict.fromkeys(SERVER_EXTENSIONS_OFF, False)}}
    (config / "jupyter_server_config.json").write_text(json.dumps(server))
    disabled = {"@jupyterlab/apputils-extension:announcements": True}
    disabled.update(dict.fromkeys(LAB_EXTENSIONS_OFF, True))
    (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))
    settings = state / "jupyter-config" / "lab-settings"  # --LabApp.app_settings_dir
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {"@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": autosave}}
    (settings / "overrides.json").write_text(json.dumps(overrides))


def build_font_cache(state):
    """matplotlib's font list, built once under STATE/matplotlib-cache (the hub copies it
    into each new home); the folder.

    matplotlib lists the machine's fonts the first time it is imported without a cache,
    and writes the list to ~/.cache/matplotlib: in a student's first kernel that is a
    quarter of a CPU-second, spent again in every new home. Built here, before the class.
    """
    cache = state / "matplotlib-cache"
    if not any(cache.glob("fontlist-*.json")):
        subprocess.run(
            [sys.executable, "-c", "import matplotlib.font_manager"],
            env={**os.environ, "MPLCONFIGDIR": str(cache)},
            check=True,
            capture_output=True,
        )
    return cache


class LocalHub:
    """JupyterHub on 127.0.0.1 with ``students`` allowed in by one shared password."""

    def __init__(self, state, students=30, port=None, password=None, cull=CULL, autosave=AUTOSAVE):
        if not PROXY.exists():
            raise RuntimeError(f"{PROXY} is missing: run `npm ci` in {ROOT}")
        self.state = Path(state).resolve()
        self.state.mkdir(parents=True, exist_ok=True)
        self.students = student_names(students)
        self.password = password or secrets.token_urlsafe(12)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.repo_url = serve_repository(self.state)
        self.link = nbgitpuller_link(self.url, self.repo_url)
        self.runtime = tempfile.mkdtemp(prefix="hub-run-")  # short: kernels' socket paths
        self.autosave = autosave
        self.api_token = secrets.token_hex(32)  # the launcher's own, to stop the servers
        # Chosen once: a restarted hub listens where the running servers and proxy expect it.
        self.environment = {
            **os.environ,
            "HUB_STATE": str(self.state),
            "HUB_STUDENTS": " ".join(self.students),
            "HUB_PASSWORD": self.password,
            "HUB_PORT": str(self.port),
            "HUB_API_PORT": str(free_port()),
            "HUB_PROXY_API_PORT": str(free_port()),
            # The hub's key to the proxy's routes (the servers it spawns never see it).
            "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32),
            "HUB_RUNTIME": self.runtime,
            "HUB_CULL": str(int(cull)),
            "HUB_LAUNCHER_TOKEN": self.api_token,
            "HUB_FONT_CACHE": str(build_font_cache(self.state)),
        }
        self.process = None
        self.proxy = None
        self.log = None

    @property
    def served(self):
        """The served repository's folder (push here to reach the class)."""
        return self.state / "served" / REPOSITORY

    def home(self, student):
        return self.state / "homes" / student

    def lab_url(self, student, notebook):
        """A notebook of the student's clone in JupyterLab (?reset: a clean workspace)."""
        return f"{self.url}user/{student}/lab/tree/{REPOSITORY}/notebooks/{notebook}?reset"

    def start(self, timeout=120):
        """Start the proxy if it is not running, then the hub; a hub started again finds
        the running servers in its database and checks that the proxy routes to each."""
        _write_jupyter_config(self.state, self.autosave)
        self.log = self.log or open(self.state / "hub.log", "a")
        if self.proxy is None or self.proxy.poll() is not None:
            self.proxy = self._start_proxy(timeout)
            self._stop_hub()  # a new proxy has no routes: a hub started after it adds them
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=self.state,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C in the terminal reaches the launcher, which stops it
        )
        self._wait_until_up(timeout)
        return self

    def _start_proxy(self, timeout):
        """configurable-http-proxy on the class's port, with the hub's error pages; the hub
        adds the routes (to itself, and to each student's server) once it is up."""
        api_port = int(self.environment["HUB_PROXY_API_PORT"])
        hub_url = f"http://127.0.0.1:{self.environment['HUB_API_PORT']}/hub/"
        proxy = subprocess.Popen(
            [str(PROXY), "--ip", "127.0.0.1", "--port", str(self.port)]
            + ["--api-ip", "127.0.0.1", "--api-port", str(api_port)]
            + ["--error-target", f"{hub_url}error"],
            env=self.environment,  # CONFIGPROXY_AUTH_TOKEN
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if proxy.poll() is not None:
                raise RuntimeError(f"configurable-http-proxy exited: {self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", api_port), timeout=1).close()
                return proxy
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the proxy did not start in {timeout} s") from None
                time.sleep(0.2)

    def _wait_until_up(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}hub/api/", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"jupyterhub did not start in {timeout} s: {self.log_tail()}")

    def log_tail(self, characters=4000):
        self.log.flush()
        return (self.state / "hub.log").read_text()[-characters:]

    def api(self, path, method="GET"):
        """The hub's REST API as the launcher's service (list users, stop servers)."""
        request = urllib.request.Request(
            f"{self.url}hub/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.api_token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop_servers(self, timeout=60):
        """Stop every student's server through the hub (its config keeps them when it exits)."""
        for user in self.api("users"):
            if user["servers"]:
                self.api(f"users/{user['name']}/server", method="DELETE")
        deadline = time.monotonic() + timeout
        while any(user["servers"] for user in self.api("users")):
            if time.monotonic() > deadline:
                raise RuntimeError(f"servers still running after {timeout} s")
            time.sleep(0.5)

    def stop(self):
        """Stop everything: the students' servers, the hub, then the proxy."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self._wait_until_up(60)  # stopped while (re)starting: let it come up first
                self.stop_servers()
            except (OSError, RuntimeError) as error:
                print(f"stopping the servers: {error}", file=sys.stderr)
        self._stop_hub()
        stop_process(self.proxy)
        self.proxy = None
        self.log.close()
        shutil.rmtree(self.runtime, ignore_errors=True)

    def _stop_hub(self):
        """Stop the hub alone (its config leaves the students' servers running)."""
        stop_process(self.process)
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.state, ignore_errors=True)


def stop_process(process, timeout=60):
    """SIGTERM to a process started in a session of its own; SIGKILL to its whole group
    if it has not exited within ``timeout`` s."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m hub", description=__doc__.split("\n")[0])
    parser.add_argument("--state", default=str(ROOT / ".hub"), help="state folder (default .hub)")
    parser.add_argument("--students", type=int, default=30, help="how many logins (student01...)")
    parser.add_argument("--port", type=int, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument(
        "--cull", type=int, default=CULL, help=f"stop idle servers after CULL s ({CULL})"
    )
    arguments = parser.parse_args(argv)
    hub = LocalHub(
        arguments.state, students=arguments.students, port=arguments.port, cull=arguments.cull
    )
    hub.start()
    # Three lines for people and scripts alike; the hub's own log is in STATE/hub.log.
    print(f"hub: {hub.url}", flush=True)
    print(f"login: {hub.students[0]} {hub.password}", flush=True)
    print(f"link: {hub.link}", flush=True)
    stopped_by, exits = [], []

    def stop(signum, _frame):
        stopped_by.append(signal.Signals(signum).name)
        raise SystemExit(0)

    # Ctrl+C (SIGINT) and SIGTERM stop the hub; set both, since a shell that starts the
    # launcher in the background makes it ignore SIGINT.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            while hub.process.poll() is None and hub.proxy.poll() is None:
                time.sleep(1)
            # The hub (or its proxy) exited on its own (killed, crashed, or stopped to
            # restart it): start it again, however soon after its start (an admin may
            # restart it twice in a minute), unless it keeps exiting: then something is
            # wrong, and restarting it forever would hide that.
            exits.append(time.monotonic())
            if keeps_exiting(exits):
                print(
                    f"jupyterhub exited {EXITS_BEFORE_GIVING_UP} times within "
                    f"{RESTARTS_WINDOW_S} s; not starting it again: see {hub.state / 'hub.log'}",
                    file=sys.stderr,
                )
                sys.exit(1)
            which = "jupyterhub" if hub.process.poll() is not None else "the proxy"
            print(f"{which} exited; starting it again", file=sys.stderr)
            hub.start()
    finally:
        print(f"stopping the hub ({' '.join(stopped_by) or 'it exited'})", file=sys.stderr)
        hub.stop()
