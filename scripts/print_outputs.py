"""Build the print deliverables: the whole-book PDF, per-chapter handouts, the answer key, quiz exports.

Usage (from the repository root, inside the course's virtual environment)::

    python scripts/print_outputs.py book        # _build/print/drug-resistance-in-cancer.pdf
    python scripts/print_outputs.py handouts    # _build/print/handouts/<chapter>.pdf
    python scripts/print_outputs.py answer-key  # _build/print/answer-key.pdf (instructors only)
    python scripts/print_outputs.py export      # _build/print/quiz-export/*.moodle.xml, *.gift.txt
    python scripts/print_outputs.py all

Student-facing PDFs (book, handouts) print quizzes as numbered questions with empty boxes and
exercises without their solutions (sphinx-exercise's ``hide_solutions``). The answer key is a
separate small book, generated from the same quiz banks and chapter sources.
Needs xelatex and latexmk (Debian: see scripts/install-system-packages.sh).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugresist.quiz import all_banks, to_latex  # noqa: E402

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
BOOK_TEX_NAME = "drug-resistance-in-cancer"


def _config(title: str, target: str, hide_solutions: bool) -> dict:
    """The book's _config.yml adapted for one PDF: its own file name, title and solution setting."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = title
    config["bibtex_bibfiles"] = [str(ROOT / "references.bib")]
    config["latex"]["latex_documents"] = {"targetname": f"{target}.tex"}
    config["sphinx"]["config"]["hide_solutions"] = hide_solutions
    return config


# A handout holds one chapter, so its links to other chapters cannot resolve; LaTeX prints them
# as plain text. These are the only warnings a handout build may give.
ALLOWED_IN_HANDOUTS = ("unknown document",)


def _build_pdf(source: Path, config: dict, toc: dict | None, work: Path, target: str, out: Path,
               allowed_warnings: tuple[str, ...] = ()) -> Path:
    """Run ``jupyter-book build --builder pdflatex``, failing on any warning not in
    ``allowed_warnings``; copy the PDF to ``out``."""
    work.mkdir(parents=True, exist_ok=True)
    config_path = work / "_config.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    strict = [] if allowed_warnings else ["-W"]
    command = [JUPYTER_BOOK, "build", str(source), "--builder", "pdflatex", *strict, "-n", "--keep-going",
               "--path-output", str(work), "--config", str(config_path)]
    if toc is not None:
        toc_path = work / "_toc.yml"
        toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
        command += ["--toc", str(toc_path)]
    shutil.rmtree(work / "_build" / "latex", ignore_errors=True)  # a failed LaTeX run poisons the next
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    pdf = work / "_build" / "latex" / f"{target}.pdf"
    warnings = [line for line in (result.stdout + result.stderr).splitlines()
                if "WARNING" in line and "IPKernelApp" not in line]
    unexpected = [line for line in warnings if not any(allowed in line for allowed in allowed_warnings)]
    if unexpected:
        raise SystemExit(f"{target}: unexpected warnings:\n" + "\n".join(unexpected))
    if result.returncode != 0 or not pdf.is_file():
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"PDF build failed for {target}")
    log = (work / "_build" / "latex" / f"{target}.log").read_text(encoding="utf-8", errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.) ", log)))
    if missing:
        raise SystemExit(f"{target}: the font lacks these characters: {missing}")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdf, out)
    print(f"wrote {out.relative_to(ROOT) if ROOT in out.parents else out}")
    return out


def build_book(out_dir: Path) -> Path:
    config = _config("Drug Resistance in Cancer", BOOK_TEX_NAME, hide_solutions=True)
    return _build_pdf(ROOT, config, None, out_dir / "work" / "book", BOOK_TEX_NAME, out_dir / f"{BOOK_TEX_NAME}.pdf")


def chapter_title(chapter: str) -> str:
    text = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", text, re.M).group(1).strip()


def build_handouts(out_dir: Path) -> list[Path]:
    """One PDF per chapter that has a quiz: the chapter, its quiz without answers, no solutions."""
    outputs = []
    for bank in all_banks():
        toc = {"format": "jb-article", "root": f"book/{bank.id}",
               "sections": [{"file": "book/glossary"}, {"file": "book/references"}]}
        config = _config(f"Handout: {chapter_title(bank.id)}", bank.id, hide_solutions=True)
        outputs.append(_build_pdf(ROOT, config, toc, out_dir / "work" / f"handout-{bank.id}", bank.id,
                                  out_dir / "handouts" / f"{bank.id}.pdf", ALLOWED_IN_HANDOUTS))
    return outputs


# ----- answer key ----------------------------------------------------------------------------------

_EXERCISE = re.compile(r"```\{exercise\}\s*(?P<title>[^\n]*)\n:label: (?P<label>[^\n]+)\n(?P<body>.*?)\n```", re.S)
_SOLUTION = re.compile(r"```\{solution\}\s*(?P<label>[^\n]+)\n(?::[a-z]+:[^\n]*\n)*(?P<body>.*?)\n```", re.S)
_ROLE = re.compile(r"\{(?:term|doc|ref|numref)\}`([^`<]+?)(?:\s*<[^>]+>)?`")


def exercises_with_solutions(chapter_source: str) -> list[tuple[str, str, str, str]]:
    """(label, title, exercise text, solution text) for every exercise in a chapter's MyST source."""
    solutions = {m.group("label").strip(): m.group("body").strip() for m in _SOLUTION.finditer(chapter_source)}
    return [(m.group("label").strip(), m.group("title").strip(), m.group("body").strip(),
             solutions.get(m.group("label").strip(), "(no solution written)"))
            for m in _EXERCISE.finditer(chapter_source)]


def _plain_roles(text: str) -> str:
    """Cross-references to pages that are not in the answer key become their plain text."""
    return _ROLE.sub(lambda m: m.group(1).strip(), text)


def answer_key_page(bank) -> str:
    title = chapter_title(bank.id)
    source = (ROOT / "book" / f"{bank.id}.md").read_text(encoding="utf-8")
    parts = [f"# {title}", "", "## Quiz answers", "", "```{raw} latex", to_latex(bank, answer_key=True), "```", "",
             "## Exercise solutions", ""]
    for label, exercise_title, exercise, solution in exercises_with_solutions(source):
        parts += [f"### {exercise_title} ({label})", "", _plain_roles(exercise), "", "**Solution.**", "",
                  _plain_roles(solution), ""]
    return "\n".join(parts)


def build_answer_key(out_dir: Path) -> Path:
    banks = all_banks()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / "index.md").write_text(
            "# Answer key\n\nFor instructors: every quiz question's answer, feedback and explanation, and every "
            "exercise's worked solution, chapter by chapter. Do not hand this out to students.\n",
            encoding="utf-8")
        for bank in banks:
            (source / f"{bank.id}.md").write_text(answer_key_page(bank), encoding="utf-8")
        (source / "references.md").write_text("# References\n\n```{bibliography}\n```\n", encoding="utf-8")
        toc = {"format": "jb-book", "root": "index",
               "chapters": [{"file": bank.id} for bank in banks] + [{"file": "references"}]}
        config = _config("Drug Resistance in Cancer: answer key", "answer-key", hide_solutions=False)
        config["only_build_toc_files"] = True
        return _build_pdf(source, config, toc, out_dir / "work" / "answer-key", "answer-key", out_dir / "answer-key.pdf")


def export_quizzes(out_dir: Path) -> Path:
    from drugresist.quiz.__main__ import main as quiz_main

    quiz_main(["export", "--out", str(out_dir / "quiz-export")])
    return out_dir / "quiz-export"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the course's print deliverables.")
    parser.add_argument("what", choices=["book", "handouts", "answer-key", "export", "all"])
    parser.add_argument("--out", default=str(ROOT / "_build" / "print"), help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    out_dir = Path(args.out).resolve()
    if args.what in ("book", "all"):
        build_book(out_dir)
    if args.what in ("handouts", "all"):
        build_handouts(out_dir)
    if args.what in ("answer-key", "all"):
        build_answer_key(out_dir)
    if args.what in ("export", "all"):
        export_quizzes(out_dir)


if __name__ == "__main__":
    main()
