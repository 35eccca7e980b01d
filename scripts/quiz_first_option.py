"""How well a student scores on the static quizzes by always picking the first option shown.

Every bank's quiz is put on one standalone page (``render.to_html``, as the book shows it) and opened
in Chromium once per learner seed, as a new learner would see it; the "student" ticks the first
displayed option of every choice question (only that one, in a multiple-choice question) and presses
Check. Numeric questions are left out. Printed per bank: the mean score over the seeds as a share of
the choice questions, and what chance predicts (1/n for a question of n options whose single correct
answer could be anywhere; a pinned order, ``fixed_order``, counts as it is).

    PYTHONPATH=. python scripts/quiz_first_option.py [--seeds 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_weight import CHROMIUM_ARGS, chromium_path  # noqa: E402

SEED_KEY = "drugresist-quiz-learner:v1"

_FIRST_OPTION = """() => Array.from(document.querySelectorAll('.drq-quiz')).map(root => {
  let right = 0, asked = 0;
  root.querySelectorAll('.drq-question').forEach(item => {
    if (item.dataset.type === 'numeric') { return; }
    asked += 1;
    item.querySelector('.drq-option input').click();
    item.querySelector('.drq-check').click();
    if (item.querySelector('.drq-feedback').classList.contains('drq-correct')) { right += 1; }
  });
  return [root.dataset.bank, right, asked];
})"""


def chance(bank) -> float:
    """The expected share of a bank's choice questions answered right by always taking the first option."""
    shares = []
    for question in bank.questions:
        if question.type == "numeric":
            continue
        correct = question.correct_indices
        if question.fixed_order:
            shares.append(1.0 if correct == {0} else 0.0)
        else:
            shares.append(1.0 / len(question.options) if len(correct) == 1 else 0.0)
    return statistics.fmean(shares) if shares else 0.0


def write_page(path: Path, banks: Sequence) -> Path:
    from drugresist.quiz import to_html

    quizzes = "".join(to_html(bank) for bank in banks)
    path.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>quizzes</title></head>"
                    f"<body><main>{quizzes}</main></body></html>", encoding="utf-8")
    return path


def first_option_scores(browser, banks: Sequence, seeds: Sequence[int], folder: Path) -> dict[str, list[float]]:
    """Bank id -> the first-option score (share of choice questions right) for each learner seed."""
    page_file = write_page(folder / "all_quizzes.html", banks)
    scores: dict[str, list[float]] = {bank.id: [] for bank in banks}
    for seed in seeds:  # a fresh profile per learner, its seed stored before the page's scripts run
        context = browser.new_context()
        context.add_init_script(f"localStorage.clear(); localStorage.setItem({json.dumps(SEED_KEY)}, {json.dumps(str(seed))});")
        page = context.new_page()
        page.goto(page_file.as_uri())
        for bank_id, right, asked in page.evaluate(_FIRST_OPTION):
            scores[bank_id].append(right / asked if asked else 0.0)
        context.close()
    return scores


def main() -> None:
    from playwright.sync_api import sync_playwright

    from drugresist.quiz import all_banks

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    banks = all_banks()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        scores = first_option_scores(browser, banks, range(1, args.seeds + 1), Path(folder))
        browser.close()
    print(f"{'bank':24} {'choice qs':>9} {'first-option score':>19} {'chance':>7}")
    for bank in banks:
        asked = sum(q.type != "numeric" for q in bank.questions)
        values = scores[bank.id]
        print(f"{bank.id:24} {asked:9d} {statistics.fmean(values):8.1%} (sd {statistics.pstdev(values):4.1%}) {chance(bank):7.1%}")
    everything = [v for values in scores.values() for v in values]
    print(f"{'all banks':24} {'':9} {statistics.fmean(everything):8.1%} {'':10} "
          f"{statistics.fmean(chance(b) for b in banks):7.1%}   ({args.seeds} learner seeds)")


if __name__ == "__main__":
    main()
