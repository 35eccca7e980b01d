"""Command line for question banks.

``python -m drugresist.quiz check [--strict] [BANK ...]``: validate banks and report every problem:
errors (schema, generated variants) and, per chapter, objective coverage, level mix and
item-writing findings (warnings unless ``drugresist.quiz.check.STRICT`` or ``--strict``).
``python -m drugresist.quiz export [--out FOLDER]``: write every bank as Moodle XML, GIFT and Canvas QTI.
"""

from __future__ import annotations

import argparse
import sys

from pathlib import Path

from drugresist.quiz.bank import all_banks
from drugresist.quiz.export import to_gift, to_moodle_xml, write_canvas_qti


def _export(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for bank in all_banks():
        (folder / f"{bank.id}.moodle.xml").write_text(to_moodle_xml(bank), encoding="utf-8")
        (folder / f"{bank.id}.gift.txt").write_text(to_gift(bank), encoding="utf-8")
        write_canvas_qti(bank, folder / f"{bank.id}.canvas-qti.zip")
        print(f"wrote {folder / bank.id}.moodle.xml, .gift.txt and .canvas-qti.zip ({len(bank.questions)} questions)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drugresist.quiz")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate banks (default: every bank in the package)")
    check.add_argument("banks", nargs="*", help="bank ids or YAML paths")
    check.add_argument("--strict", action="store_true", default=None,
                       help="treat coverage and item-writing findings as errors (as when STRICT is True)")
    export = sub.add_parser("export", help="write every bank as Moodle XML, GIFT and Canvas QTI files")
    export.add_argument("--out", default="_build/quiz-export", help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "export":
        return _export(Path(args.out))
    from drugresist.quiz.check import check as check_banks, print_reports

    return print_reports(check_banks(args.banks or None, strict=args.strict))

if __name__ == "__main__":
    sys.exit(main())
