"""``python -m drugresist.quiz check``: everything a question bank must get right beyond its schema.

Errors (always): the bank does not load (schema, unknown template names, a function that does not
exist or an argument it does not take: see :mod:`drugresist.quiz.bank`); a generated question
whose variant cannot be computed (its model raises ``ValueError`` for a drawn value), whose
prompt shows its own answer, whose variants do not differ, or whose filled text is bad markup.

Findings (warnings now, errors when :data:`STRICT` is true), per chapter:
- coverage: a question without ``objectives`` or ``level``; an objective of the chapter (the
  numbered list in the ``{admonition} Learning objectives`` of ``book/<bank id>.md``) tested by no
  question or by only one; a question naming an objective the chapter does not have; the level
  mix (at least half application + analysis, at most a quarter recall);
- item writing (issue 19 §4): the correct option is the (unique) longest more often than chance,
  or the one sharing most words with the prompt more often than chance ("chance" is the expected
  count, sum of correct/options over the chapter's choice questions, rounded up); "all/none of the
  above"; a multiple-choice question whose every option is correct; a numeric answer written in
  its own prompt (a number in the prompt that would be graded correct); two consecutive questions
  with the same numeric answer; a parameter of a generated question not shown in its prompt;
  printed answer letters that cannot be balanced (one letter keys more than 40 % of the
  single-choice questions even in the balanced print order, e.g. 7 three-option questions).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from drugresist.quiz import markup
from drugresist.quiz.bank import (
    LEVELS,
    Question,
    QuizBank,
    QuizBankError,
    bank_ids,
    bank_path,
    is_within,
    load_bank,
    parse_number,
    variants,
)
from drugresist.quiz.generate import TEMPLATE, VariantError
from drugresist.quiz.shuffle import MAX_LETTER_SHARE, keyed_letters

#: Coverage and item-writing findings are errors (exit status 1, and the test suite fails): every
#: shipped bank passes them since the bank rewrite (issue 20), so a new flawed item fails CI. Set to
#: False only to draft a bank; ``check --strict`` forces strict mode either way.
STRICT = True

BOOK_DIR = Path(__file__).resolve().parent.parent.parent / "book"

_OBJECTIVES_BLOCK = re.compile(r"^(`{3,}|:{3,})\{admonition\} Learning objectives\s*$(.*?)^\1\s*$", re.M | re.S)
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_ALL_NONE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|those|options|answers|the above)\b", re.I)
_PROMPT_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])[0-9]+(?:[.,][0-9]+)*")
_SUBSCRIPT = re.compile(r"_\{[^{}]*\}|_[A-Za-z0-9]")
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_STOPWORDS = frozenset("""
a an and are as at be been but by can could did do does for from had has have how if in into is it its
more most much no not of on or so than that the their them then there these they this those to too was
were what when where which while who why will with would you your one two three after before because
only also very each other some such same any all between over under about""".split())


@dataclass
class BankReport:
    """What ``check`` found for one bank: errors, findings (warnings unless strict) and a summary."""

    name: str
    source: str
    errors: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    strict: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.errors) or (self.strict and bool(self.findings))


def chapter_page(bank_id: str, book_dir: Path | None = None) -> Path | None:
    """The chapter page ``<bank id>.md``: in ``book_dir``, else the repository's ``book/``, else the
    working folder or its ``book/`` (a notebook runs in ``book/``); None if there is none."""
    folders = [book_dir] if book_dir is not None else [BOOK_DIR, Path.cwd(), Path.cwd() / "book"]
    for folder in folders:
        if (folder / f"{bank_id}.md").is_file():
            return folder / f"{bank_id}.md"
    return None


def read_objectives(bank_id: str, book_dir: Path | None = None) -> list[str] | None:
    """The chapter's numbered learning objectives (text, in order), or None without a page/list."""
    page = chapter_page(bank_id, book_dir)
    if page is None:
        return None
    match = _OBJECTIVES_BLOCK.search(page.read_text(encoding="utf-8"))
    if not match:
        return None
    objectives: list[str] = []
    for line in match.group(2).splitlines():
        numbered = _NUMBERED.match(line.strip()) if not line.startswith((" ", "\t")) else None
        if numbered:
            objectives.append(numbered.group(2).strip())
        elif objectives and line.strip():
            objectives[-1] += " " + line.strip()
    return objectives or None


def _plain(text: str) -> str:
    try:
        return markup.to_plain(text)
    except markup.MarkupError:
        return text


def prompt_numbers(text: str) -> list[float]:
    """The numbers written in a prompt (subscripts such as IC$_{50}$ left out)."""
    plain = _SUBSCRIPT.sub(" ", _plain(text))
    numbers = []
    for token in _PROMPT_NUMBER.findall(plain):
        value = parse_number(token)
        if value is not None:
            numbers.append(value)
        for part in re.split(r"[.,]", token) if value is None else ():
            numbers.append(float(part))
    return numbers


def answer_in_prompt(question: Question) -> float | None:
    """A number in a concrete numeric question's prompt that would be graded correct, or None."""
    if question.type != "numeric" or question.answer is None:
        return None
    for number in prompt_numbers(question.prompt):
        if is_within(question, number):
            return number
    return None


def _words(text: str) -> set[str]:
    return {w.rstrip("s") if len(w) > 4 else w for w in _WORD.findall(_plain(text).lower())
            if len(w) >= 3 and w not in _STOPWORDS}


def _unique_max(scores: Sequence[float]) -> int | None:
    top = max(scores)
    return scores.index(top) if scores.count(top) == 1 else None


def cue_rates(questions: Iterable[Question]) -> dict[str, tuple[int, float, int]]:
    """Per cue (``longest``, ``shared_words``): (questions where the cue picks a correct option,
    the number expected by chance, choice questions counted)."""
    hits = Counter()
    expected = Counter()
    counted = 0
    for question in questions:
        if question.type == "numeric" or len(question.options) < 2:
            continue
        counted += 1
        chance = len(question.correct_indices) / len(question.options)
        lengths = [len(" ".join(_plain(o.text).split())) for o in question.options]
        prompt_words = _words(question.prompt)
        shared = [len(_words(o.text) & prompt_words) for o in question.options]
        for cue, scores in (("longest", lengths), ("shared_words", shared)):
            expected[cue] += chance
            best = _unique_max(scores)
            if best is not None and scores[best] > 0 and best in question.correct_indices:
                hits[cue] += 1
    return {cue: (hits[cue], expected[cue], counted) for cue in ("longest", "shared_words")}


def variants_or_none(question: Question) -> tuple[Question, ...]:
    """The concrete numeric forms of a question (its variants), or () if none or they cannot be built."""
    if question.type != "numeric":
        return ()
    try:
        return variants(question)
    except VariantError:
        return ()


def _qwhere(source: str, question: Question) -> str:
    return f"{source}: question '{question.id}'"


def _check_generated(report: BankReport, source: str, question: Question) -> list[Question]:
    """Errors of a generated question; returns its variants (empty if they cannot be built)."""
    where = _qwhere(source, question)
    try:
        built = list(variants(question))
    except VariantError as error:
        report.errors.append(f"{where}: a variant raises: {error}")
        return []
    generator = question.generator
    assert generator is not None
    if len(built) < 2:
        report.errors.append(f"{where}: variants do not differ: the parameters allow only {len(built)} variant")
        return built
    for index, variant in enumerate(built):
        for field_name, text in (("prompt", variant.prompt), ("explanation", variant.explanation),
                                 *((f"feedback {k}", getattr(variant.feedback, k))
                                   for k in ("correct", "too_low", "too_high"))):
            try:
                markup.parse(text)
            except markup.MarkupError as error:
                report.errors.append(f"{where}: variant {index}: filled {field_name} is bad markup: {error}")
        shown = answer_in_prompt(variant)
        if shown is not None:
            values = ", ".join(f"{k}={v:g}" for k, v in variant.values if k in {p.name for p in generator.parameters})
            report.errors.append(f"{where}: variant {index} ({values}): the prompt contains its own answer "
                                 f"({shown:g} would be graded correct; answer {variant.answer:g})")
    prompts: dict[str, float] = {}
    for index, variant in enumerate(built):
        assert variant.answer is not None
        if variant.prompt in prompts and not math.isclose(prompts[variant.prompt], variant.answer, rel_tol=1e-9):
            report.errors.append(f"{where}: variants do not differ in their prompt but have different answers "
                                 f"(variant {index}): a parameter that changes the answer is not shown")
        prompts.setdefault(variant.prompt, variant.answer)
    if len(prompts) < 2 or len({v.answer for v in built}) < 2:
        report.errors.append(f"{where}: variants do not differ (every variant has the same "
                             f"{'prompt' if len(prompts) < 2 else 'answer'})")
    if len(built) < generator.count:
        report.summary.append(f"note: question '{question.id}': its parameters allow only {len(built)} "
                              f"distinct variants of the {generator.count} asked for")
    shown_names = {m.group(1) for m in TEMPLATE.finditer(question.prompt)}
    for parameter in generator.parameters:
        if parameter.name not in shown_names and len(parameter.values) > 1:
            report.findings.append(f"{where}: the parameter '{parameter.name}' is drawn but not shown in the prompt")
    return built


def check_bank(bank: QuizBank, objectives: list[str] | None | bool = True, strict: bool | None = None) -> BankReport:
    """Check a loaded bank. ``objectives``: the chapter's objective texts, or True to read them from
    ``book/<bank id>.md``, or None when the chapter has none. ``strict`` defaults to :data:`STRICT`."""
    strict = STRICT if strict is None else strict
    source = str(bank.source or bank.id)
    report = BankReport(bank.id, source, strict=strict)
    if objectives is True:
        objectives = read_objectives(bank.id)
        if objectives is None:
            report.findings.append(f"{source}: chapter: no numbered list in a '{{admonition}} Learning "
                                   f"objectives' of {BOOK_DIR.name}/{bank.id}.md, so coverage cannot be checked")
    concrete: list[Question] = []
    generated = n_variants = 0
    for question in bank.questions:
        if question.generator is not None:
            generated += 1
            built = _check_generated(report, source, question)
            n_variants += len(built)
            concrete.append(built[0] if built else question)
        else:
            concrete.append(question)

    # ----- every concrete numeric question must be writable by each export
    from drugresist.quiz.export import _check_text2qti_bounds

    for question in bank.questions:
        for index, variant in enumerate(variants_or_none(question)):
            try:
                _check_text2qti_bounds(bank, variant)
            except ValueError as error:
                which = f" (variant {index})" if question.generator is not None else ""
                report.errors.append(f"{_qwhere(source, question)}{which}: {error}")
                break

    # ----- coverage
    missing_objectives = [q.id for q in bank.questions if not q.objectives]
    missing_level = [q.id for q in bank.questions if q.level is None]
    if missing_objectives:
        report.findings.append(f"{source}: {len(missing_objectives)} of {len(bank.questions)} questions have no "
                               f"'objectives': {', '.join(missing_objectives)}")
    if missing_level:
        report.findings.append(f"{source}: {len(missing_level)} of {len(bank.questions)} questions have no "
                               f"'level': {', '.join(missing_level)}")
    tested: dict[int, list[str]] = {}
    for question in bank.questions:
        for number in question.objectives:
            tested.setdefault(number, []).append(question.id)
    if isinstance(objectives, list):
        for number in sorted(tested):
            if number > len(objectives):
                for qid in tested[number]:
                    report.findings.append(f"{source}: question '{qid}': names objective {number}, but the "
                                           f"chapter has {len(objectives)} objectives")
        for number, text in enumerate(objectives, start=1):
            count = len(tested.get(number, []))
            short = " ".join(_plain(text).replace("**", "").split())[:60]
            if count == 0:
                report.findings.append(f"{source}: chapter: objective {number} ({short}...) has no question")
            elif count == 1:
                report.findings.append(f"{source}: chapter: objective {number} ({short}...) is tested by only one "
                                       f"question ({tested[number][0]}); it needs at least 2")
            report.summary.append(f"objective {number}: {', '.join(tested.get(number, [])) or '-'}")
    levels = Counter(q.level or "unlabelled" for q in bank.questions)
    total = len(bank.questions)
    report.summary.append("levels: " + ", ".join(f"{level} {levels[level]}" for level in (*LEVELS, "unlabelled")
                                                  if levels[level] or level != "unlabelled"))
    if not missing_level or len(missing_level) < total:
        higher = levels["application"] + levels["analysis"]
        if 2 * higher < total:
            report.findings.append(f"{source}: chapter: level mix: {higher} of {total} questions are application or "
                                   "analysis; at least half should be")
        if 4 * levels["recall"] > total:
            report.findings.append(f"{source}: chapter: level mix: {levels['recall']} of {total} questions are recall; "
                                   "at most a quarter should be")

    # ----- item writing
    rates = cue_rates(concrete)
    for cue, label in (("longest", "is the longest option"), ("shared_words", "shares the most words with the prompt")):
        hits, expected, counted = rates[cue]
        if counted:
            report.summary.append(f"correct option {label}: {hits} of {counted} choice questions (chance {expected:.1f})")
        if hits > math.ceil(expected - 1e-9):
            report.findings.append(f"{source}: chapter: the correct option {label} in {hits} of {counted} choice "
                                   f"questions; chance is {expected:.1f} (at most {math.ceil(expected - 1e-9)} allowed)")
    letters = keyed_letters(bank)
    singles = [letters[q.id] for q in bank.questions if q.type == "single"]
    if singles:
        letter, count = Counter(singles).most_common(1)[0]
        report.summary.append("printed keys of single-choice questions: "
                              + ", ".join(f"{k} {v}" for k, v in sorted(Counter(singles).items())))
        if count > MAX_LETTER_SHARE * len(singles) + 1e-9:
            report.findings.append(f"{source}: chapter: the handout cannot balance its answer letters: {letter} keys {count} "
                                   f"of {len(singles)} single-choice questions (more than {MAX_LETTER_SHARE:.0%}); "
                                   "give a question a fourth option or add a single-choice question")
    previous: Question | None = None
    for question in concrete:
        where = _qwhere(source, question)
        for index, option in enumerate(question.options):
            if _ALL_NONE.search(_plain(option.text)):
                report.findings.append(f"{where}: option {index + 1} says '{_ALL_NONE.search(_plain(option.text)).group(0)}'; "
                                       "write an option that stands on its own")
        if question.type == "multiple" and len(question.correct_indices) == len(question.options):
            report.findings.append(f"{where}: every option of this multiple-choice question is correct; "
                                   "add at least one wrong option")
        if question.type == "numeric" and question.generator is None and question.answer is not None:
            original = next(q for q in bank.questions if q.id == question.id)
            if original.generator is None:
                shown = answer_in_prompt(question)
                if shown is not None:
                    report.findings.append(f"{where}: the prompt contains its own answer ({shown:g} would be "
                                           f"graded correct; answer {question.answer:g})")
            if (previous is not None and previous.type == "numeric" and previous.answer is not None
                    and math.isclose(previous.answer, question.answer, rel_tol=1e-9, abs_tol=1e-12)):
                report.findings.append(f"{where}: has the same numeric answer ({question.answer:g}) as the question "
                                       f"before it ('{previous.id}')")
        previous = question
    kinds = Counter(q.type for q in bank.questions)
    head = (f"{total} questions (single {kinds['single']}, multiple {kinds['multiple']}, numeric {kinds['numeric']}"
            + (f"; {generated} generated, {n_variants} variants" if generated else "") + ")")
    report.summary.insert(0, head)
    return report


def check(names: Sequence[str] | None = None, strict: bool | None = None) -> list[BankReport]:
    """Check banks by id or path (default: every bank in the package)."""
    reports = []
    for name in names or bank_ids():
        try:
            bank = load_bank(name)
        except QuizBankError as error:
            report = BankReport(str(name), str(bank_path(name)), strict=STRICT if strict is None else strict)
            report.errors.append(str(error))
            reports.append(report)
            continue
        reports.append(check_bank(bank, strict=strict))
    return reports


def print_reports(reports: Sequence[BankReport], out=None, err=None) -> int:
    """Print the reports; returns the exit status (1 if any bank failed)."""
    import sys

    out = out or sys.stdout
    err = err or sys.stderr
    n_errors = n_findings = 0
    for report in reports:
        status = "FAIL" if report.failed else "ok  "
        head = report.summary[0] if report.summary else ""
        print(f"{status} {report.source}: {head}", file=out)
        for line in report.summary[1:]:
            print(f"       {line}", file=out)
        for line in report.errors:
            print(f"error: {line}", file=err)
        label = "error" if report.strict else "warning"
        for line in report.findings:
            print(f"{label}: {line}", file=err if report.strict else out)
        n_errors += len(report.errors) + (len(report.findings) if report.strict else 0)
        n_findings += 0 if report.strict else len(report.findings)
    mode = ("strict: coverage and item-writing findings are errors" if reports and reports[0].strict
            else "STRICT = False: coverage and item-writing findings are warnings")
    print(f"{len(reports)} banks, {n_errors} errors, {n_findings} warnings ({mode})", file=out)
    return 1 if any(report.failed for report in reports) else 0
