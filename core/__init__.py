"""The rules core: scenario in, cited assessment out. Pure Python: no streamlit, no plotly."""

from core.assess import Assessment, Finding, assess
from core.errors import FieldProblem, ScenarioError
from core.monitoring import MonitoringPlan, monitoring_plan
from core.rules import RULES, Category, Verdict
from core.scenario import Scenario, parse_scenario, parse_scenario_keeping_valid
from core.screening import screening_checklist

__all__ = [
    "RULES",
    "Assessment",
    "Category",
    "FieldProblem",
    "Finding",
    "MonitoringPlan",
    "Scenario",
    "ScenarioError",
    "Verdict",
    "assess",
    "monitoring_plan",
    "parse_scenario",
    "parse_scenario_keeping_valid",
    "screening_checklist",
]
