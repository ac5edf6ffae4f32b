# Two commands that work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: run test lint typecheck unit e2e replicas replicas-test bench browser-bench load screenshots mutate clean

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
	$(PY) -m deploy.serve --server.port $(PORT)

## Lint, format check, type check and every test (unit, property, fuzz, AppTest, Chromium) except
## the replicas test (over a minute: `make replicas-test`). Two workers each time: first everything
## but the browser tests, then the browser tests, where each worker starts its own server and its
## own Chromium (one of each per worker, shared by that worker's tests).
test: $(DEV_STAMP) lint typecheck
	$(PY) -m pytest -n 2 --ignore=tests/e2e
	$(PY) -m pytest -n 2 tests/e2e -m "not replicas"

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

unit: $(DEV_STAMP)
	$(PY) -m pytest -n 2 tests/unit tests/properties

e2e: $(DEV_STAMP)
	$(PY) -m pytest -n 2 tests/e2e -m "not replicas"

## A lecture hall on this machine: $(REPLICAS) replicas behind HAProxy on http://127.0.0.1:$(BALANCER_PORT)
REPLICAS ?= 3
BALANCER_PORT ?= 8500
replicas: $(RUN_STAMP)
	$(PY) -m deploy.replicas --replicas $(REPLICAS) --port $(BALANCER_PORT)

## Chromium through HAProxy: sessions spread over replicas, an upload, a replica killed mid-session
replicas-test: $(DEV_STAMP)
	$(PY) -m pytest tests/e2e/test_replicas.py -m replicas

## Print the benchmark figures (the load test is separate: `make load`, ~10 browsers)
bench: $(DEV_STAMP)
	$(PY) bench/core_bench.py
	$(PY) bench/page_bench.py
	$(PY) bench/dose_map_bench.py
	$(PY) bench/batch_page_bench.py
	$(PY) bench/fuzz_bench.py
	$(PY) bench/properties.py

## Input to screen in Chromium, this app beside a bare page in the same run, then what one more
## element of each kind costs the browser per rerun (~4 min on 2 cores)
browser-bench: $(DEV_STAMP)
	$(PY) bench/browser_bench.py
	$(PY) bench/element_cost.py

## Concurrent headless Chromium sessions against one local server (prints errors, latency, memory);
## `make load LOAD_ARGS="--replicas 3"` runs them through HAProxy in front of 3 replicas
load: $(DEV_STAMP)
	$(PY) bench/load.py $(LOAD_ARGS)

## Save PNG screenshots into docs/screenshots/: every page at 1280x720 and 390x844 (phone), lecture mode at 1920x1080
screenshots: $(DEV_STAMP)
	$(PY) tools/screenshots.py docs/screenshots

## Mutation testing of the rules core with mutmut (slow: not part of `make test` or CI; see
## docs/mutation.md). One module at a time: `make mutate MODULE=renal`; without MODULE every
## configured module (~45 min on 2 cores). The mutants named are always run again, so a score is
## never left over from older tests. Prints the share of mutants killed per module;
## `$(PY) -m mutmut results` lists the survivors. (`python -m mutmut`: the venv's mutmut script
## may name another venv's python.)
MODULE ?=
mutate: $(DEV_STAMP)
	$(PY) -m mutmut run "core.$(or $(MODULE),*).*" --max-children 2
	$(PY) tools/mutation_score.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
