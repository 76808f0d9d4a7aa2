"""benchmarks: what a learner sees in the browser, and how accurate ``helpers.derivative`` is.

Run them all with ``make bench`` (or ``.venv/bin/python -m benchmarks``).

- browser.py         every explorer in JupyterLab + headless Chromium, at 0 and 100 ms of
                     added round trip: frames/s while dragging, lag, key updates/s, stale
                     pixels, first frame, kernel CPU, saved state; next to two baselines
- delay_proxy.py     the delaying TCP proxy that plays the far-away learner
- ipympl_tangent.py  the baseline: the course's ipympl tangent explorer from before
- accuracy.py        helpers.derivative against scipy.differentiate and numdifftools
- report.py          the machine description and the plain-text / Markdown tables
- __main__.py        runs everything, prints the tables, writes results.json, accuracy.md
                     and the README's table (``python -m benchmarks browser`` runs one part)

These are not tests: ``make test`` does not run them, and a missed target is
reported, not raised.
"""
