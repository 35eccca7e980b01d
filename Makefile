# Drug Resistance in Cancer: build and test commands. Run `make help` for the list.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BOOK_HTML := _build/html/index.html

.PHONY: help book html test bench stats pdf handouts answer-key quiz-export print clean

help:
	@echo "make book   build the HTML book into _build/html and open it (creates $(VENV) on first use)"
	@echo "make test   run every test: models, quizzes, citations, notebooks, the book build, a real browser"
	@echo "make bench  print build, notebook and explorer timings"
	@echo "make stats  print what each chapter holds: words, citations, figures, quiz, exercises, lab"
	@echo "make pdf         the whole book as one PDF: _build/print/drug-resistance-in-cancer.pdf"
	@echo "make handouts    one PDF per chapter, quiz without answers, no solutions: _build/print/handouts/"
	@echo "make answer-key  instructors' PDF with every answer and solution: _build/print/answer-key.pdf"
	@echo "make quiz-export every quiz bank as Moodle XML and GIFT: _build/print/quiz-export/"
	@echo "make print       all four of the above"
	@echo "make clean  remove _build"

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

html: $(BIN)/.installed
	$(BIN)/jupyter-book build . -W -n --keep-going

book: html
	@echo "The book is at $(CURDIR)/$(BOOK_HTML)"
	@if [ -n "$${DISPLAY:-}" ] || [ "$$(uname)" = Darwin ]; then $(BIN)/python -m webbrowser -t "file://$(CURDIR)/$(BOOK_HTML)"; fi

test: $(BIN)/.installed
	bash scripts/install-system-packages.sh
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python scripts/benchmark.py

stats: $(BIN)/.installed
	$(BIN)/python scripts/chapter_stats.py

pdf handouts answer-key: $(BIN)/.installed
	bash scripts/install-system-packages.sh
	$(BIN)/python scripts/print_outputs.py $(subst pdf,book,$@)

quiz-export: $(BIN)/.installed
	$(BIN)/python scripts/print_outputs.py export

print: $(BIN)/.installed
	bash scripts/install-system-packages.sh
	$(BIN)/python scripts/print_outputs.py all

clean:
	rm -rf _build
