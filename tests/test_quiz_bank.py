"""Question-bank schema: valid banks load, every kind of malformed bank gives one clear error."""

from __future__ import annotations

import copy

import pytest
import yaml

from drugresist.quiz import QuizBankError, grade, load_bank, parse_bank


def test_valid_bank_loads_with_its_questions(sample_bank_path):
    bank = load_bank(sample_bank_path)
    assert bank.id == "sample_bank"
    assert [q.id for q in bank.questions] == ["single-one", "multiple-two", "numeric-three"]
    assert [q.type for q in bank.questions] == ["single", "multiple", "numeric"]
    single = bank.question("single-one")
    assert single.correct_indices == {0}
    assert single.cite == ("toy2013esr1",)
    numeric = bank.question("numeric-three")
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (100.0, 1.0, "fold")


def _break(data, path, value=None, delete=False):
    """Return a copy of ``data`` with the item at ``path`` (a list of keys/indices) replaced or deleted."""
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


# (description, how to break the sample bank, question id or place expected in the message, words expected)
MALFORMED = [
    ("missing prompt", (["questions", 0, "prompt"], None, True), "single-one", "missing 'prompt'"),
    ("missing explanation", (["questions", 1, "explanation"], None, True), "multiple-two", "missing 'explanation'"),
    ("option without feedback", (["questions", 0, "options", 1, "feedback"], None, True), "single-one", "option 2: missing 'feedback'"),
    ("single with two correct", (["questions", 0, "options", 1, "correct"], True), "single-one", "exactly one correct"),
    ("single with none correct", (["questions", 0, "options", 0, "correct"], False), "single-one", "exactly one correct"),
    ("multiple with none correct", (["questions", 1, "options"], [
        {"text": "a", "correct": False, "feedback": "f"}, {"text": "b", "correct": False, "feedback": "g"}]),
     "multiple-two", "at least one correct"),
    ("unknown type", (["questions", 0, "type"], "essay"), "single-one", "'type' must be one of"),
    ("duplicate id", (["questions", 1, "id"], "single-one"), "single-one", "duplicate question id"),
    ("bad id", (["questions", 2, "id"], "Numeric Three!"), "Numeric Three!", "'id' must be lowercase"),
    ("only one option", (["questions", 0, "options"], [{"text": "a", "correct": True, "feedback": "f"}]),
     "single-one", "at least 2 options"),
    ("correct not a boolean", (["questions", 0, "options", 0, "correct"], "maybe"), "single-one", "'correct' must be true or false"),
    ("numeric without answer", (["questions", 2, "answer"], None, True), "numeric-three", "missing 'answer'"),
    ("numeric answer not a number", (["questions", 2, "answer"], "a hundred"), "numeric-three", "'answer' must be a finite number"),
    ("negative tolerance", (["questions", 2, "tolerance"], -1), "numeric-three", "'tolerance' must be zero or positive"),
    ("numeric feedback missing too_high", (["questions", 2, "feedback", "too_high"], None, True), "numeric-three", "missing 'too_high'"),
    ("misspelt field", (["questions", 0, "feedbak"], "x"), "single-one", "unknown field(s) ['feedbak']"),
    ("cite not a list of keys", (["questions", 0, "cite"], [1, 2]), "single-one", "'cite' must be a list"),
    ("unmatched dollar", (["questions", 1, "prompt"], "It costs $5 today"), "multiple-two", "unmatched $"),
    ("dangerous TeX in math", (["questions", 1, "prompt"], r"Read $\input{/etc/passwd}$"), "multiple-two", r"\input"),
    ("boolean as text", (["questions", 0, "options", 2, "text"], True), "single-one", "put the text in quotes"),
    ("empty questions", (["questions"], []), "bank", "'questions' must be a non-empty list"),
    ("missing title", (["title"], None, True), "bank", "missing 'title'"),
    ("question not a mapping", (["questions", 1], "just a string"), "question 2", "must be a mapping"),
]


@pytest.mark.parametrize("description, change, where, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_bank_names_file_question_and_problem(sample_bank_data, description, change, where, words):
    broken = _break(sample_bank_data, *change)
    with pytest.raises(QuizBankError) as info:
        parse_bank(broken, "quizbanks/broken.yaml")
    message = str(info.value)
    assert "quizbanks/broken.yaml" in message
    assert where in message
    assert words in message


def test_file_errors_name_the_file(tmp_path):
    not_yaml = tmp_path / "bad_yaml.yaml"
    not_yaml.write_text("id: x\nquestions: [unclosed\n", encoding="utf-8")
    with pytest.raises(QuizBankError, match="(?s)bad_yaml.yaml.*not valid YAML"):
        load_bank(not_yaml)
    not_mapping = tmp_path / "a_list.yaml"
    not_mapping.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(QuizBankError, match="(?s)a_list.yaml.*must be a mapping"):
        load_bank(not_mapping)
    with pytest.raises(QuizBankError, match="does not exist"):
        load_bank("no_such_chapter")


def test_bank_id_must_match_file_name(tmp_path, sample_bank_data):
    path = tmp_path / "other_name.yaml"
    path.write_text(yaml.safe_dump(sample_bank_data), encoding="utf-8")
    with pytest.raises(QuizBankError, match="named 'other_name'.yaml"):
        load_bank(path)


def test_every_problem_is_reported_at_once(sample_bank_data):
    broken = _break(_break(sample_bank_data, ["questions", 0, "prompt"], delete=True), ["questions", 2, "answer"], "x")
    with pytest.raises(QuizBankError) as info:
        parse_bank(broken, "b.yaml")
    assert "single-one" in str(info.value) and "numeric-three" in str(info.value)


def test_grading_rules(sample_bank_path):
    bank = load_bank(sample_bank_path)
    single, multiple, numeric = bank.questions
    assert grade(single, 0).correct and grade(single, 0).feedback == ("Yes, this one is right.", "Because it is the right one.")
    assert not grade(single, 2).correct and grade(single, 2).feedback == ("No, this is wrong too.",)
    assert grade(multiple, [0, 2]).correct
    partial = grade(multiple, [0])
    assert not partial.correct and "You missed 1 correct option." in partial.feedback
    assert not grade(multiple, [0, 1, 2]).correct
    assert grade(numeric, "100.8").correct and grade(numeric, 99).correct
    assert grade(numeric, 98.9).feedback == ("Too low.",)
    assert grade(numeric, 150).feedback == ("Too high.",)
    assert not grade(numeric, "abc").correct
    assert not grade(single, None).correct


# ----- schema v2: objectives, level, fixed_order, relative tolerance, generated variants -------

import math  # noqa: E402
import random  # noqa: E402

from conftest import DATA  # noqa: E402
from drugresist.models import hypoxia, target_alteration  # noqa: E402
from drugresist.quiz import check as quiz_check  # noqa: E402
from drugresist.quiz import draw_variant, is_within, parse_number, variants  # noqa: E402
from drugresist.quiz.__main__ import main as quiz_main  # noqa: E402
from drugresist.quiz.bank import Question, VariantError  # noqa: E402


@pytest.fixture
def generated_data() -> dict:
    return yaml.safe_load((DATA / "generated_bank.yaml").read_text(encoding="utf-8"))


def test_v2_fields_are_optional_and_loaded(sample_bank_path):
    old = load_bank(sample_bank_path).questions[0]
    assert (old.objectives, old.level, old.fixed_order, old.relative_tolerance, old.generator) == ((), None, False, 0.0, None)
    bank = load_bank(DATA / "generated_bank.yaml")
    ordered = bank.question("ordered-ranges")
    assert ordered.fixed_order and ordered.objectives == (2,) and ordered.level == "understanding"
    generated = bank.question("penetration-distance")
    assert generated.generator is not None and generated.answer is None
    assert generated.relative_tolerance == 0.02 and generated.objectives == (1,)


def test_variants_are_deterministic_distinct_and_recomputed_from_the_model():
    bank = load_bank(DATA / "generated_bank.yaml")
    question = bank.question("penetration-distance")
    first = variants(question)
    again = variants(load_bank(DATA / "generated_bank.yaml").question("penetration-distance"))
    assert len(first) == 20
    assert [v.prompt for v in first] == [v.prompt for v in again]
    assert len({v.prompt for v in first}) == 20
    for variant in first:
        values = dict(variant.values)
        assert variant.generator is None
        assert values["D"] in (1000, 1500, 2000, 2500, 3000) and 20 <= values["c0"] <= 60 and 5 <= values["M"] <= 20
        expected = round(math.sqrt(2 * values["D"] * values["c0"] / values["M"]))
        assert variant.answer == expected
        assert variant.answer == round(hypoxia.penetration_distance_um(values["c0"], values["M"], values["D"]))
        assert f"{values['D']:g} µm²/s" in variant.prompt and "{{" not in variant.prompt
        assert f"\\approx {expected:.0f}$" in variant.feedback.correct
        assert grade(question, str(first[0].answer)).correct  # a generated question grades as its variant 0
    percent = bank.question("fold-change-percent")
    built = variants(percent)
    assert len(built) == 8
    for variant in built:
        values = dict(variant.values)
        assert variant.answer == round(100 * values["high"] / values["low"], 1)
        assert math.isclose(values["fold"], target_alteration.ic50_fold_change(values["high"], values["low"]))
        assert f"{values['fold']:.1f}-fold" in variant.feedback.correct


def test_a_different_bank_or_question_id_draws_different_variants(generated_data):
    base = [v.prompt for v in variants(parse_bank(generated_data, "g.yaml").questions[0])]
    renamed = copy.deepcopy(generated_data)
    renamed["questions"][0]["id"] = "penetration-other"
    assert [v.prompt for v in variants(parse_bank(renamed, "g.yaml").questions[0])] != base


def test_draw_variant_gives_fresh_numbers_from_the_rng():
    question = load_bank(DATA / "generated_bank.yaml").question("penetration-distance")
    rng = random.Random(7)
    drawn = {draw_variant(question, rng).prompt for _ in range(10)}
    assert len(drawn) > 5
    same = draw_variant(question, random.Random(3)), draw_variant(question, random.Random(3))
    assert same[0] == same[1]
    fixed = load_bank(DATA / "generated_bank.yaml").question("ordered-ranges")
    assert draw_variant(fixed, rng) is fixed and variants(fixed) == (fixed,)


GENERATED_BROKEN = [
    ("function that does not exist", (["questions", 0, "compute", "answer", "function"],
                                     "drugresist.models.hypoxia:no_such_function"), "does not exist"),
    ("module that does not exist", (["questions", 0, "compute", "answer", "function"],
                                   "drugresist.models.nothing:f"), "does not exist"),
    ("function outside the course", (["questions", 0, "compute", "answer", "function"], "os:getcwd"),
     "course's own functions"),
    ("argument the function does not take", (["questions", 0, "compute", "answer", "arguments", "speed"], "D"),
     "does not take the argument(s) ['speed']"),
    ("argument naming nothing", (["questions", 0, "compute", "answer", "arguments", "vessel_po2_mmHg"], "c1"),
     "neither a parameter nor an earlier compute entry"),
    ("unknown template name", (["questions", 0, "prompt"], "What is {{Dee}}?"), "unknown template name {{Dee}}"),
    ("bad format spec", (["questions", 0, "feedback", "correct"], "Yes, {{answer:.q}}."), "cannot format a number"),
    ("template without parameters", (["questions", 2, "prompt"], "Pick {{x}}"), "has no 'parameters'"),
    ("answer and compute", (["questions", 0, "answer"], 3), "not both"),
    ("no answer entry", (["questions", 0, "compute"], {"other": {
        "function": "drugresist.models.target_alteration:ic50_fold_change",
        "arguments": {"ic50_resistant": "D", "ic50_sensitive": "M"}}}), "must have an 'answer' entry"),
    ("range without step", (["questions", 0, "parameters", "c0"], {"range": [20, 60]}), "positive 'step'"),
    ("values not numbers", (["questions", 0, "parameters", "D"], {"values": ["a"]}), "finite numbers"),
    ("bad level", (["questions", 0, "level"], "synthesis"), "'level' must be one of"),
    ("bad objectives", (["questions", 0, "objectives"], ["one"]), "'objectives' must be a list"),
    ("fixed_order not boolean", (["questions", 2, "fixed_order"], "yes"), "'fixed_order' must be true or false"),
    ("fixed_order on numeric", (["questions", 0, "fixed_order"], True), "unknown field(s) ['fixed_order']"),
    ("relative tolerance too big", (["questions", 0, "relative_tolerance"], 2), "'relative_tolerance' must be"),
]


@pytest.mark.parametrize("description, change, words", GENERATED_BROKEN, ids=[g[0] for g in GENERATED_BROKEN])
def test_broken_generated_question_is_a_named_error(generated_data, description, change, words):
    with pytest.raises(QuizBankError) as info:
        parse_bank(_break(generated_data, *change), "quizbanks/gen.yaml")
    message = str(info.value)
    assert "quizbanks/gen.yaml" in message and words in message
    assert "question '" in message


def _check_errors(data, tmp_path, name="gen"):
    data = copy.deepcopy(data)
    data["id"] = name
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return quiz_check.check([str(path)])[0]


def test_check_names_a_variant_that_raises(generated_data, tmp_path):
    broken = _break(generated_data, ["questions", 0, "parameters", "c0"], {"range": [-10, 10], "step": 10})
    report = _check_errors(broken, tmp_path)
    assert report.failed
    assert any("penetration-distance" in e and "raises" in e and "ValueError" in e and "c0=" in e for e in report.errors)
    with pytest.raises(VariantError):
        variants(load_bank(tmp_path / "gen.yaml").questions[0])


def test_check_finds_a_prompt_that_shows_its_own_answer(generated_data, tmp_path):
    shown = _break(generated_data, ["questions", 0, "prompt"],
                   generated_data["questions"][0]["prompt"] + " (Hint: about {{answer}} µm.)")
    report = _check_errors(shown, tmp_path)
    assert any("contains its own answer" in e for e in report.errors), report.errors


def test_check_finds_variants_that_do_not_differ(generated_data, tmp_path):
    one = _break(generated_data, ["questions", 0, "parameters"], {"D": {"values": [1000]}, "c0": {"values": [20]},
                                                                 "M": {"values": [5]}})
    assert any("do not differ" in e for e in _check_errors(one, tmp_path).errors)
    hidden = _break(generated_data, ["questions", 0, "prompt"], "How far does oxygen penetrate (µm)?")
    errors = _check_errors(hidden, tmp_path).errors
    assert any("do not differ" in e for e in errors), errors


def test_check_passes_the_generated_sample_and_every_shipped_bank_loads():
    report = quiz_check.check_bank(load_bank(DATA / "generated_bank.yaml"), objectives=["one", "two"], strict=False)
    assert not report.errors
    assert "2 generated, 28 variants" in report.summary[0]
    for report in quiz_check.check():
        assert not report.errors, report.errors
        assert report.strict and not report.findings, report.findings  # item-writing checks as errors


def test_strict_mode_turns_findings_into_errors():
    good = quiz_check.check_bank(load_bank(DATA / "well_written_bank.yaml"), objectives=["a", "b"], strict=True)
    assert not good.failed and not good.findings, good.findings
    flawed = load_bank(DATA / "item_flaws_bank.yaml")
    lenient = quiz_check.check_bank(flawed, objectives=["a", "b", "c"], strict=False)
    assert lenient.findings and not lenient.failed
    strict = quiz_check.check_bank(flawed, objectives=["a", "b", "c"], strict=True)
    assert strict.failed
    text = "\n".join(strict.findings)
    for words in ["no 'level': all-correct", "names objective 9, but the chapter has 3", "objective 2 (b...) has no question",
                  "objective 3 (c...) is tested by only one question (longest-three)",
                  "0 of 6 questions are application or analysis", "4 of 6 questions are recall",
                  "correct option is the longest option in 3 of 4", "shares the most words with the prompt in 3 of 4",
                  "'longest-two': option 3 says 'All of the above'", "'all-correct': every option",
                  "'answer-shown': the prompt contains its own answer (250",
                  "'same-answer': has the same numeric answer (250) as the question before it ('answer-shown')"]:
        assert words in text, words


def test_strict_constant_and_flag_decide_the_exit_status(monkeypatch, capsys):
    flawed = str(DATA / "item_flaws_bank.yaml")
    assert quiz_check.STRICT is True  # the shipped setting: findings fail CI
    monkeypatch.setattr(quiz_check, "STRICT", False)
    assert quiz_main(["check", flawed]) == 0
    assert "warning:" in capsys.readouterr().out
    assert quiz_main(["check", "--strict", flawed]) == 1
    monkeypatch.setattr(quiz_check, "STRICT", True)
    assert quiz_main(["check", flawed]) == 1
    assert "error:" in capsys.readouterr().err
    assert quiz_main(["check", str(DATA / "no_such_bank.yaml")]) == 1


def test_objectives_are_read_from_the_chapter_admonition():
    objectives = quiz_check.read_objectives("hypoxia")
    assert objectives and len(objectives) >= 3
    assert objectives[2].startswith("**calculate**")
    assert quiz_check.read_objectives("no_such_chapter") is None


@pytest.mark.parametrize("text, value", [
    ("0.4", 0.4), ("0,4", 0.4), ("1,000", 1000), ("1 000", 1000), ("1\u00a0000,5", 1000.5), ("\u22123", -3),
    ("  12  ", 12), (".5", 0.5), ("1e3", 1000), ("0,400", 0.4), ("1,000.25", 1000.25),
    ("", None), ("  ", None), ("abc", None), ("0x10", None), ("inf", None), ("nan", None), ("1e999", None),
    ("- 5", None), ("1_000", None), ("5 µm", None), ("\u0663", None), ("1.000.000", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_tolerance_is_inclusive_with_floating_point_slack():
    question = Question(id="q", type="numeric", prompt="p", explanation="e", answer=0.3, tolerance=0.1)
    assert is_within(question, 0.4) and is_within(question, 0.2) and not is_within(question, 0.4001)
    relative = Question(id="r", type="numeric", prompt="p", explanation="e", answer=200.0, relative_tolerance=0.05)
    assert is_within(relative, 210) and is_within(relative, 190) and not is_within(relative, 210.01)


# ----- the grading table shared with quiz.js ----------------------------------------------------

GRADING_CASES = yaml.safe_load((DATA / "grading_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GRADING_CASES, ids=[f"{c['question']['id']}:{c['response']!r}:{c['note']}" for c in GRADING_CASES])
def test_grading_table(case):
    question = parse_bank({"id": "cases", "title": "Cases", "questions": [case["question"]]}, "grading_cases.yaml").questions[0]
    result = grade(question, case["response"])
    assert result.correct is case["correct"], result
    if "feedback_contains" in case:
        assert any(case["feedback_contains"] in message for message in result.feedback), result.feedback


def test_grading_table_covers_the_rule():
    responses = {c["response"] for c in GRADING_CASES if isinstance(c["response"], str)}
    for needed in ("0.4", "0,4", "1,000", "1 000", "", "abc", "0x10", "inf", "nan", "\u22120.3"):
        assert needed in responses, needed
    assert any(c["question"].get("relative_tolerance") for c in GRADING_CASES)
    assert any(c["question"]["type"] == "multiple" and not c["correct"] and c["response"] for c in GRADING_CASES)


def test_check_names_an_answer_range_canvas_cannot_write(generated_data, tmp_path):
    exact = copy.deepcopy(generated_data)
    question = exact["questions"][0]
    question.update(tolerance=0, relative_tolerance=0)
    question["compute"]["answer"]["round"] = 6
    report = _check_errors(exact, tmp_path)
    assert any("'penetration-distance' (variant" in e and "Canvas QTI" in e for e in report.errors), report.errors
