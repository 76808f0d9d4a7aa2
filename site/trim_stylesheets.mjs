// The theme's stylesheets cut down to the rules the site's pages can use, once the site is
// built, so a slow phone downloads and matches a quarter of the CSS before its first paint.
//
//   node site/trim_stylesheets.mjs _site/       (build_site.py runs it after Sphinx)
//
// pydata-sphinx-theme's stylesheet is 397 kB (65 kB gzipped), most of it Bootstrap rules
// no page uses. PurgeCSS keeps a rule when the words of its selector appear in a page or
// in a script the pages load (a script builds classes such as "show" or "collapsing" from
// words it holds). What scripts build from pieces (Bootstrap's tooltips and popovers) and
// the light/dark attributes are kept by the safelist.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PurgeCSS } from "purgecss";

const SAFELIST = {
  greedy: [/tooltip/, /popover/, /popper/, /data-bs-/, /data-theme/, /data-mode/],
};

/** Each stylesheet under folder/_static/ rewritten with only the rules the site can use. */
export async function trimStylesheets(folder) {
  // PurgeCSS's own globs (its _sources/ holds no .html, so nothing there is read).
  const trimmed = await new PurgeCSS().purge({
    content: [join(folder, "**", "*.html"), join(folder, "_static", "**", "*.js")],
    css: [join(folder, "_static", "**", "*.css")],
    safelist: SAFELIST,
    keyframes: true,
    fontFace: true,
  });
  let before = 0;
  let after = 0;
  for (const { file, css } of trimmed) {
    before += readFileSync(file).length;
    after += css.length;
    writeFileSync(file, css);
  }
  return { stylesheets: trimmed.length, before, after };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const folder = process.argv[2];
  if (!folder) throw new Error("usage: node site/trim_stylesheets.mjs SITE_FOLDER");
  const { stylesheets, before, after } = await trimStylesheets(folder);
  console.log(`${stylesheets} stylesheets trimmed from ${before} to ${after} bytes`);
}
