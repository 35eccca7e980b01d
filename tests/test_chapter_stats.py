"""The chapter statistics script counts what a reader reads, not code, math or markup."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from chapter_stats import prose_words  # noqa: E402

PAGE = """---
jupytext:
  text_representation:
    extension: .md
---

(label-here)=
# Two words

One two three {cite:p}`toy2013esr1,yun2008t790m` four.

```{code-cell} ipython3
---
tags: [remove-input]
---
this code cell has many many many words that nobody reads as prose
```

$$
E = m c^2 \\quad \\text{with several words inside}
$$

```{admonition} Five six
:class: tip

A {term}`kinase` and a {term}`label <gatekeeper residue>` and {doc}`intro`.
```
"""


def test_prose_words_skips_front_matter_code_math_options_and_role_targets():
    # "Two words" (2) + "One two three four" (4) + "Five six" (2)
    # + "A kinase and a label and intro" (7: role targets shown by their visible text)
    assert prose_words(PAGE) == 2 + 4 + 2 + 7


def test_prose_words_of_an_empty_page_is_zero():
    assert prose_words("") == 0
