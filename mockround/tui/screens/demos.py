"""Demos: the list with their claims, and a run screen that computes in a worker."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from mockround.tui.messages import DemoFailed, DemoFinished
from mockround.tui.screens.base import AppScreen
from mockround.tui.widgets.demo_view import DemoView
from mockround.tui.widgets.scroll_cue import ScrollCue


def spec_prompt(spec: Any) -> Text:
    """A demo list row: the title, then the claim it tests."""
    text = Text(spec.title, style="bold")
    text.append(f"  [{spec.id}]", style="dim")
    text.append(f"\n  {spec.claim}")
    return text


class DemoList(OptionList):
    """The demo list, with Enter named in the footer (OptionList's own Enter is hidden)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Run")]


class DemosScreen(AppScreen):
    """Every demo with the claim it tests; Enter runs one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def compose(self) -> ComposeResult:
        """Heading and the list."""
        yield Header()
        yield Static(
            "Each demo runs scikit-learn on synthetic data and checks one claim. Enter runs it.",
            id="demos-intro",
        )
        yield DemoList(id="demo-list")
        yield Footer()

    def on_mount(self) -> None:
        """List the demos."""
        options = [Option(spec_prompt(s), id=s.id) for s in self.mr_app.services.demos.list_specs()]
        demo_list = self.query_one("#demo-list", OptionList)
        demo_list.add_options(options)
        if options:
            demo_list.highlighted = 0
        demo_list.focus()

    @on(OptionList.OptionSelected, "#demo-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.mr_app.open_demo(event.option.id)

    def action_back(self) -> None:
        """Back."""
        self.dismiss()


class DemoRunScreen(AppScreen):
    """Runs one demo in a thread worker with a spinner; Escape cancels and goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "rerun", "Run with next seed"),
    ]

    def __init__(self, demo_id: str) -> None:
        super().__init__()
        self.demo_id = demo_id
        self.seed: int | None = None
        self.result: Any = None
        self._worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        """Title and claim, a spinner while it runs, then the result."""
        yield Header()
        with VerticalScroll(id="demo-body"):
            yield Static(id="demo-title")
            yield Static(id="demo-status")
            yield LoadingIndicator(id="demo-running")
        yield ScrollCue("demo-body", id="demo-more")
        yield Footer()

    def on_mount(self) -> None:
        """Show the claim and start the run."""
        specs = {s.id: s for s in self.mr_app.services.demos.list_specs()}
        spec = specs.get(self.demo_id)
        title = Text(spec.title if spec else self.demo_id, style="bold")
        if spec is not None:
            title.append(f"\nClaim: {spec.claim}")
        self.query_one("#demo-title", Static).update(title)
        self._start()

    def _start(self) -> None:
        self.query_one("#demo-running").display = True
        self.query_one("#demo-status", Static).update(f"Running {self.demo_id}… (Escape cancels)")
        for view in self.query(DemoView):
            view.remove()
        self._worker = self._run()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _run(self) -> None:
        try:
            result = self.mr_app.services.demos.run(self.demo_id, seed=self.seed)
        except Exception as exc:  # shown on screen, never swallowed
            self.post_message(DemoFailed(self.demo_id, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(DemoFinished(self.demo_id, result))

    def on_demo_finished(self, message: DemoFinished) -> None:
        """Show the result."""
        self.result = message.result
        self.seed = message.result.seed
        self.query_one("#demo-running").display = False
        self.query_one("#demo-status", Static).update("")
        self.query_one("#demo-body").mount(DemoView(message.result, id="demo-view"))

    def on_demo_failed(self, message: DemoFailed) -> None:
        """Say what went wrong."""
        self.query_one("#demo-running").display = False
        self.query_one("#demo-status", Static).update(f"[b red]Demo failed[/]: {message.error}")

    def action_rerun(self) -> None:
        """Run again with the next seed, to see the claim is not a fluke of one seed."""
        if self._worker is not None and self._worker.is_running:
            return
        self.seed = (self.seed or 0) + 1
        self._start()

    def action_back(self) -> None:
        """Cancel a running demo (its result is dropped) and go back."""
        if self._worker is not None and self._worker.is_running:
            self._worker.cancel()
        self.dismiss()
