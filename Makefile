# The two commands the README names: `make demo` (the main job) and `make test` (the tests).
# Each creates or reuses the virtual environment .venv, installs what it needs into it, and
# installs the Graphviz system program (for images) where it is missing and can be installed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-slow bench docs graphviz browser clean

demo: $(VENV)/.installed-runtime graphviz
	$(BIN)/autograd-nn demo --output-dir out/demo

test: $(VENV)/.installed-dev graphviz browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -rs

test-slow: $(VENV)/.installed-dev graphviz
	$(BIN)/python -m pytest -m slow

# The peers (micrograd, PyTorch CPU, MyGrad, HIPS autograd) are optional, each skipped with the
# reason when absent: $(BIN)/pip install -e '.[bench]'. ARGS=--markdown / --quick / --long.
bench: $(VENV)/.installed-dev
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python benchmarks/run.py $(ARGS)

docs: $(VENV)/.installed-dev
	$(BIN)/mkdocs build --strict --site-dir out/site

# Debian's system Python needs the python3-venv package for `python -m venv`.
$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null \
	      && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtual environment; install it with: sudo apt-get install python3-venv"; exit 1; fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-runtime

# Headless Chromium (Debian's `chromium`) runs the step-through player's browser tests; where it
# cannot be installed those tests are skipped and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install Chromium; for the browser tests: sudo apt-get install chromium"; \
	  else echo "Chromium is missing; for the browser tests install it with: sudo apt-get install chromium"; fi; }

# Graphviz's `dot` draws the PNG/SVG diagrams; DOT text works without it.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) \
	      || echo "Could not install Graphviz; install it with: sudo apt-get install graphviz"; \
	  else echo "Graphviz is missing; for images install it with: sudo apt-get install graphviz"; fi; }

clean:
	rm -rf $(VENV) out build *.egg-info
