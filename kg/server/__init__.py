"""The built graph over HTTP: served read-only (serve.py), or pushed to another server (push.py)."""
