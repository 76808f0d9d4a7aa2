"""Start JupyterLab and headless Chromium for the browser tests and the benchmark.

The notebooks are copied to a temporary folder first: running them in the
browser makes JupyterLab autosave them, and the stored outputs in notebooks/
must stay as `make execute` wrote them.

``JupyterLab.run_in_kernel`` runs code in the kernel of an open notebook, beside
the page (as a second client of the same kernel): the tests read Python's view
of an explorer there, and move explorers from Python.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# As root, Chromium needs --no-sandbox; the rest stop it from calling out to the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_requirement():
    """Why the browser can't run here, or None if it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def skip_or_fail(reason, how_to_enable):
    """Skip a test that cannot run here, saying how to enable it; in CI, fail it."""
    import pytest

    if os.environ.get("CI") == "true":
        pytest.fail(f"in CI the browser tests must run, but {reason}")
    pytest.skip(f"{reason}: {how_to_enable}")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: The front ends the course is tested in: the module that starts each, and its app class.
FRONT_ENDS = {"lab": ("jupyterlab", "LabApp"), "notebook": ("notebook", "JupyterNotebookApp")}


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 with a token, serving a copy of notebooks/.

    ``front_end="notebook"`` starts Jupyter Notebook 7 instead. Either serves Voilà's
    pages too (``voila_url``) where voila is installed: its server extension.

    ``every_cell_rendered``: every cell laid out, on screen or not, so that a test finds
    every explorer on the page. False keeps JupyterLab's own default, as a learner has it
    (cells off screen skipped by the browser, content-visibility), for the benchmarks.
    """

    def __init__(self, *, front_end="lab", every_cell_rendered=True):
        module, app = FRONT_ENDS[front_end]
        self.front_end = front_end
        self.folder = Path(tempfile.mkdtemp(prefix="course-lab-"))
        shutil.copytree(ROOT / "notebooks", self.folder / "notebooks")
        config = self.folder / "config"
        (config / "labconfig").mkdir(parents=True)
        # No news pop-up over the notebook (and no network call to fetch news).
        (config / "labconfig" / "page_config.json").write_text(
            json.dumps(
                {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
            )
        )
        if every_cell_rendered:
            tracker = self.folder / "settings" / "@jupyterlab" / "notebook-extension"
            tracker.mkdir(parents=True)
            windowing = {"windowingMode": "none"}
            (tracker / "tracker.jupyterlab-settings").write_text(json.dumps(windowing))
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        command = [
            sys.executable,
            "-m",
            module,
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.folder}",
            f"--{app}.user_settings_dir={self.folder / 'settings'}",
            f"--{app}.workspaces_dir={self.folder / 'workspaces'}",
        ]
        if front_end == "lab":
            command.append("--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate")
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.runtime = self.folder / "runtime"  # the kernels' connection files
        environment = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_RUNTIME_DIR": str(self.runtime),
        }
        self.log = open(self.folder / "server.log", "w")
        self.process = subprocess.Popen(
            command, stdout=self.log, stderr=subprocess.STDOUT, env=environment
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter {self.front_end} exited: {self.server_log()}")
            try:
                with urllib.request.urlopen(
                    f"{self.base}/api/status?token={self.token}", timeout=2
                ):
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(
            f"jupyter {self.front_end} did not start in {timeout} s: {self.server_log()}"
        )

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook, port=None):
        """The notebook's address; ``port``: through a proxy listening there instead."""
        base = self.base if port is None else f"http://127.0.0.1:{port}"
        if self.front_end == "notebook":
            return f"{base}/notebooks/notebooks/{notebook}?token={self.token}"
        # ?reset: a clean workspace, so the previous page's notebook does not reopen too.
        return f"{base}/lab/tree/notebooks/{notebook}?reset&token={self.token}"

    def voila_url(self, notebook):
        """The notebook as Voilà shows it: run from the top, code hidden, widgets live."""
        return f"{self.base}/voila/render/notebooks/{notebook}?token={self.token}"

    def get(self, path):
        headers = {"Authorization": f"token {self.token}"}
        request = urllib.request.Request(f"{self.base}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def kernel_of(self, notebook):
        """The id of the kernel running ``notebook``."""
        for session in self.get("/api/sessions"):
            if session["path"].endswith(notebook):
                return session["kernel"]["id"]
        raise LookupError(f"no kernel runs {notebook}")

    def run_in_kernel(self, notebook, code, timeout=60):
        """Run ``code`` in the notebook's kernel; return what it printed (or raise)."""
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient(
            connection_file=str(self.runtime / f"kernel-{self.kernel_of(notebook)}.json")
        )
        client.load_connection_file()
        client.start_channels()
        try:
            printed, errors = [], []

            def collect(message):
                content = message["content"]
                if message["msg_type"] == "stream":
                    printed.append(content["text"])
                elif message["msg_type"] == "error":
                    errors.append("\n".join(content["traceback"]))

            reply = client.execute_interactive(
                code, timeout=timeout, output_hook=collect, store_history=False
            )
            if reply["content"]["status"] != "ok" or errors:
                raise RuntimeError(f"{code!r} failed in the kernel: {''.join(errors)}")
            return "".join(printed)
        finally:
            client.stop_channels()

    def shut_down_kernels(self):
        """Stop every kernel, so one notebook's kernel does not slow down the next."""
        headers = {"Authorization": f"token {self.token}"}
        request = urllib.request.Request(f"{self.base}/api/kernels", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            kernels = json.load(response)
        for kernel in kernels:
            url = f"{self.base}/api/kernels/{kernel['id']}"
            delete = urllib.request.Request(url, method="DELETE", headers=headers)
            urllib.request.urlopen(delete, timeout=30)

    def server_log(self):
        self.log.flush()
        return (self.folder / "server.log").read_text()[-3000:]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
