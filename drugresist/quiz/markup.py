"""The small, safe markup allowed in quiz text, and its three renderings.

Allowed: ``$...$`` inline math, ``*emphasis*`` and ```code```; ``\\$`` is a literal dollar sign.
Everything else is text: HTML tags and LaTeX specials are escaped, never interpreted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["text", "math", "emph", "code"]

_TOKEN = re.compile(r"(?<!\\)\$(?P<math>[^$]+?)(?<!\\)\$|`(?P<code>[^`]+)`|\*(?P<emph>[^*\s][^*]*?)\*")

# TeX commands that could read or write files, redefine things or inject markup: never allowed in math.
_FORBIDDEN_MATH = re.compile(
    r"\\(input|include|write|openout|openin|immediate|def|edef|gdef|xdef|let|catcode|usepackage|"
    r"newcommand|renewcommand|providecommand|csname|read|special|href|url|begin|end|makeatletter|"
    r"html|require|unicode|class|style|cssId)(?![A-Za-z])"
)

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "%": r"\%",
}


class MarkupError(ValueError):
    """Quiz text uses math that is not allowed."""


@dataclass(frozen=True)
class Span:
    kind: SpanKind
    text: str


def parse(text: str) -> list[Span]:
    """Split ``text`` into spans of plain text, math, emphasis and code; check the math."""
    spans: list[Span] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            spans.append(Span("text", text[position : match.start()]))
        if match.group("math") is not None:
            math = match.group("math")
            bad = _FORBIDDEN_MATH.search(math)
            if bad:
                raise MarkupError(f"math ${math}$ uses the command {bad.group(0)}, which is not allowed")
            spans.append(Span("math", math))
        elif match.group("code") is not None:
            spans.append(Span("code", match.group("code")))
        else:
            spans.append(Span("emph", match.group("emph")))
        position = match.end()
    if position < len(text):
        spans.append(Span("text", text[position:]))
    for span in spans:
        if span.kind == "text" and re.search(r"(?<!\\)\$", span.text):
            raise MarkupError(f"unmatched $ in {text!r} (write \\$ for a dollar sign)")
    return [Span(s.kind, s.text.replace("\\$", "$")) if s.kind == "text" else s for s in spans]


def escape_latex(text: str) -> str:
    """Escape every LaTeX special character in plain text."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def to_html(text: str) -> str:
    """Render quiz markup as HTML: text escaped, math as MathJax inline math."""
    parts = []
    for span in parse(text):
        escaped = html.escape(span.text, quote=True)
        if span.kind == "math":
            parts.append(f'<span class="math notranslate nohighlight">\\({escaped}\\)</span>')
        elif span.kind == "emph":
            parts.append(f"<em>{escaped}</em>")
        elif span.kind == "code":
            parts.append(f"<code>{escaped}</code>")
        else:
            parts.append(escaped)
    return "".join(parts)


def to_latex(text: str) -> str:
    """Render quiz markup as LaTeX: text escaped, math kept as inline math."""
    parts = []
    for span in parse(text):
        if span.kind == "math":
            parts.append(f"${span.text}$")
        elif span.kind == "emph":
            parts.append(f"\\emph{{{escape_latex(span.text)}}}")
        elif span.kind == "code":
            parts.append(f"\\texttt{{{escape_latex(span.text)}}}")
        else:
            parts.append(escape_latex(span.text))
    return "".join(parts)


def to_plain(text: str) -> str:
    """Render quiz markup as plain text (math left as its TeX source)."""
    return "".join(span.text for span in parse(text))
