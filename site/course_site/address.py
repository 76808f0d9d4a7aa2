"""The course's one address: its GitHub repository (owner/name) and default branch.

Both are written once, in pyproject.toml:

    [project.urls]
    Repository = "https://github.com/OWNER/NAME"

    [tool.course]
    default-branch = "main"

Every launch link (the README's badge and table, docs/launching.md, TEACHING.md, each
notebook's Colab cell, the website's launch buttons) is made here or checked against
this by tests/site/test_one_address.py. `make repoint REPO=owner/name BRANCH=main`
rewrites them all (see repoint.py).
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"

# The two lines of pyproject.toml that hold the address (read and rewritten as text, so
# the file keeps its comments and layout).
REPOSITORY_LINE = re.compile(
    r'^Repository = "https://github\.com/(?P<owner>[^/"]+)/(?P<name>[^/"]+)"$', re.M
)
BRANCH_LINE = re.compile(r'^default-branch = "(?P<branch>[^"]+)"$', re.M)

# GitHub's rules: an owner is letters, digits and single hyphens; a repository name
# letters, digits, '.', '_' and '-'.
OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
BRANCH = re.compile(r"^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


@dataclass(frozen=True)
class Address:
    owner: str
    name: str
    branch: str

    def __post_init__(self):
        for field, rule, value in [
            ("owner", OWNER, self.owner),
            ("name", NAME, self.name),
            ("branch", BRANCH, self.branch),
        ]:
            if not isinstance(value, str) or not rule.match(value) or value.endswith(".git"):
                raise ValueError(f"{field} must be a GitHub {field}, got {value!r}")

    @classmethod
    def parse(cls, repo, branch):
        """Address.parse("owner/name", "main"), as `make repoint` takes it."""
        if not isinstance(repo, str) or repo.count("/") != 1:
            raise ValueError(f"REPO must look like owner/name, got {repo!r}")
        owner, name = repo.split("/")
        return cls(owner, name, branch)

    @property
    def repo(self):
        return f"{self.owner}/{self.name}"

    @property
    def github(self):
        return f"https://github.com/{self.repo}"

    @property
    def pip_requirement(self):
        """What each notebook's Colab cell installs (the default branch, so no @ref)."""
        return f"derivatives-course @ git+{self.github}"

    @property
    def site(self):
        """The GitHub Pages address of the course website."""
        host = f"{self.owner.lower()}.github.io"
        return f"https://{host}/" if self.name.lower() == host else f"https://{host}/{self.name}/"

    def binder(self, path):
        # HEAD is the default branch, as in the README's badge.
        return f"https://mybinder.org/v2/gh/{self.repo}/HEAD?urlpath=lab/tree/{path}"

    def colab(self, path):
        return f"https://colab.research.google.com/github/{self.repo}/blob/{self.branch}/{path}"

    def nbgitpuller(self, path, hub="HUB"):
        """nbgitpuller's link: the hub clones the repository into ~/NAME and opens path."""
        query = "&".join(
            [
                f"repo={quote(self.github, safe='')}",
                f"branch={quote(self.branch, safe='')}",
                f"urlpath={quote(f'lab/tree/{self.name}/{path}', safe='')}",
            ]
        )
        return f"https://{hub}/hub/user-redirect/git-pull?{query}"


def read(pyproject=PYPROJECT):
    """The address written in pyproject.toml."""
    text = Path(pyproject).read_text(encoding="utf-8")
    repository, branch = REPOSITORY_LINE.search(text), BRANCH_LINE.search(text)
    if repository is None or branch is None:
        raise ValueError(
            f"{pyproject} must hold the course's address: a line "
            '`Repository = "https://github.com/OWNER/NAME"` under [project.urls] and '
            '`default-branch = "BRANCH"` under [tool.course]'
        )
    return Address(repository["owner"], repository["name"], branch["branch"])


# Every kind of link to the course's repository that its files contain. Each pattern names
# the parts of the address it holds (owner, name, branch; a Binder link's ref; the folder
# nbgitpuller clones into). `find_links` finds them, repoint.py rewrites those parts.
_PART = r"[A-Za-z0-9._-]+"
LINK_PATTERNS = {
    "binder": re.compile(
        rf"mybinder\.org/v2/gh/(?P<owner>{_PART})/(?P<name>{_PART})/(?P<ref>[^/?\s]+)"
    ),
    "colab": re.compile(
        rf"colab\.research\.google\.com/github/(?P<owner>{_PART})/(?P<name>{_PART})"
        r"/blob/(?P<branch>[^/\s]+)/"
    ),
    "nbgitpuller": re.compile(
        rf"repo=https%3A%2F%2Fgithub\.com%2F(?P<owner>{_PART})%2F(?P<name>{_PART})"
        rf"&branch=(?P<branch>[^&\s]+)&urlpath=lab%2Ftree%2F(?P<folder>{_PART})%2F"
    ),
    "pages": re.compile(
        r"https?://(?P<owner>[A-Za-z0-9-]+)\.github\.io/(?P<name>[A-Za-z0-9._-]+)?"
    ),
    # A plain github.com link: the repository, a file in it, or the pip requirement.
    "github": re.compile(
        rf"(?<![\w.-])github\.com/(?P<owner>{_PART})/(?P<name>[A-Za-z0-9_-]+(?:\.(?!git\b)[A-Za-z0-9_-]+)*)"
        r"(?:\.git)?(?:/(?:blob|tree)/(?P<branch>[^/\s)\"'`]+))?"
    ),
}


@dataclass(frozen=True)
class Link:
    kind: str
    match: re.Match

    @property
    def parts(self):
        return {k: v for k, v in self.match.groupdict().items() if v is not None}

    def disagreements(self, address):
        """What this link says that the address does not, as readable sentences."""
        expected = {
            "owner": address.owner,
            "name": address.name,
            "folder": address.name,
            "branch": address.branch,
        }
        wrong = []
        for part, value in self.parts.items():
            if part == "ref":
                if value not in ("HEAD", address.branch):
                    wrong.append(f"Binder ref {value!r} is neither HEAD nor {address.branch!r}")
            elif self.kind == "pages" and part == "owner":
                if value.lower() != address.owner.lower():
                    wrong.append(f"owner {value!r} is not {address.owner.lower()!r}")
            elif value != expected[part]:
                wrong.append(f"{part} {value!r} is not {expected[part]!r}")
        return wrong


def find_links(text, address):
    """Every link to the course's repository in text, in order (see LINK_PATTERNS).

    A plain github.com link is ours when it names our owner or our repository name, so
    links to other projects (github.com/jupyterhub/nbgitpuller) are left alone.
    """
    found = []
    for kind, pattern in LINK_PATTERNS.items():
        for match in pattern.finditer(text):
            owner, name = match["owner"], match["name"]
            if (
                kind in ("github", "pages")
                and address.owner.lower() != owner.lower()
                and (address.name != name)
            ):
                continue
            found.append(Link(kind, match))
    return sorted(found, key=lambda link: link.match.start())


def course_files(root=ROOT):
    """The files that may hold links to the course: its Markdown, notebooks and settings.

    Python and JavaScript make their links from the address instead of holding them.
    """
    skip = {".git", ".venv", ".venv-binder", "node_modules", "build", "_site"}
    suffixes = {".md", ".ipynb", ".toml", ".yml", ".yaml", ".txt", ".cfg"}
    for path in sorted(Path(root).rglob("*")):
        parts = set(path.relative_to(root).parts)
        if path.suffix in suffixes and path.is_file() and not parts & skip:
            if path.name != "package-lock.json":
                yield path


def readable_text(path):
    """A file's text as a reader sees it: for a notebook, its cells' sources only (its
    outputs are pictures and numbers, and base64 can spell anything)."""
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells)
