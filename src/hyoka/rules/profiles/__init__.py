"""Bundled rule profiles (TOML data files)."""
