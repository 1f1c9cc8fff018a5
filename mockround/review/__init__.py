"""Looking back at graded attempts: comparisons, the model answer's missed parts, disputes.

Pure functions over grades, rubrics and answers; the TUI and the CLI show what they return.
"""
