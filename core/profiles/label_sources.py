"""The label sources and comparison topics of the compiled label facts (label_facts.md).

Transcribed from ``label_facts.md`` beside this module (a byte-identical copy of the project's
shared/label-facts.md, revised 2026-12-01); the profile tests check every cell, source id and
source line against it. A source is its line in the facts file: what it is, then its address.
"""

from __future__ import annotations

LABEL_FACTS_COMPILED = "2026-12"
LABEL_FACTS_COMPILED_TEXT = (
    "compiled 2026-12 from public label texts and label-derived pages (the current US and EU "
    "label texts were readable only at their opening, so many facts rest on older label copies)"
)
CHECK_CURRENT_LABEL = (
    "Check the current label: labels change (the EU dose rule changed in 2023; the US label lists "
    "a recent major change to its Warnings and Precautions, section 5.8, dated 06/2026, whose "
    "topic these facts could not verify). These label facts were compiled in 2026-12 from public "
    "label texts and label-derived pages; each fact names its source."
)

# The compiled facts table itself: cited by the findings that say the facts hold no rule.
FACTS_TABLE_ID = "LF"
FACTS_TABLE_CITATION = (
    "Article vs. drug labels: facts for the comparison profiles (adult rheumatoid arthritis), "
    "compiled 2026-12 (label_facts.md)"
)

US_SOURCES: dict[str, str] = {
    "U1": "DailyMed Olumiant (stored copy revised 12/2021)"
    " — "
    "https://dailymed.nlm.nih.gov/dailymed/fda/fdaDrugXsl.cfm?setid=866e9f35-9035-4581-a4b1-75a621ab55cf&type=display",
    "U2": "US label 2022 (SUPPL-7), highlights"
    " — "
    "https://py2.docketalarm.com/FDA/Orange_Book/207924/OLUMIANT/SUPPL-7/1-Label",
    "U5": "Lilly Medical (US), RA dose"
    " — "
    "https://www.lillymedical.com/en-us/answers/what-is-the-recommended-olumiant-baricitinib-dose-for-the-treatment-of-rheumatoid-arthritis-49279",
    "U6": "Lilly Medical (US), labs"
    " — "
    "https://medical.lilly.com/us/products/answers/what-labs-should-be-monitored-when-initiating-and-continuing-treatment-with-olumiant-baricitinib-51084",
    "U7": "Drugs.com, Olumiant dosage (label text, 2019 and 2023)"
    " — "
    "https://www.drugs.com/dosage/olumiant.html",
    "U9": "olumiant.com HCP, treatment considerations"
    " — "
    "https://www.olumiant.com/hcp/dosing/treatment-considerations",
    "U13": 'AAFP, "Baricitinib for alopecia areata" (2023) — not re-found.',
    "U14": "Drugs.com, baricitinib pregnancy — https://www.drugs.com/pregnancy/baricitinib.html",
    "U15": "US label highlights 2018 (copy)"
    " — "
    "https://docslib.org/doc/783196/baricitinib-tablets-for-oral-use-5-5-initial-u-s",
    "U20": "openFDA label JSON (last_updated 2026-09-18)"
    " — "
    "https://api.fda.gov/drug/label.json?search=set_id%3A%22866e9f35-9035-4581-a4b1-75a621ab55cf%22",
    "U21": "PrescriberPoint, Olumiant PI (boxed warning text)"
    " — "
    "https://prescriberpoint.com/therapies/olumiant-866e9f3",
}
EU_SOURCES: dict[str, str] = {
    "E1": 'EMA referral "Janus kinase inhibitors (JAKi)" (CHMP 23 Jan 2023)'
    " — "
    "https://www.ema.europa.eu/en/medicines/human/referrals/janus-kinase-inhibitors-jaki",
    "E3": "EU package leaflet, post-2023 text (FHIR test copy)"
    " — "
    "https://github.com/joofio/test-epi-composition/blob/2fc3a7a86615ed8dfbe1da771aff18f5e831b532/input/fsh/olumiant.fsh",
    "E6": "MIMS Thailand (EU-derived SmPC wording, incl. pregnancy page)"
    " — "
    "https://www.mims.com/thailand/drug/info/olumiant",
    "E8": "Lilly Medical (EU/UK), lab monitoring"
    " — "
    "https://www.lillymedical.eu/en-gb/answers/olumiant-baricitinib-laboratory-monitoring-91844",
    "E9": "Lilly Medical (UK), RA with renal impairment"
    " — "
    "https://www.lillymedical.co.uk/en-gb/answers/can-olumiant-baricitinib-be-used-in-rheumatoid-arthritis-patients-with-renal-impairment-63144",
    "E11": "MIMS Hong Kong, dosage (pre-2023 SmPC)"
    " — "
    "https://www.mims.com/hongkong/drug/info/olumiant/dosage",
    "E16": "Lilly Medical (UK), viral hepatitis in RA trials"
    " — "
    "https://www.lillymedical.eu/en-gb/answers/how-was-the-management-of-viral-hepatitis-with-olumiant-baricitinib-in-the-rheumatoid-arthritis-clinical-trials-153364",
    "E17": "EU SmPC, French text (pre-2023 copy)"
    " — "
    "https://studylibfr.com/doc/3750108/olumiant--inn-baricitinib",
}
# Trial and programme sources both labels' rows cite (SLE; HBV in the RA trials).
STUDY_SOURCES: dict[str, str] = {
    "S1": 'EMPR, "Lilly ends baricitinib lupus program"'
    " — "
    "https://www.empr.com/home/news/drugs-in-the-pipeline/baricitinib-lupus-program-discontinued/",
    "S3": "SLE-BRAVE-I, Lancet 2023;401:1001-10 — https://pubmed.ncbi.nlm.nih.gov/36848918/",
    "S4": "Harigai et al., RMD Open 2020;6:e001095 (HBV in RA trials)"
    " — "
    "https://rmdopen.bmj.com/content/6/1/e001095",
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
    (
        "active_serious_infection",
        "active serious infection (incl. localized, sepsis, opportunistic)",
    ),
    ("recurrent_infections", "chronic / recurrent infections"),
    ("tuberculosis", "tuberculosis"),
    ("hbv_hbsag", "HBV: HBsAg+"),
    ("hbv_anti_hbc", "HBV: HBsAg−, anti-HBc+"),
    ("hcv", "HCV"),
    ("hiv", "HIV"),
    ("biologic_or_jak", "+ biologic DMARDs or other JAK inhibitors"),
    ("azathioprine_ciclosporin", "+ azathioprine, ciclosporin"),
    ("infection_during_treatment", "infection during treatment"),
    ("herpes_zoster", "herpes zoster"),
    ("vte", "VTE: history or risk factors"),
    ("malignancy", "malignancy: history or risk"),
    ("high_risk_groups", "age ≥ 65, smokers, CV risk"),
    ("live_vaccines", "live vaccines"),
    ("pregnancy", "pregnancy"),
    ("breastfeeding", "breast-feeding"),
    ("contraception", "contraception"),
    ("sle", "SLE"),
)
