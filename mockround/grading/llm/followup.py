"""Accept an LLM's proposed follow-up only when it is one short question."""

from __future__ import annotations

from mockround.grading.scoring import count_words

MAX_FOLLOWUP_WORDS = 40
"""A follow-up must be under this many words; a longer one is a speech, not a question."""


def valid_followup(text: str | None) -> str | None:
    """The proposal tidied to one line, or None when it is not a single question under 40 words.

    Callers fall back to the bank's follow-up for the weakest criterion when this is None.
    """
    if not text:
        return None
    line = " ".join(text.split()).strip(" \"'“”")
    words = count_words(line)
    if not line.endswith("?") or line.count("?") != 1:
        return None
    if words < 3 or words >= MAX_FOLLOWUP_WORDS:
        return None
    return line
