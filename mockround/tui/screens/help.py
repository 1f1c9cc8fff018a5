"""The `?` help: what each screen is for and its keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from mockround.tui.widgets.scroll_cue import ScrollCue

HELP = """\
# MockRound keys

**Everywhere**: `?` this help · `ctrl+p` command palette · `ctrl+q` quit · `escape` back.
The mouse works too: click buttons, rows and tabs.

**Home**: `d` timed drill on the highlighted question · `u` untimed answer ·
`p` timed drill on the plan's top due card ("Practise next") · `h` history · `m` demos ·
`r` resume a kept draft · `t` colour theme (kept for next time) · `enter` drill the
highlighted question.

**Drill**: a short reading moment comes first (`enter` starts the clock now; its length is
`[drill] reading_seconds`). Type your answer as you would say it. `ctrl+s` submits. At 0:00
the answer locks and is submitted ("time's up" is recorded). `ctrl+t` pauses the clock (the
attempt is kept as paused, not a clean timed drill). The draft is saved every 2 seconds;
`escape` asks before leaving, and `r` on Home resumes the draft (it is also offered at the
next start).

**Feedback**: move through the criteria with the arrow keys to highlight the words that earned
each score. `f` follow-up aimed at your weakest criterion · `t` try again · `a` your answer
beside the model answer · `d` dispute a criterion ("I did say that": kept as your label, the
grade is not changed) · `tab` reaches the demo buttons linked to what you missed.

**Demos**: `enter` runs a demo (in the background: the app stays responsive) · `r` re-runs
with the next seed · `escape` cancels.

**History**: `enter` opens an attempt · `space` marks it (two at most) · `c` compares the two
marked attempts · `f` filters by question · `t` trends (score over time, criterion averages) ·
`d` starts a drill.
"""


class HelpScreen(ModalScreen[None]):
    """Keys for every screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The help text in a scrollable box, with a cue while more is below."""
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Markdown(HELP)
            yield ScrollCue("help-scroll", id="help-more")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()
