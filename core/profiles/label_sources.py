"""The label sources and comparison topics of the compiled label facts (label_facts.md, 2026-11).

Transcribed from ``label_facts.md`` beside this module (a verbatim copy of the project's
shared/label-facts.md); tests/unit/test_profiles.py checks every cell and source id against it.
"""

from __future__ import annotations

LABEL_FACTS_COMPILED = "2026-11"
LABEL_FACTS_COMPILED_TEXT = (
    "compiled 2026-11 from public label texts and label-derived summaries (not every full label "
    "text was readable)"
)
CHECK_CURRENT_LABEL = (
    "Check the current label: labels change (the EU dose rule changed in 2023, and the US label "
    "was revised again in 2026). These label facts were compiled in 2026-11 from public label "
    "texts and label-derived summaries; each fact names its source."
)

# The compiled facts table itself: cited by the notes that say the facts hold no rule on a topic.
FACTS_TABLE_ID = "LF"
FACTS_TABLE_CITATION = (
    "Article vs. drug labels: facts for the comparison profiles (adult rheumatoid arthritis), "
    "compiled 2026-11 (label_facts.md)"
)

US_SOURCES: dict[str, str] = {
    "U1": "DailyMed Olumiant label (set id 866e9f35-9035-4581-a4b1-75a621ab55cf): "
    '"Contraindications: None".',
    "U2": "Olumiant label, 2022 supplement (boxed warning; COVID-19 05/2022 and alopecia areata "
    "06/2022 changes).",
    "U5": "Lilly Medical (US): recommended Olumiant dose for rheumatoid arthritis.",
    "U6": "Lilly Medical (US): labs to monitor when starting and continuing Olumiant.",
    "U7": "Drugs.com Olumiant dosage (label text, 2023).",
    "U8": "Medscape Reference: baricitinib.",
    "U9": "olumiant.com, HCP treatment considerations (hepatitis B).",
    "U13": 'AAFP, "Baricitinib for alopecia areata" (2023) — label summary on lactation.',
    "U14": "Drugs.com, baricitinib pregnancy page.",
    "U15": "US label highlights, 2018 (1 mg for moderate renal impairment; contraindications "
    "none; avoid live vaccines).",
    "U16": "FDA Drug Safety Communication, 1 Sep 2021 (JAK inhibitors).",
    "U18": "Drugs.com baricitinib dosage (2020): severe hepatic impairment not recommended; "
    "OAT3 → 1 mg.",
}
EU_SOURCES: dict[str, str] = {
    "E1": 'EMA referral page "Janus kinase inhibitors (JAKi)" (CHMP endorsement 23 Jan 2023).',
    "E2": "PRAC meeting highlights 9–12 Jan 2023 (lower dose of Olumiant for higher-risk "
    "patients).",
    "E3": "EU package leaflet for Olumiant.",
    "E4": "EU SmPC (Croatian edition), sections 4.1–4.2.",
    "E6": "MIMS (EU-derived SmPC wording): dosage, special precautions, pregnancy.",
    "E7": "EU SmPC section 4.6 (Italian edition).",
    "E8": "Lilly Medical (EU/UK): Olumiant laboratory monitoring (SmPC table).",
    "E9": "Lilly Medical (UK): Olumiant in rheumatoid arthritis with renal impairment.",
    "E11": "EU SmPC before 2023 (MIMS Hong Kong mirror): ≥ 75 y; CrCl 30–60 → 2 mg; < 30 not "
    "recommended.",
    "E13": "EU SmPC annex (2017): monitor for HBV DNA.",
}
SLE_SOURCES: dict[str, str] = {
    "S1": '"Lilly ends baricitinib lupus programme" (EMPR, 2022).',
    "S3": "Petri et al., Lancet 2023;401:1001-10.",
}

# Comparison topics, in the order of the facts table: (topic id, the table's topic words).
TOPICS: tuple[tuple[str, str], ...] = (
    ("standard_dose", "standard dose"),
    ("age", "age"),
    ("other_reasons_2mg", "other reasons for 2 mg"),
    ("renal_measure", "renal function measure"),
    ("renal_moderate", "moderate renal impairment"),
    ("renal_severe", "severe renal impairment"),
    ("hepatic", "hepatic"),
    ("oat3", "strong OAT3 inhibitor (probenecid)"),
    ("labs_do_not_start", "labs: do not start / interrupt"),
    ("monitoring_blood_liver", "blood count + liver enzymes"),
    ("monitoring_lipids", "lipids"),
    ("contraindications", "contraindications"),
    ("active_tb", "active tuberculosis"),
    ("pregnancy", "pregnancy"),
    ("breastfeeding", "breast-feeding"),
    ("contraception", "contraception"),
    ("high_risk_groups", "age ≥ 65, smokers, CV or malignancy risk"),
    ("live_vaccines", "live vaccines"),
    ("hbv_anti_hbc", "HBV: HBsAg−, anti-HBc+"),
    ("sle", "SLE"),
)
TOPIC_LABELS: dict[str, str] = dict(TOPICS)
