# helixgraph: `make run` serves the default ecosystem, `make test` runs the test suite.
# Both set up the virtual environment in .venv first (only Python 3.11+ and PyPI needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the package with one of its extras (test, dev, bench): $(VENV)/.installed-test ...
EXTRA  := $(VENV)/.installed-
# the address `make run` serves on: HOST/PORT, else the settings HELIX_HOST/HELIX_PORT
HOST   ?= $(or $(HELIX_HOST),127.0.0.1)
PORT   ?= $(or $(HELIX_PORT),8000)

.PHONY: setup run test test-fast check lint format types bench vocab vendor openapi data conformance clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(EXTRA)%: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

# Bytecode is written where this machine's environment says not to (PYTHONDONTWRITEBYTECODE):
# without it every pytest process rewrote and compiled 400 modules on collection (13 s instead
# of 4.5 s; the plugins' own too), and every worker a server spawns compiled helixgraph again.
unexport PYTHONDONTWRITEBYTECODE

# helixgraph's own modules compiled before the server spawns its workers at once
run: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/helixgraph serve --host $(HOST) --port $(PORT)

# the tests that time something run alone; the others on two processes, a file each at a time
test: $(EXTRA)test
	sh scripts/install-test-packages.sh
	$(BIN)/python -m compileall -q src
	$(BIN)/python -m pytest -m timing
	$(BIN)/python -m pytest -m 'not timing' -n 2 --dist loadfile

test-fast: $(EXTRA)test
	$(BIN)/python -m pytest -m 'not slow'

lint: $(EXTRA)dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(EXTRA)dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: $(EXTRA)dev
	$(BIN)/mypy

check: lint types test

bench: $(EXTRA)bench
	$(BIN)/python -m bench

# Regenerate src/helixgraph/rdf/vocab.py from ontology/helixgraph.ttl.
vocab: $(STAMP)
	$(BIN)/python scripts/generate_vocab.py

# Re-vendor vis-network and the CodeMirror SPARQL editor from the npm registry (versions pinned
# in the scripts); needs node and npm, which `make run` and `make test` do not.
vendor:
	sh scripts/vendor-vis-network.sh
	sh scripts/vendor-codemirror.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Regenerate api/openapi.json, the HTTP contract, from the app.
openapi: $(STAMP)
	$(BIN)/python scripts/generate_openapi.py

# Rebuild data/cordis-hu.nt.gz (the Hungarian slice of Horizon 2020) and data/cordis-hu-names.nt.gz
# (its organisations' names) from ../shared with the importer.
data: $(STAMP)
	$(BIN)/python scripts/make_cordis_hu.py ../shared/data
	$(BIN)/python scripts/record_conformance.py

# Check the shipped data against the SHACL shapes and record the verdict the tests read
conformance: $(STAMP)
	$(BIN)/python scripts/record_conformance.py
