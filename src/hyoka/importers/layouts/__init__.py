"""The bundled layouts (TOML files, one per layout); read by ``hyoka.importers.layout``."""
