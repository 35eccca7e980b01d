# Drug Resistance in Cancer: build and test commands. Run `make help` for the list.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BOOK_HTML := _build/html/index.html

.PHONY: help book html test bench stats pdf handouts answer-key quiz-export print configure lock clean

help:
	@echo "make book   build the HTML book into _build/html and open it (creates $(VENV) on first use)"
	@echo "make test   run every test: models, quizzes, citations, notebooks, the book build, a real browser"
	@echo "make bench  print build, notebook and explorer timings"
	@echo "make stats  print what each chapter holds: words, citations, figures, quiz, exercises, lab"
	@echo "make pdf         the whole book as one PDF: _build/print/drug-resistance-in-cancer.pdf"
	@echo "make handouts    one short article per chapter to print for a class: prose, figures, quiz without"
	@echo "                 answers, exercises without solutions, its key terms and references: _build/print/handouts/"
	@echo "make answer-key  instructors' answer keys, every answer, feedback and solution: the whole course in"
	@echo "                 _build/print/answer-key.pdf and one per chapter in _build/print/answer-keys/"
	@echo "make quiz-export every quiz bank as Moodle XML, GIFT and Canvas QTI (.zip): _build/print/quiz-export/"
	@echo "make print       all four of the above"
	@echo "make configure REPO=https://github.com/<org>/<repo> [BRANCH=main] [HUB=https://hub.example.edu]"
	@echo "                 point a fork at its own repository (launch buttons, labs' install cell)"
	@echo "make lock   after editing requirements.in or requirements-dev.in: regenerate the pinned requirements*.txt"
	@echo "make clean  remove _build"

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip check
	touch $@

# Regenerate the fully pinned requirements*.txt from the hand-written requirements*.in (needs PyPI).
lock: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/python scripts/lock_requirements.py

html: $(BIN)/.installed
	$(BIN)/jupyter-book build . -W -n --keep-going

book: html
	@echo "The book is at $(CURDIR)/$(BOOK_HTML)"
	@if [ -n "$${DISPLAY:-}" ] || [ "$$(uname)" = Darwin ]; then $(BIN)/python -m webbrowser -t "file://$(CURDIR)/$(BOOK_HTML)"; fi

test: $(BIN)/.installed
	bash scripts/install-system-packages.sh
	$(BIN)/python -m pytest -n auto --dist loadgroup

bench: $(BIN)/.installed
	$(BIN)/python scripts/benchmark.py

stats: $(BIN)/.installed
	$(BIN)/python scripts/chapter_stats.py

pdf handouts answer-key: $(BIN)/.installed
	bash scripts/install-system-packages.sh print
	$(BIN)/python scripts/print_outputs.py $(subst pdf,book,$@)

quiz-export: $(BIN)/.installed
	$(BIN)/python scripts/print_outputs.py export

print: $(BIN)/.installed
	bash scripts/install-system-packages.sh print
	$(BIN)/python scripts/print_outputs.py all

# Needs only PyYAML and nbformat: the course's virtual environment if there is one, else $(PYTHON).
CONFIGURE_PYTHON = $(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON))
BRANCH ?= main
configure:
	@test -n "$(REPO)" || { echo "usage: make configure REPO=https://github.com/<org>/<repo> [BRANCH=main] [HUB=https://hub.example.edu]" >&2; exit 2; }
	$(CONFIGURE_PYTHON) scripts/configure.py --repo "$(REPO)" --branch "$(BRANCH)" $(if $(HUB),--hub "$(HUB)")

clean:
	rm -rf _build
