# Two commands that work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: run test lint typecheck unit e2e bench load screenshots clean

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

## Lint, format check, type check and every test (unit, property, AppTest, Chromium)
test: $(DEV_STAMP) lint typecheck
	$(PY) -m pytest

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

unit: $(DEV_STAMP)
	$(PY) -m pytest tests/unit tests/properties

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

## Save PNG screenshots into docs/screenshots/: every page at 1280x720 and 390x844 (phone), lecture mode at 1920x1080
screenshots: $(DEV_STAMP)
	$(PY) bench/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
