"""The answer with its evidence spans highlighted, and the criteria list that selects them."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import DataTable

from mockround.bank import Rubric
from mockround.grading import CriterionScore, Evidence, Grade
from mockround.tui.format import SCORE_STYLES, criterion_label, plain, score_marks

SELECTED_STYLE = "bold black on yellow"
OTHER_STYLE = "underline"
FLAG_STYLE = "bold white on red"


def highlighted_answer(
    answer: str,
    selected: Iterable[Evidence],
    others: Iterable[Evidence] = (),
    flags: Iterable[Evidence] = (),
) -> Text:
    """The answer as Rich text: the selected criterion's spans stand out, others are underlined.

    Spans that do not match the answer at their offsets are skipped rather than trusted.
    """
    text = plain(answer)
    for spans, style in ((others, OTHER_STYLE), (flags, FLAG_STYLE), (selected, SELECTED_STYLE)):
        for span in spans:
            if span.matches(answer):
                text.stylize(style, span.start, span.end)
    return text


def score_cell(score: CriterionScore) -> Text:
    """Dots and the score, coloured by score."""
    return Text(
        f"{score_marks(score.score, score.max)} {score.score}/{score.max}",
        style=SCORE_STYLES.get(score.score, ""),
    )


def criterion_detail(rubric: Rubric, score: CriterionScore) -> Text:
    """The selected criterion in full: its title, the feedback line and what to say."""
    text = Text()
    try:
        criterion = rubric.criterion(score.id)
    except KeyError:
        criterion = None
    text.append(criterion.title if criterion else score.id, style="bold")
    text.append(f" · {score.score}/{score.max}", style=SCORE_STYLES.get(score.score, ""))
    if score.unsure and score.confidence is not None:
        sure = round(100 * score.confidence)
        note = f"\nunsure: check this one yourself (the grader is {sure}% sure)"
        text.append(note, style="yellow")
    if score.feedback:
        text.append("\n")
        text.append(plain(score.feedback))
    if criterion is not None and score.score < score.max and criterion.say not in score.feedback:
        text.append("\nTry saying: ", style="bold green")
        text.append(criterion.say, style="italic")
    return text


class CriteriaTable(DataTable[str | Text]):
    """One row per criterion (score, label, feedback); the highlighted row picks the evidence."""

    FEEDBACK_MIN = 20
    WRAP_FROM = 100
    """From this width the feedback wraps in full; narrower, one line each ends in '…' and the
    detail under the table gives the highlighted criterion's feedback in full."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.grade: Grade | None = None

    def show_grade(self, rubric: Rubric, grade: Grade, width: int) -> None:
        """Fill the table from a grade; the feedback column takes the width that is left."""
        self.grade = grade
        self.clear(columns=True)
        labels = [criterion_label(rubric, score.id) for score in grade.criteria]
        # Room for the " ?" that marks an unsure criterion.
        label_width = min(max([9, *(len(label) + 2 for label in labels)]), 18)
        feedback_width = max(self.FEEDBACK_MIN, width - 21 - label_width)
        self.add_column("Score", key="score", width=6)
        self.add_column("Criterion", key="criterion", width=label_width)
        self.add_column("Feedback", key="feedback", width=feedback_width)
        self.add_column("Ev", key="evidence", width=2)
        wrap = width >= self.WRAP_FROM
        self.set_class(wrap, "-wrap")
        for score in grade.criteria:
            feedback = plain(score.feedback)
            if not wrap:
                feedback.no_wrap, feedback.overflow = True, "ellipsis"
            self.add_row(
                score_cell(score),
                plain(
                    criterion_label(rubric, score.id) + (" ?" if score.unsure else ""), style="bold"
                ),
                feedback,
                str(len(score.evidence)) if score.evidence else "",
                key=score.id,
                height=None if wrap else 1,
            )

    def selected_score(self) -> CriterionScore | None:
        """The highlighted criterion's score."""
        if self.grade is None or not self.row_count:
            return None
        row = self.cursor_row
        if 0 <= row < len(self.grade.criteria):
            return self.grade.criteria[row]
        return None
