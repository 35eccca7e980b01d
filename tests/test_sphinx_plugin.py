"""The course's Sphinx extension: lighter pages (icon script, search index and MathJax only where
used) and downloadable notebooks without saved widget state, on the real theme and the built book."""

from __future__ import annotations

import copy
import io
import json
import re

import pytest

from drugresist import sphinx_plugin as plugin

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _executed_notebook() -> dict:
    view = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3"}, "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {"abc": {}}}}},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
            {"cell_type": "code", "metadata": {}, "source": "explorer", "execution_count": 1, "outputs": [
                {"output_type": "display_data", "metadata": {}, "data": {WIDGET_VIEW: view, "image/png": "iVBOR", "text/plain": "Explorer"}},
                {"output_type": "display_data", "metadata": {}, "data": {WIDGET_VIEW: view}},
                {"output_type": "stream", "name": "stdout", "text": "done\n"},
            ]},
        ],
    }


def test_downloadable_notebook_drops_widget_state_and_views_and_keeps_everything_else():
    notebook = _executed_notebook()
    original = copy.deepcopy(notebook)
    result = plugin.downloadable_notebook(notebook)
    assert notebook == original, "the input notebook must not be changed"
    assert "widgets" not in result["metadata"] and result["metadata"]["kernelspec"] == {"name": "python3"}
    outputs = result["cells"][1]["outputs"]
    assert outputs[0]["data"] == {"image/png": "iVBOR", "text/plain": "Explorer"}
    assert len(outputs) == 2, "an output that was only a widget view is dropped"
    assert outputs[1] == original["cells"][1]["outputs"][2]
    assert result["cells"][0] == original["cells"][0]
    assert result["cells"][1]["source"] == "explorer" and result["cells"][1]["execution_count"] == 1


THEME_HEAD = """
  <link href="../_static/styles/theme.css?digest=55c2" rel="stylesheet" />
  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>
  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />
"""


def test_icon_script_filter_removes_only_the_icon_script():
    out = str(plugin.without_icon_script(THEME_HEAD))
    assert "fontawesome.js" not in out
    assert "theme.css" in out and 'rel="preload" as="script" href="../_static/scripts/bootstrap.js' in out


def test_search_scripts_filter_keeps_other_scripts():
    head = ('<script src="../_static/searchtools.js"></script>\n<script src="../_static/language_data.js"></script>\n'
            '<script src="../searchindex.js"></script>\n<script src="../_static/mysearchindex-extra.js"></script>')
    out = str(plugin.without_search_scripts(head))
    assert "searchtools.js" not in out and "language_data.js" not in out and '"../searchindex.js"' not in out
    assert "mysearchindex-extra.js" in out


@pytest.mark.parametrize("body, expected", [
    ('<p>plain</p>', False),
    ('<span class="math notranslate nohighlight">\\(x\\)</span>', True),
    ('<script type="application/json">{"feedback": "<span class=\\"math notranslate nohighlight\\">\\\\(x\\\\)</span>"}</script>', True),
])
def test_page_has_math(body, expected):
    assert plugin.page_has_math(body) is expected


def test_the_theme_still_loads_its_icon_script_and_search_index_from_the_places_the_filters_know():
    """The filters match the theme's own templates; a theme upgrade that moves them fails here."""
    from importlib import resources

    theme = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme"
    macros = (theme / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    layout = (theme / "layout.html").read_text(encoding="utf-8")
    assert "_static/scripts/fontawesome.js" in macros and "head_js_preload" in layout and "block css" in layout
    assert "searchindex.js" in layout and "block extrahead" in layout
    css = (theme / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    for needed in ("@font-face", "fa-solid-900.woff2", "fa-brands-400.woff2", '.fa-bars:before'):
        assert needed in css, f"the theme's stylesheet no longer draws icons from its fonts ({needed})"


# ----- the built book ---------------------------------------------------------------------


def test_built_pages_do_not_reference_the_icon_script_and_only_search_loads_the_index(built_html):
    pages = [p for p in built_html.rglob("*.html") if p.relative_to(built_html).parts[0] not in ("_static", "_sources")]
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text, page
        assert ("searchindex.js" in text) == (page.name == "search.html"), page
    assert not (built_html / "_static" / "scripts" / "fontawesome.js").exists()
    assert (built_html / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2").is_file()


def test_built_pages_load_mathjax_exactly_where_they_have_math(built_html):
    counts = {True: 0, False: 0}
    for page in (built_html / "book").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_math = plugin.page_has_math(text.split("<body", 1)[1])
        assert (plugin.MATHJAX_PATH in text) == has_math, page.name
        assert ("drugresist-math.js" in text) == has_math, page.name
        counts[has_math] += 1
    assert counts[True] >= 14 and counts[False] >= 3, counts
    for relative in plugin.MATHJAX_FILES:
        assert (built_html / "_static" / "mathjax" / relative).exists(), relative


def test_downloadable_chapter_notebooks_hold_figures_but_no_widget_state(built_html):
    from drugresist.quiz import bank_ids

    chapters_with_figures = set(bank_ids())  # every chapter with a quiz has figures; progress has none
    notebooks = sorted((built_html / "_sources" / "book").glob("*.ipynb"))
    assert len(notebooks) >= 14
    for path in notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in notebook["metadata"], path.name
        outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
        assert all(WIDGET_VIEW not in output.get("data", {}) for output in outputs), path.name
        # myst-nb writes the executed outputs on a cold build (as in CI and publishing); a build
        # that takes every notebook from its execution cache writes the notebook without them
        if outputs and path.stem in chapters_with_figures:
            assert any("image/png" in output.get("data", {}) for output in outputs), f"{path.name}: no figure left"


def test_the_whole_site_stays_within_25_mb(built_html):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    from page_weight import SITE_BUDGET_BYTES, site_bytes

    total = site_bytes(built_html)
    biggest = sorted(built_html.rglob("*"), key=lambda f: f.stat().st_size if f.is_file() else 0)[-5:]
    assert total <= SITE_BUDGET_BYTES, f"site {total / 1e6:.1f} MB; largest files: {[str(f.relative_to(built_html)) for f in biggest]}"


def test_tip_html_keeps_what_a_reader_needs_and_valid_markup():
    term = plugin.tip_html('<dt id="term-x">hypoxia<a class="headerlink" href="#term-x">#</a></dt>'
                           '<dd><p>A shortage of oxygen.</p></dd>')
    assert term == "<dl><dt>hypoxia</dt><dd><p>A shortage of oxygen.</p></dd></dl>"
    figure = plugin.tip_html(
        '<figure id="fig-a"><a class="drugresist-zoom" href="_images/a.png" aria-label="Open the figure full size: A">'
        '<img alt="A" src="_images/a.png"/></a><figcaption><p><span class="caption-number">Fig. 1 </span>Cap</p>'
        '</figcaption></figure>')
    assert 'id="' not in figure and "<a" not in figure and "aria-label" not in figure
    assert figure.count("<img") == 1 and '<span class="caption-number">Fig. 1 </span>Cap' in figure
    section = plugin.tip_html('<h2 class="tippy-header" style="margin-top: 0;">Title<a class="headerlink" href="#t">#</a>'
                              '</h2><p>' + "word " * 200 + "</p><p>second</p>")
    assert section.startswith("<h2>Title</h2><p>word") and section.endswith("\u2026</p>") and "second" not in section
    assert len(section) < plugin.TIP_TEXT_CHARS + 30
    cut = plugin.tip_html("<p>" + "word " * 100 + '<span><a href="references.html#id1">[A1]</a></span></p>')
    assert "<a" not in cut and "<span" not in cut, "an empty link (no accessible name) after the cut"


ZOOM_PROJECT = {
    "index.rst": """Zoom
====

.. figure:: plot.png
   :alt: A rising curve

   The caption.

.. image:: plot.png
   :width: 50%

.. figure:: plot.png

   Caption only, no alt text.

.. image:: plot.png
   :alt: A linked image
   :target: https://example.org/
""",
}


def test_a_citation_in_a_figure_caption_prints_as_its_plain_label(tmp_path):
    """XeLaTeX stops on sphinxcontrib-bibtex's \\DUrole/\\hyperlink inside \\caption (a moving
    argument); in print the caption keeps the label, e.g. [Toy13], without the link."""
    import subprocess
    import sys

    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex", "myst_parser", "drugresist.sphinx_plugin"]\n'
        'bibtex_bibfiles = ["refs.bib"]\nbibtex_reference_style = "label"\nbibtex_default_style = "alpha"\n',
        encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@article{toy2013esr1, author={Toy, W.}, title={ESR1 ligand-binding domain mutations},"
                                       " journal={Nat Genet}, year={2013}}\n", encoding="utf-8")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(1, 1))
    fig.savefig(tmp_path / "x.png")
    plt.close(fig)
    (tmp_path / "index.md").write_text(
        "# Test\n\n```{figure} x.png\n:name: fig-a\n\nAn *ESR1* mutation {cite:p}`toy2013esr1`.\n```\n\n"
        "Text {cite:p}`toy2013esr1`.\n\n```{bibliography}\n```\n", encoding="utf-8")
    for builder in ("latex", "html"):
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(tmp_path), str(tmp_path / builder)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
    caption = re.search(r"\\caption\{(.*?)\}\\label", tex).group(1)
    assert "{[}Toy13{]}" in caption and "\\hyperlink" not in caption and "\\DUrole" not in caption
    assert "\\hyperlink" in tex.split("\\caption")[1]  # the citation in the text keeps its link
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<figcaption>.*?<a [^>]*href="#id\d+"[^>]*>Toy13</a>.*?</figcaption>', html, re.S) or "Toy13</a>" in html


def _build_tiny(tmp_path, builder: str, zoom: bool) -> tuple:
    """A three-figure project built with ``builder``, with or without the figure links."""
    from sphinx.application import Sphinx

    source = tmp_path / f"src-{builder}-{zoom}"
    source.mkdir()
    for name, text in ZOOM_PROJECT.items():
        (source / name).write_text(text, encoding="utf-8")
    png = ("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
           "0000000d4944415478da63f8cfc0f01f0005000201a0e1e8d70000000049454e44ae426082")
    (source / "plot.png").write_bytes(bytes.fromhex(png))
    setup = "from drugresist.sphinx_plugin import add_figure_zoom as setup\n" if zoom else ""
    (source / "conf.py").write_text(f"project = 'zoom'\n{setup}", encoding="utf-8")
    out = tmp_path / f"out-{builder}-{zoom}"
    warnings = io.StringIO()
    app = Sphinx(str(source), str(source), str(out), str(out / ".doctrees"), builder,
                 status=None, warning=warnings, freshenv=True)
    app.build()
    # (a second application in one process re-registers Sphinx's own nodes: not ours to fix)
    problems = [w for w in warnings.getvalue().splitlines() if w.strip() and "is already registered" not in w]
    assert problems == [], problems
    return out


def test_every_html_figure_links_to_its_own_file_with_a_name(tmp_path):
    out = _build_tiny(tmp_path, "html", zoom=True)
    html = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a aria-label="([^"]*)" class="drugresist-zoom" href="([^"]+)"><img', html)
    assert links == [("Open the figure full size: A rising curve", "_images/plot.png"),
                     ("Open the figure full size", "_images/plot.png"),
                     ("Open the figure full size: Caption only, no alt text.", "_images/plot.png")], html
    assert all((out / href).is_file() for _, href in links)
    assert not re.search(r"<a [^>]*>\s*<a ", html) and html.count("image-reference") == 1, \
        "no second link (Sphinx's own, around a scaled image)"
    assert 'href="https://example.org/"' in html, "an image that already links somewhere keeps its link"


def test_figure_zoom_leaves_the_latex_output_unchanged(tmp_path):
    with_zoom = _build_tiny(tmp_path, "latex", zoom=True)
    without = _build_tiny(tmp_path, "latex", zoom=False)
    tex = sorted(p.name for p in with_zoom.glob("*.tex"))
    assert tex and tex == sorted(p.name for p in without.glob("*.tex"))
    for name in tex:
        assert (with_zoom / name).read_text(encoding="utf-8") == (without / name).read_text(encoding="utf-8")


def test_no_gpl_lightbox_in_the_book():
    from conftest import ROOT

    for name in ("requirements.in", "requirements.txt", "requirements-dev.txt", "_config.yml"):
        assert "lightbox" not in (ROOT / name).read_text(encoding="utf-8").lower(), name


@pytest.mark.parametrize("body, expected", [
    ('<div class="sd-card sd-shadow-sm">', True),
    ('<div class="sd-tab-set docutils">', True),
    ('<div class="cell docutils container">sd-card in text</div>', False),
    ('<p class="bsd-x">', False),
])
def test_page_uses_design(body, expected):
    assert plugin.page_uses_design(body) is expected


def test_design_assets_are_dropped_only_where_unused():
    class Asset(str):
        @property
        def filename(self):
            return str(self)

    def context(body):
        return {"body": body, "css_files": [Asset("_static/sphinx-design.min.css?v=1"), Asset("_static/basic.css")],
                "script_files": [Asset("_static/design-tabs.js"), Asset("_static/doctools.js")]}

    plain, cards = context("<p>text</p>"), context('<div class="sd-card">')
    plugin._load_design_only_where_used(None, "p", "page.html", plain, None)
    plugin._load_design_only_where_used(None, "p", "page.html", cards, None)
    assert plain["css_files"] == ["_static/basic.css"] and plain["script_files"] == ["_static/doctools.js"]
    assert len(cards["css_files"]) == 2 and len(cards["script_files"]) == 2
