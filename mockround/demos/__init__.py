"""Runnable scikit-learn / imbalanced-learn mini-demos behind every claim the rubric rewards.

Use `mockround.demos.registry` (`demo_ids`, `get_spec`, `list_specs`, `run_demo`); nothing
here imports numpy or scikit-learn until a demo actually runs.
"""
