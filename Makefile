# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lab build bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,notebook]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-dev

build: $(VENV)/.installed
	$(BIN)/kg build

demo: $(VENV)/.installed
	$(BIN)/kg build
	@echo
	@echo "== Sessions of the commission's bodies"
	@$(BIN)/python -m kg.demo

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab notebooks/

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf build .pytest_cache
