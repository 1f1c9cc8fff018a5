"""`mockround grade --explain`: the offline grade, then why each criterion got its level."""

from __future__ import annotations

from mockround.bank import Question
from mockround.cli.common import say


def print_explanation(question: Question, answer: str) -> None:
    """Print the grade's headline and, per criterion, cues, set-asides, model reading, verdict."""
    from mockround.grading.explain import explain

    grade, explanations = explain(question, answer)
    say(f"{question.id}: {question.prompt}")
    say(f"overall {grade.overall}/100 ({grade.band}) · grader {grade.grader} (explained)")
    for warning in grade.warnings:
        say(f"warning: {warning}")
    for item in explanations:
        say()
        say(f"{item.label} ({item.id}): {item.score}/2 · cues gave {item.cue_score}")
        for match in item.matches:
            state = "counted" if match.counted else match.note
            say(f'  cue {match.cue}: "{match.quote}" · {state}')
        if item.reason:
            say(f'  reason: "{item.reason}"')
        reading = item.semantic
        if reading is not None:
            features = ", ".join(f"{k} {v:.2f}" for k, v in reading.features.items())
            p, threshold = reading.probability, reading.threshold
            say(f"  model: p {p:.2f} (threshold {threshold:.2f}); {features}")
            if reading.sentence:
                say(f'  model\'s best sentence: "{reading.sentence}"')
        say(f"  why: {item.why}")
