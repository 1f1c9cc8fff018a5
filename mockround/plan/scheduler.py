"""Grades become FSRS reviews: the rating rule, and one review of one card.

The spacing maths is the `fsrs` package's; this module only maps MockRound's grades
onto its ratings and keeps the scheduler deterministic (no fuzz) so a replay of the
same history always gives the same plan.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler, State

# Fuzz spreads due dates at random; it would make `plan --rebuild` disagree with itself.
_SCHEDULER = Scheduler(enable_fuzzing=False)

STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}


def rating_for(overall: int, *, timed_out: bool = False) -> Rating:
    """Again < 40, Hard < 60, Good < 80, Easy >= 80; a time's-up drill at best Hard."""
    if overall < 40:
        rating = Rating.Again
    elif overall < 60:
        rating = Rating.Hard
    elif overall < 80:
        rating = Rating.Good
    else:
        rating = Rating.Easy
    # The answer was cut off: it was not recalled fluently enough to count as Good.
    return min(rating, Rating.Hard) if timed_out else rating


def new_card(due: datetime) -> Card:
    """A card never reviewed, due at `due`."""
    # An explicit id: fsrs otherwise stamps the clock and sleeps a millisecond per card.
    return Card(card_id=0, due=due.astimezone(UTC))


def review(card: Card, rating: Rating, at: datetime) -> Card:
    """The card after a review with `rating` at `at`."""
    reviewed, _log = _SCHEDULER.review_card(card, rating, review_datetime=at.astimezone(UTC))
    return reviewed
