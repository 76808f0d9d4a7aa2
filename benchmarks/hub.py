"""A class of 30 on one local JupyterHub: what it costs, and what one student feels meanwhile.

``make bench-hub`` (``python -m benchmarks.hub``). Everything runs on 127.0.0.1:

1. The hub from `make hub` starts (``hub.LocalHub``), with 30 students and one more.
2. The dragging student, who came in early, logs in through the hub's form in
   headless Chromium, clicks the class link, opens notebook 02, runs it and drags
   the tangent explorer for a few seconds: the idle baseline, in the same run.
3. The class: all 30 students at once (one thread each) log in through the login
   form, start their servers, pull the course with nbgitpuller and run notebook 02
   top to bottom through their kernel's websocket, as JupyterLab would, while the
   dragging student drags on. Frames per second and lag are measured in the page.
4. A sampler reads the hub's process tree from /proc every second: memory (PSS,
   so shared pages count once) and CPU time of the hub, its proxy, every
   student's server and kernel. Each kernel's peak memory is its VmHWM.

Each student's CPU time is also split by phase, as it is spent: the server's start,
nbgitpuller's clone, the kernel's start, the setup cells (``import helpers``), the other
cells; and the hub's and the proxy's share (``PHASES``, ``cpu_split``).

Writes the figures under "hub" in benchmarks/results.json (other keys are kept)
and prints the "Sizing a hub" table for docs/launching.md and the CPU split. With
``--baseline`` it writes "hub_baseline" instead: later runs print their split next to it
(before → after a change, each with its commit). Exit code 1 if any
student failed (a server that did not start, a cell that raised, a timeout).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import uuid
from pathlib import Path

import requests
import urllib3
import websocket

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # notebook_page, lab: JupyterLab steps
sys.path.insert(0, str(ROOT / "tests" / "hub"))  # hub_page: a student's steps on the hub

from benchmarks import report  # noqa: E402
from hub.launch import REPOSITORY, SERVER_START, LocalHub  # noqa: E402

HERE = Path(__file__).parent
NOTEBOOK = "02_tangent_lines.ipynb"
NOTEBOOK_PATH = f"{REPOSITORY}/notebooks/{NOTEBOOK}"
STUDENT_TIMEOUT_S = 300  # one student's whole path; the class as a whole is bounded by it too
START_BAR_S = 60  # every server of the class up within one minute of the first login
DRAG_IDLE_S = 8
MOVES_PER_S = 60
CLOCK_TICK = os.sysconf("SC_CLK_TCK")
VERSIONS = ["jupyterhub", "jupyterlab", "jupyter_server", "nbgitpuller", "ipykernel"]


# ---------------------------------------------------------------------------
# /proc: memory and CPU of a process tree (Linux)


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:  # the process ended meanwhile
        return ""


def parents():
    """{pid: parent pid} for every process on the machine."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _read(f"/proc/{entry.name}/stat")
            if stat:
                table[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return table


def tree(root):
    """``root`` and all its descendants."""
    children = {}
    for pid, parent in parents().items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def cpu_seconds(pid):
    """User + system CPU time of ``pid`` and of its children that have ended (git, ...)."""
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
    return (utime + stime + cutime + cstime) / CLOCK_TICK


def memory_mb(pid, field):
    """A memory figure of ``pid`` in MB: "VmHWM" (peak resident), "VmRSS", or "Pss"."""
    source = f"/proc/{pid}/smaps_rollup" if field == "Pss" else f"/proc/{pid}/status"
    match = re.search(rf"^{field}:\s+(\d+) kB", _read(source), re.MULTILINE)
    return int(match[1]) / 1024 if match else 0.0


def machine_busy_seconds():
    """CPU time all cores have spent busy since boot (/proc/stat: all but idle and iowait)."""
    ticks = [int(field) for field in _read("/proc/stat").split("\n")[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / CLOCK_TICK


def command_line(pid):
    return _read(f"/proc/{pid}/cmdline").replace("\0", " ")


def kind_of(pid, hub_pid):
    """What a process of the hub's tree is: hub, proxy, server, kernel, git or other."""
    line = command_line(pid)
    if pid == hub_pid:
        return "hub"
    if "configurable-http-proxy" in line:
        return "proxy"
    if "jupyterhub-singleuser" in line or str(SERVER_START) in line:
        return "server"
    if "ipykernel_launcher" in line:
        return "kernel"
    if any(word.rsplit("/", 1)[-1].startswith("git") for word in line.split()[:3]):
        return "git"  # nbgitpuller's clones and pulls while they run (sh -c git-upload-pack)
    return "other"


class Sampler(threading.Thread):
    """Every ``interval`` s: memory (PSS) and CPU time of each kind of process in the tree."""

    def __init__(self, hub_pid, proxy_pid, interval=1.0):
        super().__init__(daemon=True)
        self.hub_pid, self.proxy_pid, self.interval = hub_pid, proxy_pid, interval
        self.samples, self.running = [], True

    def sample(self):
        kinds, hub = {}, tree(self.hub_pid) + tree(self.proxy_pid)  # the launcher runs both
        for pid in hub:
            kind = kinds.setdefault(kind_of(pid, self.hub_pid), {"pss_mb": 0.0, "cpu_s": 0.0})
            kind["pss_mb"] += memory_mb(pid, "Pss")
            kind["cpu_s"] += cpu_seconds(pid)
        # This benchmark's own students (threads) and its Chromium, and the whole machine.
        driver = sum(cpu_seconds(pid) for pid in set(tree(os.getpid())) - set(hub))
        return {
            "t": time.monotonic(),
            "kinds": kinds,
            "driver_cpu_s": driver,
            "machine_cpu_s": machine_busy_seconds(),
        }

    def run(self):
        while self.running:
            self.samples.append(self.sample())
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join()
        self.samples.append(self.sample())


def summarise_samples(samples):
    """Peak memory and CPU use of the tree, in total and per kind of process."""
    total_pss = [sum(kind["pss_mb"] for kind in s["kinds"].values()) for s in samples]
    total_cpu = [sum(kind["cpu_s"] for kind in s["kinds"].values()) for s in samples]
    wall = samples[-1]["t"] - samples[0]["t"]
    # Cores busy over 5-sample windows: a process's CPU time is read at ~1 s intervals,
    # and an ended child's time (git) lands in its parent's all at once.
    busy = [
        (b - a) / (later["t"] - earlier["t"])
        for a, b, earlier, later in zip(total_cpu, total_cpu[5:], samples, samples[5:])
    ]
    kinds = sorted({name for s in samples for name in s["kinds"]})
    per_kind = {
        name: {
            "peak_pss_mb": max(s["kinds"].get(name, {}).get("pss_mb", 0.0) for s in samples),
            "cpu_s": samples[-1]["kinds"].get(name, {}).get("cpu_s", 0.0)
            - samples[0]["kinds"].get(name, {}).get("cpu_s", 0.0),
        }
        for name in kinds
    }

    def cores(key):
        return (samples[-1][key] - samples[0][key]) / wall if wall else None

    hub_cores = (total_cpu[-1] - total_cpu[0]) / wall if wall else None
    return {
        "seconds": wall,
        "cores_busy_machine": cores("machine_cpu_s"),
        "cores_busy_driver": cores("driver_cpu_s"),  # the 30 students' HTTP clients, Chromium
        # Everything else on this shared machine (other people's work) meanwhile:
        "cores_busy_others": cores("machine_cpu_s") - cores("driver_cpu_s") - hub_cores,
        "peak_pss_mb": max(total_pss),
        "cpu_s": total_cpu[-1] - total_cpu[0],
        "mean_cores_busy": (total_cpu[-1] - total_cpu[0]) / wall if wall else None,
        "peak_cores_busy": max(busy) if busy else None,
        "per_kind": per_kind,
    }


# ---------------------------------------------------------------------------
# One student, through the hub's and the server's own REST and websocket APIs


def server_events(response):
    """The JSON payloads of a text/event-stream response (hub progress, nbgitpuller)."""
    for line in response.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            yield json.loads(line[5:])


def kernel_message(opcode, frame):
    """A kernel message from the server's websocket: JSON text, or (with binary buffers,
    as a widget's data comes) jupyter_server's binary frame: a count n, n offsets (each
    a big-endian uint32), then the message's JSON and its buffers at those offsets."""
    if opcode == websocket.ABNF.OPCODE_TEXT:
        return json.loads(frame)
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode("utf-8"))


def environment_variable(pid, name):
    """``name``'s value in the environment ``pid`` started with (None if unreadable)."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    prefix = f"{name}=".encode()
    values = [entry[len(prefix) :].decode() for entry in environ if entry.startswith(prefix)]
    return values[0] if values else None


def server_process(hub_pid, student):
    """The pid of ``student``'s single-user server: the hub's child that runs as that user."""
    for pid in tree(hub_pid):
        if kind_of(pid, hub_pid) == "server":
            if environment_variable(pid, "JUPYTERHUB_USER") == student:
                return pid
    return None


#: Where a student's CPU time goes, in the order it is spent (the record's keys, without
#: "_cpu_s"): the server's start; nbgitpuller's clone (the server and its git processes);
#: the kernel's start (the session that starts it, its kernel_info reply); the notebook's
#: setup cells (up to `helpers.use_course_style()`: `import helpers`); the other cells.
#: Each phase counts the server's and the kernel's CPU time spent in it; they add up to
#: student_cpu_s. The hub's and the proxy's share are per_kind's CPU time over the class.
PHASES = ["server_start", "clone", "kernel_start", "setup_cells", "other_cells"]


def setup_cell_count(code_cells):
    """How many code cells the setup takes: up to the one calling use_course_style()."""
    for number, source in enumerate(code_cells, start=1):
        if "use_course_style()" in source:
            return number
    raise ValueError("the notebook has no setup cell calling helpers.use_course_style()")


class Student:
    """One student's path: log in, start a server, pull the course, run notebook 02."""

    def __init__(self, hub, name):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.record = {"student": name}
        self.server_pid = self.kernel_pid = None
        self.cpu_so_far = 0.0

    def request(self, method, url, **options):
        """One HTTP request through the student's session, resent once if the server closed
        the connection without answering.

        A browser does the same (Chromium resends a request whose reused keep-alive
        connection closes before any answer comes): the server closed an idle connection
        just as the request set out on it, so it never saw the request. Under a class's
        load that race happens, and the student never notices it. Each resend is counted
        in the record, so a report shows how often it happened."""
        try:
            return self.http.request(method, url, **options)
        except requests.ConnectionError as error:
            if not isinstance(error.args[0], urllib3.exceptions.ProtocolError):
                raise  # refused, or a name that does not resolve: a real failure
            self.record["resent"] = self.record.get("resent", 0) + 1
            return self.http.request(method, url, **options)

    def log_in(self):
        """The login form, as the browser posts it (with its _xsrf), then an API token."""
        self.request("GET", f"{self.hub.url}hub/login", timeout=60).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")
        form = {"username": self.name, "password": self.hub.password, "_xsrf": xsrf}
        answer = self.request(
            "POST", f"{self.hub.url}hub/login", data=form, allow_redirects=False, timeout=60
        )
        if answer.status_code != 302:
            raise RuntimeError(f"login answered {answer.status_code}")
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")  # renewed for the logged-in session
        tokens = self.request(
            "POST",
            f"{self.hub.url}hub/api/users/{self.name}/tokens",
            json={"note": "class benchmark", "expires_in": 3600},
            headers={"X-XSRFToken": xsrf},
            timeout=60,
        )
        tokens.raise_for_status()
        self.http.headers["Authorization"] = f"token {tokens.json()['token']}"

    def start_server(self):
        api = f"{self.hub.url}hub/api/users/{self.name}/server"
        self.request("POST", api, timeout=60).raise_for_status()
        with self.request(
            "GET", f"{api}/progress", stream=True, timeout=STUDENT_TIMEOUT_S
        ) as events:
            for event in server_events(events):
                if event.get("failed"):
                    raise RuntimeError(f"server failed to start: {event.get('message')}")
                if event.get("ready"):
                    return
        raise RuntimeError("the progress stream ended before the server was ready")

    def pull_course(self):
        """What the class link does: nbgitpuller clones the served repository."""
        query = urllib.parse.urlencode({"repo": self.hub.repo_url, "branch": "main"})
        url = f"{self.hub.url}user/{self.name}/git-pull/api?{query}"
        with self.request("GET", url, stream=True, timeout=STUDENT_TIMEOUT_S) as events:
            for event in server_events(events):
                if event.get("phase") == "error":
                    raise RuntimeError(f"nbgitpuller: {event.get('message')}")
                if event.get("phase") == "finished":
                    return
        raise RuntimeError("nbgitpuller's stream ended before it finished")

    def open_notebook(self):
        """The notebook's cells, and a kernel for it (a session, as JupyterLab opens one)."""
        base = f"{self.hub.url}user/{self.name}/api"
        contents = self.request("GET", f"{base}/contents/{NOTEBOOK_PATH}", timeout=60)
        contents.raise_for_status()
        cells = contents.json()["content"]["cells"]
        session = self.request(
            "POST",
            f"{base}/sessions",
            json={"path": NOTEBOOK_PATH, "type": "notebook", "kernel": {"name": "python3"}},
            timeout=120,
        )
        session.raise_for_status()
        code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
        return code, session.json()["kernel"]["id"]

    def run_all(self, code_cells, kernel_id):
        """Run every code cell in order on the kernel's websocket; the errors raised."""
        address = self.hub.url.replace("http://", "ws://")
        channels = f"{address}user/{self.name}/api/kernels/{kernel_id}/channels"
        connection = websocket.create_connection(
            f"{channels}?session_id={uuid.uuid4().hex}",
            header=[f"Authorization: {self.http.headers['Authorization']}"],
            timeout=STUDENT_TIMEOUT_S,
        )
        try:
            started = time.monotonic()
            self._request(connection, "kernel_info_request", {})
            self.record["kernel_start_s"] = time.monotonic() - started
            self.kernel_pid = self.kernel_process(kernel_id)
            self.phase_done("kernel_start")
            started = time.monotonic()
            errors = []
            setup = setup_cell_count(code_cells)
            for number, source in enumerate(code_cells, start=1):
                content = {"code": source, "silent": False, "store_history": True}
                errors += self._request(connection, "execute_request", content)
                if errors:
                    break  # as Run All does: stop at the first error
                if number == setup:
                    self.phase_done("setup_cells")
            self.phase_done("other_cells")
            self.record["run_all_s"] = time.monotonic() - started
            self.record["cells"] = len(code_cells)
            return errors
        finally:
            connection.close()

    def phase_done(self, phase):
        """Record the CPU time the server and the kernel spent since the last phase ended."""
        spent = sum(cpu_seconds(pid) for pid in (self.server_pid, self.kernel_pid) if pid)
        self.record[f"{phase}_cpu_s"] = round(spent - self.cpu_so_far, 2)
        self.cpu_so_far = spent

    def _request(self, connection, kind, content):
        """Send one shell request; wait for its reply and for the kernel to be idle again."""
        message_id = uuid.uuid4().hex
        header = {"msg_id": message_id, "msg_type": kind, "username": self.name, "version": "5.3"}
        header["session"] = "benchmark"
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        connection.send(json.dumps({**message, "channel": "shell", "buffers": []}))
        replied = idle = False
        errors = []
        while not (replied and idle):
            answer = kernel_message(*connection.recv_data())
            if answer.get("parent_header", {}).get("msg_id") != message_id:
                continue
            kind_of_answer = answer["header"]["msg_type"]
            if kind_of_answer == "error":
                errors.append(f"{answer['content']['ename']}: {answer['content']['evalue']}")
            elif kind_of_answer.endswith("_reply"):
                replied = True
            elif kind_of_answer == "status" and answer["content"]["execution_state"] == "idle":
                idle = True
        return errors

    def kernel_process(self, kernel_id):
        """The kernel's pid, found by its connection file's name in its command line."""
        for entry in os.scandir("/proc"):
            if entry.name.isdigit() and f"kernel-{kernel_id}.json" in command_line(entry.name):
                return int(entry.name)
        return None

    def run(self, go, done):
        """The whole path, timed; any failure is recorded, never raised."""
        record = self.record
        try:
            go.wait()
            started = time.monotonic()
            record["t_login"] = started
            self.log_in()
            self.start_server()
            record["server_start_s"] = time.monotonic() - started
            record["t_ready"] = time.monotonic()
            self.server_pid = server_process(self.hub.process.pid, self.name)
            self.phase_done("server_start")
            before_pull = time.monotonic()
            self.pull_course()
            record["git_pull_s"] = time.monotonic() - before_pull
            self.phase_done("clone")
            code_cells, kernel_id = self.open_notebook()
            errors = self.run_all(code_cells, kernel_id)
            if errors:
                record["failure"] = f"a cell raised {errors[0]}"
            pid = self.kernel_process(kernel_id)
            if pid:
                record["kernel_peak_mb"] = memory_mb(pid, "VmHWM")
                record["kernel_cpu_s"] = cpu_seconds(pid)
                server = parents().get(pid)
                record["server_peak_mb"] = memory_mb(server, "VmHWM")
                record["server_cpu_s"] = cpu_seconds(server)
                record["student_cpu_s"] = record["server_cpu_s"] + record["kernel_cpu_s"]
        except Exception as error:  # one student's failure must not stop the class
            record["failure"] = f"{type(error).__name__}: {error}"
            record["traceback"] = traceback.format_exc(limit=3)
        finally:
            record["t_done"] = time.monotonic()
            done.release()


# ---------------------------------------------------------------------------
# The dragging student, in Chromium


#: Runs in the page, during a drag on the explorer's figure. Counts the animation
#: frames in which the browser drew on the figure's canvas (its 2D context's drawing
#: calls are wrapped) and those in which the readout changed, and measures the lag from
#: the first pointer move not yet drawn (the event's own time stamp) to the drawing.
MEASURE_DRAG = """(root) => {
    const readout = root.querySelector(".explorer-readout");
    const figure = root.querySelector(".explorer-figure");
    const m = {frames: 0, drawnFrames: 0, readoutFrames: new Set(), lags: [], moves: 0,
               pending: null, drew: false, running: true};
    for (const canvas of figure.querySelectorAll("canvas")) {
        const context = canvas.getContext("2d");
        for (const name of ["clearRect", "fillRect", "drawImage", "stroke", "fill"]) {
            const draw = context[name].bind(context);
            context[name] = (...args) => {
                m.drew = true;
                if (m.pending !== null) m.lags.push(performance.now() - m.pending);
                m.pending = null;
                return draw(...args);
            };
        }
    }
    figure.addEventListener("pointermove", (event) => {
        m.moves += 1;
        if (m.pending === null) m.pending = event.timeStamp;
    }, {capture: true});
    new MutationObserver(() => m.readoutFrames.add(m.frames))
        .observe(readout, {subtree: true, childList: true, characterData: true});
    const tick = () => {
        m.frames += 1;
        if (m.drew) { m.drawnFrames += 1; m.drew = false; }
        if (m.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    m.started = performance.now();
    window.dragMeasurement = m;
}"""
READ_DRAG = """() => {
    const m = window.dragMeasurement;
    m.running = false;
    return {seconds: (performance.now() - m.started) / 1000, frames: m.frames,
            drawn_frames: m.drawnFrames, readout_frames: m.readoutFrames.size,
            moves: m.moves, lags_ms: m.lags};
}"""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else None


def spread(values, worst=True):
    """Median, p95 and (optionally) the worst of ``values``; None where there are none."""
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "p95": None, **({"worst": None} if worst else {})}
    figures = {"median": statistics.median(values), "p95": percentile(values, 0.95)}
    return {**figures, "worst": max(values)} if worst else figures


class DraggingStudent:
    """One student in Chromium: log in by the form, open notebook 02, drag its tangent explorer."""

    def __init__(self, hub, name, playwright):
        from lab import launch_chromium

        self.hub, self.name = hub, name
        self.browser = launch_chromium(playwright)
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 900})
        self.explorer = None
        self.not_measured = None

    def open_tangent_explorer(self):
        """Log in through the link, run notebook 02 in JupyterLab, find its tangent explorer."""
        from hub_page import HubLab, click_the_link_and_log_in
        from notebook_page import open_and_run_all

        page = self.page
        click_the_link_and_log_in(page, self.hub, self.name)
        open_and_run_all(page, HubLab(self.hub, self.name), NOTEBOOK)
        # The page contract of the new explorers: a figure to drag inside the explorer.
        explorers = page.locator(".explorer:has(.explorer-figure)")
        if explorers.count() == 0:
            self.not_measured = (
                "not measured: notebook 02's tangent explorer has no .explorer-figure to drag "
                "(the notebooks still show the ipympl explorers; the new page contract lands "
                "with the lead's explorer branch)"
            )
            return
        self.explorer = explorers.first
        self.explorer.locator(".explorer-figure").scroll_into_view_if_needed()

    def drag(self, keep_going):
        """Drag the point left and right across the figure while ``keep_going()``; the figures."""
        if self.explorer is None:
            return {"measured": False, "reason": self.not_measured}
        page = self.page
        figure = self.explorer.locator(".explorer-figure")
        # Across the left part of the figure only: inside the plot whether the figure has
        # one panel (x², notebook 00) or two (x² and its derivative, notebook 02). A move
        # past the plot's edge would keep x at the edge, with nothing new to draw.
        box = figure.bounding_box()
        left, right = box["x"] + 0.15 * box["width"], box["x"] + 0.40 * box["width"]
        y = box["y"] + 0.5 * box["height"]
        self.explorer.evaluate(MEASURE_DRAG)
        page.mouse.move(left, y)
        page.mouse.down()
        sent, started = 0, time.monotonic()
        while keep_going():
            phase = ((time.monotonic() - started) / 2.0) % 2  # 2 s across, 2 s back
            fraction = phase if phase <= 1 else 2 - phase
            page.mouse.move(left + fraction * (right - left), y)
            sent += 1
            next_move = started + sent / MOVES_PER_S  # as a steady hand would: 60 moves a second
            time.sleep(max(0.0, next_move - time.monotonic()))
        page.mouse.up()
        measured = page.evaluate(READ_DRAG)
        seconds = measured["seconds"]
        return {
            "measured": True,
            "seconds": seconds,
            "moves_sent_per_s": sent / seconds,
            "moves_seen_per_s": measured["moves"] / seconds,
            "page_frames_per_s": measured["frames"] / seconds,
            "drawn_frames_per_s": measured["drawn_frames"] / seconds,
            "readout_changes_per_s": measured["readout_frames"] / seconds,
            "lag_ms": spread(measured["lags_ms"], worst=False),
        }

    def close(self):
        self.browser.close()


# ---------------------------------------------------------------------------
# The class


def run_class(students=30):
    """Start the hub; one student alone (the baseline), the dragging student, then the class."""
    from playwright.sync_api import sync_playwright

    state = Path(tempfile.mkdtemp(prefix="class-hub-"))
    hub = LocalHub(state, students=students + 2).start()
    class_names = hub.students[:students]
    dragger_name, alone_name = hub.students[students:]
    result = {"students": students, "notebook": NOTEBOOK}
    try:
        result["alone"] = one_student_alone(hub, alone_name)
        with sync_playwright() as playwright:
            dragger = DraggingStudent(hub, dragger_name, playwright)
            try:
                dragger.open_tangent_explorer()
                idle_until = time.monotonic() + DRAG_IDLE_S
                drag_idle = dragger.drag(lambda: time.monotonic() < idle_until)
                sampler = Sampler(hub.process.pid, hub.proxy.pid)
                sampler.start()
                time.sleep(2)  # two samples of the idle hub first
                crowd, class_started, drag_loaded = the_class(hub, class_names, dragger)
                result["class_seconds"] = time.monotonic() - class_started
                sampler.stop()
            finally:
                dragger.close()
        result["dragging_student"] = {"idle": drag_idle, "under_load": drag_loaded}
        result.update(summarise_class([s.record for s in crowd], class_started))
        result["machine_during_class"] = summarise_samples(sampler.samples)
        hub_pid = hub.process.pid
        proxies = tree(hub.proxy.pid)
        result["hub_process"] = {
            "peak_mb": memory_mb(hub_pid, "VmHWM"),
            "cpu_s": cpu_seconds(hub_pid),
        }
        result["proxy_process"] = {
            "peak_mb": sum(memory_mb(pid, "VmHWM") for pid in proxies),
            "cpu_s": sum(cpu_seconds(pid) for pid in proxies),
        }
    finally:
        hub.stop()
        if result.get("failure_count", 1):  # keep the logs of a failed or crashed run
            print(f"kept the hub's state and log for a look: {state}", file=sys.stderr)
        else:
            hub.remove()
    return result


def one_student_alone(hub, name):
    """The same path as a class student's, on an idle hub; then that server stops again."""
    student = Student(hub, name)
    go, done = threading.Event(), threading.Semaphore(0)
    go.set()
    student.run(go, done)
    if "Authorization" in student.http.headers:
        student.http.delete(f"{hub.url}hub/api/users/{name}/server", timeout=60)
    record = {key: value for key, value in student.record.items() if not key.startswith("t_")}
    return record


def the_class(hub, names, dragger):
    """Every student at once, one thread each, while the dragging student drags on."""
    go, done = threading.Event(), threading.Semaphore(0)
    crowd = [Student(hub, name) for name in names]
    threads = [threading.Thread(target=student.run, args=(go, done)) for student in crowd]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    go.set()
    deadline = started + STUDENT_TIMEOUT_S
    finished = 0

    def class_still_running():
        nonlocal finished
        while done.acquire(blocking=False):
            finished += 1
        return finished < len(crowd) and time.monotonic() < deadline

    drag_loaded = dragger.drag(class_still_running)
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()))
    return crowd, started, drag_loaded


def summarise_class(records, class_started):
    """Medians, p95 and worst over the students; the failures by name."""
    ready = [r["t_ready"] - class_started for r in records if "t_ready" in r]
    failures = {r["student"]: r["failure"] for r in records if r.get("failure")}
    for record in records:
        if "server_start_s" not in record and record["student"] not in failures:
            failures[record["student"]] = "did not finish in time"
    return {
        "server_start_s": spread([r.get("server_start_s") for r in records]),
        "all_servers_ready_s": max(ready) if len(ready) == len(records) else None,
        "git_pull_s": spread([r.get("git_pull_s") for r in records]),
        "kernel_start_s": spread([r.get("kernel_start_s") for r in records]),
        "run_all_s": spread([r.get("run_all_s") for r in records]),
        "kernel_peak_mb": spread([r.get("kernel_peak_mb") for r in records]),
        "kernel_cpu_s": spread([r.get("kernel_cpu_s") for r in records]),
        "server_peak_mb": spread([r.get("server_peak_mb") for r in records]),
        "server_cpu_s": spread([r.get("server_cpu_s") for r in records]),
        "student_cpu_s": spread([r.get("student_cpu_s") for r in records]),
        **{
            f"{phase}_cpu_s": spread([r.get(f"{phase}_cpu_s") for r in records]) for phase in PHASES
        },
        "failures": failures,
        "failure_count": len(failures),
        "requests_resent": sum(r.get("resent", 0) for r in records),
        "tracebacks": {r["student"]: r["traceback"] for r in records if "traceback" in r},
    }


# ---------------------------------------------------------------------------
# Report


def _f(value, digits=1, unit=""):
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def drag_cell(drag):
    if not drag or not drag.get("measured"):
        return (drag or {}).get("reason", "not measured")
    lag = drag["lag_ms"]
    return (
        f"{_f(drag['drawn_frames_per_s'], 0)} frames/s drawn for "
        f"{_f(drag['moves_seen_per_s'], 0)} pointer moves/s (the page: "
        f"{_f(drag['page_frames_per_s'], 0)} frames/s); lag from a move to its drawing: "
        f"median {_f(lag['median'], 0)} ms, p95 {_f(lag['p95'], 0)} ms"
    )


def sizing_rows(result):
    """The "Sizing a hub" table of docs/launching.md: one student alone, the class, per student."""
    n, alone = result["students"], result["alone"]
    machine = result["machine_during_class"]

    def spread_cell(key, digits=1, unit=" s"):
        figures = result[key]
        return (
            f"median {_f(figures['median'], digits)}{unit}, p95 {_f(figures['p95'], digits)}"
            f"{unit}, worst {_f(figures['worst'], digits)}{unit}"
        )

    def alone_cell(key, digits=1, unit=" s"):
        return f"{_f(alone.get(key), digits)}{unit}"

    medians = (result["kernel_peak_mb"]["median"], result["server_peak_mb"]["median"])
    per_student_mb = None if None in medians else sum(medians)
    return [
        [
            "Server start (login → the student's server up)",
            alone_cell("server_start_s"),
            f"{spread_cell('server_start_s')}; all up {_f(result['all_servers_ready_s'])} s "
            "after the first login",
        ],
        ["nbgitpuller's first clone", alone_cell("git_pull_s"), spread_cell("git_pull_s")],
        [
            f"Run All of notebook {NOTEBOOK[:2]} ({alone.get('cells', '?')} code cells)",
            alone_cell("run_all_s"),
            spread_cell("run_all_s"),
        ],
        [
            "Kernel memory after Run All (peak RSS)",
            alone_cell("kernel_peak_mb", 0, " MB"),
            spread_cell("kernel_peak_mb", 0, " MB"),
        ],
        [
            "Student's server memory (jupyterhub-singleuser, peak RSS)",
            alone_cell("server_peak_mb", 0, " MB"),
            spread_cell("server_peak_mb", 0, " MB"),
        ],
        [
            "CPU time per student (server + kernel, by the end of Run All)",
            alone_cell("student_cpu_s", 1, " CPU-s"),
            spread_cell("student_cpu_s", 1, " CPU-s"),
        ],
        [
            "The hub and its proxy (peak RSS)",
            "",
            f"hub {_f(result['hub_process']['peak_mb'], 0)} MB, "
            f"proxy {_f(result['proxy_process']['peak_mb'], 0)} MB",
        ],
        [
            f"All of it at once (peak PSS: hub, proxy, {n + 1} servers, kernels, git)",
            "",
            f"{_f(machine['peak_pss_mb'] / 1024, 1)} GB, {_f(per_student_mb, 0)} MB a student",
        ],
        [
            f"CPU over the class ({_f(machine['seconds'], 0)} s from the first login to the "
            "last Run All)",
            "",
            f"{_f(machine['cpu_s'], 0)} CPU-s: {_f(machine['mean_cores_busy'], 2)} cores busy on "
            f"average, {_f(machine['peak_cores_busy'], 2)} at the peak (5 s), of "
            f"{os.cpu_count()}; this machine's other work meanwhile: "
            f"{_f(machine['cores_busy_others'], 2)} cores, the benchmark's own clients and "
            f"Chromium {_f(machine['cores_busy_driver'], 2)}",
        ],
        [
            "One more student dragging the tangent explorer",
            drag_cell(result["dragging_student"]["idle"]),
            drag_cell(result["dragging_student"]["under_load"])
            if result["dragging_student"]["under_load"] != result["dragging_student"]["idle"]
            else "(the same)",
        ],
        [
            "Failures (a server that did not start, a cell that raised, a timeout)",
            "1" if alone.get("failure") else "0",
            f"{result['failure_count']} ({result.get('requests_resent', 0)} requests resent "
            "after the server closed their connection unanswered, as a browser resends them)",
        ],
    ]


def cpu_split(result):
    """A student's CPU-seconds from login to the end of Run All, by phase (class medians),
    and their share of the hub's and the proxy's CPU time over the class."""
    per_kind = result["machine_during_class"]["per_kind"]
    split = {phase: result[f"{phase}_cpu_s"]["median"] for phase in PHASES}
    for kind in ("hub", "proxy"):
        split[kind] = per_kind.get(kind, {}).get("cpu_s", 0.0) / result["students"]
    split["student"] = result["student_cpu_s"]["median"]
    return split


PHASE_NAMES = {
    "hub": "The hub (login, spawn, API), its share",
    "proxy": "The proxy, its share",
    "server_start": "Server start (jupyterhub-singleuser, until ready)",
    "clone": "nbgitpuller's first clone (server and git)",
    "kernel_start": "Kernel start (session, kernel_info)",
    "setup_cells": "Setup cells (`import helpers`, `use_course_style()`)",
    "other_cells": f"The other cells of notebook {NOTEBOOK[:2]}",
    "student": "Server + kernel, median over the class (the phases' medians need not add up)",
}


def cpu_split_rows(result, baseline=None):
    """One row per phase: CPU-seconds a student (median); with a baseline run, before → after."""
    after = result["cpu_split"]
    before = (baseline or {}).get("cpu_split", {})
    rows = []
    for key, name in PHASE_NAMES.items():
        row = [name]
        if baseline is not None:
            row.append(_f(before.get(key), 2))
        rows.append([*row, _f(after.get(key), 2)])
    return rows


def cpu_split_headers(result, baseline=None):
    now = (
        f"CPU-s a student, this run ({result['measured_on']['date'][:10]}, "
        f"{result.get('commit', '?')})"
    )
    if baseline is None:
        return ["", now]
    then = f"baseline ({baseline['measured_on']['date'][:10]}, {baseline.get('commit', '?')})"
    return ["", f"CPU-s a student, {then}", now]


def sizing_headers(result):
    return ["what is measured", "one student alone", f"a class of {result['students']} at once"]


def markdown_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_results(result, key="hub"):
    """Put ``result`` under ``key`` in benchmarks/results.json, keeping every other key."""
    path = HERE / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results[key] = result
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return path


def read_results(key):
    path = HERE / "results.json"
    return json.loads(path.read_text()).get(key) if path.exists() else None


def current_commit():
    """This checkout's commit (short), and "+changes" if files differ from it."""

    def git(*arguments):
        return subprocess.run(
            ["git", "-C", str(ROOT), *arguments], capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "?"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.hub", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--students", type=int, default=30, help="class size (default 30)")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help='write "hub_baseline" instead of "hub": the run later runs are compared with',
    )
    arguments = parser.parse_args(argv)
    students = arguments.students
    key = "hub_baseline" if arguments.baseline else "hub"
    baseline = None if arguments.baseline else read_results("hub_baseline")
    started = time.perf_counter()
    machine = report.machine()
    machine["versions"].update({name: report.package_version(name) for name in VERSIONS})
    print(report.machine_line(machine))
    print(f"A class of {students} on one local hub, and one more student dragging in Chromium ...")
    result = run_class(students)
    result["measured_on"] = machine
    result["commit"] = current_commit()
    result["cpu_split"] = cpu_split(result)
    result["bars"] = {
        f"every server up within {START_BAR_S} s of the first login": (
            result["all_servers_ready_s"] is not None
            and result["all_servers_ready_s"] <= START_BAR_S
        ),
        "no failures": result["failure_count"] == 0 and not result["alone"].get("failure"),
    }
    if not result["tracebacks"]:
        del result["tracebacks"]
    result["seconds"] = round(time.perf_counter() - started, 1)
    path = write_results(result, key)
    print()
    print(markdown_table(sizing_headers(result), sizing_rows(result)))
    print()
    print(markdown_table(cpu_split_headers(result, baseline), cpu_split_rows(result, baseline)))
    print()
    for bar, held in result["bars"].items():
        print(f"{'bar held  ' if held else 'BAR MISSED'}  {bar}")
    for student, failure in result["failures"].items():
        print(f"FAILED  {student}: {failure}")
        print(result.get("tracebacks", {}).get(student, ""), end="")
    print(f'wrote {path} ("{key}"; {result["seconds"]} s)')
    return 0 if result["bars"]["no failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
