"""Renderers: core (and rules output) → HTML, PDF, xlsx, CSV, JSON and SVG charts.

This layer may import only ``hyoka.core`` and ``hyoka.rules``.
"""
