"""A minimal widget in the shape of the explorers' page contract, for the site's tests.

It is not a course explorer: it proves that the site's widget pipeline (saved state and
the site's own renderer, static/course-widgets.js, all served locally) draws a live
anywidget with no kernel, so tests/test_site_widgets.py can check the contract before
the real explorers land. Python computes every number (x on a lattice, f(x) = x², slope
= 2x); the browser only looks them up.
"""

import anywidget
import numpy as np
import traitlets

ESM = """
function render({ model, el }) {
  const xs = model.get("xs"), fs = model.get("fs"), slopes = model.get("slopes");
  const root = document.createElement("div");
  root.className = "explorer";
  const slider = document.createElement("div");
  slider.setAttribute("role", "slider");
  slider.tabIndex = 0;
  slider.setAttribute("aria-label", "x");
  slider.setAttribute("aria-valuemin", xs[0]);
  slider.setAttribute("aria-valuemax", xs[xs.length - 1]);
  const readout = document.createElement("div");
  readout.className = "explorer-readout";
  const figure = document.createElement("div");
  figure.className = "explorer-figure";
  figure.tabIndex = 0;
  const canvas = document.createElement("canvas");
  canvas.width = 300; canvas.height = 100;
  figure.append(canvas);
  root.append(slider, readout, figure);
  el.append(root);
  let index = model.get("index");
  function show() {
    const x = xs[index];
    slider.setAttribute("aria-valuenow", x);
    slider.setAttribute("aria-valuetext", "x = " + x.toFixed(2));
    readout.textContent = "x = " + x.toFixed(2) + "   f(x) = " + fs[index].toFixed(2) +
      "   slope = " + slopes[index].toFixed(2);
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.fillRect(index / (xs.length - 1) * canvas.width - 3, 47, 6, 6);
  }
  function step(delta) { index = Math.max(0, Math.min(xs.length - 1, index + delta)); show(); }
  function onKey(event) {
    const steps = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
    if (event.key in steps) { step(steps[event.key]); event.preventDefault(); }
  }
  function onPointer(event) {
    if (event.type === "pointerdown") figure.setPointerCapture(event.pointerId);
    else if (!figure.hasPointerCapture(event.pointerId)) return;
    const box = canvas.getBoundingClientRect();
    const share = Math.max(0, Math.min(1, (event.clientX - box.left) / box.width));
    index = Math.round(share * (xs.length - 1)); show();
  }
  slider.addEventListener("keydown", onKey);
  figure.addEventListener("keydown", onKey);
  figure.addEventListener("pointerdown", onPointer);
  figure.addEventListener("pointermove", onPointer);
  show();
}
export default { render };
"""


class ContractProbe(anywidget.AnyWidget):
    _esm = traitlets.Unicode(ESM).tag(sync=True)
    xs = traitlets.List().tag(sync=True)
    fs = traitlets.List().tag(sync=True)
    slopes = traitlets.List().tag(sync=True)
    index = traitlets.Int().tag(sync=True)

    def __init__(self, x=1.0):
        xs = np.round(np.linspace(-3, 3, 601), 2)
        super().__init__(
            xs=xs.tolist(),
            fs=(xs**2).tolist(),
            slopes=(2 * xs).tolist(),
            index=int(np.argmin(abs(xs - x))),
        )
