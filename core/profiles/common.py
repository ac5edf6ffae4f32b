"""Pieces both label profiles use: conditions, the blood-count rules and the "facts are silent"
notes (inputs the article rules on but the compiled label facts hold no row for)."""

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
            id=f"{prefix}.nr.lymphocytes_low",
            category=Category.not_recommended,
            when=Compare("lymphocytes_10e9_l", "<", 0.5, "lymphocyte count below 0.5 ×10⁹/L"),
            text="Lymphocyte count (ALC) {lymphocytes_10e9_l:g} ×10⁹/L is below "
            + f"{alc}: {action}",
            outcome="do not start",
            passages=(),
            sources=sources,
        ),
        Rule(
            id=f"{prefix}.nr.neutrophils_low",
            category=Category.not_recommended,
            when=Compare("neutrophils_10e9_l", "<", 1, "neutrophil count below 1 ×10⁹/L"),
            text="Neutrophil count (ANC) {neutrophils_10e9_l:g} ×10⁹/L is below "
            + f"{anc}: {action}",
            outcome="do not start",
            passages=(),
            sources=sources,
        ),
        Rule(
            id=f"{prefix}.nr.haemoglobin_low",
            category=Category.not_recommended,
            when=Compare("haemoglobin_g_dl", "<", 8, "haemoglobin below 8 g/dL"),
            text="Haemoglobin {haemoglobin_g_dl:g} g/dL is below " + f"{hb}: {action}",
            outcome="do not start",
            passages=(),
            sources=sources,
        ),
    )


# Inputs the article rules on that the compiled label facts hold no row for:
# (id suffix, condition, what the scenario says). Each becomes a source-silent note.
UNCOVERED: tuple[tuple[str, Condition, str], ...] = (
    (
        "active_serious_infection",
        flag("active_serious_infection", "severe active infection"),
        "Severe active infection",
    ),
    (
        "active_opportunistic_infection",
        flag("active_opportunistic_infection", "active opportunistic infection"),
        "Active opportunistic infection",
    ),
    (
        "latent_tb",
        flag("tb_history_or_exposure", "TB history or exposure"),
        "TB history or exposure (latent TB)",
    ),
    (
        "hbsag_positive",
        flag("hbsag_positive", "HBsAg positive"),
        "HBsAg positive (the facts cover HBsAg-negative, anti-HBc-positive patients only)",
    ),
    ("hcv", flag("hcv_positive", "hepatitis C antibody positive"), "Hepatitis C antibody positive"),
    ("hiv", flag("hiv_positive", "HIV positive"), "HIV positive"),
    (
        "child_pugh_a_b",
        Equals("child_pugh", ("A", "B"), "Child-Pugh class A or B"),
        "Child-Pugh {child_pugh} (the facts rule on severe hepatic impairment only)",
    ),
    (
        "biologic_dmard",
        flag("biologic_dmard", "combined with a biological DMARD"),
        "Combination with a biological DMARD",
    ),
    (
        "potent_immunosuppressant",
        flag("potent_immunosuppressant", "combined with a potent immunosuppressant"),
        "Combination with a potent immunosuppressant",
    ),
    (
        "glucocorticoid",
        flag("glucocorticoid", "takes a concomitant glucocorticoid"),
        "Concomitant glucocorticoid",
    ),
    (
        "inadequate_response",
        flag("inadequate_response_3_to_6_months", "no adequate response after 3-6 months"),
        "No adequate response after 3-6 months",
    ),
    (
        "serious_adverse_event",
        flag("serious_adverse_event", "serious adverse event on baricitinib"),
        "A serious adverse event on baricitinib",
    ),
    (
        "prior_treatment",
        ~flag("failed_csdmard", "failed a csDMARD") & ~flag("failed_bdmard", "failed a bDMARD"),
        "No failed csDMARD or bDMARD (the facts do not state which prior treatment the label "
        "requires)",
    ),
    (
        "other_indication",
        NOT_COVERED_INDICATION,
        "{indication_words} (the facts are the adult rheumatoid arthritis rows)",
    ),
)


def silent_note(
    prefix: str, label: str, suffix: str, when: Condition, what: str, sources: tuple[str, ...] = ()
) -> Rule:
    """A source-silent note: the compiled facts of ``label`` hold no rule for ``what``."""
    return Rule(
        id=f"{prefix}.silent.{suffix}",
        category=Category.source_silent,
        when=when,
        text=f"{what}: the compiled {label} facts hold no rule for this, so this profile says "
        f"nothing on it; check the current label.",
        outcome="no rule",
        passages=(),
        sources=(FACTS_TABLE_ID, *sources),
    )


def uncovered_notes(prefix: str, label: str) -> tuple[Rule, ...]:
    """The silent notes for every input in UNCOVERED."""
    return tuple(silent_note(prefix, label, *item) for item in UNCOVERED)
