"""The labelled corpus of real answers: one JSONL file per rubric, read into validated items."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from mockround.bank import Bank, Question

Split = Literal["train", "dev", "test"]
SPLITS: tuple[Split, ...] = ("train", "dev", "test")
Family = Literal["main", "follow-ups", "related"]

# Sites where different threads or authors are different sources: each thread (or author) is a
# group of its own. Anywhere else one site is one voice, so the whole site is one group.
_MULTI_AUTHOR = (
    "stackexchange.com",
    "stackoverflow.com",
    "reddit.com",
    "quora.com",
    "kaggle.com",
    "medium.com",
    "towardsdatascience.com",
    "analyticsvidhya.com",
    "datasciencecentral.com",
    "dev.to",
    "linkedin.com",
    "kdnuggets.com",
    "substack.com",
    "hashnode.dev",
    "ycombinator.com",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RaterLabels(_Strict):
    """One labeller's judgement of one item."""

    labels: dict[str, int]
    spans: dict[str, list[str]] = Field(default_factory=dict)
    red_flags: list[str] = Field(default_factory=list)
    flag_spans: dict[str, list[str]] = Field(default_factory=dict)
    holistic: int = Field(ge=1, le=5)


class CorpusItem(_Strict):
    """A real passage, as written by its author, with the resolved labels and each rater's."""

    id: str = Field(min_length=1)
    question: str
    text: str = Field(min_length=1)
    source: str = Field(pattern=r"^https?://")
    split: Split
    labels: dict[str, int]
    spans: dict[str, list[str]] = Field(default_factory=dict)
    red_flags: list[str] = Field(default_factory=list)
    flag_spans: dict[str, list[str]] = Field(default_factory=dict)
    holistic: int = Field(ge=1, le=5)
    raters: dict[str, RaterLabels]
    """The two independent labellers, `a` and `b`."""
    adjudicated: list[str] = Field(default_factory=list)
    """What the third labeller settled: criterion ids, red-flag ids, `holistic`."""


def corpus_dir() -> Path:
    """`benchmarks/data/real/` of this checkout."""
    return Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real"


def load_corpus(root: Path | None = None, splits: Iterable[Split] = SPLITS) -> list[CorpusItem]:
    """Every item of the wanted splits, file by file (rubric id order)."""
    wanted = set(splits)
    items: list[CorpusItem] = []
    for path in sorted((root or corpus_dir()).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = CorpusItem.model_validate(json.loads(line))
                if item.split in wanted:
                    items.append(item)
    return items


def source_group(url: str) -> str:
    """The source an item belongs to for splitting: a repository, a thread, an author or a site."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = [p for p in parts.path.split("/") if p]
    if host in ("github.com", "raw.githubusercontent.com") and len(path) >= 2:
        return f"github.com/{path[0]}/{path[1]}".lower()
    if not any(host == site or host.endswith("." + site) for site in _MULTI_AUTHOR):
        return host
    stack = "stackexchange.com" in host or "stackoverflow.com" in host
    if stack and len(path) >= 2 and path[0] in ("questions", "q", "a"):
        return f"{host}/q/{path[1]}"
    if host.endswith("medium.com") and path and path[0].startswith("@"):
        return f"{host}/{path[0]}".lower()
    return f"{host}/{'/'.join(path[:3])}".lower().rstrip("/")


def family(question: Question) -> Family:
    """Which pooled figure a question counts towards."""
    return question.family


def corpus_problems(items: list[CorpusItem], bank: Bank) -> list[str]:
    """Everything that makes the corpus malformed, one line each (empty when it is sound)."""
    problems: list[str] = []
    seen: set[str] = set()
    split_of_group: dict[str, str] = {}
    for item in items:
        where = item.id
        if item.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item.id)
        try:
            rubric = bank.get(item.question).rubric
        except KeyError:
            problems.append(f"{where}: unknown question {item.question!r}")
            continue
        criteria, flags = set(rubric.criterion_ids), {f.id for f in rubric.red_flags}
        judgements = {"resolved": _as_rater(item), **item.raters}
        if set(item.raters) != {"a", "b"}:
            problems.append(f"{where}: needs raters a and b, has {sorted(item.raters)}")
        for who, labels in judgements.items():
            problems += [
                f"{where} ({who}): {p}" for p in _label_problems(labels, item.text, criteria, flags)
            ]
        group = source_group(item.source)
        earlier = split_of_group.setdefault(group, item.split)
        if earlier != item.split:
            problems.append(f"{where}: source {group} is in both {earlier} and {item.split}")
    return problems


def _as_rater(item: CorpusItem) -> RaterLabels:
    return RaterLabels(
        labels=item.labels,
        spans=item.spans,
        red_flags=item.red_flags,
        flag_spans=item.flag_spans,
        holistic=item.holistic,
    )


def _label_problems(
    labels: RaterLabels, text: str, criteria: set[str], flags: set[str]
) -> list[str]:
    problems: list[str] = []
    if set(labels.labels) != criteria:
        problems.append(f"criteria {sorted(labels.labels)} != rubric's {sorted(criteria)}")
    for cid, score in labels.labels.items():
        spans = labels.spans.get(cid, [])
        if score not in (0, 1, 2):
            problems.append(f"{cid}: score {score} is not 0, 1 or 2")
        if score and not spans:
            problems.append(f"{cid}: scored {score} without a span")
        problems += [f"{cid}: span not in the text: {s[:60]!r}" for s in spans if s not in text]
    for fid in labels.red_flags:
        if fid not in flags:
            problems.append(f"unknown red flag {fid!r}")
        if not labels.flag_spans.get(fid):
            problems.append(f"red flag {fid} without a span")
    for fid, spans in labels.flag_spans.items():
        problems += [f"{fid}: span not in the text: {s[:60]!r}" for s in spans if s not in text]
    return problems


def corpus_digest(items: list[CorpusItem]) -> str:
    """A fingerprint of items and their resolved labels: a model trained on them records it."""
    import hashlib

    digest = hashlib.sha256()
    for item in sorted(items, key=lambda i: i.id):
        payload = [item.id, item.text, item.labels, item.spans, item.red_flags, item.holistic]
        digest.update(json.dumps(payload, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]
