# Guide de pérennisation — every target bootstraps .venv from the hashed lock files on first use.
#   make serve   build and serve the guide on http://127.0.0.1:8000 (live reload, a saved change shows within a second)
#   make build   strict build into site/, with the offline zip site/site-offline.zip (nothing is written there when a build fails)
#   make offline offline edition of the guide: site-offline.zip, works from file:// once unzipped
#   make check   fast check of content and data, for authors
#   make anchors update data/adresses-publiques.json, the public URLs and anchors that must never break
#   make test    install the test tools (Chromium, axe-core) and run the whole test suite
#   make test-fast  the engine's unit tests: no browser, no whole-project build (under 30 s)
#   make lint    ruff (lint and format), mypy on the engine, ESLint on the theme's scripts, html-validate on the engine's markup
#   make build-properdocs  the same strict build with ProperDocs, the continuation of MkDocs 1.x (see docs/adr/)
#   make bench   benchmark of the build (figures written to bench/RESULTS.md)
#   make pdf     the whole guide as one PDF with a table of contents (guide-perennisation.pdf)
#   make nouveau-guide DEST=../mon-guide   a minimal guide on this engine (one step, one check-list, one workshop)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material and mkdocs-macros print notices about MkDocs 2.0 on every run; their documented variables hide them.
export NO_MKDOCS_2_WARNING := true
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build offline check test test-fast lint build-properdocs bench anchors clean chromium pdf nouveau-guide

$(VENV)/.build-installed: requirements/build.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/build.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test-installed: requirements/test.lock $(VENV)/.build-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(VENV)/.build-installed
	$(BIN)/python -m perennisation.preview --dev-addr 127.0.0.1:8000

build: $(VENV)/.build-installed
	@rm -rf .site-tmp
	@if $(BIN)/mkdocs build --strict --site-dir .site-tmp \
	  && $(BIN)/python tools/offline.py --output .site-tmp/site-offline.zip; then rm -rf site && mv .site-tmp site; \
	else rm -rf .site-tmp; echo "make build: échec, site/ n'a pas été modifié." >&2; exit 1; fi

offline: $(VENV)/.build-installed
	$(BIN)/python tools/offline.py --output site-offline.zip

check: $(VENV)/.build-installed
	@$(BIN)/python -m perennisation.check

anchors: $(VENV)/.build-installed
	$(BIN)/python tools/anchors.py

chromium:
	@command -v chromium >/dev/null 2>&1 || bash tools/install-chromium.sh

test: $(VENV)/.test-installed node_modules/.installed chromium
	$(BIN)/python -m pytest

test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m "not browser and not slow" tests/engine

lint: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check perennisation tests tools bench
	$(BIN)/ruff format --check perennisation tests tools bench
	$(BIN)/mypy
	node_modules/.bin/eslint overrides/assets/javascripts
	$(BIN)/python tools/lint_html.py

build-properdocs: $(VENV)/.build-installed
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir .site-properdocs

pdf: $(VENV)/.test-installed chromium
	$(BIN)/python tools/pdf.py

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py

nouveau-guide: $(VENV)/.build-installed
	@test -n "$(DEST)" || { echo "Indiquez le dossier à créer : make nouveau-guide DEST=../mon-guide" >&2; exit 1; }
	$(BIN)/python tools/nouveau_guide.py "$(DEST)"

clean:
	rm -rf site .site-tmp .site-properdocs site-offline.zip .pytest_cache
