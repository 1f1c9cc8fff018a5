"""Sentence meaning for the offline grader: all-MiniLM-L6-v2 run in numpy, no torch, no network."""
