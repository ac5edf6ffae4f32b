"""The EU SmPC profile (2023 and later), adult rheumatoid arthritis, from the compiled label facts.

Each rule cites label source ids (E…, S…; "LF" for the facts table itself). The label's verdict
words are kept in the finding text and mapped onto the shared categories: "contraindicated" →
contraindication; "not recommended", "should not be given", "should not be used", "do not start"
→ not_recommended; "not indicated" → not_indicated; caution, "use only if no suitable
alternative", "consider anti-TB therapy first" → caution (shown as worded: neither a ban nor an
endorsement). An input the facts hold no rule for, or only an unverified one (HBsAg, HCV, HIV,
anti-HBc without a known anti-HBs, azathioprine or ciclosporin, …), gets a "not covered"
finding: never a silent "recommended".
"""

from __future__ import annotations

from core.conditions import Always, AtLeast, Compare, Equals
from core.profiles.common import (
    ACTIVE_INFECTION,
    AGE_65_OR_OVER,
    ANTI_HBC_ONLY,
    BIOLOGIC_DMARD,
    CARDIOVASCULAR_RISK,
    CHILD_PUGH_C,
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
    EU_SOURCES,
    FACTS_TABLE_CITATION,
    FACTS_TABLE_ID,
    LABEL_FACTS_COMPILED,
    LABEL_FACTS_COMPILED_TEXT,
    STUDY_SOURCES,
)
from core.profiles.profile import FactCell, Profile
from core.rules import CRCL_30_TO_60, CRCL_KNOWN, OAT3, Category, Rule, can_start, flag

LABEL = "EU SmPC"
SUSTAINED_CONTROL = flag("sustained_remission", "in sustained remission")

CONTRAINDICATIONS: tuple[Rule, ...] = (
    Rule(
        "eu.ci.pregnancy",
        Category.contraindication,
        PREGNANT,
        "Pregnancy: contraindicated (EU SmPC).",
        "contraindicated",
        (),
        ("E3", "E6"),
    ),
)

NOT_RECOMMENDED: tuple[Rule, ...] = (
    Rule(
        "eu.nr.crcl_below_30",
        Category.not_recommended,
        Compare("crcl", "<", 30, "CrCl below 30 mL/min"),
        "CrCl {crcl:g} mL/min is below 30 mL/min: not recommended (EU SmPC).",
        "not recommended",
        (),
        ("E9", "E11"),
    ),
    Rule(
        "eu.nr.severe_hepatic",
        Category.not_recommended,
        CHILD_PUGH_C,
        "Severe hepatic impairment (Child-Pugh C): not recommended; in the EU SmPC this is not "
        "a contraindication (those are only hypersensitivity and pregnancy).",
        "not recommended",
        (),
        ("E11", "E3", "E6"),
    ),
    Rule(
        "eu.nr.active_tb",
        Category.not_recommended,
        flag("active_tb", "active tuberculosis"),
        "Active tuberculosis: the EU SmPC says baricitinib should not be given.",
        "should not be given",
        (),
        ("E6", "E17"),
    ),
    Rule(
        "eu.nr.biologic_dmard",
        Category.not_recommended,
        BIOLOGIC_DMARD,
        "Combination with a biological DMARD: not recommended in the EU SmPC (additive "
        "immunosuppression).",
        "not recommended",
        (),
        ("E6",),
    ),
    Rule(
        "eu.nr.breastfeeding",
        Category.not_recommended,
        flag("breastfeeding", "breastfeeding"),
        "Breast-feeding: the EU SmPC says baricitinib should not be used during breast-feeding.",
        "should not be used",
        (),
        ("E3", "E6"),
    ),
    *lab_rules("eu", LABEL, ("0.5 ×10⁹/L", "1 ×10⁹/L", "8 g/dL"), ("E8",)),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        "eu.ni.sle",
        Category.not_indicated,
        SLE,
        "Systemic lupus erythematosus: not indicated; the phase 3 programme was discontinued.",
        "not indicated",
        (),
        ("S1", "S3"),
    ),
)

_HBS = "this app does not record anti-HBs"
NOT_COVERED: tuple[Rule, ...] = (
    not_covered(
        "eu",
        LABEL,
        "hbsag_positive",
        HBSAG_POSITIVE,
        "HBsAg positive",
        "no explicit rule found; active hepatitis B was excluded from the trials",
        ("E16", "E17"),
    ),
    not_covered(
        "eu",
        LABEL,
        "anti_hbc_without_anti_hbs",
        ANTI_HBC_ONLY,
        "HBsAg negative, anti-HBc positive",
        "the facts rule only for anti-HBs positive patients: monitor HBV DNA, a liver specialist "
        f"if it is detected; anti-HBs negative is not named, and {_HBS}",
        ("E6", "E16"),
    ),
    not_covered(
        "eu",
        LABEL,
        "hcv",
        HCV_POSITIVE,
        "Hepatitis C antibody positive",
        "screen; active HCV was excluded from the trials; no explicit rule",
        ("E16", "E17"),
    ),
    not_covered(
        "eu",
        LABEL,
        "potent_immunosuppressant",
        POTENT_IMMUNOSUPPRESSANT,
        "Combination with a potent immunosuppressant such as azathioprine or ciclosporin",
        "caution (limited data); the exact wording for rheumatoid arthritis is unverified",
        ("E6",),
    ),
    not_covered(
        "eu",
        LABEL,
        "planning_conception",
        PLANNING_CONCEPTION,
        "Planning a conception",
        "they give contraception for women during treatment and at least 1 week after it, and "
        "no rule on planning a conception",
        ("E3", "E6"),
    ),
    *not_covered_by_either("eu", LABEL),
)

_NO_ALTERNATIVE = "use only if no suitable alternative is available (2023 JAK-inhibitor referral)."
CAUTIONS: tuple[Rule, ...] = (
    Rule(
        "eu.caution.active_infection",
        Category.caution,
        ACTIVE_INFECTION,
        "Active serious or opportunistic infection: the compiled EU SmPC facts found no ban; "
        "the EU SmPC cautions use in “active, chronic or recurrent infections”.",
        "caution",
        (),
        ("E6",),
    ),
    Rule(
        "eu.caution.recurrent_infections",
        Category.caution,
        RECURRENT_INFECTIONS,
        "Chronic or recurrent infections: caution in the EU SmPC (and 2 mg, see the dose).",
        "caution",
        (),
        ("E6", "E3", "E11"),
    ),
    Rule(
        "eu.caution.latent_tb",
        Category.caution,
        TB_HISTORY,
        "TB history or exposure: for latent TB the EU SmPC says to consider anti-TB therapy "
        "before starting.",
        "consider anti-TB therapy first",
        (),
        ("E6", "E17"),
    ),
    Rule(
        "eu.caution.vte",
        Category.caution,
        VTE_HISTORY,
        "History of VTE: caution in the EU SmPC (VTE risk factors other than cardiovascular or "
        "cancer risk); 2 mg; stop if signs of DVT or PE appear.",
        "caution",
        (),
        ("E1", "E3", "E6"),
    ),
    Rule(
        "eu.caution.malignancy_no_alternative",
        Category.caution,
        MALIGNANCY_HISTORY,
        "History of malignancy (“current or history of malignancy”): " + _NO_ALTERNATIVE,
        "only if no suitable alternative",
        (),
        ("E1", "E6"),
    ),
    Rule(
        "eu.caution.age_65_no_alternative",
        Category.caution,
        AGE_65_OR_OVER,
        "Age {age_years} (65 or over): " + _NO_ALTERNATIVE,
        "only if no suitable alternative",
        (),
        ("E1",),
    ),
    Rule(
        "eu.caution.cardiovascular_no_alternative",
        Category.caution,
        CARDIOVASCULAR_RISK,
        "Cardiovascular risk factors: " + _NO_ALTERNATIVE,
        "only if no suitable alternative",
        (),
        ("E1",),
    ),
)

_RECOMMENDED_2MG = "2 mg once daily (EU SmPC)."
DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        "eu.dose.age_65",
        Category.dose,
        AGE_65_OR_OVER,
        "Age {age_years} (65 or over): 2 mg once daily (EU SmPC since 2023: “particularly if "
        "you are over 65”; before 2023, 2 mg was “appropriate” from 75).",
        "2 mg once daily",
        (),
        ("E3", "E11"),
    ),
    Rule(
        "eu.dose.crcl_30_60",
        Category.dose,
        CRCL_30_TO_60,
        "CrCl {crcl:g} mL/min is within 30-60 mL/min: 2 mg once daily (EU SmPC).",
        "2 mg once daily",
        (),
        ("E9", "E11"),
    ),
    Rule(
        "eu.dose.oat3",
        Category.dose,
        OAT3,
        "A strong OAT3 inhibitor (such as probenecid) is taken: 2 mg once daily (EU SmPC).",
        "2 mg once daily",
        (),
        ("E3", "E11"),
    ),
    Rule(
        "eu.dose.vte_risk",
        Category.dose,
        VTE_HISTORY,
        "History of VTE (higher VTE risk): " + _RECOMMENDED_2MG,
        "2 mg once daily",
        (),
        ("E1", "E3", "E11"),
    ),
    Rule(
        "eu.dose.mace_risk",
        Category.dose,
        CARDIOVASCULAR_RISK,
        "Cardiovascular risk factors (higher MACE risk): " + _RECOMMENDED_2MG,
        "2 mg once daily",
        (),
        ("E1", "E3", "E11"),
    ),
    Rule(
        "eu.dose.malignancy_risk",
        Category.dose,
        MALIGNANCY_HISTORY,
        "History of malignancy (higher cancer risk): " + _RECOMMENDED_2MG,
        "2 mg once daily",
        (),
        ("E1", "E3", "E11"),
    ),
    Rule(
        "eu.dose.recurrent_infections",
        Category.dose,
        RECURRENT_INFECTIONS,
        "History of chronic or recurrent infections: " + _RECOMMENDED_2MG,
        "2 mg once daily",
        (),
        ("E1", "E3", "E11"),
    ),
    Rule(
        "eu.dose.sustained_control",
        Category.dose,
        SUSTAINED_CONTROL,
        "Sustained control of disease activity: the EU SmPC lists tapering to 2 mg once daily.",
        "2 mg once daily",
        (),
        ("E1", "E3", "E11"),
    ),
)

ADVICE: tuple[Rule, ...] = (
    Rule(
        "eu.advice.renal_function_needed",
        Category.advice,
        ~CRCL_KNOWN,
        "Renal function is unknown: the EU SmPC doses by creatinine clearance, which is needed "
        "(given, or from serum creatinine by Cockcroft-Gault) before a dose can be chosen.",
        "dose not given",
        (),
        ("E9", "E11"),
    ),
    Rule(
        "eu.advice.infection_during_treatment",
        Category.advice,
        ACTIVE_INFECTION,
        "An infection during treatment: the EU SmPC says to interrupt baricitinib if it does "
        "not respond to standard therapy, and to resume it once the infection has resolved.",
        "interrupt",
        (),
        ("E6",),
    ),
    Rule(
        "eu.advice.hypersensitivity",
        Category.advice,
        Always("every patient"),
        "The EU SmPC's contraindications are hypersensitivity (to baricitinib or an excipient) "
        "and pregnancy; this app has no input for hypersensitivity: check it.",
        "check hypersensitivity",
        (),
        ("E3", "E6"),
    ),
    Rule(
        "eu.advice.contraception",
        Category.advice,
        Equals("sex", ("female",), "female") & ~PREGNANT,
        "Women of childbearing potential: effective contraception during treatment and for at "
        "least 1 week after it.",
        "advice",
        (),
        ("E3", "E6"),
    ),
    Rule(
        "eu.advice.live_vaccines",
        Category.advice,
        Always("every patient"),
        "Live vaccines: not during, or just before, treatment.",
        "advice",
        (),
        ("E6", "E3"),
    ),
)

_CAN_START = can_start(CONTRAINDICATIONS + NOT_RECOMMENDED + NOT_INDICATED + NOT_COVERED)
MONITORING: tuple[Rule, ...] = (
    Rule(
        "eu.monitoring.blood_liver",
        Category.monitoring,
        _CAN_START,
        "Blood count (lymphocytes, neutrophils, haemoglobin) and liver enzymes: at baseline, "
        "then according to routine patient management.",
        "monitor",
        (),
        ("E8",),
    ),
    Rule(
        "eu.monitoring.lipids",
        Category.monitoring,
        _CAN_START,
        "Lipids: 12 weeks after starting.",
        "monitor",
        (),
        ("E8",),
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
        "eu.silent.dose_below_2mg",
        Category.source_silent,
        AtLeast(2, _REASONS_FOR_2MG, "two or more reasons for 2 mg apply"),
        "More than one reason for 2 mg applies: the compiled EU SmPC facts give no dose below "
        "2 mg, so the reasons do not stack; check the current label.",
        "dose stays 2 mg",
        (),
        (FACTS_TABLE_ID, "E3", "E11"),
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
    + NOT_COVERED
    + CAUTIONS
    + DOSE_RULES
    + ADVICE
    + SOURCE_SILENT
    + MONITORING
)

CELLS: tuple[FactCell, ...] = (
    FactCell("standard_dose", "4 mg once daily", ("E3", "E11")),
    FactCell(
        "age",
        '≥ 65 → 2 mg ("particularly if you are over 65"); before 2023: 2 mg "appropriate" for ≥ 75',
        ("E3", "E11"),
        ("eu.dose.age_65",),
    ),
    FactCell(
        "other_reasons_2mg",
        "higher risk of VTE, MACE or cancer; chronic/recurrent infections; sustained control "
        "(taper)",
        ("E1", "E3", "E11"),
        (
            "eu.dose.vte_risk",
            "eu.dose.mace_risk",
            "eu.dose.malignancy_risk",
            "eu.dose.recurrent_infections",
            "eu.dose.sustained_control",
            "eu.silent.dose_below_2mg",
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
    FactCell("hepatic", "severe: not recommended", ("E11",), ("eu.nr.severe_hepatic",)),
    FactCell("oat3", "2 mg", ("E3", "E11"), ("eu.dose.oat3",)),
    FactCell(
        "labs_do_not_start",
        "ALC < 0.5×10⁹/L, ANC < 1×10⁹/L, Hb < 8 g/dL",
        ("E8",),
        ("eu.nr.lymphocytes_low", "eu.nr.neutrophils_low", "eu.nr.haemoglobin_low"),
    ),
    FactCell(
        "monitoring_blood_liver",
        "baseline, then routine patient management",
        ("E8",),
        ("eu.monitoring.blood_liver",),
    ),
    FactCell("monitoring_lipids", "12 weeks after starting", ("E8",), ("eu.monitoring.lipids",)),
    FactCell(
        "contraindications",
        "only hypersensitivity and pregnancy",
        ("E3", "E6"),
        ("eu.ci.pregnancy", "eu.advice.hypersensitivity", "eu.nr.severe_hepatic"),
    ),
    FactCell(
        "active_serious_infection",
        'no ban found: caution in "active, chronic or recurrent infections"',
        ("E6",),
        ("eu.caution.active_infection",),
    ),
    FactCell(
        "recurrent_infections",
        "caution; 2 mg",
        ("E6", "E3", "E11"),
        ("eu.caution.recurrent_infections", "eu.dose.recurrent_infections"),
    ),
    FactCell(
        "tuberculosis",
        "active: should not be given; latent: consider anti-TB therapy first",
        ("E6", "E17"),
        ("eu.nr.active_tb", "eu.caution.latent_tb"),
    ),
    FactCell(
        "hbv_hbsag",
        "no explicit rule found; active hepatitis B excluded from trials",
        ("E16", "E17"),
        ("eu.not_covered.hbsag_positive",),
    ),
    FactCell(
        "hbv_anti_hbc",
        "with anti-HBs+: monitor HBV DNA; liver specialist if detected; anti-HBs−: not named",
        ("E6", "E16"),
        ("eu.not_covered.anti_hbc_without_anti_hbs",),
    ),
    FactCell(
        "hcv",
        "screen; active HCV excluded from trials; no explicit rule",
        ("E16", "E17"),
        ("eu.not_covered.hcv",),
    ),
    FactCell("hiv", "no statement found", (), ("eu.not_covered.hiv",)),
    FactCell(
        "biologic_or_jak",
        "not recommended (additive immunosuppression)",
        ("E6",),
        ("eu.nr.biologic_dmard",),
    ),
    FactCell(
        "azathioprine_ciclosporin",
        "caution (limited data); exact RA wording unverified",
        ("E6",),
        ("eu.not_covered.potent_immunosuppressant",),
        unverified=True,
    ),
    FactCell(
        "infection_during_treatment",
        "interrupt if not responding to standard therapy; resume when resolved",
        ("E6",),
        ("eu.advice.infection_during_treatment",),
    ),
    FactCell("herpes_zoster", "interrupt until the episode resolves", ("E6", "E17")),
    FactCell(
        "vte",
        "caution (VTE risk factors besides CV/cancer); 2 mg; stop if DVT/PE signs",
        ("E1", "E3", "E6"),
        ("eu.caution.vte", "eu.dose.vte_risk"),
    ),
    FactCell(
        "malignancy",
        'only if no suitable alternative ("current or history of malignancy")',
        ("E1", "E6"),
        ("eu.caution.malignancy_no_alternative",),
    ),
    FactCell(
        "high_risk_groups",
        "only if no suitable alternative",
        ("E1",),
        ("eu.caution.age_65_no_alternative", "eu.caution.cardiovascular_no_alternative"),
    ),
    FactCell(
        "live_vaccines",
        "not during or just before treatment",
        ("E6", "E3"),
        ("eu.advice.live_vaccines",),
    ),
    FactCell("pregnancy", "contraindicated", ("E3", "E6"), ("eu.ci.pregnancy",)),
    FactCell("breastfeeding", "should not be used", ("E3", "E6"), ("eu.nr.breastfeeding",)),
    FactCell(
        "contraception",
        "women: during and ≥ 1 week after",
        ("E3", "E6"),
        ("eu.advice.contraception", "eu.not_covered.planning_conception"),
    ),
    FactCell(
        "sle",
        "not indicated; phase 3 programme discontinued",
        ("S1", "S3"),
        ("eu.ni.sle",),
    ),
)

EU_SMPC = Profile(
    id="eu_smpc",
    name="EU SmPC (2023 and later), adult rheumatoid arthritis",
    short_name=LABEL,
    citation_kind="label",
    sources={**EU_SOURCES, **STUDY_SOURCES, FACTS_TABLE_ID: FACTS_TABLE_CITATION},
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
        "60 mL/min, no strong OAT3 inhibitor, no higher VTE, MACE or cancer risk recorded, "
        "no chronic or recurrent infections, not tapering)."
    ),
    renal_unknown_reason="No dose yet: creatinine clearance is needed before dosing.",
    no_stack_note="The reasons do not stack: the compiled EU SmPC facts give no dose below 2 mg.",
    nothing_applies="No restriction or caution of the EU SmPC (as compiled) applies.",
)
