"""The header names the question being answered, never a fixed one."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Header

from mockround.bank import Bank
from mockround.tui.app import DrillStart, MockRoundApp
from mockround.tui.screens.drill import DrillScreen

AppFactory = Callable[..., MockRoundApp]


def _header_text(app: MockRoundApp) -> str:
    header = app.screen.query_one(Header)
    return " ".join(str(child.render()) for child in header.children)


async def test_a_drill_on_another_question_names_it_in_the_header(
    make_app: AppFactory, bank: Bank
) -> None:
    other = next(q for q in bank.all_items() if q.id != bank.main_questions()[0].id)
    app = make_app(drill=DrillStart(question_id=other.id))
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        text = _header_text(app)
        assert other.prompt[:40] in text
        assert bank.main_questions()[0].prompt not in text


async def test_home_header_does_not_claim_a_question(make_app: AppFactory, bank: Bank) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "How do you handle imbalanced data?" not in _header_text(app)
        assert "MockRound" in _header_text(app)
