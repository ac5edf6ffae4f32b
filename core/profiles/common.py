"""Pieces both label profiles use: conditions, the blood-count rules, the "facts do not cover
this" findings (safety-relevant inputs the compiled label facts hold no rule for) and the
"facts are silent" notes (inputs the article only advises on)."""

from __future__ import annotations

from core.conditions import Compare, Condition, Equals, Known
from core.profiles.label_sources import FACTS_TABLE_ID
from core.rules import Category, Rule, flag

AGE_65_OR_OVER = Compare("age_years", ">=", 65, "age 65 or over")
EGFR_KNOWN = Known("egfr", "eGFR known")
CARDIOVASCULAR_RISK = flag("cardiovascular_risk_factors", "cardiovascular risk factors")
MALIGNANCY_HISTORY = flag("malignancy_history", "history of malignancy")
PREGNANT = flag("pregnant", "pregnant")
CHILD_PUGH_C = Equals("child_pugh", ("C",), "Child-Pugh class C (severe hepatic impairment)")
SLE = Equals("indication", ("systemic_lupus_erythematosus",), "systemic lupus erythematosus")
NOT_COVERED_INDICATION = Equals(
    "indication",
    ("psoriatic_arthritis", "atopic_dermatitis", "juvenile_idiopathic_arthritis", "other"),
    "indication other than rheumatoid arthritis or SLE",
)


def lab_rules(
    prefix: str, label: str, thresholds: tuple[str, str, str], sources: tuple[str, ...]
) -> tuple[Rule, ...]:
    """The "do not start (or interrupt)" rules on the optional blood counts.

    ``thresholds`` are the label's own words for the lymphocyte, neutrophil and haemoglobin
    limits; the category is ``not_recommended`` (no dose), the wording stays the label's.
    """
    alc, anc, hb = thresholds
    action = f"the {label} says do not start treatment (or interrupt it)."
    return (
        Rule(
            f"{prefix}.nr.lymphocytes_low",
            Category.not_recommended,
            Compare("lymphocytes_10e9_l", "<", 0.5, "lymphocyte count below 0.5 ×10⁹/L"),
            "Lymphocyte count (ALC) {lymphocytes_10e9_l:g} ×10⁹/L is below " + f"{alc}: {action}",
            "do not start",
            (),
            sources,
        ),
        Rule(
            f"{prefix}.nr.neutrophils_low",
            Category.not_recommended,
            Compare("neutrophils_10e9_l", "<", 1, "neutrophil count below 1 ×10⁹/L"),
            "Neutrophil count (ANC) {neutrophils_10e9_l:g} ×10⁹/L is below " + f"{anc}: {action}",
            "do not start",
            (),
            sources,
        ),
        Rule(
            f"{prefix}.nr.haemoglobin_low",
            Category.not_recommended,
            Compare("haemoglobin_g_dl", "<", 8, "haemoglobin below 8 g/dL"),
            "Haemoglobin {haemoglobin_g_dl:g} g/dL is below " + f"{hb}: {action}",
            "do not start",
            (),
            sources,
        ),
    )


ACTIVE_INFECTION = flag("active_serious_infection", "severe active infection") | flag(
    "active_opportunistic_infection", "active opportunistic infection"
)
BIOLOGIC_DMARD = flag("biologic_dmard", "combined with a biological DMARD")
POTENT_IMMUNOSUPPRESSANT = flag(
    "potent_immunosuppressant", "combined with a potent immunosuppressant"
)
TB_HISTORY = flag("tb_history_or_exposure", "TB history or exposure")
RECURRENT_INFECTIONS = flag("recurrent_infections", "history of recurrent infections")
VTE_HISTORY = flag("vte_history", "history of VTE")
HBSAG_POSITIVE = flag("hbsag_positive", "HBsAg positive")
ANTI_HBC_ONLY = flag("anti_hbc_positive", "anti-HBc positive") & ~HBSAG_POSITIVE
HCV_POSITIVE = flag("hcv_positive", "hepatitis C antibody positive")
HIV_POSITIVE = flag("hiv_positive", "HIV positive")
PLANNING_CONCEPTION = flag("planning_conception", "planning a conception")


def not_covered(
    prefix: str,
    label: str,
    suffix: str,
    when: Condition,
    what: str,
    facts_say: str,
    sources: tuple[str, ...] = (),
) -> Rule:
    """A "the facts do not cover this" finding: an input the compiled ``label`` facts hold no
    rule for (or only an unverified one). It keeps the profile from answering "recommended"
    (verdict ``not_covered``, no dose); ``facts_say`` is what the facts do hold on the topic.
    """
    return Rule(
        f"{prefix}.not_covered.{suffix}",
        Category.not_covered,
        when,
        f"{what}: the compiled {label} facts do not cover this ({facts_say}), so this profile "
        "gives no verdict or dose for this patient; check the current label.",
        "not covered",
        (),
        (FACTS_TABLE_ID, *sources),
    )


# Safety-relevant inputs on which neither label's compiled facts hold a row: (id suffix,
# condition, what the scenario says, what the facts hold). The article rules on each of them
# with a verdict (discontinue, not indicated, caution), so a label's silence must not read as
# "recommended".
NOT_COVERED_BY_EITHER: tuple[tuple[str, Condition, str, str], ...] = (
    (
        "hiv",
        HIV_POSITIVE,
        "HIV positive",
        "the facts found no statement on HIV",
    ),
    (
        "inadequate_response",
        flag("inadequate_response_3_to_6_months", "no adequate response after 3-6 months"),
        "No adequate response after 3-6 months",
        "the facts hold no row on stopping for an inadequate response",
    ),
    (
        "serious_adverse_event",
        flag("serious_adverse_event", "serious adverse event on baricitinib"),
        "A serious adverse event on baricitinib",
        "the facts rule only on infections and herpes zoster during treatment",
    ),
    (
        "prior_treatment",
        ~flag("failed_csdmard", "failed a csDMARD") & ~flag("failed_bdmard", "failed a bDMARD"),
        "No failed csDMARD or bDMARD",
        "the facts do not state which prior treatment the label requires",
    ),
    (
        "other_indication",
        NOT_COVERED_INDICATION,
        "{indication_words}",
        "the facts are the adult rheumatoid arthritis rows",
    ),
)


def not_covered_by_either(prefix: str, label: str) -> tuple[Rule, ...]:
    """The "facts do not cover this" findings for every input in NOT_COVERED_BY_EITHER."""
    return tuple(not_covered(prefix, label, *item) for item in NOT_COVERED_BY_EITHER)


# Inputs the article only advises on (or is silent on) that the label facts hold no row for:
# (id suffix, condition, what the scenario says). Each becomes a source-silent note, which
# changes no verdict and no dose.
UNCOVERED: tuple[tuple[str, Condition, str], ...] = (
    (
        "child_pugh_a_b",
        Equals("child_pugh", ("A", "B"), "Child-Pugh class A or B"),
        "Child-Pugh {child_pugh} (the facts rule on severe hepatic impairment only)",
    ),
    (
        "glucocorticoid",
        flag("glucocorticoid", "takes a concomitant glucocorticoid"),
        "Concomitant glucocorticoid",
    ),
)


def silent_note(
    prefix: str, label: str, suffix: str, when: Condition, what: str, sources: tuple[str, ...] = ()
) -> Rule:
    """A source-silent note: the compiled facts of ``label`` hold no rule for ``what``; it
    changes no verdict and no dose."""
    return Rule(
        f"{prefix}.silent.{suffix}",
        Category.source_silent,
        when,
        f"{what}: the compiled {label} facts hold no rule for this, so this profile says nothing "
        "on it; check the current label.",
        "no rule",
        (),
        (FACTS_TABLE_ID, *sources),
    )


def uncovered_notes(prefix: str, label: str) -> tuple[Rule, ...]:
    """The silent notes for every input in UNCOVERED."""
    return tuple(silent_note(prefix, label, *item) for item in UNCOVERED)
