"""Print a table of what each chapter holds: prose words, distinct citations, figures, quiz
questions by type, exercises, and whether it has a lab.

Prose words are counted after removing the front matter, code cells, display math, directive
option lines and fences, MyST targets, and the roles' targets ({cite}`...`, {term}`...`,
{doc}`...`): what a student reads, not what the build reads.

Usage: python scripts/chapter_stats.py
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugresist.quiz.bank import bank_ids, load_bank  # noqa: E402

CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```\s*$", re.S | re.M)
DISPLAY_MATH = re.compile(r"^\$\$.*?^\$\$\s*$", re.S | re.M)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
ROLE = re.compile(r"\{(?:cite(?::[a-z]+)?|numref|ref|eq)\}`[^`]*`")
DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{([\w-]+)\}\s*(.*)$")
TITLED_DIRECTIVES = {"admonition", "exercise", "note", "tip", "important", "warning", "seealso"}
LINK_ROLE = re.compile(r"\{(?:term|doc)\}`([^`<]*?)(?:\s*<[^`]*>)?`")


def prose_words(text: str) -> int:
    """Words a reader reads in a MyST page (see the module docstring for what is removed)."""
    text = FRONT_MATTER.sub("", text)
    text = CODE_CELL.sub("", text)
    text = DISPLAY_MATH.sub("", text)
    text = ROLE.sub("", text)
    text = LINK_ROLE.sub(r"\1", text)
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        directive = DIRECTIVE.match(stripped)
        if directive:  # a fence: keep only a title a reader sees (admonition, exercise)
            if directive.group(1) in TITLED_DIRECTIVES:
                kept.append(directive.group(2))
            continue
        if stripped.startswith(("```", ":::")) or (stripped.startswith("(") and stripped.endswith(")=")):
            continue
        if re.match(r"^:[a-z_-]+:", stripped):
            continue
        kept.append(line)
    return len(re.findall(r"[A-Za-z0-9][\w'’–-]*", "\n".join(kept)))


def chapter_row(page: Path) -> dict[str, object]:
    text = page.read_text(encoding="utf-8")
    keys = {k.strip() for m in CITE.finditer(text) for k in m.group(1).split(",")}
    topic = page.stem
    quiz = ""
    if topic in bank_ids():
        counts = collections.Counter(q.type for q in load_bank(topic).questions)
        quiz = f"{sum(counts.values())} ({counts['single']}/{counts['multiple']}/{counts['numeric']})"
    return {
        "chapter": topic,
        "words": prose_words(text),
        "citations": len(keys),
        "figures": text.count("figure:\n"),
        "quiz (s/m/n)": quiz,
        "exercises": len(re.findall(r"^```\{exercise\}", text, re.M)),
        "lab": "yes" if (ROOT / "notebooks" / f"{topic}_lab.ipynb").exists() else "",
    }


def main() -> None:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [ROOT / f"{c['file']}.md" for part in toc["parts"] for c in part["chapters"]
             if c["file"].startswith("book/")]
    rows = [chapter_row(p) for p in pages if p.exists()]
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")


if __name__ == "__main__":
    main()
