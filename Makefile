# One virtualenv for everything; `make install` builds it from scratch.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: install test test-fast demo bench eval lint fuzz golden docs clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: $(PY)
	$(PIP) install -q -e '.[dev]'

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

demo: install
	rm -rf out/corpus
	$(VENV)/bin/cleaner fix corpus --out out --report out/report.md || true
	@echo "Cleaned copies in out/corpus, diff report in out/report.md"

bench: install
	$(PY) bench/run.py

eval: install
	$(PY) bench/eval_pages.py
	@if [ -f bench/eval.py ]; then $(PY) bench/eval.py; fi

lint: install
	$(VENV)/bin/ruff check cleaner tests bench
	$(VENV)/bin/ruff format --check cleaner tests bench

fuzz: install
	$(PY) -m pytest -q tests/robustness -m slow --hypothesis-profile fuzz

golden: install
	$(PY) tests/update_golden.py

docs: install
	$(PY) tests/update_readme.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
