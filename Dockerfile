# Baricitinib prescribing explorer: one Streamlit server per container (see docs/deployment.md).
# Runtime dependencies only (requirements.txt, pinned); no test tools, no browsers.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user with a home (Streamlit keeps its small state in ~/.streamlit).
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change reuses the cached layer.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Only what the app runs: the code layers, the article and cases, the Streamlit config.
COPY .streamlit/ .streamlit/
COPY app.py ./
COPY core/ core/
COPY ui/ ui/
COPY views/ views/
COPY content/ content/
# The launcher only (deploy/ also holds the one-machine balancer, which a container never runs).
COPY deploy/__init__.py deploy/serve.py deploy/

USER app

EXPOSE 8501

# Streamlit's own health endpoint; python's urllib, so the image needs no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# deploy.serve = `streamlit run app.py` with the rules core and pages loaded before the first
# visitor (see docs/deployment.md); the options are streamlit run's.
CMD ["python", "-m", "deploy.serve", \
     "--server.address", "0.0.0.0", \
     "--server.port", "8501", \
     "--server.headless", "true", \
     "--browser.gatherUsageStats", "false", \
     "--server.fileWatcherType", "none"]
