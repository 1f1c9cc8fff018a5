"""Home: the questions with best and last scores, the weakest criterion, and the main actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from mockround.terminal import visible
from mockround.tui.format import bank_label, or_dash
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.practise_next import KEY as PRACTISE_KEY
from mockround.tui.widgets.practise_next import PractiseNextPanel

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.store import QuestionStats, Stats
    from mockround.tui.app import MockRoundApp


def stats_line(app: MockRoundApp, stats: Stats) -> Text:
    """Weakest criterion, attempt count, trend and streak in one line."""
    line = Text()
    if stats.total_attempts == 0:
        line.append("No attempts yet: start with a 90-second drill (press d).", style="italic")
        return line
    if stats.weakest_criterion is not None:
        label = bank_label(app.services.bank, stats.weakest_criterion)
        average = stats.criteria.get(stats.weakest_criterion)
        line.append("Weakest: ", style="bold")
        line.append(label, style="bold red")
        if average is not None:
            line.append(f" (avg {average:.1f}/2)")
        line.append(" · ")
    # The count covers the same attempts as the trend after it; follow-ups are named apart.
    main = stats.total_attempts - stats.followup_attempts
    line.append(f"{main} attempt{'s' if main != 1 else ''}")
    if stats.followup_attempts:
        followups = stats.followup_attempts
        line.append(f" + {followups} follow-up{'s' if followups != 1 else ''}")
    if stats.trend_last5 is not None:
        line.append(f" · last 5 avg {stats.trend_last5:.0f}")
        if stats.trend_prev5 is not None:
            delta = stats.trend_last5 - stats.trend_prev5
            line.append(f" ({delta:+.0f})", style="green" if delta >= 0 else "red")
    if stats.streak_days:
        line.append(f" · streak {stats.streak_days} day{'s' if stats.streak_days != 1 else ''}")
    return line


ACTIONS = (
    ("d", "drill", "{seconds}-second drill"),
    ("u", "untimed", "Untimed"),
    ("h", "history", "History"),
    ("m", "demos", "Demos"),
    ("t", "theme", "Theme"),
)
LOADING = Text("Reading your questions and scores…", style="italic")
SCORE_COLUMNS = 18
"""Width of the Best / Last / Tries columns at the end of each row."""


def question_row(question: Question, stats: QuestionStats | None, width: int) -> Text:
    """One Home row: the prompt (follow-ups indented), then best, last and tries, aligned."""
    room = max(20, width - SCORE_COLUMNS)
    prompt = Text("  ↳ " if question.is_followup else "", style="dim")
    prompt.append(visible(question.prompt), style="" if question.is_followup else "bold")
    prompt.truncate(room, overflow="ellipsis", pad=True)
    best = or_dash(stats.best_overall if stats else None)
    last = or_dash(stats.last_overall if stats else None)
    tries = str(stats.attempts if stats else 0)
    prompt.append(f"{best:>6}{last:>6}{tries:>6}")
    return prompt


def actions_bar(seconds: int) -> str:
    """The action links: clickable, and each names its key."""
    links = [
        f"[@click=screen.{action}][reverse] {key} [/reverse] {label.format(seconds=seconds)}[/]"
        for key, action, label in ACTIONS
    ]
    return "   ".join(links)


class HomeScreen(AppScreen):
    """The first screen. Kept light (an OptionList and Statics): it is what start-up waits for."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "drill", "Drill"),
        Binding("u", "untimed", "Untimed"),
        Binding("h", "history", "History"),
        Binding("m", "demos", "Demos"),
        # "Practise next" shows its own [p]; the footer keeps room for ? Help at 80 columns.
        Binding(PRACTISE_KEY, "practise_next", "Practise next", show=False),
        Binding("r", "resume_draft", "Resume"),
        # Named in the actions line under the list; the footer has no room left at 80 columns.
        Binding("t", "theme", "Theme", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Intro, the questions list, the stats line and the actions."""
        yield Header()
        yield Static(
            "Answer as you would aloud; the feedback quotes your own words.",
            id="home-intro",
        )
        yield Static(id="questions-head")
        yield OptionList(id="questions")
        yield Static(id="home-stats")
        yield PractiseNextPanel(id="practise-next")
        yield Static(id="home-actions")
        yield Footer()

    @property
    def row_width(self) -> int:
        """Text width inside the questions list (border, padding and scrollbar excluded)."""
        return max(40, self.app.size.width - 9)

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        head = Text("Question".ljust(self.row_width - SCORE_COLUMNS), style="bold")
        head.append(f"{'Best':>6}{'Last':>6}{'Tries':>6}", style="bold")
        self.query_one("#questions-head", Static).update(head)
        if self.mr_app.services.loaded:
            self.refresh_scores()
        else:
            # The app fills this in once the bank and the history are read, after this paint.
            self.query_one("#home-stats", Static).update(LOADING)
        self.query_one("#questions", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Scores change after every attempt."""
        if self.mr_app.services.loaded:
            self.refresh_scores()

    def refresh_scores(self, stats: Stats | None = None) -> None:
        """Reload best/last scores and the stats line (`stats`: already read by a worker)."""
        if stats is None:
            stats = self.mr_app.services.store.stats()
        # The drill's length is a setting: the actions line waits, like the scores, until the
        # settings are validated (after the first paint).
        seconds = self.mr_app.services.settings.drill.seconds
        self.query_one("#home-actions", Static).update(actions_bar(seconds))
        by_id = {q.question_id: q for q in stats.questions}
        questions = self.query_one("#questions", OptionList)
        highlighted = questions.highlighted or 0
        questions.clear_options()
        questions.add_options(
            [
                Option(question_row(q, by_id.get(q.id), self.row_width), id=q.id)
                for q in self.mr_app.services.bank.all_items()
            ]
        )
        if questions.option_count:
            questions.highlighted = min(highlighted, questions.option_count - 1)
        self.query_one("#home-stats", Static).update(stats_line(self.mr_app, stats))
        self.query_one(PractiseNextPanel).reload()

    def selected_question(self) -> Question:
        """The highlighted question (the main question when nothing is highlighted)."""
        questions = self.query_one("#questions", OptionList)
        bank = self.mr_app.services.bank
        if questions.highlighted is not None:
            option_id = questions.get_option_at_index(questions.highlighted).id
            if option_id is not None:
                return bank.get(option_id)
        return bank.main_questions()[0]

    def action_drill(self) -> None:
        """A timed drill on the highlighted question."""
        self.mr_app.open_drill(self.selected_question(), timed=True)

    def action_untimed(self) -> None:
        """An untimed answer to the highlighted question."""
        self.mr_app.open_drill(self.selected_question(), timed=False)

    def action_practise_next(self) -> None:
        """A timed drill on the plan's top due card."""
        if not self.query_one(PractiseNextPanel).start():
            self.notify("Nothing is due: pick any question.")

    def action_history(self) -> None:
        """Open the history."""
        self.mr_app.action_history()

    def action_demos(self) -> None:
        """Open the demos."""
        self.mr_app.action_demos()

    def action_theme(self) -> None:
        """Pick a colour theme."""
        self.mr_app.pick_theme()

    def action_resume_draft(self) -> None:
        """Offer the drafts kept with Escape this session (or left by an earlier one)."""
        if not self.mr_app.offer_drafts():
            self.notify("No unfinished draft to resume.")

    @on(OptionList.OptionSelected, "#questions")
    def _row_chosen(self) -> None:
        self.action_drill()
