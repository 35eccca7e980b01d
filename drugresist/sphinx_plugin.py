"""A myst-nb MIME renderer: the LaTeX builder writes a quiz's print form as raw LaTeX.

myst-nb would turn ``text/latex`` into a display-math block, so quizzes carry their print form
under their own MIME type (:data:`drugresist.quiz.LATEX_MIME`), which only the LaTeX builder
takes, and which this plugin passes through unchanged. The text was escaped when it was rendered
from the YAML bank (see :mod:`drugresist.quiz.markup`).
"""

from __future__ import annotations

from typing import ClassVar, Sequence

from docutils import nodes

from drugresist.quiz import LATEX_MIME


class PrintLatexRenderer:
    """Registered under the ``myst_nb.mime_renderers`` entry point in pyproject.toml."""

    mime_priority_overrides: ClassVar[Sequence[tuple[str, str, int | None]]] = (("latex", LATEX_MIME, 5),)

    @staticmethod
    def handle_mime(renderer, data, inline: bool) -> None | list[nodes.Element]:
        if data.mime_type != LATEX_MIME:
            return None
        return [nodes.raw(text=data.string, format="latex", classes=["output", "drugresist-print"])]


# ----- Sphinx extension: MathJax served from the book itself, so math renders offline ----------

MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2")


def mathjax_es5_dir():
    """The MathJax 3 ``es5`` folder shipped by the ``django-static-mathjax`` package (PyPI)."""
    from importlib import resources
    from pathlib import Path

    return Path(str(resources.files("mathjax"))) / "static" / "mathjax" / "es5"


def _use_local_mathjax(app) -> None:
    app.config.mathjax_path = "mathjax/tex-chtml.js"


def _copy_mathjax(app, exception) -> None:
    import shutil
    from pathlib import Path

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


def _default_colour_mode(app, config) -> None:
    # With no default, the theme logs a console error ("invalid theme mode") on every page.
    config.html_context.setdefault("default_mode", "auto")


WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    # sphinx-thebe registers its inline configuration script twice under Jupyter Book, and a page
    # that declares the same `const` twice logs a console error; keep each script once.
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


def _fix_citation_list_role(app, pagename, templatename, context, doctree) -> None:
    # docutils marks the bibliography as role="list" but fills it with <a> back-links and
    # entries that are not list items, an axe-core "critical" violation; the role adds nothing.
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def _add_explorer_assets(app) -> None:
    # The static explorers' renderer and style, served from _static (no CDN).
    from pathlib import Path

    app.config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app):
    """Sphinx entry point (listed in _config.yml): MathJax from ``_static`` instead of a CDN, a
    default colour mode for the theme, no duplicated scripts (each was a console error), and a
    bibliography without a misleading ARIA role."""
    # Quizzes carry math inside raw HTML outputs, which Sphinx does not see: load MathJax on every page.
    app.set_html_assets_policy("always")
    app.connect("config-inited", _default_colour_mode)
    app.connect("builder-inited", _use_local_mathjax)
    app.connect("config-inited", lambda app, config: _add_explorer_assets(app))
    app.add_js_file("drugresist-explorer.js", loading_method="defer")
    app.add_css_file("drugresist-explorer.css")
    app.connect("build-finished", _copy_mathjax)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", _fix_citation_list_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
