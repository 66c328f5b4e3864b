# Two commands do all the set-up: `make demo` (the main job) and `make test`.
# Every target calls dev.py, where the steps live, so that `python dev.py demo`
# and `python dev.py test` (for machines without make, such as a training
# room's Windows laptops) run exactly the same thing. dev.py creates or reuses
# the local virtual environment in .venv by itself.
PYTHON ?= python3
CASE   ?= cases/a-company
OUT    ?= reports
# Extra JupyterLab options: make lab LAB_ARGS=--no-browser
LAB_ARGS ?=

.PHONY: demo test lint format lab slides strip nav venv clean

demo:
	$(PYTHON) dev.py demo --case $(CASE) --out $(OUT) $(if $(ACTUALS),--actuals $(ACTUALS))

test:
	$(PYTHON) dev.py test

lab:
	$(PYTHON) dev.py lab $(LAB_ARGS)

slides:
	$(PYTHON) dev.py slides

strip:
	$(PYTHON) dev.py strip

nav:
	$(PYTHON) dev.py nav

format:
	$(PYTHON) dev.py format

venv:
	$(PYTHON) dev.py venv

clean:
	rm -rf .venv reports build *.egg-info
