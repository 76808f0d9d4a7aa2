"""Update latency: from a new value in the kernel to a redrawn figure, per explorer.

Under ipympl (``%matplotlib widget``) a slider move or a mouse drag costs the
kernel three steps before the browser can show the new picture:

1. update  the explorer puts new data into its existing artists (``_update``);
2. draw    Agg draws the figure again: only the moving artists over a saved
           background when the explorer declares them (blitting), else all of it;
3. png     ipympl encodes the pixels that changed as a PNG and sends them
           (matplotlib's ``FigureCanvasWebAggCore.get_diff_image``).

The headline is 1 + 2 + 3, what the learner waits for kernel-side; "update +
draw" (1 + 2) is given beside it. The explorers run on ipympl's real canvas in
a plain Python process: a small stand-in plays the browser's part (it says the
view is ready and answers every "please draw" at once), so the timed code is
exactly the kernel's. The browser's own work is measured in browser.py.

The naive baseline is what ``ipywidgets.interact`` with the inline backend does
on every move: a new figure, everything plotted again, saved as a PNG with
``bbox_inches="tight"`` (as IPython's inline display does), then thrown away.
Its frames are timed in blocks between ours, so both see the same machine.
"""

import contextlib
import gc
import io
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from unittest import mock

import matplotlib
import numpy as np
from ipywidgets.widgets.widget import _instances as open_widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg

matplotlib.use("Agg")

import helpers  # noqa: E402  (after choosing the backend)
from helpers.explorers.base import Explorer  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from explorer_testing import ipympl_backend  # noqa: E402  (the tests' switch to ipympl)

#: Timed moves per explorer (a sweep back and forth across the slider).
MOVES = 200
#: Untimed moves first: the first full drawing, fonts, caches.
WARMUP = 10
#: Our moves are timed in blocks of this many, each followed by baseline frames.
BLOCK = 25
#: One baseline frame for every this many of our moves.
BASELINE_EVERY = 10
#: Moves timed without ipympl, where the explorer re-renders a whole PNG picture.
FALLBACK_MOVES = 5
#: Full redraws of the whole figure timed (what a resize or the first view costs).
FULL_DRAWS = 3

#: The bars: one 60 Hz frame for the median, two for the 95th percentile.
MEDIAN_BAR_MS = 16.7
P95_BAR_MS = 33.0
#: Readout updates per second in the browser while a slider moves continuously.
BROWSER_BAR_PER_S = 20.0
SPEEDUP_BAR = 2.0


class Case(NamedTuple):
    """How to benchmark one explorer: a value t is swept from ``low`` to ``high`` and back."""

    make: Callable[[float], Explorer]  # an explorer showing the value t
    move: Callable[[Explorer, float], None]  # what a slider move or a drag to t does
    low: float
    high: float


def sweep(low, high, count, steps=50):
    """``count`` values going back and forth across [low, high] in ``steps`` steps.

    Two values in a row always differ, so every move really changes something.
    """
    there = np.linspace(low, high, steps + 1)
    one_round = np.concatenate([there, there[-2:0:-1]])
    repeats = -(-count // len(one_round))  # ceiling division
    return [float(v) for v in np.tile(one_round, repeats)[:count]]


def neuron_loss(params):
    """The loss of notebook 07: a neuron with weights w1, w2 and bias b on 100 points."""
    return helpers.neuron.loss(params, *NEURON_DATA)


NEURON_DATA = helpers.neuron.make_dataset(np.random.default_rng(0), n_points=100, n_inputs=2)


#: Every explorer benchmarked, by the function that makes it. Two-dimensional
#: explorers are moved along a diagonal: t is the x coordinate.
REGISTRY = {
    "tangent_explorer": Case(
        make=lambda x: helpers.tangent_explorer(x=x),
        move=lambda explorer, x: explorer.move_to(x),
        low=-3.0,
        high=3.0,
    ),
    "tangent_explorer(show_derivative=True)": Case(
        make=lambda x: helpers.tangent_explorer(x=x, show_derivative=True),
        move=lambda explorer, x: explorer.move_to(x),
        low=-3.0,
        high=3.0,
    ),
    "secant_explorer": Case(
        make=lambda h: helpers.secant_explorer(h=h),
        move=lambda explorer, h: explorer.set_h(h),
        low=0.01,
        high=2.0,
    ),
    "step_size_explorer": Case(  # t = log10 h, the slider's value
        make=lambda t: helpers.step_size_explorer(h=10.0**t),
        move=lambda explorer, t: explorer.set_h(10.0**t),
        low=-16.0,
        high=0.0,
    ),
    "partials_explorer": Case(
        make=lambda t: helpers.partials_explorer(point=(t, 1.5 * t)),
        move=lambda explorer, t: explorer.move_to(t, 1.5 * t),
        low=-1.9,
        high=1.9,
    ),
    "gradient_explorer": Case(
        make=lambda t: helpers.gradient_explorer(point=(t, 0.6 * t)),
        move=lambda explorer, t: explorer.move_to(t, 0.6 * t),
        low=-2.9,
        high=2.9,
    ),
    "descent_explorer": Case(  # t = the learning rate
        make=lambda t: helpers.descent_explorer(learning_rate=t),
        move=lambda explorer, t: explorer.set_learning_rate(t),
        low=0.01,
        high=1.2,
    ),
    "descent_path_explorer": Case(  # t = the start's x; the path is recomputed
        make=lambda t: helpers.descent_path_explorer(start=(t, 0.5 * t)),
        move=lambda explorer, t: explorer.move_start(t, 0.5 * t),
        low=-2.9,
        high=2.9,
    ),
    "loss_slice_explorer": Case(  # the neuron of notebook 07, w1 moving
        make=lambda t: helpers.loss_slice_explorer(neuron_loss, [t, 0.0, 0.0], parameter="w1"),
        move=lambda explorer, t: explorer.move_to(t),
        low=-4.0,
        high=4.0,
    ),
}


def stand_in_for_the_browser(canvas):
    """Play the browser's part for an ipympl canvas, with no browser.

    The browser first says it is ready for PNG diffs ("initialized"); then each
    ``draw_idle`` sends it "draw", and it asks the kernel back to draw. Here the
    answer comes at once, so that drawing is timed with the move that asked.
    """
    canvas._handle_message(canvas, {"type": "initialized"}, [])
    send_json = canvas.send_json

    def answer(content):
        send_json(content)
        if content["type"] == "draw":
            canvas.handle_draw(None)

    canvas.send_json = answer


@contextlib.contextmanager
def closing_new_widgets():
    """Close the widgets made in this block, so that they and their figures can be freed.

    ipywidgets keeps every widget in a registry until it is closed. Without
    this, every explorer made here would stay in memory, and the garbage
    collector would get slower with each one.
    """
    before = set(open_widgets)
    try:
        yield
    finally:
        for key in set(open_widgets) - before:
            open_widgets[key].close()


class Stopwatch:
    """Adds up the time spent inside the methods it wraps (a call inside another counts once)."""

    def __init__(self, *methods):
        self.seconds = 0.0
        self.calls = 0  # outermost calls only
        self.depth = 0
        for owner, name in methods:
            setattr(owner, name, self.timed(getattr(owner, name)))

    def timed(self, method):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds += time.perf_counter() - start
                    self.calls += 1

        return wrapper


def naive_frame(case, value):
    """One baseline frame: a new explorer figure at ``value``, saved as a PNG, dropped.

    The explorer's widgets and first picture are skipped (``_assemble``), so
    only the figure is made, as a plain plotting function would.
    """
    with mock.patch.object(Explorer, "_assemble", lambda self, controls: None):
        explorer = case.make(value)
    with io.BytesIO() as png:
        explorer.fig.savefig(png, format="png", bbox_inches="tight")
        return png.getbuffer().nbytes


def measure(case):
    """Time MOVES moves of one explorer and its baseline; return medians, p95s, breakdown."""
    values = sweep(case.low, case.high, 1 + WARMUP + MOVES)
    with ipympl_backend():
        explorer = case.make(values[0])
    canvas = explorer.fig.canvas
    stand_in_for_the_browser(canvas)
    drawing = Stopwatch((explorer, "_redraw"), (canvas, "handle_draw"))
    encoding = Stopwatch((canvas, "get_diff_image"))
    full_redraws = Stopwatch((canvas, "handle_draw"))  # whole-figure draws asked for by moves
    png_sizes = []
    send_binary = canvas.send_binary
    canvas.send_binary = lambda data: (png_sizes.append(len(data)), send_binary(data))

    def our_frame(value):
        drawing.seconds = encoding.seconds = 0.0
        cpu = time.thread_time()
        start = time.perf_counter()
        case.move(explorer, value)
        total = time.perf_counter() - start
        cpu = time.thread_time() - cpu
        return total - drawing.seconds, drawing.seconds - encoding.seconds, encoding.seconds, cpu

    def baseline_frame(value):
        with closing_new_widgets():
            start = time.perf_counter()
            naive_frame(case, value)
            return time.perf_counter() - start

    for value in values[1 : 1 + WARMUP]:
        our_frame(value)
    baseline_frame(values[0])
    png_sizes.clear()
    full_redraws.calls = 0

    # The garbage collector runs between the blocks, and stays on inside them, as in a kernel.
    ours, baseline = [], []
    timed = values[1 + WARMUP :]
    for start in range(0, len(timed), BLOCK):
        block = timed[start : start + BLOCK]
        gc.collect()
        ours += [our_frame(value) for value in block]
        gc.collect()
        baseline += [baseline_frame(value) for value in block[::BASELINE_EVERY]]

    gc.collect()
    full_draws = []
    for _ in range(FULL_DRAWS):
        start = time.perf_counter()
        FigureCanvasAgg.draw(canvas)  # the whole figure, without sending it
        full_draws.append(time.perf_counter() - start)

    # Without ipympl the explorer re-renders its whole figure as a PNG picture.
    # (The first of these moves is a warm-up, left out of the median.)
    fallback_explorer = case.make(values[0])
    fallback = []
    for value in values[1 : 2 + FALLBACK_MOVES]:
        start = time.perf_counter()
        case.move(fallback_explorer, value)
        fallback.append(time.perf_counter() - start)

    ours = np.array(ours) * 1000  # columns: update, draw, png, cpu; in milliseconds
    baseline = np.array(baseline) * 1000
    total, without_png = ours[:, :3].sum(axis=1), ours[:, :2].sum(axis=1)
    width, height = canvas.get_width_height()
    median, baseline_median = float(np.median(total)), float(np.median(baseline))
    return {
        "median_ms": median,
        "p95_ms": float(np.percentile(total, 95)),
        "draw_median_ms": float(np.median(without_png)),
        "draw_p95_ms": float(np.percentile(without_png, 95)),
        "baseline_median_ms": baseline_median,
        "baseline_p95_ms": float(np.percentile(baseline, 95)),
        "speedup": baseline_median / median,
        "moves": len(total),
        "baseline_moves": len(baseline),
        "updates_per_s": None,
        "breakdown": {
            "update_ms": float(np.median(ours[:, 0])),
            "draw_ms": float(np.median(ours[:, 1])),
            "png_ms": float(np.median(ours[:, 2])),
            "cpu_ms": float(np.median(ours[:, 3])),
            "blitting": bool(getattr(explorer, "_moving_artists", None)),
            "full_redraws": full_redraws.calls,
            "png_kb": float(np.median(png_sizes)) / 1000 if png_sizes else None,
            "figure_px": f"{width}x{height}",
            "dpi": explorer.fig.dpi,
            "full_draw_ms": float(np.median(full_draws) * 1000),
            "no_ipympl_ms": float(np.median(fallback[1:]) * 1000),
        },
    }


def bars(row):
    """Which bars one explorer's row meets: {bar: True/False}."""
    held = {
        f"median <= {MEDIAN_BAR_MS} ms": row["median_ms"] <= MEDIAN_BAR_MS,
        f"p95 <= {P95_BAR_MS:g} ms": row["p95_ms"] <= P95_BAR_MS,
        f"speedup >= {SPEEDUP_BAR:g}x": row["speedup"] >= SPEEDUP_BAR,
    }
    if row.get("updates_per_s") is not None:
        held[f"browser >= {BROWSER_BAR_PER_S:g} updates/s"] = (
            row["updates_per_s"] >= BROWSER_BAR_PER_S
        )
    return held


def run(names=None, log=print):
    """Measure every explorer in REGISTRY (or just ``names``): {name: row}.

    An explorer that fails gets a row {"error": "..."} and the others still run.
    """
    rows = {}
    for name in names or REGISTRY:
        start = time.perf_counter()
        try:
            with closing_new_widgets():
                rows[name] = measure(REGISTRY[name])
        except Exception as error:  # one broken explorer must not stop the others
            traceback.print_exc()
            rows[name] = {"error": f"{type(error).__name__}: {error}"}
        log(f"  {name}: measured in {time.perf_counter() - start:.0f} s", flush=True)
        gc.collect()
    return rows


HEADERS = ["explorer", "median ms", "p95 ms", "update+draw ms", "baseline median ms",
           "baseline p95 ms", "speedup", "updates/s (browser)"]  # fmt: skip
BREAKDOWN_HEADERS = ["explorer", "update ms", "draw ms", "png ms", "CPU ms", "blit",
                     "full redraws", "png kB", "figure", "full draw ms",
                     "no-ipympl ms"]  # fmt: skip


def table_rows(rows):
    """The latency table's rows (medians unless said otherwise)."""
    lines = []
    for name, row in rows.items():
        rate = row.get("updates_per_s")
        rate = "null" if rate is None else f"{rate:.1f}"
        if "median_ms" not in row:  # an error, or only measured in the browser
            lines.append([name, "ERROR" if "error" in row else "–", *[""] * 5, rate])
            continue
        lines.append(
            [
                name,
                f"{row['median_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                f"{row['draw_median_ms']:.1f}",
                f"{row['baseline_median_ms']:.1f}",
                f"{row['baseline_p95_ms']:.1f}",
                f"{row['speedup']:.1f}x",
                rate,
            ]
        )
    return lines


def breakdown_rows(rows):
    """Where the time of one move goes, per explorer (medians)."""
    lines = []
    for name, row in rows.items():
        if "breakdown" not in row:
            continue
        b = row["breakdown"]
        lines.append(
            [
                name,
                f"{b['update_ms']:.2f}",
                f"{b['draw_ms']:.1f}",
                f"{b['png_ms']:.1f}",
                f"{b['cpu_ms']:.1f}",
                "yes" if b["blitting"] else "no",
                f"{b['full_redraws']}/{row['moves']}",
                "–" if b["png_kb"] is None else f"{b['png_kb']:.1f}",
                f"{b['figure_px']} @{b['dpi']:g}dpi",
                f"{b['full_draw_ms']:.1f}",
                f"{b['no_ipympl_ms']:.1f}",
            ]
        )
    return lines
