"""Drive the live ipywidgets quiz as a student would: choose, click Check, read feedback and score.

Options are shuffled, so the tests choose options by identity (their position in the YAML):
a radio button's value is the identity, ``box_for(identity)`` finds a checkbox."""

from __future__ import annotations

import pytest

from drugresist.quiz import show_quiz


@pytest.fixture
def live(sample_bank_path):
    return show_quiz(sample_bank_path, seed=1).live()


def test_wrong_then_right_single_choice_updates_feedback_and_score(live):
    question = live.questions["single-one"]
    assert "Score: 0 / 3" in live.score_label.value
    question.choice.value = 1
    question.button.click()
    assert "Not quite." in question.feedback.value
    assert "No, this one is wrong." in question.feedback.value
    assert "Because it is the right one." not in question.feedback.value
    assert "Score: 0 / 3" in live.score_label.value
    question.choice.value = 0
    question.button.click()
    assert "Correct." in question.feedback.value and "Yes, this one is right." in question.feedback.value
    assert "Because it is the right one." in question.feedback.value
    assert "Score: 1 / 3" in live.score_label.value


def test_multiple_choice_needs_every_correct_option(live):
    question = live.questions["multiple-two"]
    question.box_for(0).value = True
    question.button.click()
    assert "You missed 1 correct option." in question.feedback.value
    question.box_for(2).value = True
    question.button.click()
    assert "Correct." in question.feedback.value
    assert live.score == 1


def test_numeric_answer_with_tolerance(live):
    question = live.questions["numeric-three"]
    question.number_input.value = "90"
    question.button.click()
    assert "Too low." in question.feedback.value
    question.number_input.value = "100,5"
    question.button.click()
    assert "Yes, 100." in question.feedback.value
    assert "Score: 1 / 3" in live.score_label.value


def test_score_drops_when_a_right_answer_is_changed_to_a_wrong_one(live):
    question = live.questions["single-one"]
    question.choice.value = 0
    question.button.click()
    question.choice.value = 2
    question.button.click()
    assert live.score == 0


def test_checking_without_an_answer_asks_for_one(live):
    question = live.questions["single-one"]
    question.button.click()
    assert "Choose an option first." in question.feedback.value


def test_feedback_does_not_rely_on_colour_alone(live):
    question = live.questions["single-one"]
    question.choice.value = 1
    question.button.click()
    assert "&#10007; Not quite." in question.feedback.value


def test_question_text_is_escaped_in_the_widget(live):
    prompt = live.questions["single-one"].prompt.value
    assert "<script>" not in prompt and "&lt;script&gt;" in prompt


def test_options_are_shuffled_per_seed_and_chosen_by_identity(sample_bank_path):
    orders = {tuple(show_quiz(sample_bank_path, seed=seed).live().questions["single-one"].order) for seed in range(12)}
    assert len(orders) > 2, "different seeds should give different orders"
    for seed in range(6):
        quiz = show_quiz(sample_bank_path, seed=seed).live()
        again = show_quiz(sample_bank_path, seed=seed).live()
        single = quiz.questions["single-one"]
        assert single.order == again.questions["single-one"].order
        assert [value for _label, value in single.choice.options] == single.order
        first_label = single.choice.options[0][0]
        assert first_label.startswith("A. ")
        assert quiz.bank.question("single-one").options[single.order[0]].text.replace("`", "") in first_label
        single.choice.value = 0  # the right option, wherever it is shown
        single.button.click()
        assert "Correct." in single.feedback.value and "Yes, this one is right." in single.feedback.value
        multiple = quiz.questions["multiple-two"]
        for identity in (0, 2):
            multiple.box_for(identity).value = True
        multiple.button.click()
        assert "Correct." in multiple.feedback.value and quiz.score == 2


def test_session_seed_is_used_without_a_seed(sample_bank_path):
    from drugresist.quiz import live as live_module

    quiz = show_quiz(sample_bank_path).live()
    assert quiz.seed == live_module.SESSION_SEED
    assert quiz.questions["single-one"].order == show_quiz(sample_bank_path).live().questions["single-one"].order


def test_fixed_order_is_never_shuffled():
    from conftest import DATA

    for seed in range(10):
        question = show_quiz(DATA / "generated_bank.yaml", seed=seed).live().questions["ordered-ranges"]
        assert question.order == [0, 1, 2]
        assert [label for label, _ in question.choice.options][0].startswith("A. below 10")


def test_new_numbers_draw_a_fresh_variant_and_grade_its_answer():
    import math

    from conftest import DATA

    quiz = show_quiz(DATA / "generated_bank.yaml", seed=5).live()
    question = quiz.questions["penetration-distance"]
    assert question.new_numbers is not None and quiz.questions["ordered-ranges"].new_numbers is None
    first = question.question
    question.number_input.value = f"{first.answer:g}"
    question.button.click()
    assert "Correct." in question.feedback.value and quiz.score == 1
    seen = {first.prompt}
    for _ in range(5):
        question.new_numbers.click()
        assert question.number_input.value == "" and question.feedback.value == "" and quiz.score == 0
        current = question.question
        assert current.prompt not in seen or len(seen) > 5
        seen.add(current.prompt)
        assert current.prompt in question.prompt.value.replace("&#x27;", "'") or str(dict(current.values)["D"]) in question.prompt.value
        values = dict(current.values)
        expected = round(math.sqrt(2 * values["D"] * values["c0"] / values["M"]))
        assert current.answer == expected
        question.number_input.value = str(expected + 10 + 0.03 * expected)
        question.button.click()
        assert "Too high" in question.feedback.value
        question.number_input.value = str(expected).replace(".", ",")
        question.button.click()
        assert "Correct." in question.feedback.value
        assert f"{expected:.0f}$" in question.feedback.value or f"{expected:.0f}" in question.feedback.value
