# The commands of the README: `make demo` (set up, then fill the bundled samples), `make serve` (set
# up, then open the web page) and `make test` (set up, then run the whole test suite). All create .venv
# themselves, with the web extra (kit serve) and the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= ket-qua

.PHONY: demo serve test lint forms templates errors fields clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,web]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/kit fill samples/ke-hoach-*.xlsx -o $(OUT) --force
	$(BIN)/kit dossier samples/ho-so-khen-thuong-so-noi-vu.xlsx -o $(OUT) --zip --force
	$(BIN)/kit dossier samples/ho-so-thuong-xuyen-so-noi-vu.xlsx -o $(OUT) --zip --force
	$(BIN)/kit decision samples/ho-so-khen-thuong-so-noi-vu.xlsx -o $(OUT) --certificates --force
	$(BIN)/kit decision samples/ho-so-thuong-xuyen-so-noi-vu.xlsx -o $(OUT) --certificates --force
	@echo "Xong: các văn bản Word nằm trong thư mục $(OUT)/"

serve: $(VENV)/.installed
	$(BIN)/kit serve

test: $(VENV)/.installed
	$(BIN)/kit packs lint
	$(BIN)/python -m pytest

# ruff (lint rules and formatting) and mypy, configured in pyproject.toml; CI runs it before the tests.
lint: $(VENV)/.installed
	$(BIN)/ruff check kit tests tools bench
	$(BIN)/ruff format --check kit tests tools bench
	$(BIN)/mypy

# Developers: rebuild the committed workbooks (forms/*.xlsx, samples/*.xlsx) and Word templates.
forms: $(VENV)/.installed
	$(BIN)/python tools/build_workbooks.py

templates: $(VENV)/.installed
	$(BIN)/python tools/build_templates.py

errors: $(VENV)/.installed
	$(BIN)/python tools/error_messages.py --write

# The field pages docs/fields/*.md (kit/documents/fields.py and the forms' samples).
fields: $(VENV)/.installed
	$(BIN)/python tools/field_docs.py --write

clean:
	rm -rf $(VENV) $(OUT) dist build *.egg-info .pytest_cache
