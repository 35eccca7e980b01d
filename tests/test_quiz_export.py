"""Quiz export to learning platforms: Moodle XML parses and keeps everything; GIFT escapes specials."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from drugresist.quiz import all_banks, load_bank, parse_bank
from drugresist.quiz.export import gift_escape, to_gift, to_moodle_xml


@pytest.fixture
def bank(sample_bank_path):
    return load_bank(sample_bank_path)


def test_moodle_xml_parses_and_keeps_answers_feedback_and_tolerance(bank):
    root = ET.fromstring(to_moodle_xml(bank))
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    single, multiple, numeric = questions[1:]
    assert single.get("type") == "multichoice" and single.findtext("single") == "true"
    assert [a.get("fraction") for a in single.findall("answer")] == ["100", "0", "0"]
    assert single.find("answer/feedback/text").text == "Yes, this one is right."
    assert single.findtext("generalfeedback/text") == "Because it is the right one."
    assert "&lt;script&gt;" in single.findtext("questiontext/text")
    assert multiple.findtext("single") == "false"
    assert [a.get("fraction") for a in multiple.findall("answer")] == ["50", "-100", "50"]
    assert numeric.get("type") == "numerical"
    first = numeric.find("answer")
    assert (first.findtext("text"), first.findtext("tolerance"), first.get("fraction")) == ("100", "1", "100")
    assert "Too low." in numeric.findall("answer")[1].findtext("feedback/text")
    assert numeric.findtext("units/unit/unit_name") == "fold"


def test_moodle_fractions_are_values_moodle_accepts(sample_bank_data):
    data = sample_bank_data
    data["questions"][1]["options"].append({"text": "Third correct", "correct": True, "feedback": "Also correct."})
    root = ET.fromstring(to_moodle_xml(parse_bank(data, "x.yaml")))
    fractions = [a.get("fraction") for a in root.findall("question")[2].findall("answer")]
    assert fractions == ["33.33333", "-100", "33.33333", "33.33333"]


def test_cdata_end_marker_in_text_cannot_break_the_xml(sample_bank_data):
    sample_bank_data["questions"][0]["prompt"] = "Tricky ]]> text"
    root = ET.fromstring(to_moodle_xml(parse_bank(sample_bank_data, "x.yaml")))
    assert root.findall("question")[1].findtext("questiontext/text") == "Tricky ]]&gt; text"


@pytest.mark.parametrize("char", list("~=#{}:"))
def test_gift_escapes_each_special_character(char):
    assert gift_escape(f"a{char}b") == f"a\\{char}b"
    assert gift_escape("back\\slash") == "back\\\\slash"


def test_gift_question_text_with_specials_is_escaped_and_structure_intact(sample_bank_data):
    sample_bank_data["questions"][0]["prompt"] = "Ratio = 2:1 {not an answer} ~ # end"
    gift = to_gift(parse_bank(sample_bank_data, "x.yaml"))
    assert "Ratio \\= 2\\:1 \\{not an answer\\} \\~ \\# end {" in gift
    # after removing escaped characters, braces balance: one answer block per question
    unescaped = re.sub(r"\\.", "", gift)
    assert unescaped.count("{") == unescaped.count("}") == 3


def test_gift_keeps_feedback_weights_and_tolerance(bank):
    gift = to_gift(bank)
    assert "\t=The right one#Yes, this one is right." in gift
    assert "\t~%50%First correct#First is correct." in gift and "\t~%-100%Wrong#" in gift
    assert "{#\n\t=100:1#Yes, 100." in gift
    assert "\t####Because it is the right one." in gift


def test_every_shipped_bank_exports(tmp_path):
    from drugresist.quiz.__main__ import main

    assert main(["export", "--out", str(tmp_path)]) == 0
    for bank in all_banks():
        root = ET.parse(tmp_path / f"{bank.id}.moodle.xml").getroot()
        assert len(root.findall("question")) == len(bank.questions) + 1
        assert (tmp_path / f"{bank.id}.gift.txt").read_text(encoding="utf-8").count("::") >= 2 * len(bank.questions)
