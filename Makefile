# One command to build the site, one to run the tests. Both set everything up first.
#   make site    create .venv, install, ingest seeds/ into content/, build site/
#   make test    create .venv with test extras (and Chromium for browser tests), run all tests
#   make serve   preview with live reload on http://127.0.0.1:8000/
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check bench clean-site browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# setup.py compiles the cleaner (generator/clean.py) with mypyc: an edit to it
# reinstalls, which recompiles (until then the source runs, see generator/__init__.py)
$(VENV)/.installed: pyproject.toml setup.py generator/clean.py | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py generator/clean.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.installed $@

site: $(VENV)/.installed
	$(BIN)/explainer build

serve: $(VENV)/.installed
	$(BIN)/explainer ingest
	$(BIN)/mkdocs serve --livereload

check: $(VENV)/.installed
	$(BIN)/explainer check

# Browser tests use Debian's Chromium; they skip with a message when it cannot be installed.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "could not install chromium: browser tests will be skipped"; }

# axe-core (package.json) for the accessibility checks in tests/test_browser.py; only when missing.
node_modules/axe-core/axe.min.js:
	npm ci --no-audit --no-fund

test: $(VENV)/.installed-test browser node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	PYTHONPATH=. $(BIN)/python benchmarks/scale.py 1000
	@if [ -n "$(CORPUS)" ]; then PYTHONPATH=. $(BIN)/python benchmarks/extraction.py $(CORPUS); else echo "set CORPUS=DIR (pages with gold bodies) to benchmark the cleaner"; fi

clean-site:
	rm -rf site
