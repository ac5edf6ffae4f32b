"""The rule table of the article's profile: every rule is one entry of data.

Each rule has a stable id, a category, a condition (core.conditions, readable in plain words),
a plain-language text (a template that may quote the scenario's values), the outcome in words,
and the ids of the source passages it rests on. Adding a rule = one entry here + one test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from core.conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    Check,
    Compare,
    Condition,
    Equals,
    IsTrue,
    Known,
    Not,
)


class Category(StrEnum):
    """Finding categories, most severe first (the first five decide the verdict).

    ``not_covered`` is only a label profile's: an input the compiled label facts hold no rule
    for (or only an unverified one), so the profile cannot answer "recommended" for it.
    """

    contraindication = "contraindication"
    not_recommended = "not_recommended"
    not_indicated = "not_indicated"
    not_covered = "not_covered"
    caution = "caution"
    dose = "dose"
    advice = "advice"
    source_silent = "source_silent"
    screening = "screening"
    monitoring = "monitoring"


class Verdict(StrEnum):
    """The assessment's overall answer, most severe first (the contract's order).

    ``not_covered`` (a label profile only; the article never gives it) sits between
    ``not_indicated`` and ``use_with_caution``: a label's ban still wins, but an input the label
    facts do not cover outranks a caution, since the label's answer for it is unknown.
    """

    contraindicated = "contraindicated"
    not_recommended = "not_recommended"
    not_indicated = "not_indicated"
    not_covered = "not_covered"
    use_with_caution = "use_with_caution"
    recommended = "recommended"


VERDICT_ORDER: tuple[Verdict, ...] = tuple(Verdict)
VERDICT_OF_CATEGORY: dict[Category, Verdict] = {
    Category.contraindication: Verdict.contraindicated,
    Category.not_recommended: Verdict.not_recommended,
    Category.not_indicated: Verdict.not_indicated,
    Category.not_covered: Verdict.not_covered,
    Category.caution: Verdict.use_with_caution,
}
# The verdicts the article's own rule table can give (the contract's five); not_covered is a
# label profile's only (quiz choices, the article's tables).
ARTICLE_VERDICTS: tuple[Verdict, ...] = tuple(v for v in Verdict if v is not Verdict.not_covered)
VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.contraindicated: "Contraindicated",
    Verdict.not_recommended: "Not recommended",
    Verdict.not_indicated: "Not indicated (yet)",
    Verdict.not_covered: "Not covered by the label facts",
    Verdict.use_with_caution: "Use with caution",
    Verdict.recommended: "Recommended",
}
CATEGORY_LABELS: dict[Category, str] = {
    Category.contraindication: "Absolute contraindications",
    Category.not_recommended: "Not recommended",
    Category.not_indicated: "Not indicated",
    Category.not_covered: "The compiled label facts do not cover this",
    Category.caution: "Use with caution",
    Category.dose: "Dose adjustments",
    Category.advice: "Advice",
    Category.source_silent: "The source is silent on this",
    Category.screening: "Screening",
    Category.monitoring: "Monitoring",
}

# What a note (a finding that decides no verdict) does to the answer: the rule book's words.
NOTE_EFFECTS: dict[Category, str] = {
    Category.advice: "Advice changes no verdict and no dose: it is what the article advises "
    "alongside.",
    Category.source_silent: "A note that the source is silent changes no verdict, and all but "
    "one change no dose. The exception is itself a dosing statement: when two or more reasons "
    "to reduce the dose meet (or a patient in remission is already on 2 mg), the article names "
    "no dose below 2 mg, so the app keeps 2 mg: the reductions do not stack.",
}

STANDARD_DOSE_MG = 4
REDUCED_DOSE_MG = 2


@dataclass(frozen=True)
class Rule:
    """One rule of the table. ``text`` is a str.format template over the scenario's values.

    ``passages`` cite the article (content/source/passages.yaml); a label profile's rule cites
    label sources instead (``sources``: ids such as "E3" or "U5", see core.profiles).
    """

    id: str
    category: Category
    when: Condition
    text: str
    outcome: str
    passages: tuple[str, ...]
    sources: tuple[str, ...] = ()
    check: Check = field(init=False, repr=False, compare=False)
    inputs: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled once: assess() runs on every slider move and must stay in microseconds.
        object.__setattr__(self, "check", self.when.compile())
        object.__setattr__(self, "inputs", self.when.fields())


def flag(name: str, words: str) -> IsTrue:
    """Shorthand for a yes/no field condition."""
    return IsTrue(name, words)


# Conditions reused by several rules: named once here.
CRCL_KNOWN = Known("crcl", "renal function known")
AGE_OVER_70 = Compare("age_years", ">", 70, "age over 70 (71 and up)")
CRCL_30_TO_60 = AllOf(
    (
        Compare("crcl", ">=", 30, "CrCl at least 30 mL/min"),
        Compare("crcl", "<=", 60, "CrCl at most 60 mL/min"),
    )
)
OAT3 = flag("oat3_inhibitor", "takes a strong OAT3 inhibitor")
DOSE_REDUCERS: tuple[Condition, ...] = (AGE_OVER_70, CRCL_30_TO_60, OAT3)
HBSAG = flag("hbsag_positive", "HBsAg positive")
PROPHYLAXIS = flag("antiviral_prophylaxis", "HBV antiviral prophylaxis")
INADEQUATE_RESPONSE = flag(
    "inadequate_response_3_to_6_months", "no adequate response after 3-6 months"
)
SERIOUS_ADVERSE_EVENT = flag("serious_adverse_event", "serious adverse event on baricitinib")
# Screening is for a start; a patient being taken off treatment needs none.
SCREENED_FOR_A_START = ~(INADEQUATE_RESPONSE | SERIOUS_ADVERSE_EVENT)
INVESTIGATIONAL = (
    "psoriatic_arthritis",
    "atopic_dermatitis",
    "systemic_lupus_erythematosus",
    "juvenile_idiopathic_arthritis",
)

CONTRAINDICATIONS: tuple[Rule, ...] = (
    Rule(
        "ci.active_serious_infection",
        Category.contraindication,
        flag("active_serious_infection", "severe active infection"),
        "A severe active infection is an absolute contraindication.",
        "contraindicated",
        ("contraindications.infection",),
    ),
    Rule(
        "ci.active_tb",
        Category.contraindication,
        flag("active_tb", "active tuberculosis"),
        "Active tuberculosis is an absolute contraindication (severe active infections "
        "include TB).",
        "contraindicated",
        ("contraindications.infection",),
    ),
    Rule(
        "ci.active_opportunistic_infection",
        Category.contraindication,
        flag("active_opportunistic_infection", "active opportunistic infection"),
        "An active opportunistic infection is an absolute contraindication.",
        "contraindicated",
        ("contraindications.infection",),
    ),
    Rule(
        "ci.child_pugh_c",
        Category.contraindication,
        Equals("child_pugh", ("C",), "Child-Pugh class C"),
        "Severe hepatic disease (Child-Pugh C): baricitinib should not be used.",
        "contraindicated",
        ("contraindications.hepatic", "dosing.hepatic"),
    ),
    Rule(
        "ci.crcl_below_30",
        Category.contraindication,
        Compare("crcl", "<", 30, "CrCl below 30 mL/min"),
        "CrCl {crcl:g} mL/min is below 30 mL/min: severe renal disease is an absolute "
        "contraindication (dosing: not recommended).",
        "contraindicated",
        ("contraindications.renal", "dosing.renal_below_30"),
    ),
    Rule(
        "ci.pregnancy",
        Category.contraindication,
        flag("pregnant", "pregnant"),
        "Pregnancy is an absolute contraindication.",
        "contraindicated",
        ("contraindications.pregnancy_lactation",),
    ),
    Rule(
        "ci.breastfeeding",
        Category.contraindication,
        flag("breastfeeding", "breastfeeding"),
        "Lactation (breastfeeding) is an absolute contraindication.",
        "contraindicated",
        ("contraindications.pregnancy_lactation",),
    ),
)

NOT_RECOMMENDED: tuple[Rule, ...] = (
    Rule(
        "nr.biologic_dmard",
        Category.not_recommended,
        flag("biologic_dmard", "combined with a biological DMARD"),
        "Not recommended in combination with a biological DMARD.",
        "not recommended",
        ("adverse.combination",),
    ),
    Rule(
        "nr.potent_immunosuppressant",
        Category.not_recommended,
        flag("potent_immunosuppressant", "combined with a potent immunosuppressant"),
        "Not recommended in combination with a potent immunosuppressant.",
        "not recommended",
        ("adverse.combination",),
    ),
    Rule(
        "nr.hbsag_without_prophylaxis",
        Category.not_recommended,
        HBSAG & ~PROPHYLAXIS,
        "HBsAg positive without antiviral prophylaxis: avoid baricitinib (or use it only with "
        "antiviral prophylaxis).",
        "not recommended",
        ("hbv.hbsag_positive",),
    ),
    Rule(
        "nr.inadequate_response",
        Category.not_recommended,
        INADEQUATE_RESPONSE,
        "No adequate response after 3-6 months of treatment: discontinue.",
        "discontinue",
        ("algorithm.step7",),
    ),
    Rule(
        "nr.serious_adverse_event",
        Category.not_recommended,
        SERIOUS_ADVERSE_EVENT,
        "A serious adverse event occurred: discontinue.",
        "discontinue",
        ("algorithm.step7",),
    ),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        "ni.no_failed_dmard",
        Category.not_indicated,
        ~flag("failed_csdmard", "failed a csDMARD") & ~flag("failed_bdmard", "failed a bDMARD"),
        "Algorithm step 1 is not met: the patient has not failed a conventional synthetic DMARD "
        "or a biological therapy.",
        "not indicated yet",
        ("algorithm.step1", "summary.recommendation"),
    ),
)

CAUTIONS: tuple[Rule, ...] = (
    Rule(
        "caution.age_over_65",
        Category.caution,
        Compare("age_years", ">", 65, "age over 65 (66 and up)"),
        "Age {age_years} is over 65: higher risk of serious infections.",
        "use with caution",
        ("cautions.age_over_65", "adverse.infections"),
    ),
    Rule(
        "caution.recurrent_infections",
        Category.caution,
        flag("recurrent_infections", "history of recurrent infections"),
        "History of recurrent infections: use with caution.",
        "use with caution",
        ("cautions.recurrent_infections",),
    ),
    Rule(
        "caution.malignancy_history",
        Category.caution,
        flag("malignancy_history", "history of malignancy"),
        "History of malignancy: use with caution.",
        "use with caution",
        ("cautions.malignancy",),
    ),
    Rule(
        "caution.cardiovascular_risk",
        Category.caution,
        flag("cardiovascular_risk_factors", "cardiovascular risk factors"),
        "Cardiovascular risk factors: use with caution.",
        "use with caution",
        ("cautions.cardiovascular",),
    ),
    Rule(
        "caution.vte_history",
        Category.caution,
        flag("vte_history", "history of VTE"),
        "History of venous thromboembolism: use with caution (VTE risk is increased, "
        "particularly with higher doses). The article also advises caution with risk factors "
        "for thromboembolism in general without listing them; this app reads only a past VTE.",
        "use with caution",
        ("cautions.vte", "adverse.vte", "summary.recommendation"),
    ),
    Rule(
        "caution.tb_history",
        Category.caution,
        flag("tb_history_or_exposure", "TB history or exposure"),
        "History of TB or TB exposure: a screening focus; TB screening as per national guidelines.",
        "use with caution",
        ("screening.history", "screening.labs"),
    ),
    Rule(
        "caution.anti_hbc_positive",
        Category.caution,
        flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG,
        "HBcAb positive / HBsAg negative: monitor for HBV reactivation.",
        "use with caution",
        ("hbv.anti_hbc_positive",),
    ),
    Rule(
        "caution.hbsag_with_prophylaxis",
        Category.caution,
        HBSAG & PROPHYLAXIS,
        "HBsAg positive: use only with antiviral prophylaxis (in place or planned).",
        "use with caution",
        ("hbv.hbsag_positive",),
    ),
    Rule(
        "caution.planning_conception",
        Category.caution,
        flag("planning_conception", "planning a conception"),
        "Conception planned: discontinue baricitinib at least 4 weeks before the planned "
        "conception.",
        "use with caution",
        ("pregnancy.stop_before_conception",),
    ),
    Rule(
        "caution.investigational_indication",
        Category.caution,
        Equals("indication", INVESTIGATIONAL, "indication is one under investigation"),
        "{indication_words} is listed by the article as an indication under investigation, not "
        "an approved one (approved: rheumatoid arthritis).",
        "use with caution",
        ("mechanism.investigational", "mechanism.approved_ra"),
    ),
    Rule(
        "caution.unlisted_indication",
        Category.caution,
        Equals("indication", ("other",), "indication not named by the article"),
        "The indication is not one the article names (approved: rheumatoid arthritis; others "
        "only under investigation).",
        "use with caution",
        ("mechanism.approved_ra", "mechanism.investigational"),
    ),
)

DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        "dose.age_over_70",
        Category.dose,
        AGE_OVER_70,
        "Age {age_years} is over 70: reduce to 2 mg daily.",
        "2 mg once daily",
        ("dosing.age_over_70",),
    ),
    Rule(
        "dose.crcl_30_60",
        Category.dose,
        CRCL_30_TO_60,
        "CrCl {crcl:g} mL/min is within 30-60 mL/min: use 2 mg daily.",
        "2 mg once daily",
        ("dosing.renal_30_60",),
    ),
    Rule(
        "dose.oat3",
        Category.dose,
        OAT3,
        "A strong OAT3 inhibitor (such as probenecid) is taken: reduce the dose (to 2 mg).",
        "2 mg once daily",
        ("dosing.oat3",),
    ),
)

ADVICE: tuple[Rule, ...] = (
    Rule(
        "advice.renal_function_needed",
        Category.advice,
        ~CRCL_KNOWN,
        "Renal function is unknown: a creatinine clearance (or serum creatinine) is needed "
        "before a dose can be chosen.",
        "dose not given",
        ("algorithm.step4", "screening.labs"),
    ),
    Rule(
        "advice.glucocorticoid",
        Category.advice,
        flag("glucocorticoid", "takes a concomitant glucocorticoid"),
        "Risk of infectious events can be reduced by eliminating concomitant glucocorticoid use.",
        "advice",
        ("practical.glucocorticoid",),
    ),
    Rule(
        "advice.sustained_remission",
        Category.advice,
        flag("sustained_remission", "in sustained remission"),
        "Sustained remission: consider dose reduction.",
        "advice",
        ("practical.remission_dose_reduction", "algorithm.step6"),
    ),
    Rule(
        "advice.contraception",
        Category.advice,
        ~flag("pregnant", "pregnant"),
        "Contraception is advised for both female and male patients.",
        "advice",
        ("pregnancy.contraception",),
    ),
    Rule(
        "advice.herpes_zoster",
        Category.advice,
        SCREENED_FOR_A_START,
        "Herpes zoster: the article lists it among the infections on baricitinib, with a higher "
        "risk than with biological DMARDs. Before starting it asks for the vaccination status "
        "to be assessed and updated; it does not say which vaccines.",
        "advice",
        ("adverse.infections", "screening.vaccination"),
    ),
    Rule(
        "advice.male_fertility",
        Category.advice,
        Equals("sex", ("male",), "male") & flag("planning_conception", "planning a conception"),
        "Male patient planning a conception: filgotinib (another JAK inhibitor) affected "
        "spermatogenesis in animal studies; the article says similar concerns may apply.",
        "advice",
        ("pregnancy.spermatogenesis", "pregnancy.stop_before_conception"),
    ),
)

SOURCE_SILENT: tuple[Rule, ...] = (
    Rule(
        "silent.dose_below_2mg",
        Category.source_silent,
        AtLeast(2, DOSE_REDUCERS, "two or more dose reductions apply")
        | (flag("sustained_remission", "in sustained remission") & AnyOf(DOSE_REDUCERS)),
        "More than one reason to reduce the dose (or remission on 2 mg): the source is silent "
        "on any dose below 2 mg, so the app keeps 2 mg: the reductions do not stack. Unlike "
        "the other source-silent notes, this one is about the dose (it changes no verdict).",
        "dose stays 2 mg",
        ("dosing.standard", "dosing.age_over_70", "dosing.renal_30_60", "dosing.oat3"),
    ),
    Rule(
        "silent.hcv",
        Category.source_silent,
        flag("hcv_positive", "hepatitis C antibody positive"),
        "Hepatitis C antibody positive: the article lists HCV screening but the source is silent "
        "on what a positive result means for baricitinib.",
        "no rule",
        ("screening.labs",),
    ),
    Rule(
        "silent.hiv",
        Category.source_silent,
        flag("hiv_positive", "HIV positive"),
        "HIV positive: the article lists HIV testing in high-risk populations but the source is "
        "silent on what a positive result means for baricitinib.",
        "no rule",
        ("screening.labs",),
    ),
    Rule(
        "silent.latent_tb",
        Category.source_silent,
        flag("tb_history_or_exposure", "TB history or exposure"),
        "Latent TB: the article says 'TB screening as per national guidelines'; the source is "
        "silent on how to manage latent TB.",
        "no rule",
        ("screening.labs", "screening.history"),
    ),
    Rule(
        "silent.hbv_monitoring_frequency",
        Category.source_silent,
        flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG,
        "HBV reactivation monitoring: the source is silent on how often and with which test.",
        "no rule",
        ("hbv.anti_hbc_positive",),
    ),
    Rule(
        "silent.paediatric",
        Category.source_silent,
        Equals("indication", ("juvenile_idiopathic_arthritis",), "juvenile idiopathic arthritis"),
        "Juvenile idiopathic arthritis is only listed as under investigation; the source is "
        "silent on patients under 18 and gives no paediatric dose (this app accepts 18-120 years).",
        "no rule",
        ("mechanism.investigational",),
    ),
    Rule(
        "silent.child_pugh_a_b",
        Category.source_silent,
        Equals("child_pugh", ("A", "B"), "Child-Pugh class A or B"),
        "Child-Pugh {child_pugh}: the article only rules on severe hepatic disease (Child-Pugh C); "
        "the source is silent on mild or moderate hepatic impairment.",
        "no rule",
        ("dosing.hepatic", "contraindications.hepatic"),
    ),
)

BLOCKING_CATEGORIES = frozenset(
    {
        Category.contraindication,
        Category.not_recommended,
        Category.not_indicated,
        Category.not_covered,
    }
)


def can_start(rules: tuple[Rule, ...]) -> Condition:
    """None of the rules that stop a start (verdict not recommended or worse) applies."""
    return Not(AnyOf(tuple(rule.when for rule in rules if rule.category in BLOCKING_CATEGORIES)))


# Rules that stop a start (verdict not recommended or worse): screening goes on, monitoring not.
CAN_START = can_start(CONTRAINDICATIONS + NOT_RECOMMENDED + NOT_INDICATED)

SCREENING_AND_MONITORING: tuple[Rule, ...] = (
    Rule(
        "screening.baseline",
        Category.screening,
        SCREENED_FOR_A_START,
        "Before starting: history and examination, laboratory tests and vaccination status "
        "(see the screening checklist).",
        "screen first",
        (
            "screening.history",
            "screening.labs",
            "screening.vaccination",
            "algorithm.step2",
            "algorithm.step3",
        ),
    ),
    Rule(
        "monitoring.schedule",
        Category.monitoring,
        CAN_START,
        "Monitor blood counts and liver transaminases at 1 and 3 months, then every 3 months; "
        "lipids at month 3; skin examination yearly.",
        "monitor",
        ("monitoring.blood_liver", "monitoring.lipids", "monitoring.skin", "algorithm.step5"),
    ),
    Rule(
        "monitoring.crp_esr",
        Category.monitoring,
        CAN_START,
        "When evaluating response, baricitinib lowers CRP and ESR directly, independently of "
        "disease activity.",
        "monitor",
        ("practical.crp_esr",),
    ),
)

RULES: tuple[Rule, ...] = (
    CONTRAINDICATIONS
    + NOT_RECOMMENDED
    + NOT_INDICATED
    + CAUTIONS
    + DOSE_RULES
    + ADVICE
    + SOURCE_SILENT
    + SCREENING_AND_MONITORING
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
