// The only script a page with explorers gets for them (nb_ipywidgets_js in _config.yml),
// deferred, so the page's text and pictures show before any widget JavaScript runs.
// When an explorer is about to come into view (within a screen of it), it fetches the
// page's saved widget state (course_site/widget_state.py moved it out of the page into
// the file this script's data-widget-state names), then loads, in this order:
// require.js, where to find anywidget (widgets-require-config.js), and the widget
// renderer (html-manager's embed-amd.js, 3.5 MB), which draws every explorer of the page
// from that state. A reader who never scrolls near an explorer downloads none of it.
(function () {
  const here = document.currentScript;
  const RENDERER = ["npm/require.js", "widgets-require-config.js", "npm/html-manager/embed-amd.js"];
  const VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]';
  const STATE = "application/vnd.jupyter.widget-state+json";

  function loadInOrder(files) {
    if (!files.length) return;
    const script = document.createElement("script");
    script.src = new URL(files[0], here.src).href;
    script.onload = () => loadInOrder(files.slice(1));
    document.head.append(script);
  }

  async function drawExplorers() {
    const address = new URL(here.dataset.widgetState, document.baseURI);
    const response = await fetch(address);
    if (!response.ok) throw new Error(`the explorers' saved state: ${response.status} ${address}`);
    const state = document.createElement("script");
    state.type = STATE; // where the renderer looks for it
    state.textContent = await response.text();
    document.body.append(state);
    loadInOrder(RENDERER);
  }

  const explorers = [...document.querySelectorAll(VIEWS)].map((view) => view.parentElement);
  if (!explorers.length) return;
  const nearby = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      nearby.disconnect();
      drawExplorers();
    },
    { rootMargin: "100% 0px" },
  );
  for (const explorer of explorers) nearby.observe(explorer);
})();
