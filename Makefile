# The two commands of the README. Both create .venv on first use and reinstall only when
# pyproject.toml changes.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: site check lint test

site: $(VENV)/.installed
	$(BIN)/tenderpack validate tenders/
	$(BIN)/tenderpack build --strict

check: $(VENV)/.installed-test
	bash scripts/ensure-browser
	bash scripts/ensure-htmlcs
	bash scripts/ensure-pdftotext
	bash scripts/ensure-libreoffice
	$(MAKE) lint
	$(MAKE) test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# pytest exits 5 when it collects no tests; make treats that as the failure it is.
test:
	$(BIN)/pytest -n auto -q

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed
