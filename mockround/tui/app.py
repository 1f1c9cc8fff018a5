"""The MockRound Textual app: screen wiring; the logic lives below (store, graders, demos)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from mockround.errors import UserError
from mockround.tui.screens.home import HomeScreen
from mockround.tui.services import DemoCatalog, Services, build_services

if TYPE_CHECKING:
    from mockround.bank import Bank, Question
    from mockround.config import Settings
    from mockround.grading import Grader
    from mockround.store import Draft, Stats, Store
    from mockround.store.models import Mode
    from mockround.tui.clock import Clock


@dataclass(frozen=True)
class DrillStart:
    """Open a drill straight away (`mockround drill`)."""

    question_id: str | None = None
    seconds: int | None = None


class MockRoundApp(App[None]):
    """Home, drills, feedback, follow-ups, demos and history."""

    TITLE = "MockRound"
    # Screens about one question (a drill, a demo) name it in their own sub-title.
    SUB_TITLE = "interview answer practice"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, services: Services, *, drill: DrillStart | None = None) -> None:
        super().__init__()
        self.services = services
        self.drill_start = drill

    def on_mount(self) -> None:
        """Home first; then a direct drill, or the offer to recover an unfinished draft."""
        self._apply_saved_theme()
        self.push_screen(HomeScreen())
        if self.drill_start is not None:
            bank = self.services.bank
            start = self.drill_start
            question = bank.get(start.question_id) if start.question_id else bank.questions[0]
            self.open_drill(question, timed=True, seconds=start.seconds)
        elif self.services.loaded:
            self.call_after_refresh(self.offer_drafts)
        else:
            self.call_after_refresh(self._load_in_background)

    @work(thread=True, exit_on_error=False)
    def _load_in_background(self) -> None:
        # Validating the bank, opening the database and its stats take longer than drawing
        # Home: Home is drawn first, with a line saying its scores are being read.
        try:
            stats = self.services.store.stats()
        except UserError as error:
            self.call_from_thread(self._handle_exception, error)
            return
        self.call_from_thread(self._loaded, stats)

    def _loaded(self, stats: Stats) -> None:
        # The validated settings may name another theme than the quick read did (a value the
        # quick read could not parse): theirs wins.
        wanted = self.services.settings.ui.theme
        if wanted != self.theme and wanted in self.available_themes:
            self.theme = wanted
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_scores(stats)
        self.offer_drafts()

    def _apply_saved_theme(self) -> None:
        if self.services.settings_loaded:
            wanted = self.services.settings.ui.theme
        else:
            # Home is drawn before the settings are validated: its theme is read cheaply.
            from mockround.config_peek import peek_theme
            from mockround.locations import config_file

            wanted = peek_theme(config_file())
        self._use_theme(wanted)
        # Any later change (the picker, or the palette's own theme command) is kept.
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    def _use_theme(self, wanted: str) -> None:
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self.notify(f"Unknown theme '{wanted}' in the settings: press t on Home to pick one.")

    def _keep_theme(self, theme: Theme) -> None:
        from mockround.config_write import save_setting
        from mockround.locations import config_file

        settings = self.services.settings
        if theme.name == settings.ui.theme:
            return
        try:
            save_setting(config_file(), "ui", "theme", theme.name)
        except UserError as exc:
            self.notify(f"Theme applied but not saved: {exc.message}", severity="warning")
            return
        settings.ui.theme = theme.name

    def pick_theme(self) -> None:
        """The theme picker; the choice applies at once and is saved to the config file."""
        from mockround.tui.screens.theme import ThemeScreen

        def chosen(name: str | None) -> None:
            if name is not None:
                self.theme = name

        self.push_screen(ThemeScreen(), chosen)

    def _handle_exception(self, error: Exception) -> None:
        # A user-fixable problem (a locked or damaged database...) ends the session with the
        # same one-line message the CLI prints, not a traceback; anything else is a bug.
        if isinstance(error, UserError):
            self.exit(return_code=2, message=f"mockround: error: {error.message}")
            return
        super()._handle_exception(error)

    async def action_quit(self) -> None:
        """Quit; a running drill asks first (its draft is kept), and ctrl+q again confirms."""
        from mockround.tui.screens.drill import DrillScreen
        from mockround.tui.screens.leave_drill import LeaveDrillScreen

        screen = self.screen
        if isinstance(screen, LeaveDrillScreen):
            screen.quitting = True
            screen.dismiss(True)
            return
        if isinstance(screen, DrillScreen) and screen.needs_confirmation:
            screen.confirm_leave(quitting=True)
            return
        self.exit()

    def on_unmount(self) -> None:
        """Close the database cleanly."""
        self.services.close()

    def offer_drafts(self) -> bool:
        """Offer the newest unfinished draft for recovery (then the next, until none are left).

        Returns whether there was a draft to offer.
        """
        from mockround.tui.screens.recover import RecoverDraftScreen

        drafts = [d for d in self.services.store.unfinished_drafts() if d.text.strip()]
        pending = sorted(drafts, key=lambda d: d.saved_at, reverse=True)
        if not pending:
            return False
        draft = pending[0]
        try:
            question = self.services.bank.get(draft.question_id)
        except KeyError:
            self.notify(f"A draft for unknown question '{draft.question_id}' was kept as is.")
            return True
        # The draft answers the wording it was asked (an LLM follow-up), not the bank's.
        question = as_asked(question, draft.prompt)

        def decided(choice: str | None) -> None:
            if choice == "resume":
                self._resume(draft, question)
            elif choice == "discard":
                self.services.store.discard_draft(draft.attempt_id)
                self.notify("Draft discarded.")
                if len(pending) > 1:
                    self.offer_drafts()

        self.push_screen(RecoverDraftScreen(draft, question.prompt), decided)
        return True

    def _resume(self, draft: Draft, question: Question) -> None:
        from mockround.tui.screens.drill import DrillScreen
        from mockround.tui.screens.recover import resume_seconds

        # The clock carries on from the last save: a crash must not buy a fresh time limit.
        self.push_screen(
            DrillScreen(
                question,
                mode=draft.mode,
                seconds=draft.time_limit,
                parent_id=draft.parent_id,
                attempt_id=draft.attempt_id,
                text=draft.text,
                seconds_left=resume_seconds(draft),
                elapsed_before=draft.elapsed_seconds,
            )
        )

    def open_drill(self, question: Question, *, timed: bool, seconds: int | None = None) -> None:
        """Start a drill (timed) or an untimed answer to `question`."""
        self.start_drill(question, mode="drill" if timed else "untimed", seconds=seconds)

    def start_drill(
        self,
        question: Question,
        *,
        mode: Mode,
        seconds: int | None = None,
        parent_id: str | None = None,
        replace: bool = False,
    ) -> None:
        """A fresh attempt at `question`; `replace` swaps it for the current screen.

        Every screen starts drills through here, so no screen imports another screen.
        """
        from mockround.tui.screens.drill import DrillScreen

        limit = None if mode == "untimed" else seconds or self.services.settings.drill.seconds
        screen = DrillScreen(question, mode=mode, seconds=limit, parent_id=parent_id)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_feedback(
        self,
        question: Question,
        *,
        attempt_id: str,
        answer: str,
        mode: Mode,
        parent_id: str | None,
        timed_out: bool,
    ) -> None:
        """Swap the finished drill for its feedback (grading starts there)."""
        from mockround.tui.screens.feedback import FeedbackScreen

        self.switch_screen(
            FeedbackScreen(
                question,
                attempt_id=attempt_id,
                answer=answer,
                mode=mode,
                parent_id=parent_id,
                timed_out=timed_out,
            )
        )

    def open_demo(self, demo_id: str) -> None:
        """Run one demo on its own screen."""
        from mockround.tui.screens.demos import DemoRunScreen

        self.push_screen(DemoRunScreen(demo_id))

    def open_attempt(self, attempt_id: str) -> None:
        """An attempt's feedback, read-only."""
        from mockround.tui.screens.feedback import FeedbackScreen

        detail = self.services.store.get_attempt(attempt_id)
        attempt = detail.attempt
        try:
            question = self.services.bank.get(attempt.question_id)
        except KeyError:
            self.notify(f"Question '{attempt.question_id}' is no longer in the bank.")
            return
        question = as_asked(question, attempt.prompt)
        latest = detail.latest_grade
        self.push_screen(
            FeedbackScreen(
                question,
                attempt_id=attempt.id,
                answer=attempt.text,
                mode=attempt.mode,
                parent_id=attempt.parent_id,
                timed_out=attempt.timed_out,
                grade=latest.grade if latest else None,
                read_only=True,
            )
        )

    def action_history(self) -> None:
        """Open the history."""
        from mockround.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_demos(self) -> None:
        """Open the demo list."""
        from mockround.tui.screens.demos import DemosScreen

        self.push_screen(DemosScreen())

    def action_help(self) -> None:
        """Show the keys."""
        from mockround.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_home(self) -> None:
        """Back to Home, closing everything above it."""
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The main actions in the command palette, after Textual's own."""
        bank = self.services.bank
        main = bank.main_questions()[0]
        seconds = self.services.settings.drill.seconds
        yield SystemCommand(
            f"Drill: {seconds}-second answer",
            f"Timed drill on: {main.prompt}",
            lambda: self.open_drill(main, timed=True),
        )
        yield SystemCommand(
            "Untimed answer",
            f"Answer without a clock: {main.prompt}",
            lambda: self.open_drill(main, timed=False),
        )
        yield SystemCommand("History", "Every attempt, trends, compare two", self.action_history)
        yield SystemCommand(
            "Demos", "Run the scikit-learn demos behind each claim", self.action_demos
        )
        yield SystemCommand("Home", "Back to the home screen", self.action_home)
        yield SystemCommand("Theme picker", "Pick a colour theme; it is kept", self.pick_theme)
        # "Help", not "Keys": Textual's palette already has a "Keys" entry (its keys panel).
        yield SystemCommand("Help", "What each screen is for and its keys", self.action_help)
        yield from super().get_system_commands(screen)


def create_app(
    settings: Settings | Callable[[], Settings],
    bank: Bank | None,
    *,
    drill: DrillStart | None = None,
    store: Store | None = None,
    grader_factory: Callable[[], Grader] | None = None,
    clock: Clock | None = None,
    demos: DemoCatalog | None = None,
) -> MockRoundApp:
    """The app with real services; tests replace the store, grader, clock or demos.

    Without `bank` (and `store`) both are read in a worker after Home's first paint; so are
    the settings when given as a function that resolves them.
    """
    services = build_services(
        settings, bank, store=store, grader_factory=grader_factory, clock=clock, demos=demos
    )
    return MockRoundApp(services, drill=drill)


def run_app(
    settings: Settings | Callable[[], Settings],
    bank: Bank | None = None,
    *,
    drill: DrillStart | None = None,
) -> int:
    """Run the app until the user quits; return the exit code."""
    app = create_app(settings, bank, drill=drill)
    app.run()
    return app.return_code or 0


def as_asked(question: Question, prompt: str | None) -> Question:
    """`question` worded as it was actually asked (an LLM's follow-up wording, when stored)."""
    return question.model_copy(update={"prompt": prompt}) if prompt else question
