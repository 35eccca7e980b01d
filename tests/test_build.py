"""The whole book builds with warnings as errors, and the pages hold what readers need."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, toc_files


def test_book_builds_with_warnings_as_errors(built_book):
    # -W turns every Sphinx warning (broken citation, cross-reference, failing cell) into a failure
    assert built_book["returncode"] == 0, built_book["log"][-6000:]
    assert "build succeeded" in built_book["log"]


def test_every_toc_page_is_built(built_html):
    for name in toc_files():
        assert (built_html / f"{name}.html").is_file(), name


@pytest.mark.parametrize("bad", ["&lt;IPython.core.display", "&lt;Figure size", "Widget(", "interactive(",
                                 "&lt;drugresist.", "Traceback (most recent call last)", "application/vnd.jupyter.widget-view"])
def test_no_object_reprs_or_errors_in_pages(built_html, bad):
    offenders = [p.name for p in built_html.rglob("*.html") if bad in p.read_text(encoding="utf-8")]
    assert not offenders, f"{bad!r} in {offenders}"


def test_each_chapter_with_a_quiz_bank_shows_its_static_quiz(built_html):
    from drugresist.quiz import bank_ids, load_bank

    for bank_id in bank_ids():
        page = (built_html / "book" / f"{bank_id}.html").read_text(encoding="utf-8")
        assert f'data-bank="{bank_id}"' in page, bank_id
        assert page.count('class="drq-question"') == len(load_bank(bank_id).questions)


def test_figures_have_alt_text(built_html):
    for page in built_html.rglob("*.html"):
        for tag in re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8")):
            if "logo" in tag:
                continue
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 15 and not alt.group(1).startswith("_images"), f"{page.name}: {tag[:160]}"


def test_bibliography_page_lists_every_entry(built_html):
    from pybtex.database import parse_file

    page = (built_html / "book" / "references.html").read_text(encoding="utf-8")
    entries = parse_file(str(ROOT / "references.bib")).entries
    for key, entry in entries.items():
        if "doi" in entry.fields:
            assert entry.fields["doi"] in page, key


def test_launch_buttons_point_at_the_configured_repository(built_html):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    page = (built_html / "book" / "target_alteration.html").read_text(encoding="utf-8")
    repo_path = config["repository"]["url"].split("github.com/")[1]
    assert f"mybinder.org/v2/gh/{repo_path}/{config['repository']['branch']}" in page
    assert config["launch_buttons"]["jupyterhub_url"].rstrip("/") in page
    lab = (built_html / "notebooks" / "target_alteration_lab.html").read_text(encoding="utf-8")
    assert f"colab.research.google.com/github/{repo_path}" in lab


def test_print_form_has_every_quiz_without_answers_and_no_object_reprs(built_latex):
    from drugresist.quiz import all_banks, markup, to_latex

    tex = built_latex.read_text(encoding="utf-8")
    for bank in all_banks():
        # the quiz's print form reaches the LaTeX file unchanged (raw LaTeX, not a math block)
        assert to_latex(bank) in tex, bank.id
        for question in bank.questions:
            for option in question.options:
                assert markup.to_latex(option.feedback) not in tex, f"{bank.id}:{question.id} feedback printed"
    for bad in ("Figure size", "IPython.core.display", "Widget(", "interactive(", "widget-view"):
        assert bad not in tex, bad
    assert r"\sphinxincludegraphics" in tex
