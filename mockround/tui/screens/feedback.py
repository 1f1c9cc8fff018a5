"""Feedback: score and band, criteria with evidence, red flags and warnings, demos, next steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, LoadingIndicator, Static

from mockround.grading.scoring import breakdown_line
from mockround.review.disputes import dispute_line
from mockround.review.followup import next_followup
from mockround.tui.format import band_style, criterion_label, plain
from mockround.tui.messages import GradeFailed, GradeReady
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.evidence import CriteriaTable, criterion_detail, highlighted_answer

if TYPE_CHECKING:
    from mockround.bank import Question
    from mockround.grading import Grade
    from mockround.store.models import Mode

MAX_DEMO_BUTTONS = 4


def linked_demos(question: Question, grade: Grade) -> list[str]:
    """Demo ids behind the raised red flags, then the missed criteria (lowest score first)."""
    demos: list[str] = []
    rubric = question.rubric
    flags = {f.id: f for f in rubric.red_flags}
    for hit in grade.red_flags:
        if hit.id in flags:
            demos.extend(flags[hit.id].demos)
    missed = sorted((s for s in grade.criteria if s.score < s.max), key=lambda s: s.score)
    for score in missed:
        try:
            demos.extend(rubric.criterion(score.id).demos)
        except KeyError:
            continue
    return list(dict.fromkeys(demos))


def notes_text(question: Question, grade: Grade) -> Text:
    """Red flags, warnings and who graded it (including an LLM fallback)."""
    flags = {f.id: f for f in question.rubric.red_flags}
    notes = Text()
    for hit in grade.red_flags:
        flag = flags.get(hit.id)
        title = flag.title if flag else hit.id
        notes.append("⚑ Red flag: ", style="bold red")
        notes.append(plain(title))
        if flag:
            notes.append(f" (−{flag.penalty}). Say instead: {flag.say}")
        notes.append("\n")
    for warning in grade.warnings:
        notes.append("⚠ ", style="bold yellow")
        notes.append(plain(f"{warning}\n"))
    notes.append(plain(f"Graded by {grade.grader}", style="dim"))
    from mockround.grading.trust import trust_note

    trust = trust_note(question, grade.grader)
    if trust:
        notes.append(plain(f"\n{trust}", style="dim"))
    if grade.second_opinion is not None:
        other = grade.second_opinion
        notes.append(
            plain(f" · second opinion {other.grader}: {other.overall} ({other.band})", "dim")
        )
    return notes


class FeedbackScreen(AppScreen):
    """Grades a stored attempt in a worker (or shows a stored grade read-only) and explains it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "followup", "Follow-up"),
        Binding("t", "try_again", "Try again"),
        Binding("a", "model_answer", "Model answer"),
        # Off the footer (80 columns are full): its button and the criterion detail name it.
        Binding("d", "dispute", "I did say that", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        question: Question,
        *,
        attempt_id: str,
        answer: str,
        mode: Mode = "drill",
        parent_id: str | None = None,
        timed_out: bool = False,
        grade: Grade | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.attempt_id = attempt_id
        self.answer = answer
        self.mode: Mode = mode
        self.parent_id = parent_id
        self.timed_out = timed_out
        self.grade = grade
        self.read_only = read_only
        self.highlighted = plain(answer)
        """The answer as shown, with the evidence styles (tests read it)."""

    def compose(self) -> ComposeResult:
        """Summary, criteria, the answer with evidence, notes, demos and actions."""
        yield Header()
        # The prompt may be an LLM's wording: shown as text, never as markup.
        yield Static(plain(self.question.prompt, style="bold"), id="fb-question")
        yield Static(id="fb-summary")
        with VerticalScroll(id="feedback-body"):
            yield LoadingIndicator(id="fb-grading")
            yield CriteriaTable(id="criteria")
            yield Static(id="fb-detail")
            yield Static(id="fb-answer-title", classes="section-title")
            yield Static(plain(self.answer), id="fb-answer")
            yield Static(id="fb-notes")
            yield Horizontal(id="fb-demos")
            with Horizontal(id="fb-actions"):
                if not self.read_only:
                    yield Button("Follow-up (f)", id="followup", variant="primary")
                    yield Button("Try again (t)", id="try-again")
                yield Button("Model answer (a)", id="model-answer")
                yield Button("I did say that (d)", id="dispute")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only view (an attempt from history) offers no follow-up and no retry."""
        return not (self.read_only and action in ("followup", "try_again"))

    def on_mount(self) -> None:
        """Show the stored grade, or start grading in a worker."""
        if self.grade is not None:
            self._show(self.grade)
        else:
            self.query_one("#fb-summary", Static).update("Grading your answer…")
            self.query_one(CriteriaTable).display = False
            self._grade_in_worker()

    @work(thread=True, exclusive=True, group="grade", exit_on_error=False)
    def _grade_in_worker(self) -> None:
        services = self.mr_app.services
        try:
            with services.grading(self.attempt_id):
                grade = services.grader().grade(self.question, self.answer)
            services.store.add_grade(self.attempt_id, grade)
        except Exception as exc:  # reported on screen; the attempt itself is already stored
            self.post_message(GradeFailed(self.attempt_id, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(GradeReady(self.attempt_id, grade))

    def on_grade_ready(self, message: GradeReady) -> None:
        """The grader finished: show the grade."""
        if message.attempt_id == self.attempt_id:
            self.grade = message.grade
            self._show(message.grade)

    def on_grade_failed(self, message: GradeFailed) -> None:
        """The grader failed: say so; the answer is safe in the history."""
        self.query_one("#fb-grading").display = False
        self.query_one("#fb-summary", Static).update(
            f"[b red]Grading failed[/]: {message.error}. Your answer is saved "
            f"(attempt {self.attempt_id[:8]}); press t to try again."
        )

    def _show(self, grade: Grade) -> None:
        self.query_one("#fb-grading").display = False
        criteria = self.query_one(CriteriaTable)
        criteria.display = True
        summary = Text()
        summary.append(f"{grade.overall}/100 {grade.band}", style=band_style(grade.band))
        summary.append(f" · {grade.words} words, about {round(grade.speaking_seconds)} s aloud")
        if self.timed_out:
            summary.append(" · time's up", style="bold red")
        flags = [f.id for f in grade.red_flags]
        breakdown = breakdown_line(self.question.rubric, grade.scores(), flags)
        if breakdown:
            summary.append(f"\n{breakdown}", style="dim")
        self.query_one("#fb-summary", Static).update(summary)
        criteria.show_grade(self.question.rubric, grade, self.app.size.width)
        self._show_notes()
        demos = self.query_one("#fb-demos", Horizontal)
        demos.remove_children()
        ids = linked_demos(self.question, grade)[:MAX_DEMO_BUTTONS]
        demos.mount_all([Button(f"▶ {d}", id=f"demo-{d}", classes="demo") for d in ids])
        demos.display = bool(ids)
        # Two buttons a row fit 80 columns; a wide terminal takes them all on one row.
        demos.styles.grid_size_columns = 4 if self.app.size.width >= 120 else 2
        self._highlight()
        criteria.focus()

    def _show_notes(self) -> None:
        """Red flags, warnings, the grader, and the user's own disputes (never the grade)."""
        if self.grade is None:
            return
        notes = notes_text(self.question, self.grade)
        for dispute in self.mr_app.services.store.disputes(self.attempt_id):
            notes.append("\n✎ ", style="bold cyan")
            notes.append_text(plain(dispute_line(self.question.rubric, dispute, self.grade)))
            notes.append(" · your label; the grade is unchanged", style="dim")
        self.query_one("#fb-notes", Static).update(notes)

    def action_dispute(self) -> None:
        """'I did say that' for the highlighted criterion: your label, kept beside the grade."""
        if self.grade is None:
            self.notify("Wait for the grade first.")
            return
        from mockround.tui.screens.dispute import DisputeScreen

        selected = self.query_one(CriteriaTable).selected_score()
        criterion = selected.id if selected else self.question.rubric.criteria[0].id
        self.app.push_screen(
            DisputeScreen(self.question, self.attempt_id, self.answer, self.grade, criterion),
            lambda _: self._show_notes(),
        )

    def _highlight(self) -> None:
        if self.grade is None:
            return
        selected = self.query_one(CriteriaTable).selected_score()
        chosen = selected.evidence if selected else []
        others = [e for c in self.grade.criteria if c is not selected for e in c.evidence]
        flags = [e for hit in self.grade.red_flags for e in hit.evidence]
        self.highlighted = highlighted_answer(self.answer, chosen, others, flags)
        self.query_one("#fb-answer", Static).update(self.highlighted)
        detail = self.query_one("#fb-detail", Static)
        shown = criterion_detail(self.question.rubric, selected) if selected else Text()
        if selected is not None and selected.score < selected.max:
            shown.append("\nSaid it? d marks the sentence (your label; the grade stays).", "dim")
        detail.update(shown)
        title = "Your answer"
        if selected is not None:
            label = criterion_label(self.question.rubric, selected.id)
            count = len(selected.evidence)
            title += f" · evidence for {label}: {count} span{'' if count == 1 else 's'}"
        self.query_one("#fb-answer-title", Static).update(title)

    @on(DataTable.RowHighlighted, "#criteria")
    def _criterion_changed(self) -> None:
        self._highlight()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("demo-"):
            self.mr_app.open_demo(button_id.removeprefix("demo-"))
        elif button_id == "followup":
            self.action_followup()
        elif button_id == "try-again":
            self.action_try_again()
        elif button_id == "model-answer":
            self.action_model_answer()
        elif button_id == "dispute":
            self.action_dispute()

    def action_model_answer(self) -> None:
        """Your answer beside the model answer, the parts covering what you missed lit up."""
        from mockround.tui.screens.model_answer import ModelAnswerScreen

        self.app.push_screen(ModelAnswerScreen(self.question, self.answer, self.grade))

    def action_try_again(self) -> None:
        """A fresh attempt at the same question, same mode."""
        if self.read_only:
            return
        self.mr_app.start_drill(
            self.question, mode=self.mode, parent_id=self.parent_id, replace=True
        )

    def action_followup(self) -> None:
        """Ask the follow-up aimed at the weakest criterion of the main answer."""
        if self.read_only:
            return
        if self.grade is None:
            self.notify("Wait for the grade first.")
            return
        services = self.mr_app.services
        if self.question.is_followup:
            assert self.question.parent_id is not None
            root = services.bank.get(self.question.parent_id)
            root_attempt = self.parent_id
        else:
            root, root_attempt = self.question, self.attempt_id
        detail = services.store.get_attempt(root_attempt) if root_attempt else None
        nxt = next_followup(self.question, self.grade, root, detail)
        if nxt is None:
            self.notify("No follow-ups left for this answer: try again instead.")
            return
        self.mr_app.start_drill(nxt, mode="followup", parent_id=root_attempt)

    def action_back(self) -> None:
        """Back to where this was opened from."""
        self.dismiss()
