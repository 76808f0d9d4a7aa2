"""The map of the notebooks on the home page, read from the notebooks themselves.

```{course-map}
```

lists every notebook in order: its title, how long it takes and what you will learn,
exactly as its first cell says (CONTRIBUTING.md's frame: "# NN · Title", "**You will learn**",
"**Takes about** N minutes"). A new or renamed notebook appears by itself.
"""

import json
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

TITLE = re.compile(r"^# (?P<title>.+)$", re.M)
MINUTES = re.compile(r"\*\*Takes about\*\* (?P<minutes>\d+) minutes")
LEARN = re.compile(r"\*\*You will learn\*\*\n(?P<items>(?:(?:- |  ).*\n?)+)")


def notebook_header(path):
    """Title, minutes and "You will learn" items from a notebook's first cell."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    header = "".join(notebook["cells"][0]["source"])
    title, minutes, learn = TITLE.search(header), MINUTES.search(header), LEARN.search(header)
    if not (title and minutes and learn):
        raise ValueError(
            f"{path}'s first cell must have a '# NN · Title' line, '**Takes about** N "
            "minutes' and a '**You will learn**' list (see CONTRIBUTING.md)"
        )
    items = [" ".join(item.split()) for item in re.split(r"^- ", learn["items"], flags=re.M)]
    return {
        "title": title["title"].strip(),
        "minutes": int(minutes["minutes"]),
        "learn": [item.rstrip(";.") for item in items if item],
    }


def map_markdown(notebooks, link_prefix):
    """The map as Markdown: one entry per notebook, then the total time."""
    lines, total = [], 0
    for path in notebooks:
        header = notebook_header(path)
        total += header["minutes"]
        link = f"[{header['title']}]({link_prefix}{path.name})"
        lines += [
            f"**{link}** · about {header['minutes']} minutes",
            "",
            *[f"- {item}" for item in header["learn"]],
            "",
        ]
    hours, minutes = divmod(total, 60)
    lines.append(f"All {len(notebooks)} notebooks take about {hours} h {minutes:02d} min.")
    return lines


class CourseMap(SphinxDirective):
    has_content = False

    def run(self):
        folder = Path(self.env.srcdir) / "notebooks"
        notebooks = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
        for path in notebooks:
            self.env.note_dependency(str(path))
        container = nodes.container(classes=["course-map"])
        lines = map_markdown(notebooks, "notebooks/")
        self.state.nested_parse(
            StringList(lines, source="course-map"), self.content_offset, container
        )
        return [container]
