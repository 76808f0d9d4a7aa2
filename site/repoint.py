"""Re-point the whole course at another repository: `make repoint REPO=owner/name BRANCH=main`.

Rewrites the course's one address in pyproject.toml, then every link to the course in its
Markdown and settings (README badge and table, docs/launching.md, TEACHING.md, ...) and in
its notebooks' cell sources (the Colab cell's `%pip install ... git+https://github.com/...`).
A notebook changes in those source lines only: its outputs, metadata and layout stay
byte for byte. The website takes the new address at its next build.
"""

import argparse
import json
import sys
from pathlib import Path

from course_site import address as course_address


def rewrite_links(text, old, new):
    """text with every course link (address.LINK_PATTERNS) pointing at new instead of old."""
    replacement = {"owner": new.owner, "name": new.name, "folder": new.name, "branch": new.branch}
    edits = []
    for link in course_address.find_links(text, old):
        for part, value in link.parts.items():
            if part == "ref":  # Binder: HEAD stays HEAD, a branch becomes the new branch
                wanted = value if value == "HEAD" else new.branch
            elif link.kind == "pages" and part == "owner":
                wanted = new.owner.lower()
            else:
                wanted = replacement[part]
            edits.append((link.match.start(part), link.match.end(part), wanted))
    for start, end, wanted in sorted(set(edits), reverse=True):
        text = text[:start] + wanted + text[end:]
    return text


def dump_notebook(notebook):
    """nbformat's own layout, so an unchanged notebook writes back byte for byte."""
    return (
        json.dumps(notebook, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
        + "\n"
    )


def repoint_notebook(raw, old, new):
    notebook = json.loads(raw)
    if dump_notebook(notebook) != raw:
        raise ValueError("it is not laid out as nbformat writes it; run `make execute` first")
    for cell in notebook["cells"]:
        cell["source"] = [rewrite_links(line, old, new) for line in cell["source"]]
    return dump_notebook(notebook)


def repoint(root, new):
    """Rewrite every course file under root; return the files that changed."""
    pyproject = Path(root) / "pyproject.toml"
    old = course_address.read(pyproject)
    changed = []
    for path in course_address.course_files(root):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            try:
                text = repoint_notebook(raw, old, new)
            except ValueError as error:
                raise SystemExit(f"{path}: {error}") from None
        else:
            text = rewrite_links(raw, old, new)
        if path == pyproject:
            text = course_address.BRANCH_LINE.sub(f'default-branch = "{new.branch}"', text)
        if text != raw:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    if course_address.read(pyproject) != new:
        raise SystemExit(f"{pyproject} does not hold {new.repo} ({new.branch}) after the rewrite")
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", help="the GitHub repository, owner/name")
    parser.add_argument("--branch", default="main", help="its default branch (main)")
    parser.add_argument("--root", type=Path, default=course_address.ROOT, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    try:
        new = course_address.Address.parse(arguments.repo, arguments.branch)
    except ValueError as error:
        parser.error(str(error))
    for path in repoint(arguments.root, new):
        print(f"re-pointed {path.relative_to(arguments.root)}")
    print(f"The course now points at https://github.com/{new.repo} (branch {new.branch}).")


if __name__ == "__main__":
    sys.exit(main())
