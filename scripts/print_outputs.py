"""Build the print deliverables: the whole-book PDF, per-chapter handouts, the answer keys, quiz exports.

Usage (from the repository root, inside the course's virtual environment)::

    python scripts/print_outputs.py book        # _build/print/drug-resistance-in-cancer.pdf
    python scripts/print_outputs.py handouts    # _build/print/handouts/<chapter>.pdf
    python scripts/print_outputs.py answer-key  # _build/print/answer-key.pdf and answer-keys/<chapter>.pdf
    python scripts/print_outputs.py export      # _build/print/quiz-export/*.moodle.xml, *.gift.txt, *.canvas-qti.zip
    python scripts/print_outputs.py all
    python scripts/print_outputs.py handouts --chapter hypoxia   # one chapter (also for answer-key)

The book PDF is a book (Sphinx's ``manual`` theme). A handout is a short article (``howto``
theme) generated from its chapter: the title once with the course name and the time to complete,
the chapter's sections as numbered sections, its prose and figures without the Python code (with
a pointer to the lab), the quiz as numbered questions with answer boxes, the exercises without
solutions, then only the chapter's own key terms and the references it cites. Every chapter in
_toc.yml that has a quiz bank gets a handout and an answer key. The answer keys are generated
from the same quiz banks and chapter sources. All builds of one run share one execution cache,
so a chapter executed for the book is not executed again for its handout, and a run starts from
a copy of ``make html``'s cache when it has none of its own (each handout reads a
private copy of it, so that handouts can be built side by side). Handouts and answer keys are
built ``--jobs`` at a time (default: 2, or 1 on a one-core machine).
Needs xelatex and latexmk (Debian: see scripts/install-system-packages.sh).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugresist.quiz import all_banks, to_latex  # noqa: E402

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
BOOK_TEX_NAME = "drug-resistance-in-cancer"


COURSE = "Drug Resistance in Cancer"


def _config(title: str, target: str, hide_solutions: bool, cache: Path | None = None) -> dict:
    """The book's _config.yml adapted for one PDF: its own file name, title and solution setting.

    ``cache`` is a jupyter-cache folder shared by every build of one run, so that a chapter
    executed for the book PDF is not executed again for its handout (the cache keys on code only).
    """
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = title
    config["bibtex_bibfiles"] = [str(ROOT / "references.bib")]
    config["latex"]["latex_documents"] = {"targetname": f"{target}.tex"}
    config["sphinx"]["config"]["hide_solutions"] = hide_solutions
    if cache is not None:
        config.setdefault("execute", {})["cache"] = str(cache)
    return config


def _article(config: dict, title: str, lines: list[str]) -> dict:
    """Typeset as an article (Sphinx's ``howto`` theme): the title once, in a compact block with
    ``lines`` under it, numbered sections, no title page, no table of contents, no blank pages."""
    from drugresist.quiz.markup import escape_latex

    subtitle = r"\\[2pt]".join(escape_latex(line) for line in lines)
    config["sphinx"]["config"].update({
        "latex_theme": "howto",
        "latex_elements": {
            "papersize": "a4paper",
            "pointsize": "10pt",
            "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2cm,2.2cm}",
            "maketitle": (r"\begin{center}{\LARGE\bfseries " + escape_latex(title) + r"\par}\smallskip"
                          r"{\small " + subtitle + r"\par}\end{center}\medskip"),
            "tableofcontents": "",
            "printindex": "",
            "preamble": (r"\setcounter{secnumdepth}{2}"
                         # figures at most 40% of the page high, so one never takes a page alone
                         r"\makeatletter\renewcommand{\sphinxsafeincludegraphics}[2][]{"
                         r"\includegraphics[width=\linewidth,height=0.4\textheight,keepaspectratio,#1]{#2}}"
                         r"\makeatother"),
        },
    })
    return config


# Every warning a generated (handout or answer-key) build may give: none.
ALLOWED_IN_HANDOUTS: tuple[str, ...] = ()


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
    started = time.monotonic()
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
    print(f"wrote {out.relative_to(ROOT) if ROOT in out.parents else out} ({time.monotonic() - started:.0f} s)")
    return out


def _cache(out_dir: Path) -> Path:
    return out_dir / "work" / "jupyter-cache"


HTML_CACHE = ROOT / "_build" / ".jupyter_cache"
"""The execution cache of ``make html``: a print run starts from a copy of it when it has none."""


def seed_cache(out_dir: Path, seed: Path | None) -> bool:
    """Start this run's execution cache as a copy of ``seed`` (another build's jupyter-cache), so
    that chapters already executed there are not executed again; the cache keys on a notebook's
    code, and print uses the same outputs as HTML. Does nothing if the run already has a cache or
    ``seed`` is not a folder. Returns whether it copied."""
    target = _cache(out_dir)
    if target.exists() or seed is None or not seed.is_dir():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(seed, target)
    return True


def build_book(out_dir: Path) -> Path:
    config = _config(COURSE, BOOK_TEX_NAME, hide_solutions=True, cache=_cache(out_dir))
    return _build_pdf(ROOT, config, None, out_dir / "work" / "book", BOOK_TEX_NAME, out_dir / f"{BOOK_TEX_NAME}.pdf")


# ----- chapters and their sources ------------------------------------------------------------------


def chapter_source(chapter: str) -> str:
    return (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")


def chapter_title(chapter: str) -> str:
    return re.search(r"^# (.+)$", chapter_source(chapter), re.M).group(1).strip()


def chapters() -> list[str]:
    """Every chapter in _toc.yml (in book order) that has a quiz bank: the ones with handouts."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    banks = {bank.id for bank in all_banks()}
    return [Path(f).name for f in files if Path(f).parent.name == "book" and Path(f).name in banks]


def _field(source: str, name: str) -> str | None:
    """The text of a ``**Name:** text`` paragraph (joined onto one line), or None."""
    found = re.search(r"^\*\*" + re.escape(name) + r":\*\*\s*(.+?)(?:\n\s*\n|\Z)", source, re.M | re.S)
    return " ".join(found.group(1).split()) if found else None


def _drop_field(source: str, name: str) -> str:
    return re.sub(r"^\*\*" + re.escape(name) + r":\*\*.*?(?:\n\s*\n|\Z)", "", source, count=1, flags=re.M | re.S)


_TERM = re.compile(r"\{term\}`([^`]+)`")
_DOC = re.compile(r"\{doc\}`([^`]+)`")
_CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")


def _role_target(content: str) -> tuple[str, str]:
    """(shown text, target) of a role's content: ``text <target>`` or ``target``."""
    found = re.match(r"^(.*?)\s*<([^>]+)>$", content.strip(), re.S)
    return (found.group(1), found.group(2).strip()) if found else (content.strip(), content.strip())


def chapter_terms(source: str) -> list[str]:
    """The glossary terms a chapter links with ``{term}``, lower case, in order of first use."""
    terms: list[str] = []
    for match in _TERM.finditer(source):
        term = _role_target(match.group(1))[1].lower()
        if term not in terms:
            terms.append(term)
    return terms


def cited_keys(source: str) -> set[str]:
    return {key.strip() for match in _CITE.finditer(source) for key in match.group(1).split(",")}


def glossary_entries() -> dict[str, tuple[list[str], str]]:
    """Every glossary entry: lower-case term -> (its term lines, its indented definition)."""
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    body = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S).group(1)
    entries: dict[str, tuple[list[str], str]] = {}
    for block in re.split(r"\n\s*\n(?=\S)", body):
        lines = [line for line in block.splitlines() if not line.startswith(":")]
        names = [line.strip() for line in lines if line and not line[0].isspace()]
        definition = "\n".join(line for line in lines if line and line[0].isspace())
        for name in names:
            entries[name.lower()] = (names, definition)
    return entries


def _doc_as_text(match: re.Match) -> str:
    """A link to another page, which a handout does not hold, as that page's title in italics."""
    text, target = _role_target(match.group(1))
    if text != target:
        return text
    page = ROOT / "book" / f"{Path(target).name}.md"
    return f"*{chapter_title(page.stem)}*" if page.exists() else target


_REF = re.compile(r"\{ref\}`([^`]+)`")


def _labels(source: str) -> set[str]:
    """The targets a page defines: ``(label)=`` lines, ``:label:`` and ``name:`` options."""
    return set(re.findall(r"^\(([^)\n]+)\)=\s*$", source, re.M)) | set(
        re.findall(r"^\s*(?::label:|name:)\s*(\S+)\s*$", source, re.M))


def _refs_elsewhere_as_text(source: str) -> str:
    """``{ref}`` links to targets on other pages, which a handout does not hold, as plain text:
    their own text, or the title of the section they point to."""
    own = _labels(source)

    def replace(match: re.Match) -> str:
        text, target = _role_target(match.group(1))
        if target in own:
            return match.group(0)
        if text != target:
            return text
        for page in sorted((ROOT / "book").glob("*.md")):
            found = re.search(r"^\(" + re.escape(target) + r"\)=\s*\n#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
            if found:
                return f"*{found.group(1).strip()}*"
        return target

    return _REF.sub(replace, source)


def _after_title(source: str, insert: str) -> str:
    """``insert`` placed right after the page's ``# title`` line. (The LaTeX builder uses the
    title of an article's root page as the document title, so the ``##`` sections become the
    article's numbered sections.)"""
    return re.sub(r"^(# .+\n)", lambda m: m.group(1) + "\n" + insert, source, count=1, flags=re.M)


def _drop_section(source: str, heading: str) -> str:
    """Remove a ``## heading`` section (up to the next ``##``), with its label line if it has one."""
    return re.sub(r"^(\([^)\n]+\)=\n)?## " + re.escape(heading) + r"\n.*?(?=^(?:\([^)\n]+\)=\n)?## |\Z)", "",
                  source, count=1, flags=re.M | re.S)


def _online_url() -> str:
    """Where a fork's GitHub Pages workflow publishes the book (from ``repository.url``)."""
    url = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"].rstrip("/")
    found = re.match(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?$", url)
    return f"https://{found.group(1).lower()}.github.io/{found.group(2)}/" if found else url


_BIBLIOGRAPHY = "```{bibliography}\n:filter: cited\n```\n"


def handout_pages(chapter: str) -> dict[str, str]:
    """The MyST page of a chapter's handout: the chapter (its code left out, links to other pages
    as text, no list of term links), then its own key terms and the references it cites."""
    source = chapter_source(chapter)
    terms = chapter_terms(source)
    entries = glossary_entries()
    text = _drop_section(source, "Key terms")
    text = _drop_field(_drop_field(text, "Time to complete"), "Evidence reviewed")
    text = _refs_elsewhere_as_text(_DOC.sub(_doc_as_text, text))
    lab = ROOT / "notebooks" / f"{chapter}_lab.ipynb"
    where = (f"the lab notebook `notebooks/{lab.name}`" if lab.exists() else "the online book")
    text = _after_title(text, f"```{{note}}\nThis printed handout leaves out the chapter's Python code and keeps "
                        f"its results. The runnable version is {where} (online: {_online_url()}).\n```\n\n")

    glossary = ["## Key terms", "", "```{glossary}", ":sorted:", ""]
    seen: set[str] = set()
    for term in terms:
        if term not in entries or entries[term][0][0].lower() in seen:
            continue
        names, definition = entries[term]
        seen.add(names[0].lower())
        glossary += names
        # a definition's links to terms this handout does not define are plain text
        definition = _TERM.sub(lambda m: m.group(0) if _role_target(m.group(1))[1].lower() in terms
                               else _role_target(m.group(1))[0], definition)
        glossary += [_DOC.sub(_doc_as_text, definition), ""]
    glossary += ["```", ""]
    # the key terms and the references end the chapter's own page, as its last numbered section and
    # the unnumbered bibliography LaTeX puts at the end of the document
    text = text.rstrip("\n") + "\n\n" + "\n".join(glossary) + "\n" + _BIBLIOGRAPHY
    return {f"book/{chapter}.md": text}


def _write_pages(folder: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    if (ROOT / "_static").exists() and not (folder / "_static").exists():
        (folder / "_static").symlink_to(ROOT / "_static")


def _header_lines(chapter: str, kind: str) -> list[str]:
    source = chapter_source(chapter)
    lines = [f"{COURSE} · {kind}"]
    time_needed = _field(source, "Time to complete")
    reviewed = _field(source, "Evidence reviewed")
    if time_needed:
        lines.append(f"Time to complete: {time_needed}")
    if reviewed:
        lines.append(f"Evidence reviewed: {reviewed}")
    return lines


def build_handout(chapter: str, out_dir: Path) -> Path:
    """One chapter as a printable article: prose, figures, the quiz without answers, exercises
    without solutions, its own key terms and the references it cites.

    Executes the chapter through a private copy of the run's execution cache (when there is one):
    handouts built side by side never write to one cache database at once.
    """
    work = out_dir / "work" / f"handout-{chapter}"
    source = work / "source"
    shutil.rmtree(source, ignore_errors=True)
    _write_pages(source, handout_pages(chapter))
    cache = work / "jupyter-cache"
    shutil.rmtree(cache, ignore_errors=True)
    if _cache(out_dir).is_dir():
        shutil.copytree(_cache(out_dir), cache)
    toc = {"format": "jb-article", "root": f"book/{chapter}"}
    title = chapter_title(chapter)
    config = _config(f"Handout: {title}", chapter, hide_solutions=True, cache=cache)
    config["sphinx"]["config"]["nb_remove_code_source"] = True
    _article(config, title, _header_lines(chapter, "handout"))
    try:
        return _build_pdf(source, config, toc, work, chapter, out_dir / "handouts" / f"{chapter}.pdf",
                          ALLOWED_IN_HANDOUTS)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def default_jobs() -> int:
    """Builds run side by side: two (each is mostly one xelatex process), one on a one-core machine."""
    return max(1, min(2, os.cpu_count() or 1))


def run_side_by_side(builds: list, jobs: int) -> list[Path]:
    """Call each zero-argument ``build`` (each runs its own processes), ``jobs`` at a time; return
    their results in order. The first failure is raised once the running builds have finished."""
    from concurrent.futures import ThreadPoolExecutor

    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        return [build() for build in builds]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build) for build in builds]
        return [future.result() for future in futures]


def handout_builds(out_dir: Path) -> list:
    """One zero-argument build per chapter that has a quiz (see :func:`build_handout`)."""
    return [lambda c=chapter: build_handout(c, out_dir) for chapter in chapters()]


def build_handouts(out_dir: Path, jobs: int = 1) -> list[Path]:
    """Every handout, ``jobs`` at a time."""
    return run_side_by_side(handout_builds(out_dir), jobs)


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
    source = chapter_source(bank.id)
    parts = [f"# {title}", "", "## Quiz answers", "", "```{raw} latex", to_latex(bank, answer_key=True), "```", "",
             "## Exercise solutions", ""]
    for label, exercise_title, exercise, solution in exercises_with_solutions(source):
        parts += [f"### {exercise_title} ({label})", "", _plain_roles(exercise), "", "**Solution.**", "",
                  _plain_roles(solution), ""]
    return "\n".join(parts)


_REFERENCES_PAGE = "# References\n\n```{bibliography}\n```\n"


def build_answer_key(out_dir: Path) -> Path:
    """The whole course's answer key, one chapter after another (a book)."""
    banks = {bank.id: bank for bank in all_banks()}
    names = chapters()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / "index.md").write_text(
            "# Answer key\n\nFor instructors: every quiz question's answer, feedback and explanation, and every "
            "exercise's worked solution, chapter by chapter. Do not hand this out to students.\n",
            encoding="utf-8")
        for name in names:
            (source / f"{name}.md").write_text(answer_key_page(banks[name]), encoding="utf-8")
        (source / "references.md").write_text(_REFERENCES_PAGE, encoding="utf-8")
        toc = {"format": "jb-book", "root": "index",
               "chapters": [{"file": name} for name in names] + [{"file": "references"}]}
        config = _config(f"{COURSE}: answer key", "answer-key", hide_solutions=False)
        config["only_build_toc_files"] = True
        return _build_pdf(source, config, toc, out_dir / "work" / "answer-key", "answer-key", out_dir / "answer-key.pdf")


def build_chapter_answer_key(chapter: str, out_dir: Path) -> Path:
    """One chapter's answer key as a short article: quiz answers with feedback and explanations,
    exercise solutions, and the references they cite."""
    bank = next(bank for bank in all_banks() if bank.id == chapter)
    work = out_dir / "work" / f"answer-key-{chapter}"
    source = work / "source"
    shutil.rmtree(source, ignore_errors=True)
    page = _after_title(answer_key_page(bank), "For instructors only: do not hand this out to students.\n\n")
    _write_pages(source, {f"{chapter}.md": page + ("\n" + _BIBLIOGRAPHY if "{cite" in page else "")})
    toc = {"format": "jb-article", "root": chapter}
    title = chapter_title(chapter)
    config = _config(f"Answer key: {title}", f"answer-key-{chapter}", hide_solutions=False)
    _article(config, f"Answer key: {title}", [f"{COURSE} · for instructors"])
    return _build_pdf(source, config, toc, work, f"answer-key-{chapter}",
                      out_dir / "answer-keys" / f"{chapter}.pdf")


def answer_key_builds(out_dir: Path) -> list:
    """Zero-argument builds: the whole answer key (the longest, first) and one per chapter."""
    return [lambda: build_answer_key(out_dir)] + [lambda c=chapter: build_chapter_answer_key(c, out_dir) for chapter in chapters()]


def build_answer_keys(out_dir: Path, jobs: int = 1) -> list[Path]:
    """Every answer key, ``jobs`` at a time (they execute no code)."""
    return run_side_by_side(answer_key_builds(out_dir), jobs)


def export_quizzes(out_dir: Path) -> Path:
    from drugresist.quiz.__main__ import main as quiz_main

    quiz_main(["export", "--out", str(out_dir / "quiz-export")])
    return out_dir / "quiz-export"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the course's print deliverables.")
    parser.add_argument("what", choices=["book", "handouts", "answer-key", "export", "all"])
    parser.add_argument("--chapter", action="append", help="only this chapter's handout or answer key (repeatable)")
    parser.add_argument("--out", default=str(ROOT / "_build" / "print"), help="output folder (default: %(default)s)")
    parser.add_argument("--seed-cache", type=Path, default=HTML_CACHE, metavar="JUPYTER_CACHE",
                        help="start from a copy of this execution cache if the run has none (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help="handouts and answer keys built at a time (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    out_dir = Path(args.out).resolve()
    if seed_cache(out_dir, args.seed_cache):
        print(f"execution cache started from {args.seed_cache}")
    if args.what in ("book", "all"):
        build_book(out_dir)
    if args.chapter and args.what in ("handouts", "answer-key"):
        build = build_handout if args.what == "handouts" else build_chapter_answer_key
        run_side_by_side([lambda c=chapter: build(c, out_dir) for chapter in args.chapter], args.jobs)
        return
    if args.what == "all":  # one queue, the longest first: no core idles between handouts and keys
        keys = answer_key_builds(out_dir)
        run_side_by_side(keys[:1] + handout_builds(out_dir) + keys[1:], args.jobs)
    if args.what == "handouts":
        build_handouts(out_dir, args.jobs)
    if args.what == "answer-key":
        build_answer_keys(out_dir, args.jobs)
    if args.what in ("export", "all"):
        export_quizzes(out_dir)


if __name__ == "__main__":
    main()
