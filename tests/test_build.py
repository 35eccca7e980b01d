"""The whole book builds with warnings as errors, and the pages hold what readers need."""

from __future__ import annotations

import html
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


def _copy_of_the_course(target):
    """The course's own files (no build output, caches or environments) copied to ``target``."""
    import shutil

    ignore = shutil.ignore_patterns("_build", ".venv", ".git", "__pycache__", "*.egg-info", ".pytest_cache",
                                    ".ipynb_checkpoints", ".jupyter_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def test_launch_buttons_and_install_cells_follow_make_configure(tmp_path):
    """``make configure`` in a copy, then a (small, unexecuted) build of that copy: every launch
    button, the repository button and the labs' install cells name the new repository."""
    import json
    import subprocess
    import sys

    from conftest import jupyter_book_executable

    copy = _copy_of_the_course(tmp_path / "fork")
    repo, branch, hub = "https://github.com/example-school/cancer-course", "teaching", "https://jupyter.example-school.edu"
    result = subprocess.run(["make", "-s", "configure", f"REPO={repo}.git", f"BRANCH={branch}", f"HUB={hub}/",
                             f"PYTHON={sys.executable}"], cwd=copy, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((copy / "_config.yml").read_text(encoding="utf-8"))
    assert config["repository"] == {"url": repo, "branch": branch}
    assert config["launch_buttons"]["jupyterhub_url"] == hub
    assert "# replace with your school's JupyterHub" in (copy / "_config.yml").read_text(encoding="utf-8")

    labs = sorted((copy / "notebooks").glob("*.ipynb"))
    assert labs
    for lab in labs:
        first_code = next(c for c in json.loads(lab.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code")
        assert f'"drugresist @ git+{repo}@{branch}"' in "".join(first_code["source"]), lab.name

    # build one chapter and one lab of the configured copy (launch buttons need no execution)
    config["execute"]["execute_notebooks"] = "off"
    (tmp_path / "config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "toc.yml").write_text(yaml.safe_dump(
        {"format": "jb-book", "root": "book/target_alteration", "chapters": [{"file": "notebooks/target_alteration_lab"}]}),
        encoding="utf-8")
    result = subprocess.run([jupyter_book_executable(), "build", str(copy), "--toc", str(tmp_path / "toc.yml"),
                             "--config", str(tmp_path / "config.yml"), "--path-output", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=600)
    html = tmp_path / "out" / "_build" / "html"
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    org_repo = "example-school/cancer-course"
    for page in ("book/target_alteration.html", "notebooks/target_alteration_lab.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert f'href="https://mybinder.org/v2/gh/{org_repo}/{branch}?' in text, page
        assert f'href="{hub}/hub/user-redirect/git-pull?repo=https%3A//github.com/{org_repo}' in text, page
        assert f'href="{repo}"' in text, page  # the repository button
        assert "drug-resistance-course/drug-resistance-in-cancer" not in text, page
    lab_page = (html / "notebooks" / "target_alteration_lab.html").read_text(encoding="utf-8")
    assert f"colab.research.google.com/github/{org_repo}/blob/{branch}/notebooks/target_alteration_lab.ipynb" in lab_page
    downloaded = (html / "_sources" / "notebooks" / "target_alteration_lab.ipynb").read_text(encoding="utf-8")
    assert f"git+{repo}@{branch}" in downloaded


def test_make_configure_refuses_a_bad_address(tmp_path):
    import subprocess
    import sys

    copy = _copy_of_the_course(tmp_path / "fork")
    before = (copy / "_config.yml").read_text(encoding="utf-8")
    for arguments in (["REPO=not-a-url"], [], ["REPO=https://github.com/a/b", "HUB=javascript:alert(1)"]):
        result = subprocess.run(["make", "-s", "configure", *arguments, f"PYTHON={sys.executable}"], cwd=copy,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode != 0, arguments
        assert "REPO" in result.stderr or "HUB" in result.stderr or "usage" in result.stderr, result.stderr
    assert (copy / "_config.yml").read_text(encoding="utf-8") == before


def test_every_page_footer_states_the_licences(built_html):
    for page in ("book/welcome.html", "book/target_alteration.html", "notebooks/target_alteration_lab.html"):
        text = (built_html / page).read_text(encoding="utf-8")
        assert "CC BY 4.0" in text and "MIT" in text, page


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


def test_mechanism_diagrams_are_in_their_html_pages_with_alt_text_and_in_their_labs(built_html):
    """Each mechanism diagram is an image with its alt text in its chapter's built page, and its lab
    (where the chapter has one) draws it too."""
    import json
    import yaml

    from drugresist.figures.mechanisms import DIAGRAMS

    for name, (function, chapter) in DIAGRAMS.items():
        text = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        cell = next(c for c in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.S)
                    if f"import {function.__name__}" in c)
        alt = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", cell, re.S).group(1))["mystnb"]["image"]["alt"]
        page = (built_html / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert f'alt="{alt[:60]}' in html.unescape(page), f"{name}: no image with its alt text in {chapter}.html"
        lab = ROOT / "notebooks" / f"{chapter}_lab.ipynb"
        if lab.exists() and chapter != "intro":
            sources = "".join("".join(c["source"]) for c in json.loads(lab.read_text(encoding="utf-8"))["cells"])
            assert function.__name__ in sources, f"{name}: the {chapter} lab does not draw it"
