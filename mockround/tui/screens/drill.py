"""The drill: the question, a countdown, the editor; autosaves the draft and submits at zero."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from mockround.terminal import visible
from mockround.tui.format import plain
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.countdown import Countdown

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.store.models import Mode

AUTOSAVE_SECONDS = 2.0
TICK_SECONDS = 0.25


class DrillScreen(AppScreen):
    """One attempt at one question, timed (drill, follow-up) or not (untimed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: ctrl+s must queue behind the keys the editor has yet to
        # handle, or a fast typist's last words are missing from the submitted answer.
        Binding("ctrl+s", "submit", "Submit"),
        Binding("escape", "leave", "Leave (draft kept)"),
    ]

    def __init__(
        self,
        question: Question,
        *,
        mode: Mode = "drill",
        seconds: int | None = 90,
        parent_id: str | None = None,
        attempt_id: str | None = None,
        text: str = "",
        seconds_left: float | None = None,
        elapsed_before: float | None = None,
    ) -> None:
        """`seconds_left` starts the clock below the limit (a resumed draft); default: full.

        `elapsed_before`: seconds a resumed draft had already been worked on.
        """
        super().__init__()
        self.question = question
        self.mode: Mode = mode
        self.seconds = None if mode == "untimed" else seconds
        self.seconds_left: float | None = None
        """What the clock starts from: the limit, or less for a resumed draft (None: untimed)."""
        if self.seconds is not None:
            self.seconds_left = self.seconds if seconds_left is None else seconds_left
        self.parent_id = parent_id
        self.attempt_id = attempt_id
        self._initial_text = text
        self._elapsed_before = elapsed_before
        self._saved_text = text
        self._started = 0.0
        self._submitted = False
        self._tick_timer: Timer | None = None
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Question and clock on top, the editor below."""
        yield Header()
        with Horizontal(id="drill-top"):
            kind = {"drill": "Drill", "untimed": "Untimed", "followup": "Follow-up"}[self.mode]
            heading = Text()
            heading.append(kind, style="bold")
            heading.append(" · ")
            heading.append(plain(self.question.prompt))
            yield Static(heading, id="drill-question")
            yield Countdown(id="countdown")
        yield AnswerEditor(self._initial_text, limit=self.seconds, id="editor")
        yield Footer()

    def on_mount(self) -> None:
        """Store the attempt (before anything is typed), start the clock and the autosave."""
        services = self.mr_app.services
        # The header names the question being answered, not the app's first question.
        self.sub_title = visible(self.question.prompt)
        if self.attempt_id is None:
            # The prompt as shown: a follow-up may carry the LLM's wording, not the bank's.
            self.attempt_id = services.store.start_attempt(
                self.question.id,
                mode=self.mode,
                time_limit=self.seconds,
                parent_id=self.parent_id,
                prompt=self.question.prompt,
            )
        self._started = services.clock.monotonic()
        countdown = self.query_one(Countdown)
        if self.seconds_left is None:
            countdown.display = False
        else:
            countdown.show_remaining(self.seconds_left)
            self._tick_timer = self.set_interval(TICK_SECONDS, self.check_clock)
        self._save_timer = self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        area = self.query_one(AnswerEditor).text_area
        # A recovered draft is continued, not prefixed: typing must land after its last word.
        area.move_cursor(area.document.end)
        area.focus()

    @property
    def remaining(self) -> float | None:
        """Seconds left on the clock (None when untimed)."""
        if self.seconds_left is None:
            return None
        return self.seconds_left - (self.mr_app.services.clock.monotonic() - self._started)

    def check_clock(self) -> None:
        """Update the countdown; at zero, lock the answer and submit it as timed out."""
        remaining = self.remaining
        if remaining is None or self._submitted:
            return
        self.query_one(Countdown).show_remaining(remaining)
        if remaining <= 0:
            self.query_one(AnswerEditor).lock_answer()
            self.notify("Time's up: your answer is locked and submitted.", severity="warning")
            self._submit(timed_out=True)

    def autosave(self) -> None:
        """Save the draft every ~2 s, changed or not (one small upsert).

        An unchanged draft is saved too: its save time is what a recovered draft's clock
        resumes from, and thinking without typing is time spent. Nothing typed yet: no draft.
        """
        if self._submitted or self.attempt_id is None:
            return
        text = self.query_one(AnswerEditor).text
        if text != self._saved_text or text.strip():
            self.mr_app.services.store.save_draft(self.attempt_id, text)
            self._saved_text = text

    def action_submit(self) -> None:
        """Submit the answer now (ctrl+s)."""
        if self._submitted:
            return
        if not self.query_one(AnswerEditor).text.strip():
            self.notify("Type an answer first (or leave with Escape).", severity="warning")
            return
        self._submit(timed_out=False)

    def action_leave(self) -> None:
        """Go back; whatever was typed stays saved as a draft and is offered next time."""
        self.autosave()
        if self._saved_text.strip():
            self.notify("Draft kept: press r on Home to resume it.")
        self.dismiss()

    def _submit(self, *, timed_out: bool) -> None:
        assert self.attempt_id is not None
        self._submitted = True
        for timer in (self._tick_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        editor = self.query_one(AnswerEditor)
        editor.lock_answer()
        duration = None
        if self._elapsed_before is not None:
            # A resumed draft: the hours the app was closed were not spent answering.
            since = self.mr_app.services.clock.monotonic() - self._started
            duration = self._elapsed_before + since
        # The answer is committed before any grader runs: nothing typed is lost if grading fails.
        attempt = self.mr_app.services.store.submit(
            self.attempt_id, editor.text, timed_out=timed_out, duration_seconds=duration
        )
        self.mr_app.show_feedback(
            self.question,
            attempt_id=attempt.id,
            answer=attempt.text,
            mode=self.mode,
            parent_id=self.parent_id,
            timed_out=timed_out,
        )
