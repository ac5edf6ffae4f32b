"""Serving the explorer: N ``streamlit run`` replicas behind HAProxy (``deploy.replicas``)."""
