"""The practice plan: FSRS spaced repetition over the bank's questions and follow-ups.

Below the TUI (no textual); the store calls it inside the transaction that keeps a grade.
"""
