"""The article's pre-treatment checklist: history, laboratory tests and vaccination.

Each item cites its passage and says whether the scenario already answers it (a positive result
is recorded) or makes it more urgent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.renal import renal_function
from core.scenario import ChildPugh, Scenario


class ItemStatus(StrEnum):
    """Where a checklist item stands for this scenario."""

    to_do = "to_do"
    recorded = "recorded"
    priority = "priority"


STATUS_LABELS: dict[ItemStatus, str] = {
    ItemStatus.to_do: "to do",
    ItemStatus.recorded: "answered by the scenario",
    ItemStatus.priority: "more urgent for this scenario",
}


@dataclass(frozen=True)
class ScreeningItem:
    """One item to check before starting."""

    id: str
    group: str
    text: str
    passages: tuple[str, ...]
    status: ItemStatus
    note: str


_HISTORY = ("screening.history",)
_LABS = ("screening.labs",)


def screening_checklist(scenario: Scenario) -> tuple[ScreeningItem, ...]:
    """The pre-treatment checklist for this scenario, in the article's order."""
    s = scenario
    renal = renal_function(s)

    def item(
        item_id: str,
        group: str,
        text: str,
        passages: tuple[str, ...],
        recorded: str = "",
        priority: str = "",
        note: str = "",
    ) -> ScreeningItem:
        if recorded:
            return ScreeningItem(item_id, group, text, passages, ItemStatus.recorded, recorded)
        if priority:
            return ScreeningItem(item_id, group, text, passages, ItemStatus.priority, priority)
        return ScreeningItem(item_id, group, text, passages, ItemStatus.to_do, note)

    infections = [
        label
        for flag, label in (
            (s.active_serious_infection, "severe active infection"),
            (s.active_tb, "active TB"),
            (s.active_opportunistic_infection, "active opportunistic infection"),
            (s.recurrent_infections, "recurrent infections"),
        )
        if flag
    ]
    hbv = [
        label
        for flag, label in (
            (s.hbsag_positive, "HBsAg positive"),
            (s.anti_hbc_positive, "anti-HBc positive"),
        )
        if flag
    ]
    return (
        item(
            "history.infections",
            "History and examination",
            "Previous/current infections",
            _HISTORY,
            recorded=", ".join(infections),
        ),
        item(
            "history.tb",
            "History and examination",
            "History of TB or TB exposure",
            _HISTORY,
            recorded="TB history or exposure reported" if s.tb_history_or_exposure else "",
        ),
        item(
            "history.malignancy",
            "History and examination",
            "Malignancy history",
            _HISTORY,
            recorded="history of malignancy reported" if s.malignancy_history else "",
        ),
        item(
            "history.cardiovascular",
            "History and examination",
            "Cardiovascular risk factors",
            _HISTORY,
            recorded="risk factors reported" if s.cardiovascular_risk_factors else "",
        ),
        item(
            "history.vte",
            "History and examination",
            "History of venous thromboembolism (VTE)",
            _HISTORY,
            recorded="VTE history reported" if s.vte_history else "",
        ),
        item(
            "labs.blood_count", "Laboratory tests", "Complete blood count with differential", _LABS
        ),
        item(
            "labs.liver",
            "Laboratory tests",
            "Liver function tests (transaminases)",
            _LABS,
            # A Child-Pugh class is not a transaminase result: the test is still to be done.
            note=f"Child-Pugh {s.child_pugh.value} is recorded, but it is a class of liver "
            "impairment, not a transaminase result: the test is still to do"
            if s.child_pugh is not ChildPugh.none
            else "",
        ),
        item(
            "labs.renal",
            "Laboratory tests",
            "Renal function tests",
            _LABS,
            recorded=f"CrCl {renal.shown} mL/min" if renal.crcl_ml_min is not None else "",
            # A recorded result wins over the priority, so this applies only while it is unknown.
            priority="needed before a dose can be chosen",
        ),
        item("labs.lipids", "Laboratory tests", "Lipid profile (unless recently checked)", _LABS),
        item(
            "labs.hbv",
            "Laboratory tests",
            "Hepatitis B screening (HBsAg, anti-HBs, anti-HBc)",
            _LABS + (("hbv.hbsag_positive", "hbv.anti_hbc_positive") if hbv else ()),
            recorded=", ".join(hbv),
        ),
        item(
            "labs.hcv",
            "Laboratory tests",
            "Hepatitis C antibody",
            _LABS,
            recorded="positive (the source is silent on what follows)" if s.hcv_positive else "",
        ),
        item(
            "labs.hiv",
            "Laboratory tests",
            "HIV testing in high-risk populations",
            _LABS,
            recorded="positive (the source is silent on what follows)" if s.hiv_positive else "",
        ),
        item(
            "labs.tb",
            "Laboratory tests",
            "TB screening as per national guidelines",
            _LABS,
            recorded="active TB reported" if s.active_tb else "",
            priority="TB history or exposure reported" if s.tb_history_or_exposure else "",
        ),
        item(
            "vaccination",
            "Vaccination",
            "Vaccination status assessment and update",
            ("screening.vaccination",),
        ),
    )
