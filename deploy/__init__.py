"""Serving the explorer: the launcher that loads the app before its first visitor (``deploy.serve``)
and N replicas of it behind HAProxy (``deploy.replicas``)."""
