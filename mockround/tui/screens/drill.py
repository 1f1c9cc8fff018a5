"""The drill: the question, a reading moment, a countdown that can be paused, the editor;
autosaves the draft and submits at zero."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from mockround.terminal import visible
from mockround.tui.format import clock_text, plain
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.answer_editor import AnswerEditor
from mockround.tui.widgets.countdown import Countdown

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.store.models import Mode

Phase = Literal["reading", "running", "paused"]

AUTOSAVE_SECONDS = 2.0
TICK_SECONDS = 0.25
PAUSE_KEY = "ctrl+t"


class DrillScreen(AppScreen):
    """One attempt at one question, timed (drill, follow-up) or not (untimed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: ctrl+s must queue behind the keys the editor has yet to
        # handle, or a fast typist's last words are missing from the submitted answer.
        Binding("ctrl+s", "submit", "Submit"),
        Binding("enter", "start_now", "Start now"),
        Binding(PAUSE_KEY, "pause", "Pause"),
        Binding("escape", "leave", "Leave (draft kept)"),
        # Reaches the screen only when the editor is not focused (it types a q otherwise).
        Binding("q", "leave", "Leave", show=False),
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
        self.phase: Phase = "running"
        self.was_paused = False
        """True once the clock has been paused: the attempt is stored as not a clean drill."""
        self._initial_text = text
        self._elapsed_before = elapsed_before
        self._saved_text = text
        self._started = 0.0
        self._reading_until = 0.0
        self._paused_at = 0.0
        self._submitted = False
        self._tick_timer: Timer | None = None
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Question and clock on top, a status banner, the editor below."""
        yield Header()
        with Horizontal(id="drill-top"):
            kind = {"drill": "Drill", "untimed": "Untimed", "followup": "Follow-up"}[self.mode]
            heading = Text()
            heading.append(kind, style="bold")
            heading.append(" · ")
            heading.append(plain(self.question.prompt))
            yield Static(heading, id="drill-question")
            yield Countdown(id="countdown")
        yield Static(id="drill-banner")
        yield AnswerEditor(self._initial_text, limit=self.seconds, id="editor")
        yield Footer()

    def on_mount(self) -> None:
        """A new timed drill gives a reading moment first; otherwise the clock starts now."""
        countdown = self.query_one(Countdown)
        self.query_one("#drill-banner").display = False
        if self.seconds_left is None:
            countdown.display = False
        else:
            countdown.show_remaining(self.seconds_left)
            self._tick_timer = self.set_interval(TICK_SECONDS, self.check_clock)
        reading = self.mr_app.services.settings.drill.reading_seconds
        # A resumed draft was already read; an untimed answer has no clock to hold back.
        if reading > 0 and self.seconds_left is not None and self.attempt_id is None:
            self.phase = "reading"
            self._reading_until = self.mr_app.services.clock.monotonic() + reading
            self.query_one(AnswerEditor).text_area.read_only = True
            self._show_reading(reading)
            self.set_focus(None)
        else:
            self._start_clock()

    def _start_clock(self) -> None:
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
        self.phase = "running"
        self._started = services.clock.monotonic()
        self._save_timer = self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        self.query_one("#drill-banner").display = False
        area = self.query_one(AnswerEditor).text_area
        area.read_only = False
        # A recovered draft is continued, not prefixed: typing must land after its last word.
        area.move_cursor(area.document.end)
        area.focus()
        self.refresh_bindings()

    def _show_reading(self, left: float) -> None:
        banner = self.query_one("#drill-banner", Static)
        banner.update(
            f"Read the question: the clock starts in {clock_text(left)} · enter starts it now"
        )
        banner.display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Start-now only while reading; pause only while a clock runs (or is paused)."""
        if action == "start_now":
            return self.phase == "reading"
        if action == "pause":
            return self.seconds_left is not None and self.phase != "reading"
        if action == "submit":
            return self.phase != "reading"
        return True

    @property
    def remaining(self) -> float | None:
        """Seconds left on the clock (None when untimed); frozen while reading or paused."""
        if self.seconds_left is None:
            return None
        if self.phase == "reading":
            return self.seconds_left
        now = self._paused_at if self.phase == "paused" else self.mr_app.services.clock.monotonic()
        return self.seconds_left - (now - self._started)

    @property
    def needs_confirmation(self) -> bool:
        """Leaving asks first once the clock has started, or when an answer has been typed."""
        if self._submitted or self.phase == "reading":
            return False
        return self.seconds_left is not None or bool(self.query_one(AnswerEditor).text.strip())

    def check_clock(self) -> None:
        """Count the reading moment down, then the clock; at zero, lock and submit the answer."""
        if self._submitted:
            return
        if self.phase == "reading":
            left = self._reading_until - self.mr_app.services.clock.monotonic()
            if left <= 0:
                self._start_clock()
            else:
                self._show_reading(left)
            return
        remaining = self.remaining
        if remaining is None:
            return
        self.query_one(Countdown).show_remaining(remaining)
        # Not while the leave question is open: it decides first, then the answer is submitted.
        if remaining <= 0 and self.app.screen is self:
            self.query_one(AnswerEditor).lock_answer()
            self.notify("Time's up: your answer is locked and submitted.", severity="warning")
            self._submit(timed_out=True)

    def action_start_now(self) -> None:
        """End the reading moment and start the clock (enter)."""
        if self.phase == "reading":
            self._start_clock()

    def action_pause(self) -> None:
        """Stop the clock (the attempt is marked paused: not a clean timed drill), or go on."""
        if self.phase == "running" and self.seconds_left is not None:
            assert self.attempt_id is not None
            self.phase = "paused"
            self._paused_at = self.mr_app.services.clock.monotonic()
            if not self.was_paused:
                self.mr_app.services.store.mark_paused(self.attempt_id)
                self.was_paused = True
            self.autosave()
            # A stopped clock with a live editor would be free thinking time.
            self.query_one(AnswerEditor).text_area.read_only = True
            banner = self.query_one("#drill-banner", Static)
            banner.update(
                f"Paused: the clock is stopped and this attempt is kept as paused, not a "
                f"clean timed drill · {PAUSE_KEY} goes on"
            )
            banner.display = True
            self.query_one(Countdown).add_class("-paused")
        elif self.phase == "paused":
            self._started += self.mr_app.services.clock.monotonic() - self._paused_at
            self.phase = "running"
            self.query_one("#drill-banner").display = False
            self.query_one(Countdown).remove_class("-paused")
            area = self.query_one(AnswerEditor).text_area
            area.read_only = False
            area.focus()

    def autosave(self) -> None:
        """Save the draft every ~2 s, changed or not (one small upsert).

        An unchanged draft is saved too: its save time is what a recovered draft's clock
        resumes from, and thinking without typing is time spent. Nothing typed yet: no draft.
        """
        if self._submitted or self.attempt_id is None:
            return
        text = self.query_one(AnswerEditor).text
        if text != self._saved_text or text.strip():
            self.mr_app.services.store.save_draft(
                self.attempt_id, text, worked_seconds=self._worked_seconds()
            )
            self._saved_text = text

    def action_submit(self) -> None:
        """Submit the answer now (ctrl+s)."""
        if self._submitted or self.phase == "reading":
            return
        if not self.query_one(AnswerEditor).text.strip():
            self.notify("Type an answer first (or leave with Escape).", severity="warning")
            return
        self._submit(timed_out=False)

    def action_leave(self) -> None:
        """Go back, asking first while a drill runs; whatever was typed stays as a draft."""
        if not self.needs_confirmation:
            self.leave()
            return
        self.confirm_leave(quitting=False)

    def confirm_leave(self, *, quitting: bool) -> None:
        """Ask 'Leave the drill?' (or 'Quit MockRound?'); on yes, keep the draft and go."""
        from mockround.tui.screens.leave_drill import LeaveDrillScreen

        question = LeaveDrillScreen(quitting=quitting)

        def decided(leave: bool | None) -> None:
            if not leave:
                self.query_one(AnswerEditor).text_area.focus()
                return
            # Read at the answer: ctrl+q on the "Leave?" question turns it into a quit.
            if question.quitting:
                self.autosave()
                self.app.exit()
            else:
                self.leave()

        self.app.push_screen(question, decided)

    def leave(self) -> None:
        """Keep the draft and go back."""
        self.autosave()
        if self._saved_text.strip():
            self.notify("Draft kept: press r on Home to resume it.")
        self.dismiss()

    def _worked_seconds(self) -> float:
        """Seconds the clock ran on this attempt across sessions (pauses and reading left out)."""
        return (self._elapsed_before or 0.0) + self._active_seconds()

    def _active_seconds(self) -> float:
        """Seconds the clock ran on this attempt, this session (pauses and reading excluded)."""
        now = self._paused_at if self.phase == "paused" else self.mr_app.services.clock.monotonic()
        return now - self._started

    def _submit(self, *, timed_out: bool) -> None:
        assert self.attempt_id is not None
        self._submitted = True
        for timer in (self._tick_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        editor = self.query_one(AnswerEditor)
        editor.lock_answer()
        duration = None
        if self._elapsed_before is not None or self.was_paused:
            # A resumed draft (the hours the app was closed) or a paused one: the wall clock
            # would count time not spent answering.
            duration = self._worked_seconds()
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
