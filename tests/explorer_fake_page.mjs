// explorer.js on a fake page, in Node: tests/test_explorer_js.py runs this and reads
// the JSON it prints.
//
// The page is just enough DOM for one explorer, and everything a view could leave
// behind is counted: timers, animation frames, resize observers, object URLs, DOM
// listeners and model listeners. The script renders an explorer, presses keys, drags,
// clicks, lets frames and timers run, then calls the cleanup anywidget calls, and
// reports what is still alive and what each key did.
//
// usage: node tests/explorer_fake_page.mjs path/to/explorer.mjs

import { pathToFileURL } from "node:url";

// --- what is alive ----------------------------------------------------------------------

let clock = 0;
let nextId = 1;
const timers = new Map(); // id -> {at, callback}
const frames = new Map(); // id -> callback
const observers = new Set();
const urls = new Set();
const listeners = new Set(); // "element id/type/callback" entries, one per listener
const modelListeners = new Set();

globalThis.setTimeout = (callback, ms = 0) => {
  const id = nextId++;
  timers.set(id, { at: clock + ms, callback });
  return id;
};
globalThis.clearTimeout = (id) => {
  timers.delete(id);
};
globalThis.requestAnimationFrame = (callback) => {
  const id = nextId++;
  frames.set(id, callback);
  return id;
};
globalThis.cancelAnimationFrame = (id) => {
  frames.delete(id);
};
globalThis.ResizeObserver = class {
  constructor(callback) {
    this.callback = callback;
  }
  observe() {
    observers.add(this);
  }
  disconnect() {
    observers.delete(this);
  }
};
URL.createObjectURL = () => {
  const url = `blob:fake/${nextId++}`;
  urls.add(url);
  return url;
};
URL.revokeObjectURL = (url) => {
  urls.delete(url);
};
Object.defineProperty(globalThis, "performance", {
  value: { now: () => clock },
  configurable: true,
});

// Time passes: every timer due runs, then every frame requested runs.
function wait(ms) {
  clock += ms;
  for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
    if (timer.at <= clock && timers.has(id)) {
      timers.delete(id);
      timer.callback();
    }
  }
  for (const [id, callback] of [...frames]) {
    frames.delete(id);
    callback();
  }
}

// --- the page -------------------------------------------------------------------------------

// A 2D context that accepts every call and setting (its transform: the identity).
const context = new Proxy(
  { getTransform: () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }) },
  { get: (target, name) => (name in target ? target[name] : () => {}) },
);

// Anything listeners are added to (the window, the document, an element), each
// listener counted while it is on.
class FakeTarget {
  constructor() {
    this.id = nextId++;
    this.handlers = []; // {type, callback, capture}
  }
  addEventListener(type, callback, options) {
    const capture = options === true || Boolean(options?.capture);
    this.handlers.push({ type, callback, capture });
    listeners.add(`${this.id}/${type}/${callbackId(callback)}/${capture}`);
  }
  removeEventListener(type, callback, options) {
    const capture = options === true || Boolean(options?.capture);
    const same = (h) => h.type === type && h.callback === callback && h.capture === capture;
    this.handlers = this.handlers.filter((h) => !same(h));
    listeners.delete(`${this.id}/${type}/${callbackId(callback)}/${capture}`);
  }
  run(event, phase) {
    const wanted = (h) =>
      h.type === event.type && (phase === "target" || h.capture === (phase === "capture"));
    for (const { callback } of this.handlers.filter(wanted)) {
      if (!event.stopped) callback(event);
    }
  }
}

globalThis.window = new FakeTarget();
globalThis.window.devicePixelRatio = 1;
globalThis.document = new FakeTarget();
globalThis.document.createElement = (tag) => new FakeElement(tag);
globalThis.document.createTextNode = (text) => new FakeText(text);
globalThis.document.activeElement = null;

// A text node: its `data` is its text, changed in place as explorer.js changes it.
class FakeText {
  constructor(text) {
    this.data = String(text);
    this.parent = null;
  }
  get textContent() {
    return this.data;
  }
  set textContent(text) {
    this.data = String(text);
  }
}

class FakeElement extends FakeTarget {
  constructor(tag) {
    super();
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.parent = null;
    this.attributes = {};
    this.style = {};
    this.hidden = false;
    this.className = "";
    this.own = "";
    this.value = "";
    this.width = 0;
    this.height = 0;
    this.clientWidth = 400;
    const names = () => this.className.split(" ").filter(Boolean);
    this.classList = {
      add: (name) => (this.className = [...new Set([...names(), name])].join(" ")),
      remove: (name) =>
        (this.className = names()
          .filter((n) => n !== name)
          .join(" ")),
      contains: (name) => names().includes(name),
      toggle: (name, on) => {
        if (on) this.classList.add(name);
        else this.classList.remove(name);
        return on;
      },
    };
  }
  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }
  getAttribute(name) {
    return name in this.attributes ? this.attributes[name] : null;
  }
  append(...nodes) {
    for (const node of nodes) {
      const child = typeof node === "string" ? new FakeText(node) : node;
      child.parent = this;
      this.children.push(child);
    }
  }
  replaceChildren(...nodes) {
    this.children = [];
    this.append(...nodes);
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
    this.parent = null;
  }
  get firstChild() {
    return this.children[0] ?? null;
  }
  get textContent() {
    return this.children.length ? this.children.map((c) => c.textContent).join("") : this.own;
  }
  set textContent(text) {
    this.children = [];
    this.own = String(text);
  }
  // An event at this element, as a browser sends it: down from the window through the
  // document and the element's parents (capture), at the element, and back up (bubble),
  // until a listener stops it.
  dispatch(type, fields = {}) {
    const event = {
      type,
      target: this,
      buttons: 0,
      pointerId: 1,
      defaultPrevented: false,
      stopped: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      stopPropagation() {
        this.stopped = true;
      },
      ...fields,
    };
    const above = [];
    for (let node = this.parent; node; node = node.parent) above.unshift(node);
    const path = [globalThis.window, globalThis.document, ...above];
    for (const node of path) node.run(event, "capture");
    this.run(event, "target");
    for (const node of path.reverse()) node.run(event, "bubble");
    return event;
  }
  getBoundingClientRect() {
    return { left: 0, top: 0, width: 400, height: 300 };
  }
  focus() {
    globalThis.document.activeElement = this;
  }
  setPointerCapture() {}
  getContext() {
    return context;
  }
  // The first element below this one (or this one) for which `test` holds.
  find(test) {
    if (test(this)) return this;
    for (const child of this.children) {
      const found = child instanceof FakeElement ? child.find(test) : null;
      if (found) return found;
    }
    return null;
  }
}

const callbackIds = new WeakMap();
function callbackId(callback) {
  if (!callbackIds.has(callback)) callbackIds.set(callback, nextId++);
  return callbackIds.get(callback);
}

// --- one explorer's traits, as widget.Explorer sends them ------------------------------------

function float64(values) {
  return new DataView(new Float64Array(values).buffer);
}

const xs = Array.from({ length: 13 }, (_, i) => -3 + 0.5 * i);
const style = { color: "#0072b2", alpha: 1, width: 1.5, dashes: [], marker: "o", size: 6 };
Object.assign(style, { face: "#0072b2", edge: "#0072b2", edge_width: 1, clip: true });
const traits = {
  size: [400, 300],
  backgrounds: [
    {
      png: new DataView(new Uint8Array([137, 80, 78, 71]).buffer),
      panels: [{ box: [40, 30, 320, 240], x: [-3, 3], y: [-1, 9], x_log: false, y_log: false }],
    },
  ],
  background_by: "",
  controls: [
    {
      kind: "slider",
      name: "x",
      label: "x",
      values: float64(xs),
      format: ".2f",
      page: 3,
      shown_when: {},
      marks: [
        { label: "0", at: 0 },
        { label: "c", at: "c" },
      ],
    },
    { kind: "choice", name: "kind", label: "function", options: ["square", "cube"] },
    { kind: "counter", name: "steps", values: float64([0, 1, 2, 3, 4, 5]) },
    { kind: "button", label: "Step", counter: "steps", add: 1, set_to: null, tooltip: "" },
  ],
  tables: [
    {
      over: ["x"],
      shape: [13],
      at: {},
      columns: {
        f: { float64: float64(xs.map((x) => x * x)), shape: [13] },
        c: { float64: float64(xs.map(() => 1)), shape: [13] },
      },
    },
  ],
  answers: [],
  layers: [
    { draw: "point", panel: 0, style, shown_when: {}, fade_while_pending: false, at: ["x", "f"] },
    // A path no table holds: the kernel would compute it, so it waits (a status timer).
    { draw: "path", panel: 0, style, shown_when: {}, fade_while_pending: true, x: "px", y: "py" },
  ],
  readout_items: [
    { kind: "number", label: "x", column: null, control: "x", format: ".2f", large: null },
    { kind: "number", label: "f(x)", column: "f", control: null, format: ".2f", large: null },
    { kind: "words", column: "verdict", label: null, strong: false, shown_when: {} },
  ].map((item) => ({ strong: false, shown_when: {}, ...item })),
  drags: [
    {
      panel: 0,
      x: "x",
      y: null,
      x_at: null,
      y_at: null,
      sets: { steps: 0 },
      shown_when: {},
      pick: null,
      pick_at: null,
    },
  ],
  position: { x: 6, kind: 0, steps: 0, seq: 0 },
  description: "A test figure.",
};

const saved = [];
const model = {
  traits: { ...traits },
  handlers: new Map(),
  get(name) {
    return this.traits[name];
  },
  set(name, value) {
    this.traits[name] = value;
  },
  save_changes() {
    saved.push(this.traits.position);
  },
  on(event, callback) {
    modelListeners.add(`${event}/${callbackId(callback)}`);
  },
  off(event, callback) {
    modelListeners.delete(`${event}/${callbackId(callback)}`);
  },
};

// --- the run --------------------------------------------------------------------------------

const explorer = await import(pathToFileURL(process.argv[2]).href);
// The notebook around the explorer hears keys as Notebook 7 does (on the document, in
// the capture phase, before the explorer's elements) and as JupyterLab does (bubbling).
// Added straight to the handlers: only the explorer's own listeners are counted.
const notebook = new FakeElement("div");
const seenByNotebook = [];
const hear = (event) => seenByNotebook.push(event.key);
document.handlers.push({ type: "keydown", callback: hear, capture: true });
notebook.handlers.push({ type: "keydown", callback: hear, capture: false });
const el = new FakeElement("div");
notebook.append(el);
const cleanup = explorer.default.render({ model, el });
const root = el.children[0];
const slider = root.find((node) => node.attributes.role === "slider");
const figure = root.find((node) => node.className === "explorer-figure");
const button = root.find((node) => node.tagName === "BUTTON");

const keys = [];
function press(target, name, key, fields = {}) {
  const before = seenByNotebook.length;
  const event = target.dispatch("keydown", { key, ...fields });
  target.dispatch("keyup", { key, ...fields });
  keys.push({
    target: name,
    key: fields.shiftKey ? `Shift+${key}` : key,
    prevented: event.defaultPrevented,
    reachedNotebook: seenByNotebook.length - before, // 0, or 2: Notebook 7's way and Lab's
    x: model.traits.position.x ?? null,
  });
  wait(16);
}

for (const key of ["ArrowRight", "ArrowUp", "PageUp", "End", "ArrowRight", "Home", "ArrowLeft"]) {
  press(slider, "slider", key);
}
press(slider, "slider", "PageDown");
for (const key of ["Tab", "Escape", "Enter", "a"]) press(slider, "slider", key);
press(slider, "slider", "Enter", { shiftKey: true });
for (const key of ["ArrowRight", "ArrowUp", "ArrowDown", "Tab"]) press(figure, "figure", key);

// A drag on the figure, a click on the button, and a move left waiting for the kernel.
figure.dispatch("pointerdown", { clientX: 200, clientY: 150, buttons: 1 });
figure.dispatch("pointermove", { clientX: 360, clientY: 150, buttons: 1 });
figure.dispatch("pointerup", { clientX: 360, clientY: 150 });
const afterDrag = model.traits.position.x;
button.dispatch("click");
const afterClick = model.traits.position.steps;
wait(16);
slider.dispatch("keydown", { key: "ArrowLeft" }); // a frame and a send to the kernel now wait
const readout = root.find((node) => node.className === "explorer-readout").textContent;
const status = root.find((node) => node.className === "explorer-status").textContent;

const count = () => ({
  timers: timers.size,
  frames: frames.size,
  observers: observers.size,
  urls: urls.size,
  listeners: listeners.size,
  modelListeners: modelListeners.size,
});
const before = count();
cleanup();
const after = count();
wait(10_000); // nothing of the view may run after its cleanup

console.log(
  JSON.stringify({
    keys,
    afterDrag,
    afterClick,
    readout,
    status,
    saved: saved.length,
    before,
    after,
    rootRemoved: el.children.length === 0,
    afterWait: count(),
  }),
);
