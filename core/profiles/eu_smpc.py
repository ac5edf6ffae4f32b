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
        id="eu.ci.pregnancy",
        category=Category.contraindication,
        when=PREGNANT,
        text="Pregnancy: contraindicated (EU SmPC).",
        outcome="contraindicated",
        passages=(),
        sources=("E3", "E6"),
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
        "not a contraindication (those are only hypersensitivity and pregnancy).",
        outcome="not recommended",
        passages=(),
        sources=("E11", "E3", "E6"),
    ),
    Rule(
        id="eu.nr.active_tb",
        category=Category.not_recommended,
        when=flag("active_tb", "active tuberculosis"),
        text="Active tuberculosis: the EU SmPC says baricitinib should not be given.",
        outcome="should not be given",
        passages=(),
        sources=("E6", "E17"),
    ),
    Rule(
        id="eu.nr.biologic_dmard",
        category=Category.not_recommended,
        when=BIOLOGIC_DMARD,
        text="Combination with a biological DMARD: not recommended in the EU SmPC (additive "
        "immunosuppression).",
        outcome="not recommended",
        passages=(),
        sources=("E6",),
    ),
    Rule(
        id="eu.nr.breastfeeding",
        category=Category.not_recommended,
        when=flag("breastfeeding", "breastfeeding"),
        text="Breast-feeding: the EU SmPC says baricitinib should not be used during "
        "breast-feeding.",
        outcome="should not be used",
        passages=(),
        sources=("E3", "E6"),
    ),
    *lab_rules("eu", LABEL, ("0.5 ×10⁹/L", "1 ×10⁹/L", "8 g/dL"), ("E8",)),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        id="eu.ni.sle",
        category=Category.not_indicated,
        when=SLE,
        text="Systemic lupus erythematosus: not indicated; the phase 3 programme was discontinued.",
        outcome="not indicated",
        passages=(),
        sources=("S1", "S3"),
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
        id="eu.caution.active_infection",
        category=Category.caution,
        when=ACTIVE_INFECTION,
        text="Active serious or opportunistic infection: the compiled EU SmPC facts found no ban; "
        "the EU SmPC cautions use in “active, chronic or recurrent infections”.",
        outcome="caution",
        passages=(),
        sources=("E6",),
    ),
    Rule(
        id="eu.caution.recurrent_infections",
        category=Category.caution,
        when=RECURRENT_INFECTIONS,
        text="Chronic or recurrent infections: caution in the EU SmPC (and 2 mg, see the dose).",
        outcome="caution",
        passages=(),
        sources=("E6", "E3", "E11"),
    ),
    Rule(
        id="eu.caution.latent_tb",
        category=Category.caution,
        when=TB_HISTORY,
        text="TB history or exposure: for latent TB the EU SmPC says to consider anti-TB therapy "
        "before starting.",
        outcome="consider anti-TB therapy first",
        passages=(),
        sources=("E6", "E17"),
    ),
    Rule(
        id="eu.caution.vte",
        category=Category.caution,
        when=VTE_HISTORY,
        text="History of VTE: caution in the EU SmPC (VTE risk factors other than cardiovascular "
        "or cancer risk); 2 mg; stop if signs of DVT or PE appear.",
        outcome="caution",
        passages=(),
        sources=("E1", "E3", "E6"),
    ),
    Rule(
        id="eu.caution.malignancy_no_alternative",
        category=Category.caution,
        when=MALIGNANCY_HISTORY,
        text="History of malignancy (“current or history of malignancy”): " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1", "E6"),
    ),
    Rule(
        id="eu.caution.age_65_no_alternative",
        category=Category.caution,
        when=AGE_65_OR_OVER,
        text="Age {age_years} (65 or over): " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1",),
    ),
    Rule(
        id="eu.caution.cardiovascular_no_alternative",
        category=Category.caution,
        when=CARDIOVASCULAR_RISK,
        text="Cardiovascular risk factors: " + _NO_ALTERNATIVE,
        outcome="only if no suitable alternative",
        passages=(),
        sources=("E1",),
    ),
)

_RECOMMENDED_2MG = "2 mg once daily (EU SmPC)."
DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        id="eu.dose.age_65",
        category=Category.dose,
        when=AGE_65_OR_OVER,
        text="Age {age_years} (65 or over): 2 mg once daily (EU SmPC since 2023: “particularly if "
        "you are over 65”; before 2023, 2 mg was “appropriate” from 75).",
        outcome="2 mg once daily",
        passages=(),
        sources=("E3", "E11"),
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
        sources=("E1", "E3", "E11"),
    ),
    Rule(
        id="eu.dose.mace_risk",
        category=Category.dose,
        when=CARDIOVASCULAR_RISK,
        text="Cardiovascular risk factors (higher MACE risk): " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E1", "E3", "E11"),
    ),
    Rule(
        id="eu.dose.malignancy_risk",
        category=Category.dose,
        when=MALIGNANCY_HISTORY,
        text="History of malignancy (higher cancer risk): " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E1", "E3", "E11"),
    ),
    Rule(
        id="eu.dose.recurrent_infections",
        category=Category.dose,
        when=RECURRENT_INFECTIONS,
        text="History of chronic or recurrent infections: " + _RECOMMENDED_2MG,
        outcome="2 mg once daily",
        passages=(),
        sources=("E1", "E3", "E11"),
    ),
    Rule(
        id="eu.dose.sustained_control",
        category=Category.dose,
        when=SUSTAINED_CONTROL,
        text="Sustained control of disease activity: the EU SmPC lists tapering to 2 mg once "
        "daily.",
        outcome="2 mg once daily",
        passages=(),
        sources=("E1", "E3", "E11"),
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
        id="eu.advice.infection_during_treatment",
        category=Category.advice,
        when=ACTIVE_INFECTION,
        text="An infection during treatment: the EU SmPC says to interrupt baricitinib if it does "
        "not respond to standard therapy, and to resume it once the infection has resolved.",
        outcome="interrupt",
        passages=(),
        sources=("E6",),
    ),
    Rule(
        id="eu.advice.hypersensitivity",
        category=Category.advice,
        when=Always("every patient"),
        text="The EU SmPC's contraindications are hypersensitivity (to baricitinib or an "
        "excipient) and pregnancy; this app has no input for hypersensitivity: check it.",
        outcome="check hypersensitivity",
        passages=(),
        sources=("E3", "E6"),
    ),
    Rule(
        id="eu.advice.contraception",
        category=Category.advice,
        when=Equals("sex", ("female",), "female") & ~PREGNANT,
        text="Women of childbearing potential: effective contraception during treatment and for at "
        "least 1 week after it.",
        outcome="advice",
        passages=(),
        sources=("E3", "E6"),
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

_CAN_START = can_start(CONTRAINDICATIONS + NOT_RECOMMENDED + NOT_INDICATED + NOT_COVERED)
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
        sources=("E8",),
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
        sources=(FACTS_TABLE_ID, "E3", "E11"),
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
