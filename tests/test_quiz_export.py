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


# ----- Canvas QTI (text2qti) -------------------------------------------------------------------------

QTI_NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def _html_as_markup(fragment: str) -> str:
    """Canvas HTML read back as quiz markup without emphasis: equation images become ``$...$``,
    tags are dropped, character references decoded, whitespace collapsed."""
    import html as html_module

    fragment = re.sub(r'<img class="equation_image"[^>]*?data-equation-content="([^"]*)"[^>]*>',
                      lambda m: "$" + m.group(1) + "$", fragment)  # still escaped: no "<" to strip
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _expected(text: str) -> str:
    from drugresist.quiz import markup

    return " ".join("".join(f"${s.text}$" if s.kind == "math" else s.text for s in markup.parse(text)).split())


def _qti_items(zip_bytes: bytes) -> tuple[str, dict[str, dict]]:
    """The quiz title and, per question title (the question id), what a Canvas import would read."""
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    assert "imsmanifest.xml" in archive.namelist()
    [name] = [n for n in archive.namelist() if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
    root = ET.fromstring(archive.read(name))
    assessment = root.find("q:assessment", QTI_NS)
    items = {}
    for item in assessment.iter(f"{{{QTI_NS['q']}}}item"):
        meta = {f.findtext("q:fieldlabel", namespaces=QTI_NS): f.findtext("q:fieldentry", namespaces=QTI_NS)
                for f in item.iter(f"{{{QTI_NS['q']}}}qtimetadatafield")}
        feedback = {fb.get("ident"): _html_as_markup(fb.findtext(".//q:mattext", namespaces=QTI_NS))
                    for fb in item.findall("q:itemfeedback", QTI_NS)}
        labels = item.findall(".//q:response_label", QTI_NS)
        options = [(label.get("ident"), _html_as_markup(label.findtext(".//q:mattext", namespaces=QTI_NS) or ""))
                   for label in labels if label.find(".//q:mattext", QTI_NS) is not None]
        scoring = [c for c in item.iter(f"{{{QTI_NS['q']}}}respcondition")
                   if c.findtext("q:setvar", namespaces=QTI_NS) == "100"]
        assert len(scoring) == 1
        condition = scoring[0].find("q:conditionvar", QTI_NS)
        negated = {v.text for v in condition.iter(f"{{{QTI_NS['q']}}}not") for v in v.iter(f"{{{QTI_NS['q']}}}varequal")}
        right = [v.text for v in condition.iter(f"{{{QTI_NS['q']}}}varequal") if v.text not in negated]
        items[item.get("title")] = {
            "type": meta["question_type"],
            "prompt": _html_as_markup(item.find("q:presentation/q:material/q:mattext", QTI_NS).text),
            "options": options,
            "right": right,
            "low": condition.findtext(".//q:vargte", namespaces=QTI_NS),
            "high": condition.findtext(".//q:varlte", namespaces=QTI_NS),
            "feedback": feedback,
        }
    return assessment.get("title"), items


def _check_qti_against_bank(bank, zip_bytes: bytes) -> None:
    from drugresist.quiz import markup

    title, items = _qti_items(zip_bytes)
    assert title == " ".join(markup.to_plain(bank.title).split())
    assert list(items) == [q.id for q in bank.questions]
    for question in bank.questions:
        item = items[question.id]
        assert item["feedback"]["general_fb"] == _expected(question.explanation), question.id
        if question.type == "numeric":
            assert item["type"] == "numerical_question"
            assert item["prompt"].startswith(_expected(question.prompt)), question.id
            if question.unit:
                assert f"unit: {question.unit}" in item["prompt"]
            assert float(item["low"]) == pytest.approx(question.answer - question.tolerance, abs=1e-9)
            assert float(item["high"]) == pytest.approx(question.answer + question.tolerance, abs=1e-9)
            assert item["feedback"]["correct_fb"] == _expected(question.feedback.correct)
            wrong = item["feedback"]["general_incorrect_fb"]
            assert _expected(question.feedback.too_low) in wrong and _expected(question.feedback.too_high) in wrong
            continue
        expected_type = "multiple_choice_question" if question.type == "single" else "multiple_answers_question"
        assert item["type"] == expected_type, question.id
        assert item["prompt"] == _expected(question.prompt), question.id
        assert [text for _ident, text in item["options"]] == [_expected(o.text) for o in question.options]
        idents = [ident for ident, _text in item["options"]]
        assert sorted(idents.index(i) for i in item["right"]) == sorted(question.correct_indices), question.id
        for ident, option in zip(idents, question.options):
            assert item["feedback"][f"{ident}_fb"] == _expected(option.feedback), question.id


def test_canvas_qti_keeps_every_question_option_answer_tolerance_and_feedback(bank):
    from drugresist.quiz.export import to_canvas_qti

    _check_qti_against_bank(bank, to_canvas_qti(bank))


def test_canvas_qti_keeps_special_characters(sample_bank_data):
    from drugresist.quiz.export import to_canvas_qti

    tricky = r"""a < b && c > d: 5 % of \$10, back\slash, café, naïve, *x*, --, ..., 'q' "dq" [l](u) 1. # _u_"""
    data = sample_bank_data
    data["title"] = "Spécial <&> %"
    data["questions"][0]["prompt"] = tricky + " and $x_1 < y$"
    data["questions"][0]["options"][0]["text"] = "<b>not bold</b> & 100%"
    data["questions"][0]["options"][1]["feedback"] = r"C:\path\to & 'it' ~ ^"
    data["questions"][1]["explanation"] = "Éléments: = + - ! | {braces}"
    data["questions"][2]["feedback"]["too_low"] = "Less than 100 % < 100"
    bank = parse_bank(data, "x.yaml")
    zip_bytes = to_canvas_qti(bank)
    _check_qti_against_bank(bank, zip_bytes)
    _title, items = _qti_items(zip_bytes)
    prompt = items["single-one"]["prompt"]
    for piece in ["a < b && c > d", "5 % of $10", "back\\slash", "café", "naïve", "--", "...", "'q'", '"dq"',
                  "[l](u)", "1. # _u_", "$x_1 < y$"]:
        assert piece in prompt, piece


def test_canvas_qti_refuses_a_range_it_cannot_write(sample_bank_data):
    from drugresist.quiz.export import to_canvas_qti

    sample_bank_data["questions"][2]["answer"] = 0.000123
    sample_bank_data["questions"][2]["tolerance"] = 0.000001
    with pytest.raises(ValueError, match="numeric-three.*decimals"):
        to_canvas_qti(parse_bank(sample_bank_data, "x.yaml"))


def test_every_shipped_bank_exports_to_canvas_qti(tmp_path):
    from drugresist.quiz.__main__ import main

    assert main(["export", "--out", str(tmp_path)]) == 0
    for bank in all_banks():
        _check_qti_against_bank(bank, (tmp_path / f"{bank.id}.canvas-qti.zip").read_bytes())
