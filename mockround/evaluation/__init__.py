"""Measuring graders against the labelled corpus of real answers (`benchmarks/data/real/`).

Nothing here is on the app's path: the benchmark, the corpus tests and training scripts use it.
"""
