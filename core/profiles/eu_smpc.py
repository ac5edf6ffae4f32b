"""The EU SmPC profile (2023 and later), adult rheumatoid arthritis, from the compiled label facts.

Only rows not marked unverified drive a rule. Each rule cites label source ids (E…, S…; "LF" for
the facts table itself when it holds no row). The label's verdict words are kept in the finding
text and mapped onto the shared categories: "contraindicated" → contraindication; "not
recommended", "should not be given", "should not be used", "do not start" → not_recommended;
"not indicated" → not_indicated; "use only if no suitable alternative" and "monitor" → caution.
"""

from __future__ import annotations

from core.conditions import Always, AtLeast, Compare, Equals
from core.profiles.common import (
    AGE_65_OR_OVER,
    CARDIOVASCULAR_RISK,
    CHILD_PUGH_C,
    MALIGNANCY_HISTORY,
    PREGNANT,
    SLE,
    lab_rules,
    silent_note,
    uncovered_notes,
)
from core.profiles.label_sources import (
    CHECK_CURRENT_LABEL,
    EU_SOURCES,
    FACTS_TABLE_CITATION,
    FACTS_TABLE_ID,
    LABEL_FACTS_COMPILED,
    LABEL_FACTS_COMPILED_TEXT,
    SLE_SOURCES,
)
from core.profiles.profile import FactCell, Profile
from core.rules import CRCL_30_TO_60, CRCL_KNOWN, HBSAG, OAT3, Category, Rule, can_start, flag

LABEL = "EU SmPC"
VTE_HISTORY = flag("vte_history", "history of VTE")
RECURRENT_INFECTIONS = flag("recurrent_infections", "history of recurrent infections")
SUSTAINED_CONTROL = flag("sustained_remission", "in sustained remission")

CONTRAINDICATIONS: tuple[Rule, ...] = (
    Rule(
        id="eu.ci.pregnancy",
        category=Category.contraindication,
        when=PREGNANT,
        text="Pregnancy: contraindicated (EU SmPC section 4.3).",
        outcome="contraindicated",
        passages=(),
        sources=("E7",),
    ),
)

NOT_RECOMMENDED: tuple[Rule, ...] = (
    Rule(
        id="eu.nr.crcl_below_30",
        category=Category.not_recommended,
        when=Compare("crcl", "<", 30, "CrCl below 30 mL/min"),
        text="CrCl {crcl:g} mL/min is below 30 mL/min: not recommended (EU SmPC).",
        outcome="not recommended",
        passages=(),
        sources=("E9", "E11"),
    ),
    Rule(
        id="eu.nr.severe_hepatic",
        category=Category.not_recommended,
        when=CHILD_PUGH_C,
        text="Severe hepatic impairment (Child-Pugh C): not recommended; in the EU SmPC this is "
        "not a contraindication.",
        outcome="not recommended",
        passages=(),
        sources=("E11",),
    ),
    Rule(
        id="eu.nr.active_tb",
        category=Category.not_recommended,
        when=flag("active_tb", "active tuberculosis"),
        text="Active tuberculosis: the EU SmPC says baricitinib should not be given.",
        outcome="should not be given",
        passages=(),
        sources=("E6",),
    ),
    Rule(
        id="eu.nr.breastfeeding",
        category=Category.not_recommended,
        when=flag("breastfeeding", "breastfeeding"),
        text="Breast-feeding: the EU SmPC says baricitinib should not be used during "
        "breast-feeding (section 4.6).",
        outcome="should not be used",
        passages=(),
        sources=("E7",),
    ),
    *lab_rules("eu", LABEL, ("0.5 ×10⁹/L", "1 ×10⁹/L", "8 g/dL"), ("E8",)),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        id="eu.ni.sle",
        category=Category.not_indicated,
        when=SLE,
        text="Systemic lupus erythematosus: not indicated; the phase 3 programme was stopped in "
        "January 2022.",
        outcome="not indicated",
        passages=(),
        sources=("S1", "S3"),
    ),
)

_NO_ALTERNATIVE = (
    "since the 2023 JAK-inhibitor referral, use only if no suitable alternative is available."
)
CAUTIONS: tuple[Rule, ...] = (
    Rule(
        id="eu.caution.age_65_no_alternative",
        category=Category.caution,
        when=AGE_65_OR_OVER,
        text="Age {age_years} (65 or over): " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1", "E2"),
    ),
    Rule(
        id="eu.caution.cardiovascular_no_alternative",
        category=Category.caution,
        when=CARDIOVASCULAR_RISK,
        text="Cardiovascular risk factors: " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1", "E2"),
    ),
    Rule(
        id="eu.caution.malignancy_no_alternative",
        category=Category.caution,
        when=MALIGNANCY_HISTORY,
        text="History of malignancy (malignancy risk): " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1", "E2"),
    ),
    Rule(
        id="eu.caution.anti_hbc_positive",
        category=Category.caution,
        when=flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG,
        text="HBsAg negative, anti-HBc positive: monitor HBV DNA; consult a specialist if it is "
        "detected.",
        outcome="monitor HBV DNA",
        passages=(),
        sources=("E6", "E13"),
    ),
)

_RECOMMENDED_2MG = "2 mg once daily is recommended (EU SmPC)."
DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        id="eu.dose.age_65",
        category=Category.dose,
        when=AGE_65_OR_OVER,
        text="Age {age_years} (65 or over): 2 mg once daily is recommended (EU SmPC since 2023; "
        "before 2023 the threshold was 75).",
        outcome="2 mg once daily",
        passages=(),
        sources=("E2", "E4", "E6", "E11"),
    ),
    Rule(
        id="eu.dose.crcl_30_60",
        category=Category.dose,
        when=CRCL_30_TO_60,
        text="CrCl {crcl:g} mL/min is within 30-60 mL/min: 2 mg once daily (EU SmPC).",
        outcome="2 mg once daily",
        passages=(),
        sources=("E9", "E11"),
    ),
    Rule(
        id="eu.dose.oat3",
        category=Category.dose,
        when=OAT3,
        text="A strong OAT3 inhibitor (such as probenecid) is taken: 2 mg once daily (EU SmPC).",
        outcome="2 mg once daily",
        passages=(),
        sources=("E3", "E11"),
    ),
    Rule(
        id="eu.dose.vte_risk",
        category=Category.dose,
        when=VTE_HISTORY,
        text="History of VTE (higher VTE risk): " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E4", "E6"),
    ),
    Rule(
        id="eu.dose.mace_risk",
        category=Category.dose,
        when=CARDIOVASCULAR_RISK,
        text="Cardiovascular risk factors (higher MACE risk): " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E4", "E6"),
    ),
    Rule(
        id="eu.dose.malignancy_risk",
        category=Category.dose,
        when=MALIGNANCY_HISTORY,
        text="History of malignancy (higher malignancy risk): " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E4", "E6"),
    ),
    Rule(
        id="eu.dose.recurrent_infections",
        category=Category.dose,
        when=RECURRENT_INFECTIONS,
        text="History of chronic or recurrent infections: " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E4", "E6"),
    ),
    Rule(
        id="eu.dose.sustained_control",
        category=Category.dose,
        when=SUSTAINED_CONTROL,
        text="Sustained control of disease activity: the EU SmPC lists tapering to 2 mg once "
        "daily.",
        outcome="2 mg once daily",
        passages=(),
        sources=("E4", "E6"),
    ),
)

ADVICE: tuple[Rule, ...] = (
    Rule(
        id="eu.advice.renal_function_needed",
        category=Category.advice,
        when=~CRCL_KNOWN,
        text="Renal function is unknown: the EU SmPC doses by creatinine clearance, which is "
        "needed (given, or from serum creatinine by Cockcroft-Gault) before a dose can be chosen.",
        outcome="no dose",
        passages=(),
        sources=("E9", "E11"),
    ),
    Rule(
        id="eu.advice.hypersensitivity",
        category=Category.advice,
        when=Always("every patient"),
        text="The EU SmPC's contraindications are hypersensitivity (to baricitinib or an "
        "excipient) and pregnancy (section 4.3); this app has no input for hypersensitivity: "
        "check it.",
        outcome="check hypersensitivity",
        passages=(),
        sources=("E7", "E3"),
    ),
    Rule(
        id="eu.advice.contraception",
        category=Category.advice,
        when=Equals("sex", ("female",), "female") & ~PREGNANT,
        text="Women of childbearing potential: effective contraception during treatment and for at "
        "least 1 week after it.",
        outcome="advice",
        passages=(),
        sources=("E7", "E3"),
    ),
    Rule(
        id="eu.advice.live_vaccines",
        category=Category.advice,
        when=Always("every patient"),
        text="Live vaccines: not during, or just before, treatment.",
        outcome="advice",
        passages=(),
        sources=("E6", "E3"),
    ),
)

_CAN_START = can_start(CONTRAINDICATIONS + NOT_RECOMMENDED + NOT_INDICATED)
MONITORING: tuple[Rule, ...] = (
    Rule(
        id="eu.monitoring.blood_liver",
        category=Category.monitoring,
        when=_CAN_START,
        text="Blood count (lymphocytes, neutrophils, haemoglobin) and liver enzymes: at baseline, "
        "then according to routine patient management.",
        outcome="monitor",
        passages=(),
        sources=("E8",),
    ),
    Rule(
        id="eu.monitoring.lipids",
        category=Category.monitoring,
        when=_CAN_START,
        text="Lipids: 12 weeks after starting.",
        outcome="monitor",
        passages=(),
        sources=("E6", "E8"),
    ),
)

_REASONS_FOR_2MG = (
    AGE_65_OR_OVER,
    CRCL_30_TO_60,
    OAT3,
    VTE_HISTORY,
    CARDIOVASCULAR_RISK,
    MALIGNANCY_HISTORY,
    RECURRENT_INFECTIONS,
    SUSTAINED_CONTROL,
)
SOURCE_SILENT: tuple[Rule, ...] = (
    Rule(
        id="eu.silent.dose_below_2mg",
        category=Category.source_silent,
        when=AtLeast(2, _REASONS_FOR_2MG, "two or more reasons for 2 mg apply"),
        text="More than one reason for 2 mg applies: the compiled EU SmPC facts give no dose below "
        "2 mg, so the reasons do not stack; check the current label.",
        outcome="dose stays 2 mg",
        passages=(),
        sources=(FACTS_TABLE_ID, "E4"),
    ),
    silent_note(
        "eu",
        LABEL,
        "male_contraception",
        Equals("sex", ("male",), "male"),
        "Contraception for a male patient (the facts give the rule for women only)",
    ),
    *uncovered_notes("eu", LABEL),
)

RULES: tuple[Rule, ...] = (
    CONTRAINDICATIONS
    + NOT_RECOMMENDED
    + NOT_INDICATED
    + CAUTIONS
    + DOSE_RULES
    + ADVICE
    + SOURCE_SILENT
    + MONITORING
)

CELLS: tuple[FactCell, ...] = (
    FactCell("standard_dose", "4 mg once daily", ("E4", "E6")),
    FactCell(
        "age",
        "≥ 65 → 2 mg recommended; before 2023 the SmPC said ≥ 75",
        ("E2", "E4", "E6", "E11"),
        ("eu.dose.age_65",),
    ),
    FactCell(
        "other_reasons_2mg",
        "higher risk of VTE, MACE or malignancy; chronic or recurrent infections; sustained "
        "control (taper)",
        ("E4", "E6"),
        (
            "eu.dose.vte_risk",
            "eu.dose.mace_risk",
            "eu.dose.malignancy_risk",
            "eu.dose.recurrent_infections",
            "eu.dose.sustained_control",
        ),
    ),
    FactCell(
        "renal_measure",
        "creatinine clearance",
        ("E9", "E11"),
        ("eu.advice.renal_function_needed",),
    ),
    FactCell("renal_moderate", "CrCl 30–60 → 2 mg", ("E9", "E11"), ("eu.dose.crcl_30_60",)),
    FactCell("renal_severe", "CrCl < 30: not recommended", ("E9", "E11"), ("eu.nr.crcl_below_30",)),
    FactCell(
        "hepatic",
        "severe impairment: not recommended (not a contraindication)",
        ("E11",),
        ("eu.nr.severe_hepatic",),
    ),
    FactCell("oat3", "2 mg", ("E3", "E11"), ("eu.dose.oat3",)),
    FactCell(
        "labs_do_not_start",
        "ALC < 0.5×10⁹/L, ANC < 1×10⁹/L, Hb < 8 g/dL",
        ("E8",),
        ("eu.nr.lymphocytes_low", "eu.nr.neutrophils_low", "eu.nr.haemoglobin_low"),
    ),
    FactCell(
        "monitoring_blood_liver",
        "baseline, then per routine patient management",
        ("E8",),
        ("eu.monitoring.blood_liver",),
    ),
    FactCell(
        "monitoring_lipids", "12 weeks after starting", ("E6", "E8"), ("eu.monitoring.lipids",)
    ),
    FactCell(
        "contraindications",
        "only hypersensitivity and pregnancy (section 4.3)",
        ("E7", "E3"),
        ("eu.ci.pregnancy", "eu.advice.hypersensitivity"),
    ),
    FactCell("active_tb", "should not be given", ("E6",), ("eu.nr.active_tb",)),
    FactCell("pregnancy", "contraindicated", ("E7",), ("eu.ci.pregnancy",)),
    FactCell(
        "breastfeeding", "should not be used (section 4.6)", ("E7",), ("eu.nr.breastfeeding",)
    ),
    FactCell(
        "contraception",
        "women: during treatment and ≥ 1 week after",
        ("E7", "E3"),
        ("eu.advice.contraception",),
    ),
    FactCell(
        "high_risk_groups",
        "use only if no suitable alternative (2023 JAK-inhibitor referral)",
        ("E1", "E2"),
        (
            "eu.caution.age_65_no_alternative",
            "eu.caution.cardiovascular_no_alternative",
            "eu.caution.malignancy_no_alternative",
        ),
    ),
    FactCell(
        "live_vaccines",
        "not during or just before treatment",
        ("E6", "E3"),
        ("eu.advice.live_vaccines",),
    ),
    FactCell(
        "hbv_anti_hbc",
        "monitor HBV DNA; specialist if detected",
        ("E6", "E13"),
        ("eu.caution.anti_hbc_positive",),
    ),
    FactCell(
        "sle",
        "not indicated; phase 3 programme stopped Jan 2022",
        ("S1", "S3"),
        ("eu.ni.sle",),
    ),
)

EU_SMPC = Profile(
    id="eu_smpc",
    name="EU SmPC (2023 and later), adult rheumatoid arthritis",
    short_name=LABEL,
    citation_kind="label",
    sources={**EU_SOURCES, **SLE_SOURCES, FACTS_TABLE_ID: FACTS_TABLE_CITATION},
    compiled=LABEL_FACTS_COMPILED,
    compiled_text=LABEL_FACTS_COMPILED_TEXT,
    notice=CHECK_CURRENT_LABEL,
    rules=RULES,
    standard_dose_mg=4,
    reduced_dose_mg=2,
    renal_measure="crcl",
    cells=CELLS,
    standard_dose_reason=(
        "Standard dose 4 mg once daily: no reason for 2 mg applies (under 65, CrCl above "
        "60 mL/min, no strong OAT3 inhibitor, no higher VTE, MACE or malignancy risk recorded, "
        "no chronic or recurrent infections, not tapering)."
    ),
    renal_unknown_reason="No dose yet: creatinine clearance is needed before dosing.",
    no_stack_note="The reasons do not stack: the compiled EU SmPC facts give no dose below 2 mg.",
    nothing_applies="No restriction or caution of the EU SmPC (as compiled) applies.",
)
