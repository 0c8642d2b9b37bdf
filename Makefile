# The commands of the README: `make demo` (set up, then fill the bundled samples), `make serve` (set
# up, then open the web page) and `make test` (set up, then run the whole test suite). All create .venv
# themselves, with the web extra (kit serve) and the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= ket-qua

.PHONY: demo serve test forms templates errors clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,web]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/kit fill samples/ke-hoach-*.xlsx -o $(OUT) --force
	$(BIN)/kit dossier samples/ho-so-khen-thuong-so-noi-vu.xlsx -o $(OUT) --zip --force
	@echo "Xong: các văn bản Word nằm trong thư mục $(OUT)/"

serve: $(VENV)/.installed
	$(BIN)/kit serve

test: $(VENV)/.installed
	$(BIN)/kit packs lint
	$(BIN)/python -m pytest

# Developers: rebuild the committed workbooks (forms/*.xlsx, samples/*.xlsx) and Word templates.
forms: $(VENV)/.installed
	$(BIN)/python tools/build_workbooks.py

templates: $(VENV)/.installed
	$(BIN)/python tools/build_templates.py

errors: $(VENV)/.installed
	$(BIN)/python tools/error_messages.py --write

clean:
	rm -rf $(VENV) $(OUT) dist build *.egg-info .pytest_cache
