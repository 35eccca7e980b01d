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
