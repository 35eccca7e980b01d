"""``python -m drugresist.quiz check FILE...``: validate question banks and report every problem."""

from __future__ import annotations

import argparse
import sys

from drugresist.quiz.bank import QuizBankError, bank_path, bank_ids, load_bank


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drugresist.quiz")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate banks (default: every bank in the package)")
    check.add_argument("banks", nargs="*", help="bank ids or YAML paths")
    args = parser.parse_args(argv)
    failures = 0
    for name in args.banks or bank_ids():
        try:
            bank = load_bank(name)
        except QuizBankError as error:
            failures += 1
            print(error, file=sys.stderr)
            continue
        kinds = {t: sum(q.type == t for q in bank.questions) for t in ("single", "multiple", "numeric")}
        print(f"ok  {bank_path(name)}: {len(bank.questions)} questions {kinds}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
