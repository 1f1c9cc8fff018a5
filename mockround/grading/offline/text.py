"""Text handling for the offline grader: sentences, clauses, negation, evidence windows.

Everything works on character offsets into the original answer, so any span the grader
quotes is an exact substring of what the candidate wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at . ! ? followed by space and something that can start a sentence, or
# at a line break (bullets, headings and numbered lists put one idea per line).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[*_`#>\-•A-Z0-9])|\n+")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|vs|etc|approx|cf|Dr|Mr|Ms|Fig)\.$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[-–—]\s|\bbut\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)
MAX_CLAUSE = 2000
"""Characters a clause is read either side of a position at most. No spoken clause comes near
(a whole 90-second answer is about 1,500); it keeps an unpunctuated wall of text linear to
grade instead of re-reading the whole wall for every cue in it."""
_BREAK_WORD = re.compile(r"\b(?:but|whereas|however)\b", re.IGNORECASE)
# Words that, just before a cue in the same clause, deny or dismiss it. "instead of" and
# friends bind tightly ("instead of oversampling, I'd weight" denies oversampling only).
_NEGATOR = re.compile(
    # "no-remedy baseline", "no-skill line": a hyphenated "no-" compound names a thing.
    r"\b(?:not|never|no(?![-‑]\w)|neither|nor|avoid|avoiding|skip|skipping|ignore|ignoring|forget|"
    r"no\s+need|\w+n['’]t|cannot|dont|wont|wouldnt|shouldnt|didnt|doesnt|isnt|arent|wasnt|"
    r"couldnt|cant|havent)\b",
    re.IGNORECASE,
)
# "against no treatment on the same stratified CV": "no" denies its own noun, and the phrase
# that follows it is asserted.
_NO_THING_THEN = re.compile(
    r"\bno\s+[\w-]+\s+(?:on|under|using|across|over|with|in)\s+(?:\w+\s+){0,3}$", re.IGNORECASE
)
# "Before any SMOTE magic" and "matter more than resampling" put the remedy aside.
_TIGHT_NEGATOR = re.compile(
    r"\b(?:instead\s+of|rather\s+than|without|before\s+any|matters?\s+more\s+than)\b",
    re.IGNORECASE,
)
# "No matter how much data you have" waves the point away, however far the cue trails.
_CONCESSIVE = re.compile(r"\b(?:no\s+matter|regardless\s+of|irrespective\s+of)\b", re.IGNORECASE)
CONCESSIVE_REACH = 10
NEGATION_REACH = 5
"""Words allowed between a negator and the cue it denies."""
# Words just after a cue that dismiss it ("threshold tuning is pointless").
_DISMISSAL = re.compile(
    r"^[^.;,]{0,40}?\b(?:is|are|seems?|feels?)\s+(?:\w+\s+)?(?:pointless|unnecessary|overrated|"
    r"useless|irrelevant|a\s+waste|overkill|not\s+(?:needed|necessary|worth|useful|important))",
    re.IGNORECASE,
)
# When the clause after a negated cue is about timing or scope, the negation targets the
# timing ("never SMOTE before the split"), not the technique itself.
_SCOPE_AFTER = re.compile(
    r"^[^.;,]{0,60}?\b(?:before|prior\s+to|outside|until|unless|except|if|when|on\s+the\s+(?:whole|entire|full)|"
    r"to\s+the\s+(?:whole|entire|full|test)|on\s+the\s+test|alone|only|just)\b",
    re.IGNORECASE,
)
# Sentences that open with a subordinate reason carry that reason to the cue they contain.
# A next sentence opening like this carries on the same point ("This keeps the data intact").
_CONTINUATION = re.compile(
    r"^\W*(?:this|that|these|those|it|they|because|since|so|otherwise|which|hence|therefore|"
    r"thus|as a result|in fact|that's why|the reason|the risk|the downside|but|though|although|"
    r"if|unless)\b",
    re.IGNORECASE,
)
_REASON_OPENER = re.compile(
    r"^\W*(?:since|because|if|when|given|as|for|where|unless|once)\b", re.IGNORECASE
)
_STOP = re.compile(r"[.!?;]\s")
# A subject with a modal between a negator and the cue starts a new clause: in "if weighting
# isn't enough I'd try undersampling" the negation belongs to the condition, not the remedy.
_NEW_SUBJECT = re.compile(
    r"\b(?:I|we|you)(?:['’]d|['’]ll|\s+(?:would|will|can|could|might|should|then))\b", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'’\-]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list line) of the answer: answer[start:end] == text."""

    start: int
    end: int
    text: str
    paragraph: int
    """Index of the block of lines it belongs to; a blank line or list marker starts a new one."""


def split_sentences(answer: str) -> list[Sentence]:
    """Sentences and list lines with their offsets; whitespace-only pieces are dropped."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(answer):
        # The longest abbreviation is 7 characters: the 8 before the stop (or the whole piece,
        # when shorter) decide it, so a run of "Fig. A Fig. B ..." is not re-read each time.
        if _ABBREVIATIONS.search(answer[max(start, match.start() - 8) : match.start()]):
            continue
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(answer)))
    sentences: list[Sentence] = []
    paragraph = 0
    previous_end = 0
    for begin, end in pieces:
        raw = answer[begin:end]
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        gap = answer[previous_end : begin + lead]
        if "\n" in gap or is_list_item(stripped):
            paragraph += 1
        real_start = begin + lead
        sentences.append(Sentence(real_start, real_start + len(stripped), stripped, paragraph))
        previous_end = real_start + len(stripped)
    return sentences


def is_list_item(text: str) -> bool:
    """True when the line opens with a list marker or a heading mark."""
    return bool(re.match(r"^(?:[-*•>]|\d+[.)]|[a-z][.)]|#+)\s", text))


def clause_start(answer: str, sentence: Sentence, position: int) -> int:
    """Offset where the clause holding `position` begins (within its sentence).

    The end of the last clause break between the sentence start and `position`. The breaks
    of a sentence are found once and looked up by bisection, so a long unpunctuated sentence
    with many cues costs linear time, not a rescan per cue (case 14 of issue 12).
    """
    ends = _clause_break_ends(answer, sentence.start, sentence.end)
    # Scanning only up to `position` also finds "but" just before it when a letter follows
    # ("but|ter"): the cut makes a word boundary there that the whole sentence does not have.
    for length in (3, 7):
        cut = position - length
        word = _BREAK_WORD.match(answer, cut, position) if cut >= sentence.start else None
        if word is not None and word.end() == position:
            return position
    index = bisect_right(ends, position)
    begin = ends[index - 1] if index else sentence.start
    if begin >= position - MAX_CLAUSE:
        return begin
    # A wall of text with no punctuation: read the clause back to a word start MAX_CLAUSE away.
    space = answer.find(" ", position - MAX_CLAUSE, position)
    return space + 1 if space != -1 else position - MAX_CLAUSE


@lru_cache(maxsize=32)
def _clause_break_ends(answer: str, start: int, end: int) -> tuple[int, ...]:
    return tuple(match.end() for match in _CLAUSE_BREAK.finditer(answer, start, end))


_CONTRAST = re.compile(r"\b(?:but|however|whereas|though|although)\b", re.IGNORECASE)


def contrast_start(answer: str, sentence: Sentence, position: int) -> int:
    """Offset just after the last contrast word ("but", "however") before `position`."""
    begin = sentence.start
    for match in _CONTRAST.finditer(answer, sentence.start, position):
        begin = match.end()
    return begin


def clause_end(answer: str, sentence: Sentence, position: int) -> int:
    """Offset where the clause holding `position` ends (within its sentence)."""
    limit = sentence.end
    if limit - position > MAX_CLAUSE:
        # As in clause_start: never read a clause on past MAX_CLAUSE (to a word end).
        space = answer.rfind(" ", position, position + MAX_CLAUSE)
        limit = space if space > position else position + MAX_CLAUSE
    match = _CLAUSE_BREAK.search(answer, position, limit)
    return match.start() if match else limit


def is_negated(answer: str, sentence: Sentence, start: int, end: int) -> bool:
    """True when the cue at answer[start:end] is denied or dismissed in its clause."""
    prefix = answer[clause_start(answer, sentence, start) : start]
    after = answer[end : sentence.end]
    if _DISMISSAL.search(after):
        return True
    if _near(_CONCESSIVE, prefix, CONCESSIVE_REACH):
        return True
    if not (_near(_NEGATOR, prefix, NEGATION_REACH) or _near(_TIGHT_NEGATOR, prefix, 2)):
        return False
    if _NO_THING_THEN.search(prefix):
        return False
    return not _SCOPE_AFTER.search(after)


def has_negator(text: str) -> bool:
    """True when the text holds any denying or dismissing word (a cheap, strict test)."""
    return bool(
        _NEGATOR.search(text)
        or _TIGHT_NEGATOR.search(text)
        or _DISMISSAL.search(text)
        or _CONCESSIVE.search(text)
    )


def _near(pattern: re.Pattern[str], prefix: str, reach: int) -> bool:
    """True when the last match of `pattern` in `prefix` is at most `reach` words from its end."""
    # Only a match ending in the last `reach` + 1 words can be near enough; a match spans at
    # most three words, so scanning from three words before those finds the same last match
    # as scanning all of a long prefix (which made grading quadratic in a long sentence).
    ends = [m.end() for m in pattern.finditer(prefix, _words_back(prefix, reach + 4))]
    if not ends:
        return False
    tail = prefix[ends[-1] :]
    # A full stop between them ends the negator's reach, even in an unsplit lower-case run.
    return len(tail.split()) <= reach and not _STOP.search(tail) and not _NEW_SUBJECT.search(tail)


def _words_back(text: str, count: int) -> int:
    """Offset where the `count`-th whitespace-separated word from the end starts (0 if fewer)."""
    index = len(text)
    for _ in range(count):
        while index > 0 and text[index - 1].isspace():
            index -= 1
        while index > 0 and not text[index - 1].isspace():
            index -= 1
        if index == 0:
            return 0
    return index


def continues(sentences: list[Sentence], index: int) -> bool:
    """True when sentence `index + 1` carries on the point of sentence `index`.

    Same paragraph, and either it opens like a continuation ("This keeps ...", "If ...")
    or the sentence before it was a question it answers.
    """
    if index + 1 >= len(sentences):
        return False
    sentence, following = sentences[index], sentences[index + 1]
    if following.paragraph != sentence.paragraph:
        return False
    return bool(_CONTINUATION.match(following.text)) or sentence.text.endswith("?")


def reason_window(
    answer: str, sentences: list[Sentence], index: int, start: int, extend: bool
) -> tuple[int, int]:
    """The span where a reason for the cue at `start` may appear.

    From the cue's clause to the end of its sentence (of the next one too when `extend`);
    from the start of the sentence when it opens with a reason ("Since missed fraud is
    costly, ...").
    """
    sentence = sentences[index]
    if _REASON_OPENER.match(sentence.text):
        begin = sentence.start
    else:
        begin = clause_start(answer, sentence, start)
    end = sentence.end
    if extend and index + 1 < len(sentences):
        end = sentences[index + 1].end
    return begin, end


def sentence_index(sentences: list[Sentence], position: int) -> int:
    """Index of the sentence containing `position` (the nearest one before it otherwise)."""
    found = 0
    for i, sentence in enumerate(sentences):
        if sentence.start <= position:
            found = i
        else:
            break
    return found


def evidence_bounds(answer: str, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """A quotable span around a cue: the whole sentence when short, else about 110 chars."""
    if sentence.end - sentence.start <= 120:
        return sentence.start, sentence.end
    begin = max(sentence.start, start - 40)
    finish = min(sentence.end, end + 70)
    # Snap to word boundaries so the quote never starts or ends mid-word.
    while begin > sentence.start and answer[begin - 1].isalnum():
        begin -= 1
    while finish < sentence.end and answer[finish].isalnum():
        finish += 1
    while begin < finish and answer[begin].isspace():
        begin += 1
    while finish > begin and answer[finish - 1].isspace():
        finish -= 1
    return begin, finish


# Markup and code that name tools without saying anything about them: import lines, code
# fences, link targets and bare URLs ("imbalanced-learn.org/.../SMOTE.html"), table rules.
_MARKUP = re.compile(
    r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t][^\n]*$"
    r"|^[ \t]*(?:```|~~~)[^\n]*$"
    r"|(?<=\])\([^)\s]*\)"
    r"|\b(?:https?://|www\.)[^\s)>\]]+"
    r"|^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t][^\n]*$", re.MULTILINE)


def import_lines(text: str) -> list[Sentence]:
    """The import lines of the unmasked `text` as sentences of their own (paragraph -1).

    `mask_markup` blanks them so criteria never match a bare import, but the classes a block
    imports are still the remedies the answer reaches for (a tool list counts them).
    """
    return [Sentence(m.start(), m.end(), m.group(), -1) for m in _IMPORT_LINE.finditer(text)]


def mask_markup(text: str) -> str:
    """`text` with import lines, code fences, link targets and URLs blanked (same length).

    Offsets are kept, so evidence found in the masked text still maps onto the answer.
    """
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters first; digits, apostrophes and hyphens allowed inside)."""
    return [w.lower() for w in _WORD.findall(text)]
