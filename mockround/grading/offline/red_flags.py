"""Red flags: endorsing accuracy, resampling before the split, and a list of tools with no why."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from mockround.grading.offline.criteria import Hit, find_hits
from mockround.grading.offline.cues import RedFlagCues, RubricCues
from mockround.grading.offline.dataflow import dataflow_hits
from mockround.grading.offline.pattern import Pattern
from mockround.grading.offline.steps import step_order_hits
from mockround.grading.offline.text import Sentence, contrast_start, is_list_item

CONDITION_REACH = 2
"""Sentences after a remedy's mention where its condition may still appear."""
CRITICISM_REACH = 2
"""Sentences after a flagged one, in its item or paragraph, whose criticism still covers it."""
LEAD_REACH = 2
"""Sentences before a sequel ("After that you split"), in its paragraph, that may lead to it."""


@dataclass(frozen=True)
class FlagResult:
    """A raised red flag and the cues that show it."""

    id: str
    hits: tuple[Hit, ...]


# ", and I run ..." starts a new action with its own subject: "on the training set I apply
# SMOTE, and I run the CV on that balanced set" is judged on the CV clause alone.
_NEW_ACTION = re.compile(r"[,;]\s*(?:and\s+|then\s+|so\s+)*(?:I|we|you)\b", re.IGNORECASE)


def _own_clause_start(answer: str, begin: int, position: int) -> int:
    for match in _NEW_ACTION.finditer(answer, begin, position):
        begin = match.start() + 1
    return begin


def _paragraph_start(sentences: list[Sentence], index: int) -> int:
    while index > 0 and sentences[index - 1].paragraph == sentences[index].paragraph:
        index -= 1
    return index


def _under_warning_frame(
    answer: str, sentences: list[Sentence], index: int, frames: Collection[Pattern]
) -> bool:
    """True when sentence `index` is in a list item whose lead-in frames the list as mistakes.

    "Two classic mistakes I see:" followed by "1. Running SMOTE on the full dataset" lists
    what not to do; the lead-in is the line just above the list (a heading counts).
    """
    first = _paragraph_start(sentences, index)
    if not is_list_item(sentences[first].text) or sentences[first].text.startswith("#"):
        return False
    before = first - 1
    while before >= 0:
        item = _paragraph_start(sentences, before)
        text = sentences[item].text
        if not is_list_item(text) or text.startswith("#"):
            break
        before = item - 1
    if before < 0:
        return False
    lead = sentences[before]
    return any(p.search(answer, lead.start, lead.end) for p in frames)


# An enumerated point inside a paragraph ("First, reporting accuracy: ...").
_ENUMERATOR = re.compile(
    r"\W*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|another(?: one)?|the other(?: one)?|"
    r"next|finally|last(?:ly)?|one is|the (?:first|second|third|last) (?:one )?is)\b",
    re.IGNORECASE,
)


def _enumerated_mistake(
    answer: str, sentences: list[Sentence], index: int, frames: Collection[Pattern]
) -> bool:
    """True when sentence `index` is an enumerated point under a mistake lead-in sentence.

    "Two classic mistakes to avoid. First, reporting accuracy: ... Second, ..." frames the
    points of its own paragraph the way a lead-in line frames the list below it.
    """
    if not _ENUMERATOR.match(sentences[index].text):
        return False
    for before in range(index - 1, -1, -1):
        lead = sentences[before]
        if lead.paragraph != sentences[index].paragraph:
            return False
        if any(p.search(answer, lead.start, lead.end) for p in frames):
            return True
    return False


def _criticised_after(
    answer: str, sentences: list[Sentence], index: int, patterns: Collection[Pattern]
) -> bool:
    """True when the next sentences of the same item or paragraph criticise the practice."""
    for following in sentences[index + 1 : index + 1 + CRITICISM_REACH]:
        if following.paragraph != sentences[index].paragraph:
            break
        if any(p.search(answer, following.start, following.end) for p in patterns):
            return True
    return False


def _sequels(
    answer: str, sentences: list[Sentence], cues: RedFlagCues, skip: Collection[int]
) -> list[Hit]:
    """Sequel hits whose paragraph led up to them in the sentences just before.

    "Randomly pick as many negatives as positives and shuffle. After that you do the train
    test split" resamples before the split across two sentences; neither says it alone.
    """
    found: list[Hit] = []
    for hit in find_hits(answer, sentences, cues.sequel, skip):
        for before in range(hit.sentence - 1, max(-1, hit.sentence - 1 - LEAD_REACH), -1):
            lead = sentences[before]
            if lead.paragraph != sentences[hit.sentence].paragraph or before in skip:
                break
            if any(p.search(answer, lead.start, lead.end) for p in cues.lead):
                found.append(hit)
                break
    return found


def _pattern_flag(
    answer: str,
    sentences: list[Sentence],
    cues: RedFlagCues,
    skip: Collection[int],
    frames: Collection[Pattern] = (),
) -> FlagResult | None:
    hits: list[Hit] = []
    for hit in sorted(
        [
            *find_hits(answer, sentences, cues.patterns, skip),
            *_sequels(answer, sentences, cues, skip),
            *step_order_hits(answer, sentences, cues, skip),
            *dataflow_hits(answer, sentences, cues, skip),
        ],
        key=lambda h: h.start,
    ):
        sentence = sentences[hit.sentence]
        if _under_warning_frame(answer, sentences, hit.sentence, frames):
            continue
        if _enumerated_mistake(answer, sentences, hit.sentence, frames):
            continue
        if _criticised_after(answer, sentences, hit.sentence, cues.criticism):
            continue
        # A clause that criticises the practice ("accuracy is misleading") never raises it;
        # the criticism reaches back only to the last contrast, so "if it's 90/10 I might not
        # do anything, but at 99/1 I'd SMOTE and then split" is judged on its second half.
        # A full stop ends the clause even in an unsplit lower-case run ("just drop rows
        # ... lol. once its balanced you can just use accuracy").
        begin = max(
            contrast_start(answer, sentence, hit.start),
            _own_clause_start(answer, sentence.start, hit.start),
            _last_stop(answer, sentence.start, hit.start),
        )
        if any(p.search(answer, begin, sentence.end) for p in cues.unless):
            continue
        hits.append(hit)
    return FlagResult(cues.id, tuple(hits[:2])) if hits else None


def remedy_mentions(
    answer: str, sentences: list[Sentence], rubric_cues: RubricCues, skip: Collection[int]
) -> dict[str, Hit]:
    """First mention of each remedy the answer names as a remedy of its own (not dismissed).

    A kind of a broader remedy ("SMOTE" for oversampling) only counts apart from it when it
    has a mention in a sentence that does not name the broader one: "when oversampling, use
    SMOTE" names one remedy, "upsample the minority" and "also try SMOTE" name two.
    """
    return _mentions(answer, sentences, rubric_cues, skip)[0]


def _on_list_line(answer: str, position: int) -> bool:
    """True when the line holding `position` is a list item or a heading."""
    line_start = answer.rfind("\n", 0, position) + 1
    return is_list_item(answer[line_start : position + 1].lstrip())


def _mentions(
    answer: str, sentences: list[Sentence], rubric_cues: RubricCues, skip: Collection[int]
) -> tuple[dict[str, Hit], list[Hit]]:
    """Remedy mentions as `remedy_mentions`, plus the generic mentions that added no remedy."""
    # A remedy only announced for later ("in the next article we'll look at SMOTE") is not
    # one the answer recommends.
    deferred = {
        i
        for i, sentence in enumerate(sentences)
        if any(p.search(answer, sentence.start, sentence.end) for p in rubric_cues.deferred)
    }
    every = {
        family: find_hits(answer, sentences, patterns, {*skip, *deferred})
        for family, patterns in rubric_cues.remedies.items()
    }
    found: dict[str, Hit] = {}
    absorbed: list[Hit] = []
    for family, hits in every.items():
        heads = rubric_cues.remedy_groups.get(family, ())
        head_hits = [h for head in heads for h in every.get(head, [])]
        # A generic family word in prose ("makes resampling painless") adds nothing once a
        # member of it is named anywhere; as a list item of its own it is one more remedy.
        if family in rubric_cues.generic_remedies and head_hits:
            absorbed += hits
            hits = [h for h in hits if _on_list_line(answer, h.start)]
        hits = [h for h in hits if _apart(answer, h, head_hits)]
        if hits:
            found[family] = hits[0]
    return found, absorbed


# Words that tie a kind to the broader remedy beside it ("oversampling, e.g. SMOTE",
# "when oversampling, use SMOTE"); a bare comma or "and" between them lists two remedies.
_TIES = re.compile(
    r"\b(?:with|using|use|via|like|such as|e\.?g|i\.?e|including|especially|for example|"
    r"namely|through|by|called|known as|as|is|are|or|run|apply|applying|try|do|pick|"
    r"prefer)\b|[(:=]",
    re.IGNORECASE,
)
_FRAME = re.compile(r"\b(?:when|if|while|for|with)\s+$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r",|\band\b|\bplus\b|/", re.IGNORECASE)


def _apart(answer: str, hit: Hit, head_hits: list[Hit]) -> bool:
    """True when `hit` is named as a remedy of its own, not as a kind of a head beside it."""
    for head in head_hits:
        if head.sentence != hit.sentence:
            continue
        if head.start < hit.end and hit.start < head.end:
            return False
        gap = answer[min(head.end, hit.end) : max(head.start, hit.start)]
        # "When oversampling, SMOTE is the usual tool": the head opens the frame.
        framed = _FRAME.search(answer, max(0, head.start - 12), head.start)
        if framed or not _LIST_SEPARATOR.search(gap) or _TIES.search(gap):
            return False
    return True


_STOP = re.compile(r"[.!?;]\s")


def _last_stop(answer: str, begin: int, position: int) -> int:
    """Where the stretch ending at `position` starts: just after the last stop from `begin`."""
    for stop in _STOP.finditer(answer, begin, position):
        begin = stop.end()
    return begin


def _off_point(
    answer: str, sentence: Sentence, start: int, end: int, off_point: Collection[Pattern]
) -> bool:
    """True when the condition at answer[start:end] is about something other than remedies.

    Its stretch runs from the last full stop before it (even in an unsplit lower-case run):
    "after that check f1 not accuracy because accuracy is wrong" reasons the metric only.
    """
    begin = _last_stop(answer, sentence.start, start)
    return any(p.search(answer, begin, end) for p in off_point)


def _import_mentions(
    raw: str,
    imports: Sequence[Sentence],
    sentences: list[Sentence],
    rubric_cues: RubricCues,
    named: Collection[str],
) -> dict[str, tuple[Hit, int]]:
    """Remedies first named on an import line, each with the prose sentence that follows it.

    `from imblearn.under_sampling import NearMiss, TomekLinks` reaches for two undersamplers
    even though criteria never see import lines. A hit's sentence index runs past the prose
    sentences (import line k is index len(sentences) + k) so its evidence quotes the line.
    Module paths ("imblearn.over_sampling") are not remedies: generic families are skipped.
    """
    found: dict[str, tuple[Hit, int]] = {}
    for family, patterns in rubric_cues.remedies.items():
        if family in named or family in rubric_cues.generic_remedies:
            continue
        hits = find_hits(raw, list(imports), patterns)
        if hits:
            line = imports[hits[0].sentence]
            after = next((i for i, s in enumerate(sentences) if s.start >= line.end), None)
            hit = Hit(len(sentences) + hits[0].sentence, hits[0].start, hits[0].end)
            found[family] = (hit, len(sentences) if after is None else after)
    return found


def _tool_list_flag(
    answer: str,
    sentences: list[Sentence],
    cues: RedFlagCues,
    rubric_cues: RubricCues,
    scores: Mapping[str, int],
    skip: Collection[int],
    imports: Sequence[Sentence] = (),
    raw: str = "",
) -> FlagResult | None:
    remedies, absorbed = _mentions(answer, sentences, rubric_cues, skip)
    imported = _import_mentions(raw, imports, sentences, rubric_cues, remedies) if imports else {}
    if len(remedies) + len(imported) < cues.min_remedies:
        return None
    if any(scores.get(cid, 0) >= minimum for cid, minimum in cues.reasoning):
        return None
    # A heading names the remedy and the lines under it often give its condition.
    # A generic mention keeps its condition for the members named after it ("when positives
    # are tiny, treat it as anomaly detection. Fit an Isolation Forest, ...").
    starts = [hit.sentence for hit in [*remedies.values(), *absorbed]]
    # An imported remedy's condition may follow the import block in prose.
    starts += [after for _, after in imported.values()]
    remedy_sentences = {
        i
        for start in starts
        for i in range(start, min(start + CONDITION_REACH + 1, len(sentences)))
    }
    for index in sorted(remedy_sentences):
        sentence = sentences[index]
        for pattern in cues.conditions:
            for match in pattern.finditer(answer, sentence.start, sentence.end):
                if not _off_point(answer, sentence, match.start(), match.end(), cues.off_point):
                    return None
    ordered = sorted(remedies.values(), key=lambda h: h.start)
    ordered += sorted((hit for hit, _ in imported.values()), key=lambda h: h.start)
    return FlagResult(cues.id, tuple(ordered[: cues.min_remedies]))


def detect_red_flags(
    answer: str,
    sentences: list[Sentence],
    rubric_cues: RubricCues,
    scores: Mapping[str, int],
    skip: Collection[int] = (),
    imports: Sequence[Sentence] = (),
    raw: str = "",
) -> list[FlagResult]:
    """Every red flag of the rubric the answer raises, in rubric-cue order.

    `imports` are the import lines of `raw` (the text before markup was masked); a tool
    list counts the remedies they name. Their hits index past `sentences`, in order.
    """
    raised: list[FlagResult] = []
    for cues in rubric_cues.red_flags.values():
        if cues.kind == "tool_list":
            result = _tool_list_flag(
                answer, sentences, cues, rubric_cues, scores, skip, imports, raw
            )
        else:
            result = _pattern_flag(answer, sentences, cues, skip, rubric_cues.warning_frames)
        if result is not None:
            raised.append(result)
    return raised
