"""Which follow-ups probe which criterion: the only bank knowledge the plan needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mockround.bank import Bank


@dataclass(frozen=True)
class CardCatalog:
    """The bank's cards in display order, and for each question the follow-ups per target."""

    cards: tuple[str, ...] = ()
    """Every question and follow-up id, in bank order (unseen cards list as new)."""
    followups: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """question id -> criterion id -> ids of the follow-ups whose `targets` name it."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """card id -> title, and "question:criterion" -> criterion label, for display."""

    def title(self, card_id: str) -> str:
        """The card's title, or its id for a question no longer in the bank."""
        return self.titles.get(card_id, card_id)

    def criterion_label(self, question_id: str, criterion_id: str) -> str:
        """A criterion's short label on the question's rubric, or its id."""
        return self.titles.get(f"{question_id}:{criterion_id}", criterion_id)

    def parent_of(self, card_id: str) -> str | None:
        """The question a follow-up belongs to (None for a main question)."""
        for question_id, by_target in self.followups.items():
            if any(card_id in ids for ids in by_target.values()):
                return question_id
        return None


def catalog_from_bank(bank: Bank) -> CardCatalog:
    """The catalog for a loaded bank."""
    followups: dict[str, dict[str, tuple[str, ...]]] = {}
    titles: dict[str, str] = {}
    for question in bank.main_questions():
        titles[question.id] = question.title
        for criterion in question.rubric.criteria:
            titles[f"{question.id}:{criterion.id}"] = criterion.label
        by_target: dict[str, tuple[str, ...]] = {}
        for follow in question.followups:
            titles[follow.id] = follow.title
            for target in follow.targets:
                by_target[target] = (*by_target.get(target, ()), follow.id)
        followups[question.id] = by_target
    return CardCatalog(cards=tuple(bank.ids()), followups=followups, titles=titles)


def default_catalog() -> CardCatalog:
    """The catalog of the installed bank; empty if the bank does not load.

    An empty catalog still schedules every answered question; only the pull of weak
    criteria on follow-ups is lost until the bank is fixed (`mockround check` names the
    fault) and `mockround plan --rebuild` replays the history.
    """
    from mockround.bank import BankError, load_bank

    try:
        return catalog_from_bank(load_bank())
    except BankError:
        return CardCatalog()
