"""Fuzz settings: input counts and seeds for the default and the ``--slow`` runs.

The default run is seeded (the same inputs each time, so a failure reproduces); the slow run
draws a fresh seed and prints it. Set FUZZ_SEED to replay one.
"""

from __future__ import annotations

import os
import random

import pytest


@pytest.fixture
def fuzz_seed(request: pytest.FixtureRequest) -> int:
    """The seed of this run: FUZZ_SEED, else fixed by default, else fresh under --slow."""
    if "FUZZ_SEED" in os.environ:
        return int(os.environ["FUZZ_SEED"])
    if request.config.getoption("--slow"):
        seed = random.SystemRandom().randrange(2**32)
        print(f"FUZZ_SEED={seed}")
        return seed
    return 20_260_508
