"""What the benchmarks print and save: the machine they ran on, and tables.

A table is a list of column headers and a list of rows (lists of strings);
``text_table`` aligns it for the terminal, ``markdown_table`` makes it ready
to paste into the README.
"""

import datetime
import os
import platform
from importlib import metadata

#: The packages whose versions change the numbers.
PACKAGES = [
    "numpy",
    "matplotlib",
    "pillow",
    "ipympl",
    "ipywidgets",
    "anywidget",
    "jupyterlab",
    "scipy",
    "numdifftools",
    "scikit-learn",
]


def cpu_model():
    """The CPU's name from /proc/cpuinfo (Linux), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine():
    """Date, machine, CPU, Python and package versions: the context of every number."""
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": platform.machine(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {name: package_version(name) for name in PACKAGES},
    }


def machine_line(info):
    """One line describing ``machine()``, for the top of a table."""
    versions = ", ".join(f"{name} {v}" for name, v in info["versions"].items() if v)
    return (
        f"Measured on {info['date'][:10]}: {info['machine']}, {info['cpu']} "
        f"({info['cores']} cores, load {info['load_average_1min']:.1f}), "
        f"Python {info['python']}; {versions}."
    )


def text_table(headers, rows):
    """Columns padded to the same width; the first column left-aligned, the others right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        first = str(cells[0]).ljust(widths[0])
        rest = [str(cell).rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def markdown_table(headers, rows):
    """The same table in Markdown (numbers right-aligned)."""
    align = [":--"] + ["--:"] * (len(headers) - 1)
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(str(cell) for cell in cells) + " |" for cells in lines)
