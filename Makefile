# Two commands that work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: run test lint typecheck unit e2e bench load screenshots mutate clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(RUN_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

## Start the explorer on http://localhost:$(PORT)
run: $(RUN_STAMP)
	$(PY) -m streamlit run app.py --server.port $(PORT)

## Lint, format check, type check and every test (unit, property, fuzz, AppTest, Chromium).
## Two workers for everything but the browser tests, which share one server and one browser per
## session: they run after, in one process.
test: $(DEV_STAMP) lint typecheck
	$(PY) -m pytest -n 2 --ignore=tests/e2e
	$(PY) -m pytest tests/e2e

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

unit: $(DEV_STAMP)
	$(PY) -m pytest -n 2 tests/unit tests/properties

e2e: $(DEV_STAMP)
	$(PY) -m pytest tests/e2e

## Print the benchmark figures (the load test is separate: `make load`, ~10 browsers)
bench: $(DEV_STAMP)
	$(PY) bench/core_bench.py
	$(PY) bench/page_bench.py
	$(PY) bench/dose_map_bench.py
	$(PY) bench/batch_page_bench.py
	$(PY) bench/fuzz_bench.py

## Concurrent headless Chromium sessions against one local server (prints errors, latency, memory)
load: $(DEV_STAMP)
	$(PY) bench/load.py

## Save PNG screenshots of every page at 1280x720 into docs/screenshots/
screenshots: $(DEV_STAMP)
	$(PY) tools/screenshots.py docs/screenshots

## Mutation testing of the rules core with mutmut (slow: not part of `make test` or CI).
## One module at a time: `make mutate MODULE=renal`; without MODULE every configured module.
## Prints the share of mutants killed per module; `mutmut results` lists the survivors.
MODULE ?=
mutate: $(DEV_STAMP)
	$(VENV)/bin/mutmut run $(if $(MODULE),"core.$(MODULE).*") --max-children 2
	$(PY) tools/mutation_score.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
