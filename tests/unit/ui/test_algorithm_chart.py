"""The algorithm as a DOT chart: this scenario's path drawn thick and solid."""

from __future__ import annotations

from core import Scenario, assess
from core.algorithm import algorithm_path
from ui.algorithm_chart import algorithm_dot


def test_the_path_not_met_at_step_1_is_drawn_on() -> None:
    path = algorithm_path(assess(Scenario(failed_csdmard=False, crcl_ml_min=80)))
    dot = algorithm_dot(path)
    assert 'step1 -> not_indicated [label="not met", color="#0072B2", penwidth=3' in dot


def test_a_stop_at_step_2_is_drawn_to_do_not_start() -> None:
    path = algorithm_path(assess(Scenario(pregnant=True, age_years=70, crcl_ml_min=80)))
    assert "step2 -> do_not_start" in algorithm_dot(path)
