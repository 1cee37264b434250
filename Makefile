# Two commands for a newcomer: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.citeqa-installed

.PHONY: setup run test ingest lint clean

setup: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch==2.13.0 first: that pin takes the local CPU build instead of several GB of CUDA packages.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,llm]'  # llm: llama-cpp-python builds once, then pip's cache
	touch $(STAMP)

ingest: setup
	$(BIN)/citeqa ingest

run: ingest
	$(BIN)/citeqa serve

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check qa vectorstore eval tests

clean:
	rm -rf .citeqa artifacts
