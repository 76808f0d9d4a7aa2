// The site's maths, typeset once when the site is built, so no page loads MathJax.
//
//   node site/prerender_maths.mjs _site/        (build_site.py runs it after Sphinx)
//
// Sphinx writes each formula as <span class="math notranslate nohighlight">\( TeX \)</span>
// or <div class="math notranslate nohighlight">\[ TeX \]</div>. MathJax (mathjax-full, the
// same TeX engine the browser would run) turns each into an SVG drawing, with the formula
// as MathML beside it for screen readers. The glyphs' outlines go once per page into a
// hidden <svg> at the start of the body, which each formula's <use> elements point to.
// Why: in the browser MathJax is 1.1 MB of script and about a second of a slow phone's main
// thread, and the text around a formula moves when it is typeset.
//
// A formula MathJax cannot read stops the build, naming the page and the TeX.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { mathjax } = require("mathjax-full/js/mathjax.js");
const { TeX } = require("mathjax-full/js/input/tex.js");
const { SVG } = require("mathjax-full/js/output/svg.js");
const { liteAdaptor } = require("mathjax-full/js/adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = require("mathjax-full/js/handlers/html.js");
const { AssistiveMmlHandler } = require("mathjax-full/js/a11y/assistive-mml.js");
require("mathjax-full/js/input/tex/base/BaseConfiguration.js");
require("mathjax-full/js/input/tex/ams/AmsConfiguration.js");

const FORMULA =
  /<(span|div) class="math notranslate nohighlight">\s*\\([([])([\s\S]*?)\\[)\]]\s*<\/\1>/g;
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };
// The font size the pages' prose is set in (px) and the width a display formula may use.
const EM = 16;
// TeX's x-height (em): formulas scale with the prose's x-height, as MathJax in a browser does.
const TEX_X_HEIGHT = 0.442;
const CONTAINER_WIDTH = 40 * EM;

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
const svg = new SVG({ fontCache: "global" });
const page = mathjax.document("", {
  InputJax: new TeX({ packages: ["base", "ams"] }),
  OutputJax: svg,
});

function typeset(tex, display, where) {
  const container = page.convert(tex, {
    display,
    em: EM,
    ex: TEX_X_HEIGHT * EM,
    containerWidth: CONTAINER_WIDTH,
  });
  // A display formula wider than a phone scrolls sideways (the theme's CSS): a keyboard
  // must be able to reach it to scroll it, as MathJax in a browser allows.
  if (display) adaptor.setAttribute(container, "tabindex", "0");
  const drawn = adaptor.outerHTML(container);
  if (drawn.includes("data-mjx-error") || drawn.includes('data-mml-node="merror"')) {
    throw new Error(`${where}: MathJax cannot read the formula ${JSON.stringify(tex)}`);
  }
  return drawn;
}

/** One page's HTML with every formula typeset, or the same text when it has none. */
export function typesetPage(html, where = "the page") {
  svg.clearFontCache();
  let formulas = 0;
  const typesetHtml = html.replace(FORMULA, (whole, _tag, opening, escapedTex) => {
    const tex = escapedTex.replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity]);
    formulas += 1;
    const drawn = typeset(tex.trim(), opening === "[", where);
    // A function, not a string: a $ in the drawing must not be read as a pattern.
    return whole.replace(/>[\s\S]*<\//, () => `>${drawn}</`);
  });
  if (formulas === 0) return html;
  const styles = `<style id="course-maths">${adaptor.textContent(svg.styleSheet(page))}</style>`;
  const glyphs = adaptor.outerHTML(svg.pageElements(page));
  return typesetHtml
    .replace("</head>", () => `${styles}\n</head>`)
    .replace(/<body[^>]*>/, (body) => `${body}\n${glyphs}`);
}

function htmlFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name.startsWith("_") ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const folder = process.argv[2];
  if (!folder) throw new Error("usage: node site/prerender_maths.mjs SITE_FOLDER");
  let pages = 0;
  for (const path of htmlFiles(folder)) {
    const html = readFileSync(path, "utf8");
    const typesetHtml = typesetPage(html, path);
    if (typesetHtml !== html) {
      writeFileSync(path, typesetHtml);
      pages += 1;
    }
  }
  console.log(`maths typeset on ${pages} pages`);
}
