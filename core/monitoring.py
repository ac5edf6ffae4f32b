"""The article's monitoring schedule as dated events (month, test family, what, why, passages).

Nothing is scheduled that the article does not say: baseline screening at month 0; blood count
with differential and liver transaminases at months 1 and 3, then every 3 months; lipids at
month 3; skin examination yearly; efficacy and adverse-event review at 1, 3, then every 3 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.assess import Assessment
from core.rules import VERDICT_LABELS, Verdict

DEFAULT_HORIZON_MONTHS = 24
MAX_HORIZON_MONTHS = 120


class TestFamily(StrEnum):
    """One lane of the monitoring timeline."""

    screening = "screening"
    blood_liver = "blood_liver"
    lipids = "lipids"
    skin = "skin"
    review = "review"


FAMILY_LABELS: dict[TestFamily, str] = {
    TestFamily.screening: "Baseline screening",
    TestFamily.blood_liver: "Blood count + liver enzymes",
    TestFamily.lipids: "Lipids",
    TestFamily.skin: "Skin examination",
    TestFamily.review: "Efficacy and adverse-event review",
}


@dataclass(frozen=True)
class MonitoringEvent:
    """One scheduled check."""

    month: int
    family: TestFamily
    what: str
    why: str
    passages: tuple[str, ...]


@dataclass(frozen=True)
class MonitoringPlan:
    """The events over the horizon, or none with the reason when treatment does not start."""

    horizon_months: int
    events: tuple[MonitoringEvent, ...]
    notes: tuple[str, ...]
    started: bool

    def months_of(self, family: TestFamily) -> tuple[int, ...]:
        """The months at which one test family is scheduled."""
        return tuple(e.month for e in self.events if e.family is family)


START_VERDICTS = frozenset({Verdict.recommended, Verdict.use_with_caution})


def _every_third_month(horizon: int) -> list[int]:
    """Months 1 and 3, then every 3 months: 1, 3, 6, 9, ... up to the horizon (at least 1)."""
    return [1, *range(3, horizon + 1, 3)]


def monitoring_plan(
    assessment: Assessment, horizon_months: int = DEFAULT_HORIZON_MONTHS
) -> MonitoringPlan:
    """The article's monitoring schedule for this assessment over ``horizon_months`` (1-120)."""
    if not 1 <= horizon_months <= MAX_HORIZON_MONTHS:
        raise ValueError(
            f"horizon_months: {horizon_months!r} is not allowed; allowed: 1 to {MAX_HORIZON_MONTHS}"
        )
    if assessment.verdict not in START_VERDICTS:
        label = VERDICT_LABELS[assessment.verdict].lower()
        return MonitoringPlan(
            horizon_months,
            (),
            (f"No monitoring plan: treatment is not started (verdict: {label}).",),
            started=False,
        )
    events: list[MonitoringEvent] = [
        MonitoringEvent(
            0,
            TestFamily.screening,
            "Pre-treatment screening: history and examination, laboratory tests, vaccination "
            "status",
            "Before starting treatment (algorithm steps 2-3)",
            ("screening.history", "screening.labs", "screening.vaccination", "algorithm.step3"),
        )
    ]
    for month in _every_third_month(horizon_months):
        events.append(
            MonitoringEvent(
                month,
                TestFamily.blood_liver,
                "Blood count with differential and liver transaminases",
                "At 1 and 3 months, then every 3 months. The article lists blood-count changes "
                "among the laboratory adverse events (lymphopenia, thrombocytopenia, "
                "neutropenia, anemia), and rises in CPK and creatinine, usually not clinically "
                "significant",
                ("monitoring.blood_liver", "adverse.laboratory"),
            )
        )
        events.append(
            MonitoringEvent(
                month,
                TestFamily.review,
                "Review efficacy and adverse events",
                "At 1, 3, then every 3 months; discontinue if response is inadequate after 3-6 "
                "months or a serious adverse event occurs",
                ("algorithm.step5", "algorithm.step7"),
            )
        )
    if horizon_months >= 3:
        events.append(
            MonitoringEvent(
                3,
                TestFamily.lipids,
                "Lipid levels",
                "At month 3. The article lists lipid elevations among the laboratory adverse "
                "events",
                ("monitoring.lipids", "adverse.laboratory"),
            )
        )
    first_skin = assessment.profile.first_skin_exam_month
    for month in [*([first_skin] if first_skin < 12 else []), *range(12, horizon_months + 1, 12)]:
        events.append(
            MonitoringEvent(
                month,
                TestFamily.skin,
                "Skin examination for skin cancer detection",
                "Annually. The article notes that the risk of non-melanoma skin cancer (NMSC) "
                "may be elevated",
                ("monitoring.skin", "adverse.malignancy"),
            )
        )
    notes = [
        "When evaluating response, baricitinib lowers CRP and ESR directly, independently of "
        "disease activity.",
        "The source gives no schedule after the month-3 lipid check and does not say when the "
        f"first yearly skin examination falls; month {first_skin} is shown as the first.",
    ]
    ids = set(assessment.finding_ids)
    if "caution.anti_hbc_positive" in ids:
        notes.append(
            "Monitor for HBV reactivation: the source is silent on how often, so no date is shown."
        )
    events.sort(key=lambda e: (e.month, list(TestFamily).index(e.family)))
    return MonitoringPlan(horizon_months, tuple(events), tuple(notes), started=True)
