"""Article vs. drug labels (/labels): this scenario under the article, the EU SmPC and the US
label side by side, what differs and why (both sources quoted), the dose maps per profile (drawn
when opened) and the topic-by-topic comparison table. The article stays the default profile
everywhere else.
"""

import streamlit as st

from core.profiles.differences import profile_assessments
from ui.label_views import (
    render_comparison_table,
    render_differences,
    render_folded_dose_maps,
    render_label_notice,
    render_side_by_side,
)
from ui.scenario_state import scenario_sidebar
from ui.shell import page_header

page_header(
    "Article vs. drug labels",
    "The same patient under the source article's rules (the app's default), the EU SmPC "
    "(2023 and later) and the US prescribing information for adult rheumatoid arthritis.",
)
scenario = scenario_sidebar("labels")
render_label_notice()

st.subheader("This patient under each profile", anchor=False)
render_side_by_side(profile_assessments(scenario))

st.subheader("What differs for this patient, and why", anchor=False)
render_differences(scenario)  # carries the style sheet of the blocks below

st.subheader("Dose maps: where each profile lowers or withholds the dose", anchor=False)
render_folded_dose_maps(scenario)

st.subheader("Topic by topic", anchor=False)
render_comparison_table(scenario)
