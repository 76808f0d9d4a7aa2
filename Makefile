# Two commands for a newcomer: `make lab` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Root may run JupyterLab only when asked explicitly (CI and containers run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# A run that diverges (notebook 10, section 5: learning rates of 0.5 and more) magnifies
# round-off, and the CPU decides the order of the additions: OpenBLAS picks its kernels by
# CPU family (the same cell ended at a loss of 18.11 with its AVX2 kernels and 24.87 with
# its AVX-512 ones), and so does numpy for tanh, exp and sums (with the same AVX2 kernels
# of OpenBLAS: 18.11 with numpy's AVX-512 loops, 22.41 with its AVX2 ones). The stored
# outputs are those of AVX2 throughout (OpenBLAS's "Haswell" kernels, numpy's X86_V3
# loops), which every x86-64 CPU with AVX2 runs, so `make execute`, the tests and
# `make lab` reproduce them on any such machine. (numpy ignores a feature to switch off
# that the CPU lacks.)
ifneq ($(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo yes),)
export OPENBLAS_CORETYPE := Haswell
export NPY_DISABLE_CPU_FEATURES := X86_V4 AVX512_ICL AVX512_SPR
endif

.PHONY: lab test lint-js test-binder test-wheel present execute bench format clean frontend no-npm
.PHONY: hub test-hub bench-hub site test-site bench-site repoint site-needs-npm

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10 or newer is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of extras, rebuilt whenever the dependency lists change.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,present]'
	touch $@

$(VENV)/.installed-present: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[present]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

$(VENV)/.installed-hub: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[hub]'
	touch $@

# The course's own JavaScript (package.json, exact pins): axe-core for the accessibility
# checks, the widget renderer of pages with no kernel, the hub's proxy. Without npm, the
# tests that need it say so (and fail in CI, where .ci/run installs Node).
NPM := $(shell command -v npm 2>/dev/null)
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

no-npm:
	@echo "npm not found: the accessibility and no-kernel browser tests will be skipped"

frontend: $(if $(NPM),node_modules/.installed,no-npm)

## lab: set everything up and open JupyterLab at the first notebook (localhost, token auth on)
lab: $(VENV)/.installed
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) notebooks/00_start_here.ipynb

## lint-js: lint and format-check the course's own JavaScript (Biome, pinned in package.json)
# Which files: biome.json. `npx biome format --write` (or `check --write`) fixes the format.
lint-js: frontend
	@if [ -z "$(NPM)" ]; then echo "npm not found: the JavaScript is not linted"; test "$$CI" != true; \
	else npx --no-install biome ci --colors=off --error-on-warnings; fi

## test: set everything up and run every test (lint, unit, doctests, notebooks, browser)
# tests/hub and tests/binder need their own installs: `make test-hub` and `make test-binder`.
test: lint-js $(VENV)/.installed-test frontend
	$(BIN)/ruff check helpers tests notebooks benchmarks hub
	$(BIN)/ruff format --check helpers tests benchmarks hub
	$(BIN)/pytest helpers tests notebooks --doctest-modules $(NBVAL) -v -rs \
	    --ignore=tests/hub --ignore=tests/binder --ignore=tests/wheel

## test-wheel: the course as pip and Colab install it: build the sdist and wheel, check their
## files, run every notebook against the wheel in a fresh venv, and the Colab cell's install line
test-wheel: $(VENV)/.installed-test
	$(BIN)/pytest tests/wheel -v -rs

## present: a notebook as a page, code hidden, for a projector (Voilà, token auth on 127.0.0.1):
## make present NB=02
present: $(VENV)/.installed-present
	@test -n "$(NB)" || { echo "usage: make present NB=02"; exit 2; }
	$(BIN)/jupyter server --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) \
	    --ServerApp.default_url=/voila/render/$(notdir $(wildcard notebooks/$(NB)_*.ipynb)) \
	    --ServerApp.root_dir=notebooks

## hub: a local JupyterHub on 127.0.0.1; prints `hub: URL`, `login: USER PASSWORD`, `link: URL`
## (make hub CULL=1800: stop a student's server after 1800 s idle; the default is 3600)
# Setup goes to stderr, so stdout holds exactly those three lines. Ctrl+C stops the hub.
hub:
	@$(MAKE) -s --no-print-directory $(VENV)/.installed-hub node_modules/.installed >&2
	@$(BIN)/python -m hub $(if $(CULL),--cull $(CULL))

## test-hub: a student's path through a real hub in headless Chromium (login, link, merge)
## and faults mid-lesson: a killed server, a restarted hub, a collision, the idle culler
test-hub: $(VENV)/.installed-test $(VENV)/.installed-hub node_modules/.installed
	$(BIN)/pytest tests/hub -v -rs

## bench-hub: a class of 30 on one hub, each student's CPU split by phase; writes "hub" in
## benchmarks/results.json (make bench-hub BASELINE=1: "hub_baseline", the run later ones
## are compared with, before a change)
bench-hub: $(VENV)/.installed-test $(VENV)/.installed-hub node_modules/.installed
	nice -n 10 $(BIN)/python -m benchmarks.hub $(if $(BASELINE),--baseline)

## test-binder: nbval over every notebook in a fresh venv made from binder/'s exact pins,
## and the Dockerfile mybinder.org would build from binder/ (repo2docker --no-build)
BINDER_VENV := .venv-binder
$(BINDER_VENV)/.installed: binder/requirements.txt pyproject.toml
	rm -rf $(BINDER_VENV)
	$(PYTHON) -m venv $(BINDER_VENV)
	$(BINDER_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BINDER_VENV)/bin/pip install --quiet -r binder/requirements.txt pytest==9.2.0 nbval==0.11.0
	touch $@

# mybinder.org's own build tool, in a small venv of its own; --no-build needs no Docker.
REPO2DOCKER_VENV := .venv-repo2docker
$(REPO2DOCKER_VENV)/.installed:
	rm -rf $(REPO2DOCKER_VENV)
	$(PYTHON) -m venv $(REPO2DOCKER_VENV)
	$(REPO2DOCKER_VENV)/bin/pip install --quiet jupyter-repo2docker==2026.4.0
	touch $@

test-binder: $(BINDER_VENV)/.installed $(REPO2DOCKER_VENV)/.installed
	$(BINDER_VENV)/bin/pytest notebooks $(NBVAL) -q
	$(BINDER_VENV)/bin/pytest tests/binder -v -rs

## execute: re-run every notebook in place to refresh its outputs and explorers' widget state
execute: $(VENV)/.installed-test
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.store_widget_state=True notebooks/[0-9]*.ipynb

## bench: every explorer in the browser near and far (frames, lag, stale pixels), on a slow
## device (4x CPU slowdown) in JupyterLab and on the website, accuracy, the digits network
# The website's rows need _site/ (make site, about 10 s: it runs no notebook); without npm
# they say "not measured: run make site".
bench: $(VENV)/.installed-bench frontend $(if $(NPM),site,)
	$(BIN)/python -m benchmarks

$(VENV)/.installed-site: $(VENV)/.installed site/requirements.txt
	$(BIN)/pip install --quiet -r site/requirements.txt
	touch $@

site-needs-npm:
	@echo "make site needs Node.js and npm (e.g. apt-get install nodejs npm)"; exit 1

## site: build the course website into _site/ from the notebooks as stored (needs Node.js)
site: $(VENV)/.installed-site $(if $(NPM),node_modules/.installed,site-needs-npm)
	$(BIN)/python site/build_site.py

## test-site: build the site (Sphinx warnings are errors), then check it in headless Chromium
test-site: $(VENV)/.installed-test site
	$(BIN)/ruff check site
	$(BIN)/ruff format --check site
	$(BIN)/pytest site --doctest-modules --ignore=site/tests/probe -v -rsx

## bench-site: Lighthouse (mobile: 4x CPU slowdown, slow 4G) over every page of _site/ served
## with gzip, and the first explorer live at 4x CPU slowdown; writes "site" in results.json
## and benchmarks/site.md (make bench-site PAGES="index.html notebooks/02_tangent_lines.html")
bench-site: $(VENV)/.installed-test site
	$(BIN)/python -m benchmarks.site $(if $(PAGES),--pages $(PAGES))

## repoint: point every link of the course at a fork: make repoint REPO=owner/name BRANCH=main
repoint:
	@test -n "$(REPO)" || { echo "usage: make repoint REPO=owner/name BRANCH=main"; exit 2; }
	cd site && $(PYTHON) repoint.py $(REPO) --branch $(or $(BRANCH),main)

format: $(VENV)/.installed-test
	$(BIN)/ruff format helpers tests benchmarks site hub
	$(BIN)/ruff check --fix helpers tests notebooks benchmarks site hub

clean:
	rm -rf $(VENV) .venv-binder .venv-repo2docker *.egg-info node_modules build/site _site .hub
