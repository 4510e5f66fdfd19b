"""End-to-end tests: the real app under gunicorn, driven in Debian's chromium by playwright."""
