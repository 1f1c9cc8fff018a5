"""Score one rubric criterion 0 / 1 / 2 from its cues, keeping the spans that justify it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from mockround.grading.offline.cues import CriterionCues
from mockround.grading.offline.pattern import Pattern
from mockround.grading.offline.text import (
    Sentence,
    clause_end,
    clause_start,
    continues,
    is_negated,
    reason_window,
)

# A reason further than this past its cue belongs to some other point in a long sentence.
REASON_REACH = 200
GENERIC_REACH = 120
"""Shared connectives ("because") only count close to the cue, in its own sentence."""
_STOP = re.compile(r"[.!?;]\s")


@dataclass(frozen=True)
class Hit:
    """A cue found in the answer: answer[start:end], inside sentence `sentence`."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class CriterionResult:
    """A criterion's score with the hits behind it."""

    id: str
    score: int
    hits: tuple[Hit, ...] = ()
    """Named cues that count, in answer order."""
    reason: Hit | None = None
    """The reason cue that lifted the score to 2."""
    out_of_order: bool = False
    """Reasoned, but only after the first technique (for criteria that need it first)."""

    @property
    def first(self) -> int | None:
        """Offset of the first counted mention, or None when absent."""
        return self.hits[0].start if self.hits else None


def find_hits(
    answer: str,
    sentences: list[Sentence],
    patterns: Iterable[Pattern],
    skip: Collection[int] = (),
) -> list[Hit]:
    """Every non-negated match of `patterns`, one per start offset, in answer order."""
    found: dict[int, Hit] = {}
    pattern_list = [p for p in patterns if not p.absent_from(answer)]
    if not pattern_list:
        return []
    for index, sentence in enumerate(sentences):
        if index in skip:
            continue
        for pattern in pattern_list:
            for match in pattern.finditer(answer, sentence.start, sentence.end):
                if match.end() == match.start() or match.start() in found:
                    continue
                if is_negated(answer, sentence, match.start(), match.end()):
                    continue
                found[match.start()] = Hit(index, match.start(), match.end())
    return sorted(found.values(), key=lambda h: h.start)


def find_named(
    answer: str, sentences: list[Sentence], cues: CriterionCues, skip: Collection[int] = ()
) -> list[Hit]:
    """The criterion's named hits: its `named` cues, plus `framed` ones outside a story.

    "At my last job we had 0.3% churners" sets the scene; "with 20k positives I'd
    downsample" reads the data to choose. Only the second is the criterion, unless the
    story's own sentence draws the conclusion ("we had 2,000 churners, plenty to learn
    from, so no SMOTE"): one of the criterion's reasons there makes it a reading again.
    """
    hits = find_hits(answer, sentences, cues.named, skip)
    if cues.framed:
        taken = {h.start for h in hits}
        for hit in find_hits(answer, sentences, cues.framed, skip):
            sentence = sentences[hit.sentence]
            if hit.start in taken:
                continue
            in_story = any(p.search(answer, sentence.start, sentence.end) for p in cues.story)
            if in_story and not any(p.search(answer, hit.end, sentence.end) for p in cues.reasoned):
                continue
            hits.append(hit)
        hits.sort(key=lambda h: h.start)
    if cues.unless:
        hits = [h for h in hits if not _in_other_clause(answer, sentences[h.sentence], h, cues)]
    return hits


def _in_other_clause(answer: str, sentence: Sentence, hit: Hit, cues: CriterionCues) -> bool:
    begin = clause_start(answer, sentence, hit.start)
    end = clause_end(answer, sentence, hit.end)
    return any(p.search(answer, begin, end) for p in cues.unless)


DECLINE_REACH = 20
"""A reason after a declined cue must start this close to it ("not SMOTE, because ...")."""
_FIRST_PERSON = re.compile(r"\b(?:I|we)\b", re.IGNORECASE)
# Advice in the imperative ("3. Don't undersample: it throws away data") is the candidate's
# own decision too.
_IMPERATIVE_NO = re.compile(r"\W*(?:\d+[.)]\s*)?(?:don\W?t|do not|never|avoid)\b", re.IGNORECASE)


def find_declined(
    answer: str, sentences: list[Sentence], cues: CriterionCues, skip: Collection[int] = ()
) -> list[Hit]:
    """Named cues the candidate declines for a stated reason (the first one, if any).

    The labelling guide counts a remedy weighed and turned down as touched (1): "with 4,000
    positives I didn't need synthetic data", "I'd not resample, because it shifts the
    probabilities". A bare dismissal ("I never use SMOTE"), someone else's limit ("a model
    that can't take resampled data") and a reason that belongs to the next clause's remedy
    ("no SMOTE, just class weights in XGBoost because ...") do not count.
    """
    if not cues.declined:
        return []
    named = [p for p in cues.named if not p.absent_from(answer)]
    for index, sentence in enumerate(sentences):
        if index in skip:
            continue
        for pattern in named:
            for match in pattern.finditer(answer, sentence.start, sentence.end):
                start, end = match.start(), match.end()
                if end == start or not is_negated(answer, sentence, start, end):
                    continue
                begin = clause_start(answer, sentence, start)
                if not (
                    _FIRST_PERSON.search(answer, begin, start)
                    or _IMPERATIVE_NO.match(answer, sentence.start, start)
                ):
                    continue
                if any(
                    p.search(answer, sentence.start, start)
                    or _reason_near(p, answer, end, sentence.end)
                    for p in cues.declined
                ):
                    return [Hit(index, start, end)]
    return []


def _reason_near(pattern: Pattern, answer: str, end: int, limit: int) -> bool:
    found = pattern.search(answer, end, limit)
    return found is not None and found.start() - end <= DECLINE_REACH


def _requirement_met(
    answer: str, sentences: list[Sentence], hit: Hit, requires: tuple[Pattern, ...]
) -> bool:
    if not requires:
        return True
    sentence = sentences[hit.sentence]
    begin = sentences[hit.sentence - 1].start if hit.sentence > 0 else sentence.start
    end = sentence.end
    if hit.sentence + 1 < len(sentences):
        end = sentences[hit.sentence + 1].end
    return any(p.search(answer, begin, end) for p in requires)


def _reasons(
    answer: str,
    sentences: list[Sentence],
    hit: Hit,
    patterns: tuple[Pattern, ...],
    named: list[Hit],
    same_sentence: bool = False,
    extend: bool = False,
) -> Iterator[Hit]:
    begin, end = reason_window(answer, sentences, hit.sentence, hit.start, extend)
    if same_sentence:
        end = min(end, sentences[hit.sentence].end)
        # A full stop ends a shared connective's reach even in an unsplit lower-case run
        # ("... use SMOTE for new samples. after that check f1 because accuracy is wrong").
        stop = _STOP.search(answer, hit.end, end)
        if stop is not None:
            end = stop.start()
        reach = GENERIC_REACH
    else:
        reach = REASON_REACH
    end = min(end, hit.end + reach)
    for pattern in patterns:
        for match in pattern.finditer(answer, begin, end):
            # A reason must add words beyond the cues themselves ("precision-recall curve"
            # names the threshold's operating point; it is not a reason for it).
            if any(h.start <= match.start() and match.end() <= h.end for h in named):
                continue
            index = hit.sentence
            while index + 1 < len(sentences) and sentences[index + 1].start <= match.start():
                index += 1
            yield Hit(index, match.start(), match.end())


def _may_extend(
    sentences: list[Sentence],
    index: int,
    criterion_id: str,
    claims: Mapping[int, Collection[str]] | None,
) -> bool:
    if index + 1 >= len(sentences) or sentences[index + 1].paragraph != sentences[index].paragraph:
        return False
    if continues(sentences, index):
        return True
    named_next = (claims or {}).get(index + 1, ())
    return criterion_id in named_next or not named_next


def _declined_sentences(
    answer: str, sentences: list[Sentence], cues: CriterionCues, skip: Collection[int]
) -> set[int]:
    """Sentences where a cue of the criterion is denied ("I wouldn't touch the threshold").

    A bare mention later in such a sentence ("0.5 is the natural cut-off") restates the
    default the candidate keeps; it does not touch the idea.
    """
    found: set[int] = set()
    patterns = [p for p in (*cues.named, *cues.weak) if not p.absent_from(answer)]
    for index, sentence in enumerate(sentences):
        if index in skip:
            continue
        for pattern in patterns:
            for match in pattern.finditer(answer, sentence.start, sentence.end):
                if match.end() > match.start() and is_negated(
                    answer, sentence, match.start(), match.end()
                ):
                    found.add(index)
                    break
            if index in found:
                break
    return found


def score_criterion(
    answer: str,
    sentences: list[Sentence],
    cues: CriterionCues,
    generic_reasons: tuple[Pattern, ...],
    skip: Collection[int] = (),
    first_technique: int | None = None,
    claims: Mapping[int, Collection[str]] | None = None,
    named_hits: list[Hit] | None = None,
) -> CriterionResult:
    """Score one criterion: 0 absent, 1 named, 2 named with a reason nearby.

    `first_technique` is the offset of the first technique named anywhere; criteria with
    `before_techniques` only reach 2 when their reasoned mention comes before it. `claims`
    maps sentence index -> criteria named there: a reason may come from the next sentence
    when that one carries on the point, or names this criterion or no other one.
    """
    if named_hits is None:
        named_hits = find_named(answer, sentences, cues, skip)
    strong = [h for h in named_hits if _requirement_met(answer, sentences, h, cues.requires)]
    declined_in = _declined_sentences(answer, sentences, cues, skip) if cues.weak else set()
    weak = [
        h
        for h in find_hits(answer, sentences, cues.weak, skip)
        if _requirement_met(answer, sentences, h, cues.requires) and h.sentence not in declined_in
    ]
    hits = tuple(sorted(strong + weak, key=lambda h: h.start))
    if not hits:
        declined = find_declined(answer, sentences, cues, skip)
        return (
            CriterionResult(cues.id, 1, tuple(declined))
            if declined
            else CriterionResult(cues.id, 0)
        )
    generic = generic_reasons if cues.use_generic_reasons else ()
    late: Hit | None = None
    own = [] if cues.self_reasoned else strong
    for hit in strong:
        if (
            cues.before_techniques
            and late is not None
            and first_technique is not None
            and hit.start >= first_technique
        ):
            # Every reason of a hit past the first technique is too late, and `late` is set
            # already: nothing this hit could find changes the result. Skipping it keeps a
            # long answer with many late mentions linear.
            continue
        extend = _may_extend(sentences, hit.sentence, cues.id, claims)
        reasons = [
            *_reasons(answer, sentences, hit, cues.reasoned, own, extend=extend),
            *_reasons(answer, sentences, hit, generic, strong, same_sentence=True),
        ]
        for reason in reasons:
            too_late = (
                first_technique is not None and min(hit.start, reason.start) >= first_technique
            )
            if cues.before_techniques and too_late:
                late = late or reason
                continue
            return CriterionResult(cues.id, 2, (hit,), reason)
    return CriterionResult(cues.id, 1, hits, None, out_of_order=late is not None)
