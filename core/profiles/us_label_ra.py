"""The US prescribing information profile, adult rheumatoid arthritis, from the compiled facts.

Doses by eGFR (CKD-EPI 2021 from serum creatinine, age and sex; core.egfr): 2 mg standard, 1 mg
for eGFR 30 to < 60 or a strong OAT3 inhibitor. A given creatinine clearance is never turned into
an eGFR: without a creatinine the dose is not given and a finding says why. The label lists no
contraindications, so no rule here has that category; its verdict words ("avoid", "not
recommended", "should not be given", "do not start") map to not_recommended, and "may cause
fetal harm", the boxed warning, "carefully considered" and "test, treat latent TB first" to
caution, with the label's words kept. An input the facts hold no rule for, or only an unverified
one (HBsAg, HCV, HIV, anti-HBc without a known anti-HBs, VTE history, known malignancy,
breast-feeding, contraception), gets a "not covered" finding: never a silent "recommended".
"""

from __future__ import annotations

from core.conditions import AllOf, Always, Compare
from core.profiles.common import (
    ACTIVE_INFECTION,
    AGE_65_OR_OVER,
    ANTI_HBC_ONLY,
    BIOLOGIC_DMARD,
    CARDIOVASCULAR_RISK,
    CHILD_PUGH_C,
    EGFR_KNOWN,
    HBSAG_POSITIVE,
    HCV_POSITIVE,
    MALIGNANCY_HISTORY,
    PLANNING_CONCEPTION,
    POTENT_IMMUNOSUPPRESSANT,
    PREGNANT,
    RECURRENT_INFECTIONS,
    SLE,
    TB_HISTORY,
    VTE_HISTORY,
    lab_rules,
    not_covered,
    not_covered_by_either,
    silent_note,
    uncovered_notes,
)
from core.profiles.label_sources import (
    CHECK_CURRENT_LABEL,
    FACTS_TABLE_CITATION,
    FACTS_TABLE_ID,
    LABEL_FACTS_COMPILED,
    LABEL_FACTS_COMPILED_TEXT,
    STUDY_SOURCES,
    US_SOURCES,
)
from core.profiles.profile import FactCell, Profile
from core.rules import CRCL_KNOWN, OAT3, Category, Rule, can_start, flag

LABEL = "US label"
EGFR_30_TO_BELOW_60 = AllOf(
    (
        Compare("egfr", ">=", 30, "eGFR at least 30 mL/min/1.73 m²"),
        Compare("egfr", "<", 60, "eGFR below 60 mL/min/1.73 m²"),
    )
)

NOT_RECOMMENDED: tuple[Rule, ...] = (
    Rule(
        "us.nr.egfr_below_30",
        Category.not_recommended,
        Compare("egfr", "<", 30, "eGFR below 30 mL/min/1.73 m²"),
        "eGFR {egfr:g} mL/min/1.73 m² is below 30: not recommended (US label).",
        "not recommended",
        (),
        ("U5",),
    ),
    Rule(
        "us.nr.severe_hepatic",
        Category.not_recommended,
        CHILD_PUGH_C,
        "Severe hepatic impairment (Child-Pugh C): not recommended (US label).",
        "not recommended",
        (),
        ("U5",),
    ),
    Rule(
        "us.nr.active_infection",
        Category.not_recommended,
        ACTIVE_INFECTION,
        "Active serious or opportunistic infection: the US label says to avoid baricitinib "
        "(not recommended) in “active, serious infection, including localized infections”.",
        "avoid / not recommended",
        (),
        ("U5", "U7"),
    ),
    Rule(
        "us.nr.active_tb",
        Category.not_recommended,
        flag("active_tb", "active tuberculosis"),
        "Active tuberculosis: the US label says baricitinib should not be given.",
        "should not be given",
        (),
        ("U2",),
    ),
    Rule(
        "us.nr.biologic_dmard",
        Category.not_recommended,
        BIOLOGIC_DMARD,
        "Combination with a biological DMARD: not recommended (US label, Limitation of Use).",
        "not recommended",
        (),
        ("U1",),
    ),
    Rule(
        "us.nr.potent_immunosuppressant",
        Category.not_recommended,
        POTENT_IMMUNOSUPPRESSANT,
        "Combination with a potent immunosuppressant: not recommended (US label, “such as "
        "azathioprine and cyclosporine”).",
        "not recommended",
        (),
        ("U1",),
    ),
    *lab_rules(
        "us",
        LABEL,
        ("500 cells/mm³ (0.5 ×10⁹/L)", "1000 cells/mm³ (1 ×10⁹/L)", "8 g/dL"),
        ("U5", "U7"),
    ),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        "us.ni.sle",
        Category.not_indicated,
        SLE,
        "Systemic lupus erythematosus: not indicated; the phase 3 programme was discontinued.",
        "not indicated",
        (),
        ("S1", "S3"),
    ),
)

NOT_COVERED: tuple[Rule, ...] = (
    not_covered(
        "us",
        LABEL,
        "hbsag_positive",
        HBSAG_POSITIVE,
        "HBsAg positive",
        "no explicit rule found; HBsAg positive patients were excluded from the RA trials",
        ("S4",),
    ),
    not_covered(
        "us",
        LABEL,
        "anti_hbc_without_anti_hbs",
        ANTI_HBC_ONLY,
        "HBsAg negative, anti-HBc positive",
        "the facts rule only for anti-HBs positive patients: monitor HBV DNA, a hepatologist if "
        "it is detected; anti-HBs negative is not named, and this app does not record anti-HBs",
        ("U9",),
    ),
    not_covered(
        "us",
        LABEL,
        "hcv",
        HCV_POSITIVE,
        "Hepatitis C antibody positive",
        "screen per guidelines; no explicit rule found",
        ("U9",),
    ),
    not_covered(
        "us",
        LABEL,
        "vte_history",
        VTE_HISTORY,
        "History of VTE",
        "the boxed warning names thrombosis; an “avoid if at increased risk” statement is "
        "unverified",
        ("U2",),
    ),
    not_covered(
        "us",
        LABEL,
        "malignancy_history",
        MALIGNANCY_HISTORY,
        "History of malignancy",
        "the boxed warning names malignancy; a rule for a known malignancy is unverified; skin "
        "examinations for patients at risk",
        ("U2", "U9"),
    ),
    not_covered(
        "us",
        LABEL,
        "breastfeeding",
        flag("breastfeeding", "breastfeeding"),
        "Breastfeeding",
        "no breastfeeding during treatment and for 4 days after is unverified: its source was "
        "not re-found",
        ("U13",),
    ),
    not_covered(
        "us",
        LABEL,
        "planning_conception",
        PLANNING_CONCEPTION,
        "Planning a conception",
        "the contraception row found no duration and is unverified",
    ),
    *not_covered_by_either("us", LABEL),
)

_BOXED_WARNING = (
    "its boxed warning (serious infections, mortality, malignancy, MACE, thrombosis), not a "
    "lower dose."
)
CAUTIONS: tuple[Rule, ...] = (
    Rule(
        "us.caution.pregnancy",
        Category.caution,
        PREGNANT,
        "Pregnancy: not contraindicated in the US label, which says baricitinib may cause fetal "
        "harm (animal data).",
        "may cause fetal harm",
        (),
        ("U14",),
    ),
    Rule(
        "us.caution.recurrent_infections",
        Category.caution,
        RECURRENT_INFECTIONS,
        "Chronic or recurrent infections: the US label's boxed warning says the risks and "
        "benefits should be “carefully considered” before starting.",
        "carefully considered",
        (),
        ("U21",),
    ),
    Rule(
        "us.caution.latent_tb",
        Category.caution,
        TB_HISTORY,
        "TB history or exposure: the US label's boxed warning says to test for TB and treat "
        "latent TB before starting.",
        "test, treat latent TB first",
        (),
        ("U2",),
    ),
    Rule(
        "us.caution.boxed_warning_age_65",
        Category.caution,
        AGE_65_OR_OVER,
        "Age {age_years} (65 or over): the US label has no age-based dose rule and answers "
        "with " + _BOXED_WARNING,
        "boxed warning",
        (),
        ("U2",),
    ),
    Rule(
        "us.caution.boxed_warning_cardiovascular",
        Category.caution,
        CARDIOVASCULAR_RISK,
        "Cardiovascular risk factors: the US label answers with " + _BOXED_WARNING,
        "boxed warning",
        (),
        ("U2",),
    ),
)

DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        "us.dose.egfr_30_60",
        Category.dose,
        EGFR_30_TO_BELOW_60,
        "eGFR {egfr:g} mL/min/1.73 m² is 30 to below 60: 1 mg once daily (US label).",
        "1 mg once daily",
        (),
        ("U5", "U15"),
    ),
    Rule(
        "us.dose.oat3",
        Category.dose,
        OAT3,
        "A strong OAT3 inhibitor (such as probenecid) is taken: 1 mg once daily (US label).",
        "1 mg once daily",
        (),
        ("U5",),
    ),
)

ADVICE: tuple[Rule, ...] = (
    Rule(
        "us.advice.egfr_needs_creatinine",
        Category.advice,
        ~EGFR_KNOWN & CRCL_KNOWN,
        "A creatinine clearance of {crcl:g} mL/min is given, but the US label doses by eGFR "
        "(mL/min/1.73 m²): a serum creatinine is needed to compute it (CKD-EPI 2021). The CrCl "
        "is not converted, so no dose is given.",
        "dose not given",
        (),
        ("U5",),
    ),
    Rule(
        "us.advice.renal_function_needed",
        Category.advice,
        ~EGFR_KNOWN & ~CRCL_KNOWN,
        "Renal function is unknown: the US label doses by eGFR, which needs a serum creatinine "
        "(CKD-EPI 2021), before a dose can be chosen.",
        "dose not given",
        (),
        ("U5",),
    ),
    Rule(
        "us.advice.infection_during_treatment",
        Category.advice,
        ACTIVE_INFECTION,
        "An infection during treatment: the US label says to interrupt baricitinib for a "
        "serious or opportunistic infection or sepsis until it is controlled.",
        "interrupt",
        (),
        ("U2", "U9"),
    ),
    Rule(
        "us.advice.live_vaccines",
        Category.advice,
        Always("every patient"),
        "Live vaccines: avoid (US label).",
        "advice",
        (),
        ("U15",),
    ),
)

_CAN_START = can_start(NOT_RECOMMENDED + NOT_INDICATED + NOT_COVERED)
MONITORING: tuple[Rule, ...] = (
    Rule(
        "us.monitoring.blood_liver",
        Category.monitoring,
        _CAN_START,
        "Blood count (lymphocytes, neutrophils, haemoglobin) and liver enzymes: at baseline, "
        "then according to routine patient management.",
        "monitor",
        (),
        ("U6",),
    ),
    Rule(
        "us.monitoring.lipids",
        Category.monitoring,
        _CAN_START,
        "Lipids: 12 weeks after starting.",
        "monitor",
        (),
        ("U6",),
    ),
)

SOURCE_SILENT: tuple[Rule, ...] = (
    Rule(
        "us.silent.dose_below_1mg",
        Category.source_silent,
        EGFR_30_TO_BELOW_60 & OAT3,
        "Both reasons for 1 mg apply (eGFR 30 to below 60 and a strong OAT3 inhibitor): the "
        "compiled US label facts give no dose below 1 mg, so they do not stack; check the "
        "current label.",
        "dose stays 1 mg",
        (),
        (FACTS_TABLE_ID, "U5"),
    ),
    silent_note(
        "us",
        LABEL,
        "sustained_remission",
        flag("sustained_remission", "in sustained remission"),
        "Sustained remission (dose tapering)",
    ),
    Rule(
        "us.silent.contraception",
        Category.source_silent,
        ~PREGNANT,
        "Contraception: the compiled US label facts found no duration (the row is marked "
        "unverified), so this profile gives no contraception advice; check the current label.",
        "no rule",
        (),
        (FACTS_TABLE_ID,),
    ),
    *uncovered_notes("us", LABEL),
)

RULES: tuple[Rule, ...] = (
    NOT_RECOMMENDED
    + NOT_INDICATED
    + NOT_COVERED
    + CAUTIONS
    + DOSE_RULES
    + ADVICE
    + SOURCE_SILENT
    + MONITORING
)

CELLS: tuple[FactCell, ...] = (
    FactCell("standard_dose", "2 mg once daily; 4 mg is not an RA dose", ("U5", "U7")),
    FactCell("age", "no age-based dose rule found", ("U5",)),
    FactCell("other_reasons_2mg", "—"),
    FactCell(
        "renal_measure",
        "eGFR (mL/min/1.73 m²)",
        ("U5",),
        ("us.advice.egfr_needs_creatinine", "us.advice.renal_function_needed"),
    ),
    FactCell("renal_moderate", "eGFR 30 to < 60 → 1 mg", ("U5", "U15"), ("us.dose.egfr_30_60",)),
    FactCell("renal_severe", "eGFR < 30: not recommended", ("U5",), ("us.nr.egfr_below_30",)),
    FactCell("hepatic", "severe: not recommended", ("U5",), ("us.nr.severe_hepatic",)),
    FactCell("oat3", "1 mg", ("U5",), ("us.dose.oat3", "us.silent.dose_below_1mg")),
    FactCell(
        "labs_do_not_start",
        "ALC < 500/mm³, ANC < 1000/mm³, Hb < 8 g/dL",
        ("U5", "U7"),
        ("us.nr.lymphocytes_low", "us.nr.neutrophils_low", "us.nr.haemoglobin_low"),
    ),
    FactCell(
        "monitoring_blood_liver",
        "baseline, then routine patient management",
        ("U6",),
        ("us.monitoring.blood_liver",),
    ),
    FactCell("monitoring_lipids", "12 weeks after starting", ("U6",), ("us.monitoring.lipids",)),
    FactCell(
        "contraindications",
        '"CONTRAINDICATIONS None"',
        ("U1", "U15"),
    ),
    FactCell(
        "active_serious_infection",
        'avoid / not recommended: "active, serious infection, including localized infections"',
        ("U5", "U7"),
        ("us.nr.active_infection",),
    ),
    FactCell(
        "recurrent_infections",
        '"carefully considered" (boxed warning)',
        ("U21",),
        ("us.caution.recurrent_infections",),
    ),
    FactCell(
        "tuberculosis",
        "active: should not be given; test, treat latent TB first (boxed)",
        ("U2",),
        ("us.nr.active_tb", "us.caution.latent_tb"),
    ),
    FactCell(
        "hbv_hbsag",
        "no explicit rule found; HBsAg+ excluded from RA trials",
        ("S4",),
        ("us.not_covered.hbsag_positive",),
    ),
    FactCell(
        "hbv_anti_hbc",
        "with anti-HBs+: monitor HBV DNA; hepatologist if detected; anti-HBs−: not named",
        ("U9",),
        ("us.not_covered.anti_hbc_without_anti_hbs",),
    ),
    FactCell(
        "hcv",
        "screen per guidelines; no explicit rule found",
        ("U9",),
        ("us.not_covered.hcv",),
    ),
    FactCell("hiv", "no statement found", (), ("us.not_covered.hiv",)),
    FactCell(
        "biologic_or_jak",
        "not recommended (Limitation of Use)",
        ("U1",),
        ("us.nr.biologic_dmard",),
    ),
    FactCell(
        "azathioprine_ciclosporin",
        'not recommended ("such as azathioprine and cyclosporine")',
        ("U1",),
        ("us.nr.potent_immunosuppressant",),
    ),
    FactCell(
        "infection_during_treatment",
        "interrupt for serious or opportunistic infection or sepsis, until controlled",
        ("U2", "U9"),
        ("us.advice.infection_during_treatment",),
    ),
    FactCell("herpes_zoster", "interrupt until the episode resolves", ("U9",)),
    FactCell(
        "vte",
        'boxed warning: thrombosis; "avoid if at increased risk" unverified',
        ("U2",),
        ("us.not_covered.vte_history",),
        unverified=True,
    ),
    FactCell(
        "malignancy",
        "boxed warning: malignancy; known-malignancy rule unverified; skin exams if at risk",
        ("U2", "U9"),
        ("us.not_covered.malignancy_history",),
        unverified=True,
    ),
    FactCell(
        "high_risk_groups",
        "boxed warning: serious infections, mortality, malignancy, MACE, thrombosis",
        ("U2",),
        ("us.caution.boxed_warning_age_65", "us.caution.boxed_warning_cardiovascular"),
    ),
    FactCell("live_vaccines", "avoid", ("U15",), ("us.advice.live_vaccines",)),
    FactCell(
        "pregnancy",
        "not contraindicated; may cause fetal harm (animal data)",
        ("U14",),
        ("us.caution.pregnancy",),
    ),
    FactCell(
        "breastfeeding",
        "no breastfeeding during and 4 days after",
        ("U13",),
        ("us.not_covered.breastfeeding",),
        unverified=True,
    ),
    FactCell(
        "contraception",
        "no duration found",
        (),
        ("us.silent.contraception", "us.not_covered.planning_conception"),
        unverified=True,
    ),
    FactCell(
        "sle",
        "not indicated; phase 3 programme discontinued",
        ("S1", "S3"),
        ("us.ni.sle",),
    ),
)

US_LABEL_RA = Profile(
    id="us_label_ra",
    name="US prescribing information, adult rheumatoid arthritis",
    short_name=LABEL,
    citation_kind="label",
    sources={**US_SOURCES, **STUDY_SOURCES, FACTS_TABLE_ID: FACTS_TABLE_CITATION},
    compiled=LABEL_FACTS_COMPILED,
    compiled_text=LABEL_FACTS_COMPILED_TEXT,
    notice=CHECK_CURRENT_LABEL,
    rules=RULES,
    standard_dose_mg=2,
    reduced_dose_mg=1,
    renal_measure="egfr",
    cells=CELLS,
    standard_dose_reason=(
        "Standard RA dose 2 mg once daily: no reduction applies (eGFR 60 mL/min/1.73 m² or "
        "above, no strong OAT3 inhibitor); 4 mg is not an RA dose and the US label has no age "
        "rule."
    ),
    renal_unknown_reason=(
        "No dose yet: the US label doses by eGFR, which needs a serum creatinine (a creatinine "
        "clearance is not converted)."
    ),
    no_stack_note="The reductions do not stack: the compiled US label facts give no dose below "
    "1 mg.",
    nothing_applies="No restriction or caution of the US label (as compiled) applies.",
)
