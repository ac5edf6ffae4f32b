"""The article's profile: the contract's rule table (core.rules) wrapped as a Profile, unchanged.

Its rules cite article passages (content/source/passages.yaml); its cells quote the facts
table's article column, each with the passages it rests on.
"""

from __future__ import annotations

from core.profiles.profile import FactCell, Profile
from core.rules import REDUCED_DOSE_MG, RULES, STANDARD_DOSE_MG

ARTICLE_TITLE = "Recommendations for Using Baricitinib in Inflammatory and Autoimmune Diseases"
ARTICLE_LAST_UPDATED = "2025-09-21"

_CONTRAINDICATION_PASSAGES = (
    "contraindications.infection",
    "contraindications.hepatic",
    "contraindications.renal",
    "contraindications.pregnancy_lactation",
)

CELLS: tuple[FactCell, ...] = (
    FactCell("standard_dose", "4 mg, or 2 mg", ("dosing.standard",)),
    FactCell("age", "over 70 → 2 mg", ("dosing.age_over_70",), ("dose.age_over_70",)),
    FactCell("other_reasons_2mg", "—"),
    FactCell(
        "renal_measure",
        "CrCl",
        ("dosing.renal_30_60", "dosing.renal_below_30"),
        ("advice.renal_function_needed",),
    ),
    FactCell("renal_moderate", "CrCl 30–60 → 2 mg", ("dosing.renal_30_60",), ("dose.crcl_30_60",)),
    FactCell(
        "renal_severe",
        "CrCl < 30: absolute contraindication",
        ("contraindications.renal", "dosing.renal_below_30"),
        ("ci.crcl_below_30",),
    ),
    FactCell(
        "hepatic",
        "Child-Pugh C: absolute contraindication",
        ("contraindications.hepatic", "dosing.hepatic"),
        ("ci.child_pugh_c",),
    ),
    FactCell("oat3", "reduce dose", ("dosing.oat3",), ("dose.oat3",)),
    FactCell("labs_do_not_start", "—"),
    FactCell(
        "monitoring_blood_liver",
        "months 1 and 3, then every 3 months",
        ("monitoring.blood_liver",),
        ("monitoring.schedule",),
    ),
    FactCell("monitoring_lipids", "month 3", ("monitoring.lipids",), ("monitoring.schedule",)),
    FactCell(
        "contraindications",
        "severe active infection (incl. TB, opportunistic), Child-Pugh C, CrCl < 30, pregnancy, "
        "lactation",
        _CONTRAINDICATION_PASSAGES,
        (
            "ci.active_serious_infection",
            "ci.active_tb",
            "ci.active_opportunistic_infection",
            "ci.child_pugh_c",
            "ci.crcl_below_30",
            "ci.pregnancy",
            "ci.breastfeeding",
        ),
    ),
    FactCell(
        "active_serious_infection",
        "contraindication",
        ("contraindications.infection",),
        ("ci.active_serious_infection", "ci.active_opportunistic_infection"),
    ),
    FactCell(
        "recurrent_infections",
        "caution",
        ("cautions.recurrent_infections",),
        ("caution.recurrent_infections",),
    ),
    FactCell(
        "tuberculosis",
        "active TB: contraindication",
        ("contraindications.infection", "screening.history"),
        ("ci.active_tb", "caution.tb_history"),
    ),
    FactCell(
        "hbv_hbsag",
        "avoid, or antiviral prophylaxis",
        ("hbv.hbsag_positive",),
        ("nr.hbsag_without_prophylaxis", "caution.hbsag_with_prophylaxis"),
    ),
    FactCell(
        "hbv_anti_hbc",
        "monitor for reactivation",
        ("hbv.anti_hbc_positive",),
        ("caution.anti_hbc_positive",),
    ),
    FactCell("hcv", "screen (anti-HCV)", ("screening.labs",), ("silent.hcv",)),
    FactCell("hiv", "test if high risk", ("screening.labs",), ("silent.hiv",)),
    FactCell(
        "biologic_or_jak", "not recommended", ("adverse.combination",), ("nr.biologic_dmard",)
    ),
    FactCell(
        "azathioprine_ciclosporin",
        "not recommended",
        ("adverse.combination",),
        ("nr.potent_immunosuppressant",),
    ),
    FactCell(
        "infection_during_treatment",
        "stop if serious AE",
        ("algorithm.step7",),
        ("nr.serious_adverse_event",),
    ),
    FactCell("herpes_zoster", "more frequent than with bDMARDs", ("adverse.infections",)),
    FactCell("vte", "caution", ("cautions.vte", "adverse.vte"), ("caution.vte_history",)),
    FactCell("malignancy", "caution", ("cautions.malignancy",), ("caution.malignancy_history",)),
    FactCell(
        "high_risk_groups",
        "caution",
        ("cautions.age_over_65", "cautions.cardiovascular"),
        ("caution.age_over_65", "caution.cardiovascular_risk"),
    ),
    FactCell(
        "live_vaccines", "update vaccination", ("screening.vaccination",), ("screening.baseline",)
    ),
    FactCell(
        "pregnancy",
        "contraindication",
        ("contraindications.pregnancy_lactation",),
        ("ci.pregnancy",),
    ),
    FactCell(
        "breastfeeding",
        "contraindication",
        ("contraindications.pregnancy_lactation",),
        ("ci.breastfeeding",),
    ),
    FactCell(
        "contraception",
        "both sexes; stop ≥ 4 weeks before conception",
        ("pregnancy.contraception", "pregnancy.stop_before_conception"),
        ("advice.contraception", "caution.planning_conception"),
    ),
    FactCell(
        "sle",
        "investigated",
        ("mechanism.investigational",),
        ("caution.investigational_indication",),
    ),
)

ARTICLE = Profile(
    id="article",
    name="The source article (default)",
    short_name="Article",
    citation_kind="passage",
    sources={"article": f"Dr.Oracle, \u201c{ARTICLE_TITLE}\u201d, last updated 21 September 2025"},
    compiled=ARTICLE_LAST_UPDATED,
    compiled_text="last updated 21 September 2025",
    notice=(
        "The article's rules (the default profile). They differ from the official drug labels: "
        "compare them on the labels page."
    ),
    rules=RULES,
    standard_dose_mg=STANDARD_DOSE_MG,
    reduced_dose_mg=REDUCED_DOSE_MG,
    renal_measure="crcl",
    cells=CELLS,
    standard_dose_reason=(
        f"Standard dose {STANDARD_DOSE_MG} mg once daily: no dose reduction applies "
        f"(age 70 or under, CrCl above 60 mL/min, no strong OAT3 inhibitor)."
    ),
    renal_unknown_reason="No dose yet: renal function is needed before dosing.",
    no_stack_note="The reductions do not stack: the article gives no dose below 2 mg.",
    nothing_applies="No contraindication, restriction or caution of the article applies.",
)
