// Loaded between require.js and the widget renderer (html-manager's embed-amd.js) on every
// page with saved widget state, so the explorers run with no kernel and no CDN.
// Paths are made from this file's own address, so they hold at any page depth and under
// any base path (GitHub Pages serves the site under /derivatives-course/).
(function () {
  const here = document.currentScript;
  const npm = new URL("npm/", here.src); // what build_site.py copied from node_modules
  require.config({
    paths: {
      // The explorers are anywidget widgets: require.js loads anywidget from here.
      anywidget: new URL("anywidget", npm).href,
      // embed-amd.js defines @jupyter-widgets/base, /controls, /html-manager/dist/... in
      // one file, and their CSS asks for its Font Awesome files beside each module's
      // address: these make every such address a file in html-manager/, where they are.
      "@jupyter-widgets": new URL("html-manager", npm).href,
      "@jupyter-widgets/html-manager/dist": new URL("html-manager", npm).href,
    },
  });
  // A widget module the site does not serve is asked of this site (and fails there,
  // visibly), never of html-manager's default CDN. embed-amd.js reads this attribute from
  // the page's scripts when it loads.
  here.setAttribute("data-jupyter-widgets-cdn", new URL("widget-modules-not-served/", npm).href);
})();
