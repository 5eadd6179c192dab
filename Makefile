# Every target sets up what it needs: a virtualenv in .venv installed from the exact pins in requirements.lock.
PYTHON ?= python3
# Python keeps its compiled modules (__pycache__/, git-ignored, removed by make clean) even on a machine that
# sets PYTHONDONTWRITEBYTECODE: a test run starts about a hundred Python processes, and each would compile
# the engine again, and pytest rewrite every test file again (the fast tests: 35 and 38 s with them, 38
# and 42 s without, runs taken in turn).
unexport PYTHONDONTWRITEBYTECODE
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: help serve check test test-fast test-publish build bench screenshots phone-screenshots zensical lint format lock clean
.DEFAULT_GOAL := help

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 26

# The preview's port comes only from the command line (make serve PORT=8001): a PORT set in the environment for
# another program does not move it. It reaches the command as an environment variable, never through the
# shell, and the command checks it is a number.
ifneq ($(origin PORT),command line)
PORT := 8000
endif

serve: export MASSAGE_SITE_PORT = $(PORT)
serve: $(STAMP)  ## Preview the site at http://127.0.0.1:8000 (make serve PORT=8001 for another), reloading on every edit
	$(BIN)/massage-site-serve

# The browser tests wait on their browsers part of the time: one test process more than the cores it may use
# (counted as pytest-xdist's -n auto counts them) keeps the cores busy. On 2 cores, -n 3 against -n 2, in turn:
# the slow tests in 3 min 49 s and 3 min 37 s against 3 min 55 s and 3 min 49 s; -n 4 was slower than -n 2.
SLOW_WORKERS = $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1)')

test: $(STAMP)  ## Run every test: the fast ones first, so a mistake fails in a minute, then those in browsers (installed when missing)
	$(BIN)/pytest -n auto --dist load -m "not slow"
	tools/ensure-browsers
	$(BIN)/pytest -n $(SLOW_WORKERS) --dist loadfile -m slow

test-fast: $(STAMP)  ## The tests that need no browser and no full build of the site (pytest -m "not slow"), in under a minute
	$(BIN)/pytest -n auto --dist load -m "not slow"

test-publish: $(STAMP)  ## What a change to the texts alone must pass before it publishes: the fast tests, then the published site in Chromium
	$(BIN)/pytest -n auto --dist load -m "not slow"
	tools/ensure-browsers chromium
	$(BIN)/pytest -n $(SLOW_WORKERS) --dist loadfile -m "slow and publish_check"

check: $(STAMP)  ## Check the data files: one line per mistake, as file:line: field: message
	$(BIN)/massage-site-validate

build: $(STAMP)  ## Check the data, build into a temporary folder, then swap it into site/ (reproducible)
	$(BIN)/massage-site-build

bench: $(STAMP)  ## Measure build speed, growth with data, page weight and Lighthouse scores into BENCHMARKS.md
	tools/ensure-chromium
	$(BIN)/python benchmarks/run.py

screenshots: $(STAMP)  ## A phone-size screenshot of every page in each engine, into screenshots/ENGINE/ (git-ignored)
	tools/ensure-browsers
	$(BIN)/python tools/screenshots.py

phone-screenshots: $(STAMP)  ## Whole-page pictures of the home, about and visit pages at 390 px wide, with their heights
	tools/ensure-chromium
	$(BIN)/python tools/screenshots.py --phone

lint: $(STAMP)  ## Lint and type-check the code (ruff, mypy); CI runs it first
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)  ## Format the code and sort its imports (ruff)
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

lock:  ## Re-pin every dependency after editing pyproject.toml
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --extra test --all-build-deps --allow-unsafe --generate-hashes --strip-extras -o requirements.lock pyproject.toml
	rm -rf .venv-lock

# A Python older than 3.11 is refused before a virtualenv is made; a .venv an old Python made is replaced.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed; {sys.executable} is {v.major}.{v.minor}. Install a newer Python, or name it: make PYTHON=python3.12")'
	@if [ -d $(VENV) ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "Replacing $(VENV), which an older or missing Python made"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

clean:  ## Remove everything the commands made: the virtualenvs, build/, site/, caches, screenshots, node_modules
	rm -rf $(VENV) .venv-lock .venv-zensical build site site-zensical .site.lock .site-new-* .site-old-* .site-swap \
		.pytest_cache .ruff_cache .mypy_cache screenshots node_modules
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +

zensical: $(STAMP)  ## Not part of CI: build the generated folder with Zensical into site-zensical/ (README: what differs)
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check 'zensical==0.0.73' 'textstat==0.7.8' pydantic email-validator mkdocs-macros-plugin
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/massage-site-generate
	cd build && ../.venv-zensical/bin/zensical build -f mkdocs.yml; status=$$?; rm -rf ../site-zensical; mv site ../site-zensical 2>/dev/null; exit $$status
