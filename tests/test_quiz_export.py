"""Quiz export to learning platforms: Moodle XML parses and keeps everything; GIFT escapes specials."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from drugresist.quiz import all_banks, load_bank, parse_bank, print_orders, variants
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
    assert single.findtext("shuffleanswers") == "true" and multiple.findtext("shuffleanswers") == "true"
    by_text = {a.findtext("text"): a for a in single.findall("answer")}
    assert {t: a.get("fraction") for t, a in by_text.items()} == {
        "The right one": "100", "A wrong one with <code>code</code>": "0", "Another wrong one": "0"}
    assert by_text["The right one"].findtext("feedback/text") == "Yes, this one is right."
    order = print_orders(bank)
    assert [a.findtext("text") for a in single.findall("answer")][order["single-one"].index(0)] == "The right one"
    assert single.findtext("generalfeedback/text") == "Because it is the right one."
    assert "&lt;script&gt;" in single.findtext("questiontext/text")
    assert multiple.findtext("single") == "false"
    assert sorted(a.get("fraction") for a in multiple.findall("answer")) == ["-100", "50", "50"]
    assert numeric.get("type") == "numerical"
    first = numeric.find("answer")
    assert (first.findtext("text"), first.findtext("tolerance"), first.get("fraction")) == ("100", "1", "100")
    assert "Too low." in numeric.findall("answer")[1].findtext("feedback/text")
    assert numeric.findtext("units/unit/unit_name") == "fold"


def test_moodle_fractions_are_values_moodle_accepts(sample_bank_data):
    data = sample_bank_data
    data["questions"][1]["options"].append({"text": "Third correct", "correct": True, "feedback": "Also correct."})
    root = ET.fromstring(to_moodle_xml(parse_bank(data, "x.yaml")))
    fractions = {a.findtext("text"): a.get("fraction") for a in root.findall("question")[2].findall("answer")}
    assert fractions == {"First correct": "33.33333", "Wrong": "-100", "Second correct": "33.33333",
                         "Third correct": "33.33333"}


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
    block = gift.split("::single-one::", 1)[1].split("}", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("\t") and not line.startswith("\t####")]
    assert lines[print_orders(bank)["single-one"].index(0)].startswith("\t=The right one")
    assert "{#\n\t=100:1#Yes, 100." in gift
    assert "\t####Because it is the right one." in gift


def test_every_shipped_bank_exports(tmp_path):
    from drugresist.quiz.__main__ import main

    assert main(["export", "--out", str(tmp_path)]) == 0
    for bank in all_banks():
        root = ET.parse(tmp_path / f"{bank.id}.moodle.xml").getroot()
        exported = [q for q in root.findall("question") if q.get("type") != "category"]
        assert len(exported) == sum(len(variants(q)) for q in bank.questions)
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
    orders = print_orders(bank)
    exported = []
    for source in bank.questions:
        if source.generator is None:
            exported.append((source.id, source, orders[source.id]))
        else:
            exported += [(f"{source.id}-v{i:02d}", v, []) for i, v in enumerate(variants(source), start=1)]
    assert list(items) == [title for title, _q, _o in exported]
    for title, question, order in exported:
        item = items[title]
        assert item["feedback"]["general_fb"] == _expected(question.explanation), question.id
        if question.type == "numeric":
            assert item["type"] == "numerical_question"
            assert item["prompt"].startswith(_expected(question.prompt)), question.id
            if question.unit:
                assert f"unit: {question.unit}" in item["prompt"]
            error = max(question.tolerance, question.relative_tolerance * abs(question.answer))
            assert float(item["low"]) == pytest.approx(question.answer - error, abs=1.0001e-4), question.id
            assert float(item["high"]) == pytest.approx(question.answer + error, abs=1.0001e-4), question.id
            assert float(item["high"]) - float(item["low"]) <= 2 * error + 1e-9
            assert item["feedback"]["correct_fb"] == _expected(question.feedback.correct)
            wrong = item["feedback"]["general_incorrect_fb"]
            assert _expected(question.feedback.too_low) in wrong and _expected(question.feedback.too_high) in wrong
            continue
        expected_type = "multiple_choice_question" if question.type == "single" else "multiple_answers_question"
        assert item["type"] == expected_type, question.id
        assert item["prompt"] == _expected(question.prompt), question.id
        printed = [question.options[i] for i in order]
        assert [text for _ident, text in item["options"]] == [_expected(o.text) for o in printed]
        idents = [ident for ident, _text in item["options"]]
        assert sorted(order[idents.index(i)] for i in item["right"]) == sorted(question.correct_indices), question.id
        for ident, option in zip(idents, printed):
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


# ----- shuffling and pools of generated variants ----------------------------------------------------

import io  # noqa: E402
import math  # noqa: E402
import zipfile  # noqa: E402

from conftest import DATA  # noqa: E402


@pytest.fixture
def generated():
    return load_bank(DATA / "generated_bank.yaml")


def _model_answer(question_id: str, values: dict) -> float:
    """Every variant's answer, recomputed here from the model's formula (not from the bank)."""
    if question_id == "penetration-distance":
        return round(math.sqrt(2 * values["D"] * values["c0"] / values["M"]))
    assert question_id == "fold-change-percent"
    return round(100 * values["high"] / values["low"], 1)


def _parameters(question, text_of_prompt: str) -> dict:
    """The drawn values, read back from the exported prompt text."""
    if question.id == "penetration-distance":
        match = re.search(r"= (\d+) µm²/s, the vessel wall is at (\d+) mmHg and cells consume (\d+) mmHg/s", text_of_prompt)
        return dict(zip(("D", "c0", "M"), map(float, match.groups())))
    match = re.search(r"from (\d+) nM to (\d+) nM", text_of_prompt)
    return dict(zip(("low", "high"), map(float, match.groups())))


def test_moodle_xml_pools_every_variant_in_a_category_of_its_own(generated):
    root = ET.fromstring(to_moodle_xml(generated))
    category, pools = None, {}
    for element in root.findall("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        pools.setdefault(category, []).append(element)
    base = "$course$/Drug Resistance in Cancer/A sample bank with generated numbers (schema v2)"
    assert [e.findtext("name/text") for e in pools[base]] == ["ordered-ranges"]
    assert pools[base][0].findtext("shuffleanswers") == "false"  # fixed_order
    for question in generated.questions[:2]:
        pool = pools[f"{base}/{question.id}"]
        assert len(pool) == len(variants(question)) == question.generator.count
        assert len({e.findtext("questiontext/text") for e in pool}) == len(pool)
        for element in pool:
            answer = element.find("answer")
            values = _parameters(question, element.findtext("questiontext/text"))
            expected = _model_answer(question.id, values)
            assert float(answer.findtext("text")) == pytest.approx(expected, abs=1e-9)
            assert float(answer.findtext("tolerance")) == pytest.approx(
                max(question.tolerance, question.relative_tolerance * abs(expected)))


def test_gift_pools_every_variant_under_its_own_category(generated):
    gift = to_gift(generated)
    sections = re.split(r"^\$CATEGORY: (.*)$", gift, flags=re.M)
    categories = dict(zip(sections[1::2], [[] for _ in sections[1::2]]))
    for name, body in zip(sections[1::2], sections[2::2]):
        categories[name] += re.findall(r"^::([^:]+)::\[html\](.*?) \{#\n\t=([0-9.e+-]+):([0-9.e+-]+)#", body, re.M)
    base = "$course$/Drug Resistance in Cancer/A sample bank with generated numbers (schema v2)"
    assert "fixed_order" in gift.split("::ordered-ranges::")[0].rsplit("\n\n", 1)[-1]
    for question in generated.questions[:2]:
        pool = categories[gift_escape(f"{base}/{question.id}")]
        assert len(pool) == question.generator.count
        for _name, prompt, answer, tolerance in pool:
            expected = _model_answer(question.id, _parameters(question, prompt.replace("\\", "")))
            assert float(answer) == pytest.approx(expected)
            assert float(tolerance) == pytest.approx(max(question.tolerance, question.relative_tolerance * expected))


def test_canvas_qti_shuffles_and_puts_each_generated_question_in_a_group_that_picks_one(generated):
    from drugresist.quiz.export import to_canvas_qti, to_text2qti

    assert "Shuffle answers: true" in to_text2qti(generated)
    archive = zipfile.ZipFile(io.BytesIO(to_canvas_qti(generated)))
    [meta] = [n for n in archive.namelist() if n.endswith("assessment_meta.xml")]
    assert "<shuffle_answers>true</shuffle_answers>" in archive.read(meta).decode("utf-8")
    [name] = [n for n in archive.namelist() if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
    root = ET.fromstring(archive.read(name))
    sections = [s for s in root.iter(f"{{{QTI_NS['q']}}}section") if s.get("ident") != "root_section"]
    assert len(sections) == 2
    _title, items = _qti_items(archive.read(name) and to_canvas_qti(generated))
    for section, question in zip(sections, generated.questions[:2]):
        assert section.findtext(".//q:selection_number", namespaces=QTI_NS) == "1"
        titles = [item.get("title") for item in section.iter(f"{{{QTI_NS['q']}}}item")]
        assert titles == [f"{question.id}-v{i:02d}" for i in range(1, question.generator.count + 1)]
        for title in titles:
            item = items[title]
            expected = _model_answer(question.id, _parameters(question, item["prompt"]))
            error = max(question.tolerance, question.relative_tolerance * expected)
            assert float(item["low"]) <= expected <= float(item["high"])
            assert float(item["low"]) == pytest.approx(expected - error, abs=1.0001e-4)
    _check_qti_against_bank(generated, to_canvas_qti(generated))
