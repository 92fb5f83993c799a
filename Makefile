# Two entry points (see README): `make demo` and `make test`. Everything they
# need is installed here, into ./.venv, so a fresh machine needs only python3.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install browser bench eval clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/kg

install: $(BIN)/kg

## The main job on the bundled corpus: ingest, who denied what, the network map.
demo: install
	$(BIN)/kg ingest corpus/
	$(BIN)/kg denials
	$(BIN)/kg export html --out exports/corpus-map.html
	@echo "map: exports/corpus-map.html"
	@echo "browse the graph: $(BIN)/kg serve  (then open the address it prints)"

## Headless Chromium and its driver for the browser tests (Debian packages).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: chromium/chromedriver missing and not root: browser tests will be skipped"; fi

## The whole test suite, after the lint and format check (ruff) and the architecture contracts
## (import-linter, [tool.importlinter] in pyproject.toml).
test: install browser
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest -q

## The extractor scored against the hand annotations (bundled corpus, dev stories).
eval: install
	$(BIN)/kg eval corpus/gold/ --articles corpus/
	$(BIN)/kg eval eval/dev/gold/ --articles eval/dev/articles/

bench: install
	for b in bench/[!_]*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) kg-store exports/*.html
