// The JupyterHub button of the launch bar: the reader types their hub's address, and the
// link becomes nbgitpuller's link on that hub (course_site/launch_buttons.py makes the
// template, with HUB where the hub goes). The address is remembered in this browser only.
(function () {
  const STORAGE_KEY = "course-jupyterhub";

  // "jupyter.myschool.org", "https://myschool.org/jupyter/" → "https://…" (no trailing /).
  function hubBase(text) {
    let typed = text.trim();
    if (!typed) return null;
    if (!/^https?:\/\//i.test(typed)) typed = "https://" + typed;
    try {
      const url = new URL(typed);
      const path = url.pathname.replace(/\/+$/, "").replace(/\/hub$/, "");
      return url.origin + path;
    } catch {
      return null;
    }
  }

  function connect(details) {
    const input = details.querySelector("input");
    const link = details.querySelector(".course-launch-hub-link");
    const template = link.dataset.template;
    function update() {
      const base = hubBase(input.value);
      if (base) {
        link.href = template.replace("https://HUB", base);
        localStorage.setItem(STORAGE_KEY, input.value.trim());
      } else {
        link.removeAttribute("href");
      }
    }
    input.value = localStorage.getItem(STORAGE_KEY) || "";
    input.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".course-launch-hub").forEach(connect);
  });
})();
