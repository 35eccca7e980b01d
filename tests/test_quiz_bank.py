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
