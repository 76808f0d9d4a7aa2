// The website's widget renderer: the only script a page with explorers gets for them
// (nb_ipywidgets_js in _config.yml), deferred, so the page's text and pictures show before
// any widget JavaScript runs.
//
// Every widget on the site is an anywidget (an ES module plus its traits), and with no
// kernel an anywidget needs only what anywidget's own front end gives it: a model to `get`
// its traits from, `set` and `on` for changes, and an element to draw in. So this file is
// that front end, for saved state: no require.js and no html-manager (3.5 MB, which a
// slow phone spent seconds parsing before the first explorer moved).
//
// When a widget comes within a screen of the viewport, this fetches the page's saved
// widget state once (course_site/widget_state.py moved it out of the page into the file
// that data-widget-state names), imports the widget's module and draws it, into a new
// <div class="widget-subarea"> just before its view script, where html-manager drew it.
// A reader who never scrolls near an explorer downloads none of it.
(function () {
  const here = document.currentScript;
  const VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const MODEL_REFERENCE = "IPY_MODEL_";

  // --- the saved state: one JSON file per page ---------------------------------------

  // base64 → the DataView that ipywidgets puts where a binary trait (`buffers`) goes.
  function bytesOf(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
    return new DataView(bytes.buffer);
  }

  function withBuffers(state, buffers = []) {
    for (const { path, data } of buffers) {
      let holder = state;
      for (const key of path.slice(0, -1)) holder = holder[key];
      holder[path[path.length - 1]] = bytesOf(data);
    }
    return state;
  }

  let savedState = null; // a promise of {model id: its saved entry}
  function loadSavedState() {
    savedState ??= (async () => {
      const address = new URL(here.dataset.widgetState, document.baseURI);
      const response = await fetch(address);
      if (!response.ok) throw new Error(`the widgets' saved state: ${response.status} ${address}`);
      return (await response.json()).state;
    })();
    return savedState;
  }

  // --- models: anywidget's model interface over one widget's saved traits --------------

  const models = new Map(); // model id -> a promise of its SavedModel

  class SavedModel {
    constructor(id, traits) {
      this.id = id;
      this.traits = traits;
      this.listeners = new Map(); // event name -> its callbacks
      this.widget_manager = { get_model: modelById };
    }

    get(name) {
      return this.traits[name];
    }

    set(name, value) {
      this.traits[name] = value;
      for (const callback of this.listeners.get(`change:${name}`) || []) callback(this, value);
    }

    on(event, callback) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event).add(callback);
    }

    off(event, callback) {
      if (!event) this.listeners.clear();
      else if (!callback) this.listeners.delete(event);
      else this.listeners.get(event)?.delete(callback);
    }

    // There is no kernel to save to or talk with: say so, as a page of html-manager's
    // does. The explorers catch it and go on with what the page can compute.
    save_changes() {
      throw new Error("no kernel on this page: nothing to save the change to");
    }

    send() {
      throw new Error("no kernel on this page: nothing to send the message to");
    }
  }

  function modelById(id) {
    const bare = id.startsWith(MODEL_REFERENCE) ? id.slice(MODEL_REFERENCE.length) : id;
    if (!models.has(bare)) {
      models.set(
        bare,
        loadSavedState().then((state) => {
          const saved = state[bare];
          if (!saved) throw new Error(`the saved state has no widget ${bare}`);
          return new SavedModel(bare, withBuffers(saved.state, saved.buffers));
        }),
      );
    }
    return models.get(bare);
  }

  // --- views: anywidget's render({model, el}) ------------------------------------------

  const modules = new Map(); // a module's source -> the promise of its import
  function importModule(source) {
    if (!modules.has(source)) {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      modules.set(source, import(url));
    }
    return modules.get(source);
  }

  const styles = new Set(); // each widget's CSS, added to the page once
  function addStyle(css) {
    if (!css || styles.has(css)) return;
    styles.add(css);
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
  }

  // What anywidget accepts as a widget module: a default export that is the widget
  // ({initialize?, render?}) or a function returning it, or a module exporting `render`.
  async function widgetOf(module) {
    const widget = module.default ?? module;
    return typeof widget === "function" ? await widget() : widget;
  }

  async function draw(view) {
    const { model_id } = JSON.parse(view.textContent);
    const model = await modelById(model_id);
    if (model.get("_model_name") !== "AnyModel") {
      throw new Error(
        `${model_id} is a ${model.get("_model_name")}: this page draws anywidgets only`,
      );
    }
    const area = document.createElement("div");
    area.className = "widget-subarea";
    const el = document.createElement("div");
    el.className = "jupyter-widgets";
    area.append(el);
    view.before(area);
    addStyle(model.get("_css"));
    const widget = await widgetOf(await importModule(model.get("_esm")));
    await widget.initialize?.({ model });
    await widget.render?.({ model, el });
  }

  function drawOrSayWhy(view) {
    draw(view).catch((error) => {
      console.error(error);
      const note = document.createElement("p");
      note.className = "widget-error";
      note.textContent = `This explorer could not be drawn here: ${error.message}`;
      view.before(note);
    });
  }

  // Each widget is drawn once, when its output area comes within a screen of the viewport
  // (a script element has no box of its own to watch).
  const viewsIn = new Map(); // an output area -> the view scripts in it
  for (const view of document.querySelectorAll(VIEWS)) {
    const area = view.parentElement;
    viewsIn.set(area, [...(viewsIn.get(area) || []), view]);
  }
  if (!viewsIn.size) return;
  const nearby = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        nearby.unobserve(entry.target);
        for (const view of viewsIn.get(entry.target)) drawOrSayWhy(view);
      }
    },
    { rootMargin: "100% 0px" },
  );
  for (const area of viewsIn.keys()) nearby.observe(area);
})();
