"""The benchmark finds every explorer in the package (and nothing that is not one)."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


def test_benchmark_times_every_explorer_that_a_chapter_shows():
    from benchmark import explorers

    from drugresist.explorer import Explorer

    found = dict(explorers())
    assert all(isinstance(e, Explorer) for e in found.values())
    shown = set()
    for page in (ROOT / "book").glob("*.md"):
        for module, function in re.findall(r"from drugresist\.figures\.(\w+) import (\w+_explorer)\b", page.read_text(encoding="utf-8")):
            shown.add(f"{module}.{function}")
    assert shown, "no chapter shows an explorer?"
    assert shown <= set(found), f"explorers shown in chapters but not benchmarked: {sorted(shown - set(found))}"
