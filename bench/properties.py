"""Print how long the reviewer's property check takes over the whole rule space (core.properties):
every pair of risk inputs x the full age x CrCl grid, for the article and one other reading."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.audit import audit_entry
from core.profiles import ARTICLE
from core.properties import check_properties


def main() -> None:
    """Time one full check per profile and print the figures."""
    for profile in (ARTICLE, audit_entry("dose_below_2mg").profile):
        started = time.perf_counter()
        report = check_properties(profile)
        seconds = time.perf_counter() - started
        print(
            f"{profile.id}: {report.scenarios:,} scenarios ({report.combinations} combinations x "
            f"{report.grid_cells:,} cells) in {seconds:.2f} s = "
            f"{report.scenarios / seconds / 1e6:.1f} million scenarios/s"
        )


if __name__ == "__main__":
    main()
