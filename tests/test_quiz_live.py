"""Drive the live ipywidgets quiz as a student would: choose, click Check, read feedback and score."""

from __future__ import annotations

import pytest

from drugresist.quiz import show_quiz


@pytest.fixture
def live(sample_bank_path):
    return show_quiz(sample_bank_path).live()


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
    question.boxes[0].value = True
    question.button.click()
    assert "You missed 1 correct option." in question.feedback.value
    question.boxes[2].value = True
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
