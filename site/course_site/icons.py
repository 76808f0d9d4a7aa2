"""The theme's icons as a small stylesheet, in place of its fontawesome.js (1.4 MB).

pydata-sphinx-theme draws its icons (menu, search, colour mode, GitHub, download…) by
running Font Awesome's script, which turns each `<i class="fa-solid fa-bars">` into an
SVG: 1.4 MB of JavaScript for some fifteen icons, run on every page of a slow phone.
templates/layout.html leaves that script out; this writes, once the pages are built,
`_static/course-icons.css`: for each icon class the pages and the theme's scripts use,
the icon's own path (read from the theme's copy of Font Awesome) as a CSS mask, filled
with the text's colour. The icons stay decorative, as they were: each button or link
keeps its own label.
"""

import re
from pathlib import Path
from urllib.parse import quote

STYLESHEET = "course-icons.css"
# Font Awesome's families as the classes name them, and its bundle's name for each.
FAMILIES = {
    "fas": ("fa-solid", "fas"),
    "far": ("fa-regular", "far"),
    "fab": ("fa-brands", "fab"),
}
# An icon in the bundle: name: [width, height, [aliases], "unicode", "path" or [paths]].
ICON = re.compile(
    r'(?:"(?P<quoted>[a-z0-9-]+)"|\b(?P<bare>[a-z0-9][a-z0-9-]*)):'
    r'\[(?P<width>\d+),(?P<height>\d+),\[[^\]]*\],"[0-9a-f]+",'
    r'(?:"(?P<path>[^"]+)"|\[(?P<paths>[^\]]*)\])\]'
)
# Where the bundle hands each family's icons over: d("fas",p).
FAMILY_DEFINED = re.compile(r'\(function\(\)\{\w+\("(?P<family>fa[srb])",\w+\)')
USED = re.compile(r"\bfa-[a-z0-9-]+")
# Font Awesome's own classes that are not icons (sizes, the family names).
NOT_ICONS = {"fa-lg", "fa-sm", "fa-xs", "fa-fw", "fa-2x", "fa-solid", "fa-regular", "fa-brands"}


def font_awesome_script():
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return theme / "static" / "scripts" / "fontawesome.js"


def icon_families(script_text):
    """{"fas": {name: (width, height, svg path)}, "far": …, "fab": …} from the bundle."""
    families, start = {}, 0
    for defined in FAMILY_DEFINED.finditer(script_text):
        icons = {}
        for match in ICON.finditer(script_text, start, defined.start()):
            name = match["quoted"] or match["bare"]
            path = match["path"] or " ".join(re.findall(r'"([^"]+)"', match["paths"]))
            icons[name] = (int(match["width"]), int(match["height"]), path)
        families[defined["family"]] = icons
        start = defined.end()
    missing = set(FAMILIES) - set(families)
    if missing:
        raise ValueError(f"{font_awesome_script()}: no icon family {sorted(missing)} found")
    return families


def icons_used(outdir):
    """Every fa-* class in the built pages and in the theme's scripts (which add some)."""
    outdir = Path(outdir)
    files = list(outdir.rglob("*.html")) + list((outdir / "_static" / "scripts").glob("*.js"))
    used = set()
    for path in files:
        if path.name != "fontawesome.js":
            used |= set(USED.findall(path.read_text(encoding="utf-8", errors="replace")))
    return {name.removeprefix("fa-") for name in used - NOT_ICONS}


def stylesheet(families, names):
    rules = [
        "/* Written by course_site/icons.py: the theme's Font Awesome icons the pages use. */",
        ":where(.fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab) {",
        "  display: inline-block; height: 1em; width: 1em; vertical-align: -0.125em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--course-icon) center / contain no-repeat;",
        "  mask: var(--course-icon) center / contain no-repeat;",
        "}",
        "/* The theme's own rules still give each icon a glyph of Font Awesome's webfonts:",
        "   without this, every page downloads 275 kB of fonts to draw nothing visible. */",
        ":where(.fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab)::before {",
        "  content: none !important;",
        "}",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
    ]
    for family, classes in FAMILIES.items():
        for name in sorted(names):
            if name not in families[family]:
                continue
            width, height, path = families[family][name]
            svg = (
                f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
                f"<path d='{path}'/></svg>"
            )
            selector = ", ".join(f".{cls}.fa-{name}" for cls in classes)
            mask = f'url("data:image/svg+xml,{quote(svg, safe=" =/:<>.-")}")'
            rules.append(f"{selector} {{ width: {width / height:.4g}em; --course-icon: {mask}; }}")
    return "\n".join(rules) + "\n"


def write_icon_stylesheet(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    families = icon_families(font_awesome_script().read_text(encoding="utf-8"))
    names = icons_used(app.outdir)
    unknown = sorted(name for name in names if not any(name in f for f in families.values()))
    if unknown:
        raise ValueError(f"the pages use Font Awesome icons the theme does not have: {unknown}")
    (Path(app.outdir) / "_static" / STYLESHEET).write_text(stylesheet(families, names))
