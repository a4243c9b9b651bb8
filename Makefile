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

# Charts go to build/charts/; docs/ holds the committed snapshots the README shows.
demo: $(VENV)/.installed
	$(BIN)/kg build
	$(BIN)/kg chart org      -o build/charts/org-chart.png
	$(BIN)/kg chart org      -o build/charts/org-chart-2005.png --as-of 2005-06-01
	$(BIN)/kg chart timeline -o build/charts/timeline.png
	$(BIN)/kg chart network  -o build/charts/network.png
	$(BIN)/kg export gexf combined   -o build/exports/kg.gexf
	$(BIN)/kg export csv  entities   -o build/exports/entities.csv
	$(BIN)/kg export csv  statements -o build/exports/statements.csv
	@echo
	@echo "== The bodies under the commission"
	@$(BIN)/kg query hierarchy
	@echo
	@echo "== The Commission's meetings since 2001, with their co-chairs"
	@$(BIN)/kg query sessions-of-body --param body=irigc-mmtc
	@echo
	@echo "== Who co-chaired the Commission over time"
	@$(BIN)/kg query co-chairs-over-time --param body=irigc-mmtc
	@echo
	@echo "== Sessions of the Working Group on Military-Technical Cooperation and Defence Industry"
	@$(BIN)/kg query sessions-of-body --param body=wg-mtc-di
	@echo
	@echo "== Agreements and protocols"
	@$(BIN)/kg query agreements
	@echo
	@echo "== Who held a post on 29 October 2025"
	@$(BIN)/kg query post-holders-on-date --param date=2025-10-29
	@echo
	@echo "== Timeline of events"
	@$(BIN)/kg query timeline
	@echo
	@echo "== Session numbers the graph does not know yet"
	@$(BIN)/kg query missing-ordinals
	@echo
	@echo "Charts: build/charts/*.png. Gephi: build/exports/kg.gexf (timeline, colours by side)."
	@echo "Spreadsheets: build/exports/entities.csv, statements.csv. Notebooks: make lab."
	@echo
	@echo "The kg command lives in the project's environment, not on your PATH:"
	@echo "  run it as $(BIN)/kg (e.g. $(BIN)/kg query --list),"
	@echo "  or first: source $(BIN)/activate   (then plain 'kg ...' works, as in the README)"

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab notebooks/

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

clean:
	rm -rf build build.versions .pytest_cache
