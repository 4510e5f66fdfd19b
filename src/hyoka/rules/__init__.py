"""Grading and checks: pure functions over ``hyoka.core``, with rule profiles as data files.

The rules engine (grade proposals, the overall judgment, the H1–H5 checks of RULES.md) is
built here; this layer may import only ``hyoka.core``.
"""
