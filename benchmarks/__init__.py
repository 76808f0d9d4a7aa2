"""benchmarks: how fast the explorers respond, and how accurate ``helpers.derivative`` is.

Run them all with ``make bench`` (or ``.venv/bin/python -m benchmarks``).

- latency.py    kernel-side time from a slider move to a redrawn figure, per explorer,
                on ipympl's canvas, next to a naive "new figure for every move" baseline
- accuracy.py   helpers.derivative against scipy.differentiate and numdifftools
- report.py     the machine description and the plain-text / Markdown tables
- browser.py    (written separately) updates per second seen in a real browser
- __main__.py   runs everything, prints the tables, writes results.json and accuracy.md
                (``python -m benchmarks latency`` runs one part; see __main__.py)

These are not tests: ``make test`` does not run them, and a missed bar is
reported, not raised.
"""
