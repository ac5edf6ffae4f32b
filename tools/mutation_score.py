"""Print the mutation score per module from mutmut's results in ``mutants/`` (``make mutate``).

Score = killed / checked, where a timeout counts as killed (the mutant hung a test) and "checked"
leaves out the mutants not run yet. A mutant no test reaches ("no tests") counts as surviving:
nothing would notice it. Usage: ``python tools/mutation_score.py [MUTANTS_DIR]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255, 37}  # failed test, pytest error, timeout, type check
SURVIVED = {0, 5, 33}  # tests pass, or no test reaches the mutant
NOT_RUN = {None, 2, 34}  # not checked yet, interrupted, skipped


def module_counts(meta_file: Path) -> Counter[str]:
    """How many mutants of one module were killed, survived, not run, or were odd."""
    codes = json.loads(meta_file.read_text(encoding="utf-8"))["exit_code_by_key"]
    counts: Counter[str] = Counter()
    for code in codes.values():
        if code in KILLED:
            counts["killed"] += 1
        elif code in SURVIVED:
            counts["survived"] += 1
        elif code in NOT_RUN:
            counts["not run"] += 1
        else:
            counts["other"] += 1
    return counts


def main(mutants: Path) -> None:
    """One line per mutated module, then the total."""
    metas = sorted(mutants.glob("**/*.py.meta"))
    if not metas:
        sys.exit(f"no mutmut results under {mutants}/: run `make mutate` first")
    total: Counter[str] = Counter()
    print(f"{'module':<22} {'killed':>7} {'survived':>9} {'not run':>8}  score")
    for meta in metas:
        counts = module_counts(meta)
        total += counts
        name = meta.relative_to(mutants).with_suffix("").with_suffix("").as_posix()
        print(_line(name.replace("/", "."), counts))
    print(_line("all", total))


def _line(name: str, counts: Counter[str]) -> str:
    checked = counts["killed"] + counts["survived"]
    score = f"{100 * counts['killed'] / checked:5.1f} %" if checked else "    -"
    odd = f"  ({counts['other']} other)" if counts["other"] else ""
    return (
        f"{name:<22} {counts['killed']:>7} {counts['survived']:>9} {counts['not run']:>8}  "
        f"{score}{odd}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "mutants"))
