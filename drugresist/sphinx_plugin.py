"""A myst-nb MIME renderer: the LaTeX builder writes a quiz's print form as raw LaTeX.

myst-nb would turn ``text/latex`` into a display-math block, so quizzes carry their print form
under their own MIME type (:data:`drugresist.quiz.LATEX_MIME`), which only the LaTeX builder
takes, and which this plugin passes through unchanged. The text was escaped when it was rendered
from the YAML bank (see :mod:`drugresist.quiz.markup`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import ClassVar, Sequence

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from drugresist.parallel_execution import execute_before_reading, reread_after_package_change
from drugresist.quiz import LATEX_MIME


class PrintLatexRenderer:
    """Registered under the ``myst_nb.mime_renderers`` entry point in pyproject.toml."""

    mime_priority_overrides: ClassVar[Sequence[tuple[str, str, int | None]]] = (("latex", LATEX_MIME, 5),)

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> None | list[nodes.Element]:
        if data.mime_type != LATEX_MIME:
            return None
        return [nodes.raw(text=data.string, format="latex", classes=["output", "drugresist-print"])]


# ----- workarounds of upstream behaviour ------------------------------------------------------

#: Every workaround of upstream behaviour in this extension: the function (or template filter),
#: the upstream package and version whose behaviour it works around, the upstream issue, and what
#: to look for to remove it. tests/test_upstream_workarounds.py asserts the upstream behaviour each
#: one assumes (a version, a file, a line of upstream code), so an upgrade that fixes it upstream
#: fails there, and the workaround can then go.
UPSTREAM_WORKAROUNDS: dict[str, dict[str, str]] = {
    "without_icon_script": {
        "upstream": "pydata-sphinx-theme 0.17.1",
        "issue": "pydata/pydata-sphinx-theme#2379 (fontawesome.js, 1.42 MiB, on every page); fix proposed in "
                 "PR pydata/pydata-sphinx-theme#2494 (CSS + WOFF icons, a ~90 KB script)",
        "remove when": "the theme's scripts/fontawesome.js is small (PR #2494 released): drop the filter, "
                       "templates/layout.html and UNUSED_THEME_FILES",
    },
    "_remove_unused_theme_files": {
        "upstream": "pydata-sphinx-theme 0.17.1",
        "issue": "pydata/pydata-sphinx-theme#2379 / PR #2494 (as without_icon_script)",
        "remove when": "with without_icon_script",
    },
    "without_search_scripts": {
        "upstream": "pydata-sphinx-theme 0.17.1 (layout.html, block extrahead)",
        "issue": "pydata/pydata-sphinx-theme#1977 (search-as-you-type, which made the theme load searchtools.js, "
                 "language_data.js and searchindex.js on every page; cf. sphinx-doc/sphinx#8419 for the same "
                 "problem in Sphinx itself, fixed there by PR #8445)",
        "remove when": "the theme loads the search scripts only when search-as-you-type is on",
    },
    "_drop_duplicate_scripts": {
        "upstream": "sphinx-thebe 0.3.1 (init_thebe_core) under Jupyter Book 1.0.4",
        "issue": "no upstream issue found (searched the sphinx-thebe and jupyter-book trackers): init_thebe_core "
                 "adds an inline script of `const` declarations with app.add_js_file from an "
                 "env-before-read-docs handler, which reaches the page twice; a page declaring a const twice "
                 "logs a SyntaxError",
        "remove when": "sphinx-thebe no longer declares its settings with `const` in an inline script",
    },
    "_fix_citation_list_role": {
        "upstream": "docutils 0.21.2 (writers/_html_base.py, visit_citation)",
        "issue": "no GitHub issue (docutils tracks bugs on SourceForge); the same code is discussed in "
                 "sphinx-doc/sphinx#10784. axe-core rule `list`: a role=list element must hold only list items",
        "remove when": "docutils writes the citation list without role=\"list\"",
    },
    "_default_colour_mode": {
        "upstream": "pydata-sphinx-theme 0.17.1 (pydata-sphinx-theme.js)",
        "issue": "pydata/pydata-sphinx-theme#1635 ('Got invalid theme mode' in the console; closed as fixed by "
                 "#1683, still logged without a default_mode)",
        "remove when": "the theme's script no longer logs an invalid mode when none is set",
    },
    "downloadable_notebook": {
        "upstream": "myst-nb 1.4.0 (core/render.py, render_nb_finalise)",
        "issue": "no upstream issue found: myst-nb embeds the saved ipywidgets state (application/vnd.jupyter."
                 "widget-state+json) in every page and download, even with nb_ipywidgets_js empty",
        "remove when": "myst-nb skips the widget state when no widget JavaScript is loaded",
    },
}


# ----- Sphinx extension: MathJax served from the book itself, so math renders offline ----------

MATHJAX_PATH = "mathjax/startup.js"
MATHJAX_COMPONENTS = ("input/tex", "output/chtml", "a11y/assistive-mml")
"""What MathJax's loader fetches after ``startup.js``: TeX input (with the AMS, newcommand and
autoload packages), HTML-CSS output, and hidden MathML for screen readers. The combined
``tex-chtml.js`` (1.16 MB) holds the same plus the right-click menu (0.43 MB), which a reader of
this book does not need; this set is about 0.76 MB."""
MATHJAX_FILES = (
    "startup.js", "core.js", "input/tex.js", "output/chtml.js", "output/chtml/fonts/tex.js",
    "output/chtml/fonts/woff-v2", "a11y/assistive-mml.js",
)


def mathjax_es5_dir():
    """The MathJax 3 ``es5`` folder shipped by the ``django-static-mathjax`` package (PyPI)."""
    from importlib import resources

    return Path(str(resources.files("mathjax"))) / "static" / "mathjax" / "es5"


def _use_local_mathjax(app) -> None:
    app.config.mathjax_path = MATHJAX_PATH
    config = dict(app.config.mathjax3_config or {})
    loader = dict(config.get("loader", {}))
    loader["load"] = list(dict.fromkeys([*loader.get("load", []), *MATHJAX_COMPONENTS]))
    config["loader"] = loader
    app.config.mathjax3_config = config


def _copy_mathjax(app, exception) -> None:
    import shutil

    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_es5_dir()
    target = Path(app.outdir) / "_static" / "mathjax"
    for relative in MATHJAX_FILES:
        origin, destination = source / relative, target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination, dirs_exist_ok=True)
        else:
            shutil.copy2(origin, destination)


def _static_explorers_for_html_only(app) -> None:
    # Kernels started by myst-nb inherit this process's environment: an HTML build makes each
    # explorer's static form (the pre-computed grid); a LaTeX build, which prints the default
    # figure, skips that work, and so does a student's own kernel, which never sets the variable.
    from drugresist.explorer import STATIC_FORM_ENV

    os.environ[STATIC_FORM_ENV] = "1" if app.builder.format == "html" else "0"


def _default_colour_mode(app, config) -> None:
    # With no default, the theme logs a console error ("invalid theme mode") on every page
    # (pydata/pydata-sphinx-theme#1635; see UPSTREAM_WORKAROUNDS).
    config.html_context.setdefault("default_mode", "auto")


WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    # sphinx-thebe registers its inline configuration script twice under Jupyter Book, and a page
    # that declares the same `const` twice logs a console error; keep each script once (no upstream
    # issue found; see UPSTREAM_WORKAROUNDS). Also drops myst-nb's saved widget state (ditto).
    seen: set[tuple] = set()
    unique = []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {}) or {}
        if attributes.get("type") == WIDGET_STATE_MIME:
            # saved widget state (with every live PNG in base64) serves no purpose in a page that
            # loads no widget JavaScript (nb_ipywidgets_js: {}): quizzes and explorers have their
            # own static forms; it was a quarter of a megabyte per chapter
            continue
        filename = getattr(script, "filename", script) or ""  # inline scripts: None or ""
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    if "script_files" in context:
        context["script_files"][:] = unique


MATH_MARKER = "math notranslate nohighlight"
"""The class of every math span Sphinx writes, and of the quizzes' math (drugresist.quiz.markup),
also where a quiz's feedback sits as JSON inside the page."""


def page_has_math(body: str) -> bool:
    """Whether a page's HTML body holds math for MathJax to typeset."""
    return MATH_MARKER in body


def _is_mathjax_script(script, mathjax_path: str) -> bool:
    # Sphinx stores a local script under _static/ (StandaloneHTMLBuilder.add_js_file)
    filename = str(getattr(script, "filename", script) or "")
    body = str((getattr(script, "attributes", {}) or {}).get("body", ""))
    return filename in (mathjax_path, f"_static/{mathjax_path}") or body.startswith("window.MathJax")


def _load_mathjax_only_with_math(app, pagename, templatename, context, doctree) -> None:
    # The assets policy "always" puts MathJax (0.8 MB) on every page, because quiz math sits in raw
    # HTML outputs that Sphinx does not see; keep it only where the page's body holds math.
    if "script_files" not in context:
        return
    if page_has_math(context.get("body") or ""):
        # tab stops for display equations too wide for the column (MathJax's menu is not loaded)
        app.add_js_file("drugresist-math.js", loading_method="defer")
        return
    path = app.config.mathjax_path
    context["script_files"][:] = [s for s in context["script_files"] if not _is_mathjax_script(s, path)]


DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")
"""sphinx-design's style and tab script (55 kB and 2 kB), which Jupyter Book loads on every page."""
DESIGN_CLASS = re.compile(r'class="(?:[^"]*\s)?sd-')


def page_uses_design(body: str) -> bool:
    """Whether a page's HTML body holds a sphinx-design component (a card, grid, tab or dropdown:
    every one has an ``sd-`` class)."""
    return DESIGN_CLASS.search(body) is not None


def _load_design_only_where_used(app, pagename, templatename, context, doctree) -> None:
    # no page of the course uses a sphinx-design component yet; a page that does keeps its assets
    if page_uses_design(context.get("body") or ""):
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key][:] = [a for a in context[key]
                               if not str(getattr(a, "filename", a) or "").split("?")[0].endswith(DESIGN_ASSETS)]


def _script_tag(name_pattern: str) -> re.Pattern[str]:
    """A ``<script src=".../name">`` tag (any folder, any query string) and the space before it."""
    return re.compile(r'\s*<script\b[^>]*\bsrc="(?:[^"]*/)?' + name_pattern + r'(?:\?[^"]*)?"[^>]*>\s*</script>')


ICON_SCRIPT = _script_tag(r"fontawesome\.js")
SEARCH_SCRIPTS = _script_tag(r"(?:searchtools|language_data|searchindex)\.js")


def without_icon_script(html: str) -> Markup:
    """The theme's head block without its ``fontawesome.js`` script tag.

    pydata-sphinx-theme's stylesheet already holds Font Awesome's web-font rules (``@font-face``,
    ``.fa-solid``, one ``content`` code point per icon) and the theme ships the WOFF2 fonts they
    name; the script (1.5 MB, every icon as an SVG path) only replaced each ``<i class="fa-...">``
    by an inline SVG. Without it, the same icons are drawn from the fonts (about 0.3 MB).
    Upstream: pydata/pydata-sphinx-theme#2379, PR #2494 (see :data:`UPSTREAM_WORKAROUNDS`).
    """
    return Markup(ICON_SCRIPT.sub("", str(html)))


def without_search_scripts(html: str) -> Markup:
    """The theme's extra head without Sphinx's search scripts and index (0.2 MB, and growing with
    the book). pydata-sphinx-theme loads them on every page for its search-as-you-type feature,
    which is off (its default); the search page loads them itself. Upstream:
    pydata/pydata-sphinx-theme#1977 (see :data:`UPSTREAM_WORKAROUNDS`)."""
    return Markup(SEARCH_SCRIPTS.sub("", str(html)))


def _add_template_filters(app) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["drugresist_without_icon_script"] = without_icon_script
        templates.environment.filters["drugresist_without_search_scripts"] = without_search_scripts


WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def downloadable_notebook(notebook: dict) -> dict:
    """An executed notebook as a reader downloads it: without the saved widget state (every live
    figure as a base64 PNG, up to 0.4 MB per chapter) and without the widget views that point at
    it, which Jupyter would show as "model not found". Each output keeps its other forms (figure,
    HTML, text); running the notebook brings the live widgets back. The input is not changed.
    Works around myst-nb 1.4's render_nb_finalise (see :data:`UPSTREAM_WORKAROUNDS`)."""
    result = dict(notebook)
    result["metadata"] = {k: v for k, v in notebook.get("metadata", {}).items() if k != "widgets"}
    cells = []
    for cell in notebook.get("cells", []):
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW_MIME in data:
                data = {mime: value for mime, value in data.items() if mime != WIDGET_VIEW_MIME}
                if not data:
                    continue
                output = {**output, "data": data}
            outputs.append(output)
        cells.append({**cell, "outputs": outputs} if "outputs" in cell else cell)
    result["cells"] = cells
    return result


def _lighten_downloads(app, exception) -> None:
    # The theme's "download .ipynb" serves _sources/<page>.ipynb, the executed notebook.
    import json

    if exception is not None or app.builder.format != "html":
        return
    for path in (Path(app.outdir) / "_sources").rglob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(downloadable_notebook(notebook), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


UNUSED_THEME_FILES = ("_static/scripts/fontawesome.js", "_static/scripts/fontawesome.js.map",
                      "_static/scripts/fontawesome.js.LICENSE.txt")
"""The icon script no page loads any more (templates/layout.html): 3.2 MB of the built site."""


def _remove_unused_theme_files(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for relative in UNUSED_THEME_FILES:
        (Path(app.outdir) / relative).unlink(missing_ok=True)


def _fix_citation_list_role(app, pagename, templatename, context, doctree) -> None:
    # docutils marks the bibliography as role="list" but fills it with <a> back-links and
    # entries that are not list items, an axe-core "critical" violation; the role adds nothing
    # (docutils 0.21 _html_base.visit_citation; see UPSTREAM_WORKAROUNDS).
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def _add_explorer_assets(app) -> None:
    # The static explorers' renderer and style, served from _static (no CDN), and the layout
    # override that drops the theme's icon script (templates/layout.html).
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.config.templates_path.append(str(Path(__file__).parent / "templates"))


TIPPY_JS = ("vendor/popper.min.js", "vendor/tippy-bundle.umd.min.js")
"""Popper and Tippy.js from ``_static`` (static/vendor, from npm, MIT): sphinx-tippy's default
loads them from a CDN, which an offline reader cannot reach."""


def _local_tippy(app, config) -> None:
    # sphinx-tippy (tooltips on glossary terms, citations, cross-references): local scripts, and
    # no tips fetched from Wikipedia or Crossref at build time (the build must work offline).
    if "sphinx_tippy" not in config.extensions:
        return
    config.tippy_js = TIPPY_JS
    config.tippy_enable_wikitips = False
    config.tippy_enable_doitips = False


TIP_TEXT_CHARS = 240
"""The most text a tooltip carries: a definition, a reference, or a section's heading and the start
of its first paragraph (the link itself leads to the rest)."""
TIP_DROP = ".headerlink, .backrefs, .fn-bracket, script, style"
TIP_KEEP_CLASSES = {"math", "label", "caption-number", "caption-text"}
TIP_DATA = re.compile(r"\Aselector_to_html = (\{.*?\})\nskip_classes", re.S)


def tip_html(html: str, limit: int = TIP_TEXT_CHARS) -> str:
    """A tooltip's HTML as the reader needs it: the copied target without ids (an element of the
    same page would have its id twice), controls, back-links, titles or styling classes, a glossary term's
    ``<dt>`` and ``<dd>`` inside a ``<dl>`` (valid HTML: axe's "dlitem" rule), a section's heading
    and one paragraph, and at most ``limit`` characters of text, cut at a word with an ellipsis."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(TIP_DROP):
        element.decompose()
    heading = soup.find(["h1", "h2", "h3", "h4", "h5", "h6"], recursive=False)
    if heading is not None:  # sphinx-tippy: heading, then one or two paragraphs or a sub-heading
        paragraphs = 0
        for sibling in list(heading.find_next_siblings()):
            paragraphs += sibling.name == "p"
            if sibling.name != "p" or paragraphs > 1:
                sibling.decompose()
    for link in soup.select(f"a.{ZOOM_CLASS}"):  # a figure's link to its full-size file
        link.unwrap()
    for element in soup.find_all(True):
        for attribute in ("id", "role", "tabindex", "style", "title", "aria-label"):
            element.attrs.pop(attribute, None)
        keep = [c for c in element.get("class", []) if c in TIP_KEEP_CLASSES]
        if keep:
            element["class"] = keep
        else:
            element.attrs.pop("class", None)
    used = 0
    for string in list(soup.find_all(string=True)):
        if used >= limit:
            string.extract()
            continue
        text = str(string)
        if used + len(text) > limit:
            cut = text[: limit - used].rsplit(" ", 1)[0].rstrip(" ,;:")
            string.replace_with(NavigableString(cut + "\u2026"))
        used += len(text)
    for element in reversed(soup.find_all(True)):  # what the cut left empty (an empty link has no name)
        if element.name not in ("img", "br") and not element.get_text(strip=True) and not element.find("img"):
            element.decompose()
    result = re.sub(r"\s+", " ", str(soup)).strip()
    if result.startswith("<dt"):
        result = f"<dl>{result}</dl>"
    return result


def _lighten_tips(app, exception) -> None:
    # sphinx-tippy writes, per page, the HTML of every link's target (build-finished, priority 500);
    # make each tip what a reader needs (tip_html): the heaviest page had 38 kB of them.
    import json

    if exception is not None or app.builder.format != "html":
        return
    for path in (Path(app.outdir) / "_static" / "tippy").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        match = TIP_DATA.match(text)
        if not match:
            continue
        tips = {selector: tip_html(html) for selector, html in json.loads(match.group(1)).items()}
        data = json.dumps(tips, separators=(",", ":"))
        path.write_text(f"selector_to_html = {data}\nskip_classes" + text[match.end():], encoding="utf-8")


class zoom_link(nodes.reference):
    """A figure image's link to its own file (HTML only): see :class:`FigureZoom`."""


ZOOM_CLASS = "drugresist-zoom"
ZOOM_LABEL = "Open the figure full size"


def _image_text(image: nodes.image) -> str:
    """What the image shows in words: its alt text, else its figure's caption."""
    alt = " ".join(str(image.get("alt", "")).split())
    if alt:
        return alt
    figure = image.parent if isinstance(image.parent, nodes.figure) else None
    caption = next(iter(figure.findall(nodes.caption)), None) if figure is not None else None
    return " ".join(caption.astext().split()) if caption is not None else ""


class FigureZoom:
    """Every image of an HTML page (a {figure}, a notebook's plot, a mechanism diagram) becomes a
    link to its own file, so that a click, tap or Enter opens it full size in the browser, which
    zooms it. No script and no third-party code (sphinx-lightbox, GPL-3.0, was removed: the
    book's site is CC BY 4.0 and MIT). The explorers are inline SVG in raw HTML, not image nodes,
    and keep their controls; an image that already links somewhere is left alone. A post-transform
    for the HTML builders only: the LaTeX output is unchanged."""

    @staticmethod
    def wrap(doctree: nodes.Node) -> int:
        count = 0
        for image in list(doctree.findall(nodes.image)):
            if isinstance(image.parent, nodes.reference) or str(image.get("uri", "")).startswith("data:"):
                continue
            link = zoom_link("", "", classes=[ZOOM_CLASS])
            text = _image_text(image)
            link["aria_label"] = f"{ZOOM_LABEL}: {text}" if text else ZOOM_LABEL
            image.replace_self(link)
            link.append(image)
            count += 1
        return count


def _zoom_post_transform():
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class FigureZoomTransform(SphinxPostTransform):
        default_priority = 400
        formats = ("html",)

        def run(self, **kwargs) -> None:
            FigureZoom.wrap(self.document)

    return FigureZoomTransform


def _visit_zoom_link(self, node: zoom_link) -> None:
    # the image's file in _images, found exactly as the HTML writer finds its <img src>
    # (post_process_images has already picked the candidate and copied it)
    import posixpath
    from urllib.parse import quote

    image = next(iter(node.findall(nodes.image)))
    uri = image["uri"]
    href = posixpath.join(self.builder.imgpath, quote(self.builder.images[uri])) if uri in self.builder.images else uri
    self.body.append(self.starttag(node, "a", "", href=href, **{"aria-label": node["aria_label"]}))


def _depart_zoom_link(self, node: zoom_link) -> None:
    self.body.append("</a>")


def add_figure_zoom(app) -> None:
    """Register the figure links (:class:`FigureZoom`) with a Sphinx application."""
    app.add_node(zoom_link, override=True, html=(_visit_zoom_link, _depart_zoom_link))
    app.add_post_transform(_zoom_post_transform())


class PlainCitationsInLatexCaptions(SphinxPostTransform):
    """In print, a citation inside a figure caption becomes its plain label, e.g. ``[Toy13]``.

    Sphinx's LaTeX writer puts a caption in ``\\caption{...}``, a moving argument, and writes a
    sphinxcontrib-bibtex citation there as ``\\DUrole{bibtex-citation}{{[}\\hyperlink{...}{Toy13}{]}}``;
    neither command is robust, so XeLaTeX stops ("Argument of \\Hy@tempa has an extra }"). The
    label stays in the caption and the entry in the bibliography; only the link is dropped, and
    only in the LaTeX output (the HTML caption keeps its link and tooltip)."""

    default_priority = 900  # after references and citations are resolved
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        for caption in list(self.document.findall(nodes.caption)):
            for citation in list(caption.findall(nodes.inline)):
                if "bibtex-citation" in citation.get("classes", []) and citation.parent is not None:
                    citation.parent.replace(citation, nodes.Text(citation.astext()))
            for reference in list(caption.findall(nodes.reference)):
                if reference.parent is not None:
                    reference.parent.replace(reference, nodes.Text(reference.astext()))


def setup(app):
    """Sphinx entry point (listed in _config.yml): MathJax from ``_static`` instead of a CDN, and
    only on pages with math; the theme's icons from its web fonts instead of a 1.5 MB script; no
    search index outside the search page; downloadable notebooks without saved widget state; a
    default colour mode for the theme, no duplicated scripts (each was a console error), and a
    bibliography without a misleading ARIA role."""
    # Quizzes carry math inside raw HTML outputs, which Sphinx does not see: register MathJax for
    # every page, then drop it from pages without math (_load_mathjax_only_with_math).
    app.set_html_assets_policy("always")
    app.connect("config-inited", _default_colour_mode)
    app.connect("builder-inited", _use_local_mathjax)
    app.connect("builder-inited", _static_explorers_for_html_only)
    app.connect("env-get-outdated", reread_after_package_change)  # a changed bank or model shows
    app.connect("env-before-read-docs", execute_before_reading)  # every core, not one
    app.add_post_transform(PlainCitationsInLatexCaptions)
    app.connect("config-inited", lambda app, config: _add_explorer_assets(app))
    app.add_js_file("drugresist-explorer.js", loading_method="defer")
    app.add_css_file("drugresist-explorer.css")
    app.add_css_file("drugresist-icons.css")
    app.add_js_file("drugresist-tips.js", loading_method="defer")
    app.add_css_file("drugresist-tips.css")
    app.connect("config-inited", _local_tippy)
    add_figure_zoom(app)
    app.connect("build-finished", _lighten_tips, priority=600)  # after sphinx-tippy writes them
    app.connect("build-finished", _copy_mathjax)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", _fix_citation_list_role)
    app.connect("html-page-context", _load_mathjax_only_with_math, priority=900)
    app.connect("html-page-context", _load_design_only_where_used, priority=900)
    app.connect("builder-inited", _add_template_filters)
    app.connect("build-finished", _lighten_downloads)
    app.connect("build-finished", _remove_unused_theme_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
