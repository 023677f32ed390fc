# Explainer: two commands on a fresh machine (see README).
#   make site   set everything up and build the example site into site/
#   make test   set everything up and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material's end-of-life notice (printed by `mkdocs build` and `mkdocs serve`) is left
# visible: see the README. The tests and the benchmark set NO_MKDOCS_2_WARNING for their
# own builds only.

.PHONY: site test setup browser tools serve bundle messages bench linkeval clean flags map iframe-worker word-tables share-font

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the pinned dependency set and the generator itself (editable).
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The distribution was called `explainer` before `mkdocs-explainer`: drop a stale install.
	$(BIN)/python -m pip uninstall --quiet --yes explainer 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

setup: $(VENV)/.installed

site: setup
	$(BIN)/mkdocs build

serve: setup
	$(BIN)/mkdocs serve --dirty

# Offline reading: the whole site as dist/explainer-site.zip (open index.html from file://).
bundle: setup
	$(BIN)/explainer bundle

# Browser tests drive Debian's Chromium; install it when missing, and stop
# loudly when that is impossible (the suite never skips them).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" != 0 ]; then echo "error: chromium is missing and installing it needs root (apt-get install chromium)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || { echo "error: could not install the Debian package chromium" >&2; exit 1; }; \
	fi
	@chromium --version

# Page-quality tools for the accessibility and validity tests (axe-core and
# the Nu HTML Checker from the npm registry, run with Node.js and Java).
tools:
	bash tests/tools/install.sh

# Ends with one line: tests passed, failed and skipped, and the time `make test` took in
# all. The tests run on one worker per core (pytest-xdist, a test file per worker at a
# time: most build real sites, so two cores take about half the time of one).
# make exits with pytest's status.
# PYTEST_ARGS picks tests: make test PYTEST_ARGS="tests/test_glossary.py -k tooltip"
STARTED := $(shell date +%s)
test: setup browser tools
	@junit="$$(mktemp)"; status=0; \
	echo "$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)"; \
	$(BIN)/python -m pytest -n auto --dist loadfile --junitxml="$$junit" $(PYTEST_ARGS) || status=$$?; \
	$(BIN)/python tests/tools/summary.py "$$junit" $(STARTED) $$status; \
	rm -f "$$junit"; exit $$status

# Refresh the gettext template and catalogs after changing UI strings.
messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k gettext:2 -k gettext_in:2 -k pgettext:2c,3 \
	  --no-location --no-wrap --sort-output --project=explainer -o generator/locales/explainer.pot .
	$(BIN)/pybabel update -D explainer -i generator/locales/explainer.pot -d generator/locales --no-fuzzy-matching --no-wrap

clean:
	rm -rf site dist build .cache

# Refresh the vendored country flags from the npm package flag-icons.
FLAGS_VERSION := 7.5.0
flags:
	rm -rf .flags-tmp && mkdir .flags-tmp
	cd .flags-tmp && npm pack flag-icons@$(FLAGS_VERSION) --silent && tar xzf flag-icons-$(FLAGS_VERSION).tgz
	find generator/flags -name '*.svg' -delete
	for f in .flags-tmp/package/flags/4x3/*.svg; do case "$$(basename $$f)" in *-*) ;; *) cp $$f generator/flags/;; esac; done
	cp .flags-tmp/package/LICENSE generator/flags/LICENSE
	rm -rf .flags-tmp

# Refresh the vendored iframe-worker shim (Material's search from file://, offline builds)
# from the npm package iframe-worker; records the version in the README beside it.
IFRAME_WORKER_VERSION := 1.0.4
VENDOR := overrides/assets/explainer/vendor
iframe-worker:
	rm -rf .iframe-worker-tmp && mkdir .iframe-worker-tmp
	cd .iframe-worker-tmp && npm pack iframe-worker@$(IFRAME_WORKER_VERSION) --silent && tar xzf iframe-worker-$(IFRAME_WORKER_VERSION).tgz
	cp .iframe-worker-tmp/package/shim/index.js $(VENDOR)/iframe-worker-shim.js
	cp .iframe-worker-tmp/package/LICENSE $(VENDOR)/iframe-worker.LICENSE
	sed -i -E 's/(npm package `iframe-worker`) [0-9][0-9.]*/\1 $(IFRAME_WORKER_VERSION)/' $(VENDOR)/README.md
	rm -rf .iframe-worker-tmp

# Make the French and English word tables again (generator/word_tables/word-tables.json)
# from the installed wordfreq: after changing the mixed-language or alias thresholds.
word-tables: setup
	$(BIN)/python -m generator.word_tables

# Build benchmark: plugin site against plain Material at several sizes, and
# edit-reload under mkdocs serve (takes several minutes; report in bench/latest.md).
bench: setup
	$(BIN)/python bench/run.py

# Link evaluation: build the gold corpus in linkeval/corpus/ with link: first and
# link: all, and report precision, recall and every error (see linkeval/README.md).
linkeval: setup
	$(BIN)/python linkeval/run.py

# Refresh the vendored world map (generator/maps/world.json) from the npm package
# @svg-maps/world (CC BY 4.0, generator/maps/LICENSE.md).
MAP_VERSION := 2.0.0
map:
	rm -rf .map-tmp && mkdir .map-tmp
	cd .map-tmp && npm pack @svg-maps/world@$(MAP_VERSION) --silent && tar xzf svg-maps-world-$(MAP_VERSION).tgz
	$(PYTHON) generator/maps/refresh.py .map-tmp/package generator/maps/world.json
	cp .map-tmp/package/LICENSE.md generator/maps/LICENSE.md
	rm -rf .map-tmp

# Refresh the vendored font of the share cards (generator/fonts/: Inter, SIL Open Font
# License 1.1) from the npm package @expo-google-fonts/inter, which ships it as TTF.
SHARE_FONT_VERSION := 0.4.2
share-font:
	rm -rf .font-tmp && mkdir .font-tmp
	cd .font-tmp && npm pack @expo-google-fonts/inter@$(SHARE_FONT_VERSION) --silent && tar xzf expo-google-fonts-inter-$(SHARE_FONT_VERSION).tgz
	cp .font-tmp/package/700Bold/Inter_700Bold.ttf .font-tmp/package/400Regular/Inter_400Regular.ttf generator/fonts/
	cp .font-tmp/package/LICENSE_FONT generator/fonts/LICENSE
	sed -i -E 's/(npm package `@expo-google-fonts\/inter`) [0-9][0-9.]*/\1 $(SHARE_FONT_VERSION)/' generator/fonts/README.md
	rm -rf .font-tmp
