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


@dataclass(frozen=True, kw_only=True)  # keyword arguments only: a rule reads as its fields
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
    inputs: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Read once: every finding of every assess() call lists the inputs that fired it.
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
        id="ci.active_serious_infection",
        category=Category.contraindication,
        when=flag("active_serious_infection", "severe active infection"),
        text="A severe active infection is an absolute contraindication.",
        outcome="contraindicated",
        passages=("contraindications.infection",),
    ),
    Rule(
        id="ci.active_tb",
        category=Category.contraindication,
        when=flag("active_tb", "active tuberculosis"),
        text="Active tuberculosis is an absolute contraindication (severe active infections "
        "include TB).",
        outcome="contraindicated",
        passages=("contraindications.infection",),
    ),
    Rule(
        id="ci.active_opportunistic_infection",
        category=Category.contraindication,
        when=flag("active_opportunistic_infection", "active opportunistic infection"),
        text="An active opportunistic infection is an absolute contraindication.",
        outcome="contraindicated",
        passages=("contraindications.infection",),
    ),
    Rule(
        id="ci.child_pugh_c",
        category=Category.contraindication,
        when=Equals("child_pugh", ("C",), "Child-Pugh class C"),
        text="Severe hepatic disease (Child-Pugh C): baricitinib should not be used.",
        outcome="contraindicated",
        passages=("contraindications.hepatic", "dosing.hepatic"),
    ),
    Rule(
        id="ci.crcl_below_30",
        category=Category.contraindication,
        when=Compare("crcl", "<", 30, "CrCl below 30 mL/min"),
        text="CrCl {crcl:g} mL/min is below 30 mL/min: severe renal disease is an absolute "
        "contraindication (dosing: not recommended).",
        outcome="contraindicated",
        passages=("contraindications.renal", "dosing.renal_below_30"),
    ),
    Rule(
        id="ci.pregnancy",
        category=Category.contraindication,
        when=flag("pregnant", "pregnant"),
        text="Pregnancy is an absolute contraindication.",
        outcome="contraindicated",
        passages=("contraindications.pregnancy_lactation",),
    ),
    Rule(
        id="ci.breastfeeding",
        category=Category.contraindication,
        when=flag("breastfeeding", "breastfeeding"),
        text="Lactation (breastfeeding) is an absolute contraindication.",
        outcome="contraindicated",
        passages=("contraindications.pregnancy_lactation",),
    ),
)

NOT_RECOMMENDED: tuple[Rule, ...] = (
    Rule(
        id="nr.biologic_dmard",
        category=Category.not_recommended,
        when=flag("biologic_dmard", "combined with a biological DMARD"),
        text="Not recommended in combination with a biological DMARD.",
        outcome="not recommended",
        passages=("adverse.combination",),
    ),
    Rule(
        id="nr.potent_immunosuppressant",
        category=Category.not_recommended,
        when=flag("potent_immunosuppressant", "combined with a potent immunosuppressant"),
        text="Not recommended in combination with a potent immunosuppressant.",
        outcome="not recommended",
        passages=("adverse.combination",),
    ),
    Rule(
        id="nr.hbsag_without_prophylaxis",
        category=Category.not_recommended,
        when=HBSAG & ~PROPHYLAXIS,
        text="HBsAg positive without antiviral prophylaxis: avoid baricitinib (or use it only with "
        "antiviral prophylaxis).",
        outcome="not recommended",
        passages=("hbv.hbsag_positive",),
    ),
    Rule(
        id="nr.inadequate_response",
        category=Category.not_recommended,
        when=INADEQUATE_RESPONSE,
        text="No adequate response after 3-6 months of treatment: discontinue.",
        outcome="discontinue",
        passages=("algorithm.step7",),
    ),
    Rule(
        id="nr.serious_adverse_event",
        category=Category.not_recommended,
        when=SERIOUS_ADVERSE_EVENT,
        text="A serious adverse event occurred: discontinue.",
        outcome="discontinue",
        passages=("algorithm.step7",),
    ),
)

NOT_INDICATED: tuple[Rule, ...] = (
    Rule(
        id="ni.no_failed_dmard",
        category=Category.not_indicated,
        when=~flag("failed_csdmard", "failed a csDMARD")
        & ~flag("failed_bdmard", "failed a bDMARD"),
        text="Algorithm step 1 is not met: the patient has not failed a conventional synthetic "
        "DMARD or a biological therapy.",
        outcome="not indicated yet",
        passages=("algorithm.step1", "summary.recommendation"),
    ),
)

CAUTIONS: tuple[Rule, ...] = (
    Rule(
        id="caution.age_over_65",
        category=Category.caution,
        when=Compare("age_years", ">", 65, "age over 65 (66 and up)"),
        text="Age {age_years} is over 65: higher risk of serious infections.",
        outcome="use with caution",
        passages=("cautions.age_over_65", "adverse.infections"),
    ),
    Rule(
        id="caution.recurrent_infections",
        category=Category.caution,
        when=flag("recurrent_infections", "history of recurrent infections"),
        text="History of recurrent infections: use with caution.",
        outcome="use with caution",
        passages=("cautions.recurrent_infections",),
    ),
    Rule(
        id="caution.malignancy_history",
        category=Category.caution,
        when=flag("malignancy_history", "history of malignancy"),
        text="History of malignancy: use with caution.",
        outcome="use with caution",
        passages=("cautions.malignancy",),
    ),
    Rule(
        id="caution.cardiovascular_risk",
        category=Category.caution,
        when=flag("cardiovascular_risk_factors", "cardiovascular risk factors"),
        text="Cardiovascular risk factors: use with caution.",
        outcome="use with caution",
        passages=("cautions.cardiovascular",),
    ),
    Rule(
        id="caution.vte_history",
        category=Category.caution,
        when=flag("vte_history", "history of VTE"),
        text="History of venous thromboembolism: use with caution (VTE risk is increased, "
        "particularly with higher doses). The article also advises caution with risk factors "
        "for thromboembolism in general without listing them; this app reads only a past VTE.",
        outcome="use with caution",
        passages=("cautions.vte", "adverse.vte", "summary.recommendation"),
    ),
    Rule(
        id="caution.tb_history",
        category=Category.caution,
        when=flag("tb_history_or_exposure", "TB history or exposure"),
        text="History of TB or TB exposure: a screening focus; TB screening as per national "
        "guidelines.",
        outcome="use with caution",
        passages=("screening.history", "screening.labs"),
    ),
    Rule(
        id="caution.anti_hbc_positive",
        category=Category.caution,
        when=flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG,
        text="HBcAb positive / HBsAg negative: monitor for HBV reactivation.",
        outcome="use with caution",
        passages=("hbv.anti_hbc_positive",),
    ),
    Rule(
        id="caution.hbsag_with_prophylaxis",
        category=Category.caution,
        when=HBSAG & PROPHYLAXIS,
        text="HBsAg positive: use only with antiviral prophylaxis (in place or planned).",
        outcome="use with caution",
        passages=("hbv.hbsag_positive",),
    ),
    Rule(
        id="caution.planning_conception",
        category=Category.caution,
        when=flag("planning_conception", "planning a conception"),
        text="Conception planned: discontinue baricitinib at least 4 weeks before the planned "
        "conception.",
        outcome="use with caution",
        passages=("pregnancy.stop_before_conception",),
    ),
    Rule(
        id="caution.investigational_indication",
        category=Category.caution,
        when=Equals("indication", INVESTIGATIONAL, "indication is one under investigation"),
        text="{indication_words} is listed by the article as an indication under investigation, "
        "not an approved one (approved: rheumatoid arthritis).",
        outcome="use with caution",
        passages=("mechanism.investigational", "mechanism.approved_ra"),
    ),
    Rule(
        id="caution.unlisted_indication",
        category=Category.caution,
        when=Equals("indication", ("other",), "indication not named by the article"),
        text="The indication is not one the article names (approved: rheumatoid arthritis; others "
        "only under investigation).",
        outcome="use with caution",
        passages=("mechanism.approved_ra", "mechanism.investigational"),
    ),
)

DOSE_RULES: tuple[Rule, ...] = (
    Rule(
        id="dose.age_over_70",
        category=Category.dose,
        when=AGE_OVER_70,
        text="Age {age_years} is over 70: reduce to 2 mg daily.",
        outcome="2 mg once daily",
        passages=("dosing.age_over_70",),
    ),
    Rule(
        id="dose.crcl_30_60",
        category=Category.dose,
        when=CRCL_30_TO_60,
        text="CrCl {crcl:g} mL/min is within 30-60 mL/min: use 2 mg daily.",
        outcome="2 mg once daily",
        passages=("dosing.renal_30_60",),
    ),
    Rule(
        id="dose.oat3",
        category=Category.dose,
        when=OAT3,
        text="A strong OAT3 inhibitor (such as probenecid) is taken: reduce the dose (to 2 mg).",
        outcome="2 mg once daily",
        passages=("dosing.oat3",),
    ),
)

ADVICE: tuple[Rule, ...] = (
    Rule(
        id="advice.renal_function_needed",
        category=Category.advice,
        when=~CRCL_KNOWN,
        text="Renal function is unknown: a creatinine clearance (or serum creatinine) is needed "
        "before a dose can be chosen.",
        outcome="no dose",
        passages=("algorithm.step4", "screening.labs"),
    ),
    Rule(
        id="advice.glucocorticoid",
        category=Category.advice,
        when=flag("glucocorticoid", "takes a concomitant glucocorticoid"),
        text="Risk of infectious events can be reduced by eliminating concomitant glucocorticoid "
        "use.",
        outcome="advice",
        passages=("practical.glucocorticoid",),
    ),
    Rule(
        id="advice.sustained_remission",
        category=Category.advice,
        when=flag("sustained_remission", "in sustained remission"),
        text="Sustained remission: consider dose reduction.",
        outcome="advice",
        passages=("practical.remission_dose_reduction", "algorithm.step6"),
    ),
    Rule(
        id="advice.contraception",
        category=Category.advice,
        when=~flag("pregnant", "pregnant"),
        text="Contraception is advised for both female and male patients.",
        outcome="advice",
        passages=("pregnancy.contraception",),
    ),
    Rule(
        id="advice.herpes_zoster",
        category=Category.advice,
        when=SCREENED_FOR_A_START,
        text="Herpes zoster: the article lists it among the infections on baricitinib, with a "
        "higher risk than with biological DMARDs. Before starting it asks for the vaccination "
        "status to be assessed and updated; it does not say which vaccines.",
        outcome="advice",
        passages=("adverse.infections", "screening.vaccination"),
    ),
    Rule(
        id="advice.male_fertility",
        category=Category.advice,
        when=Equals("sex", ("male",), "male")
        & flag("planning_conception", "planning a conception"),
        text="Male patient planning a conception: filgotinib (another JAK inhibitor) affected "
        "spermatogenesis in animal studies; the article says similar concerns may apply.",
        outcome="advice",
        passages=("pregnancy.spermatogenesis", "pregnancy.stop_before_conception"),
    ),
)

SOURCE_SILENT: tuple[Rule, ...] = (
    Rule(
        id="silent.dose_below_2mg",
        category=Category.source_silent,
        when=AtLeast(2, DOSE_REDUCERS, "two or more dose reductions apply")
        | (flag("sustained_remission", "in sustained remission") & AnyOf(DOSE_REDUCERS)),
        text="More than one reason to reduce the dose (or remission on 2 mg): the source is silent "
        "on any dose below 2 mg, so the app keeps 2 mg: the reductions do not stack. Unlike "
        "the other source-silent notes, this one is about the dose (it changes no verdict).",
        outcome="dose stays 2 mg",
        passages=("dosing.standard", "dosing.age_over_70", "dosing.renal_30_60", "dosing.oat3"),
    ),
    Rule(
        id="silent.hcv",
        category=Category.source_silent,
        when=flag("hcv_positive", "hepatitis C antibody positive"),
        text="Hepatitis C antibody positive: the article lists HCV screening but the source is "
        "silent on what a positive result means for baricitinib.",
        outcome="no rule",
        passages=("screening.labs",),
    ),
    Rule(
        id="silent.hiv",
        category=Category.source_silent,
        when=flag("hiv_positive", "HIV positive"),
        text="HIV positive: the article lists HIV testing in high-risk populations but the source "
        "is silent on what a positive result means for baricitinib.",
        outcome="no rule",
        passages=("screening.labs",),
    ),
    Rule(
        id="silent.latent_tb",
        category=Category.source_silent,
        when=flag("tb_history_or_exposure", "TB history or exposure"),
        text="Latent TB: the article says 'TB screening as per national guidelines'; the source is "
        "silent on how to manage latent TB.",
        outcome="no rule",
        passages=("screening.labs", "screening.history"),
    ),
    Rule(
        id="silent.hbv_monitoring_frequency",
        category=Category.source_silent,
        when=flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG,
        text="HBV reactivation monitoring: the source is silent on how often and with which test.",
        outcome="no rule",
        passages=("hbv.anti_hbc_positive",),
    ),
    Rule(
        id="silent.paediatric",
        category=Category.source_silent,
        when=Equals(
            "indication", ("juvenile_idiopathic_arthritis",), "juvenile idiopathic arthritis"
        ),
        text="Juvenile idiopathic arthritis is only listed as under investigation; the source is "
        "silent on patients under 18 and gives no paediatric dose (this app accepts 18-120 years).",
        outcome="no rule",
        passages=("mechanism.investigational",),
    ),
    Rule(
        id="silent.child_pugh_a_b",
        category=Category.source_silent,
        when=Equals("child_pugh", ("A", "B"), "Child-Pugh class A or B"),
        text="Child-Pugh {child_pugh}: the article only rules on severe hepatic disease "
        "(Child-Pugh C); the source is silent on mild or moderate hepatic impairment.",
        outcome="no rule",
        passages=("dosing.hepatic", "contraindications.hepatic"),
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
        id="screening.baseline",
        category=Category.screening,
        when=SCREENED_FOR_A_START,
        text="Before starting: history and examination, laboratory tests and vaccination status "
        "(see the screening checklist).",
        outcome="screen first",
        passages=(
            "screening.history",
            "screening.labs",
            "screening.vaccination",
            "algorithm.step2",
            "algorithm.step3",
        ),
    ),
    Rule(
        id="monitoring.schedule",
        category=Category.monitoring,
        when=CAN_START,
        text="Monitor blood counts and liver transaminases at 1 and 3 months, then every 3 months; "
        "lipids at month 3; skin examination yearly.",
        outcome="monitor",
        passages=(
            "monitoring.blood_liver",
            "monitoring.lipids",
            "monitoring.skin",
            "algorithm.step5",
        ),
    ),
    Rule(
        id="monitoring.crp_esr",
        category=Category.monitoring,
        when=CAN_START,
        text="When evaluating response, baricitinib lowers CRP and ESR directly, independently of "
        "disease activity.",
        outcome="monitor",
        passages=("practical.crp_esr",),
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
