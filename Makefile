# Two commands do all the set-up: `make demo` (the main job) and `make test`.
# Both create or reuse the local virtual environment in .venv by themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CASE   ?= cases/a-company
OUT    ?= reports
# The review's actual results, when the case ships them: the reports add the scorecard.
ACTUALS ?= $(firstword $(wildcard $(CASE)/actuals/*.yaml))

.PHONY: demo test lint format lab strip nav venv clean

# Re-install only when the project's declared dependencies change.
# --compile-bytecode: uv does not write .pyc files by default, and where
# PYTHONDONTWRITEBYTECODE is set nothing ever does, so every process (each report
# kernel too) would compile pandas from source: import pandas 1.6 s instead of 0.45 s.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# The main job: one HTML report per team of $(CASE) and $(OUT)/index.html (the
# command prints where it is).
demo: $(STAMP)
	$(BIN)/okrkit report $(CASE) --out $(OUT) $(if $(ACTUALS),--actuals $(ACTUALS))

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The workbook: JupyterLab 4 from the project's venv (widgets come with it),
# opened at the start notebook. Extra server options: make lab LAB_ARGS=--no-browser
LAB_ARGS ?=
# Jupyter refuses to run as root without saying so (CI and containers run as root).
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(LAB_ROOT) $(LAB_ARGS)

# Notebooks are committed without outputs or machine-specific metadata.
strip: $(STAMP)
	$(BIN)/python -m okrkit.workbook.clean notebooks/*.ipynb

# Rewrite each notebook's generated header and footer (titles live in okrkit/story.py).
nav: $(STAMP)
	$(BIN)/python scripts/make_nav.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) reports build *.egg-info
