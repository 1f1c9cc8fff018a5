"""The app shows hostile text as text (issue 12 case 3): an answer, a grader's feedback and
warnings carrying escape sequences, bidi overrides or markup never act on the terminal."""

from __future__ import annotations

from collections.abc import Callable

from conftest_data import KeywordGrader
from textual.widgets import Static

from mockround.bank.models import Question
from mockround.grading.contract import Grade
from mockround.tui.app import MockRoundApp
from mockround.tui.screens.feedback import FeedbackScreen
from mockround.tui.widgets.answer_editor import AnswerEditor

AppFactory = Callable[..., MockRoundApp]
ScreenText = Callable[[MockRoundApp], str]
HOSTILE = "\x1b]0;owned\x07\x1b[2J\u202e"
ANSWER = f"Weighting first {HOSTILE} [b]not bold[/b] and context."


class HostileGrader(KeywordGrader):
    """A grader (think: an LLM server's reply) whose feedback and warnings carry control codes."""

    def grade(self, question: Question, answer: str) -> Grade:
        """The keyword grade with hostile feedback and a hostile warning."""
        grade = super().grade(question, answer)
        criteria = [
            c.model_copy(update={"feedback": f"ok {HOSTILE}[red]x"}) for c in grade.criteria
        ]
        return grade.model_copy(
            update={"criteria": criteria, "warnings": [f"llm_note: {HOSTILE}[/]"]}
        )


async def test_hostile_answer_feedback_and_warnings_are_shown_inert(
    make_app: AppFactory, screen_text: ScreenText
) -> None:
    app = make_app(grader=HostileGrader)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("u")
        app.screen.query_one(AnswerEditor).text_area.insert(ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        shown = [str(w.render()) for w in screen.query(Static) if w.id in ("fb-answer", "fb-notes")]
        shown.append(screen_text(app))
        for text in shown:
            for char in ("\x1b", "\x07", "\u202e"):
                assert char not in text
        assert "[b]not bold[/b]" in shown[0]
        assert "␛]0;owned␇" in shown[0]
