"""The theme picker (t on Home): Textual's themes in a list; Enter applies and keeps the choice."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ThemeScreen(ModalScreen[str | None]):
    """Pick a theme; dismissed with its name, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        """A heading and the list of themes, the current one highlighted."""
        with Vertical(id="theme-box"):
            yield Static("Theme (enter applies and keeps it, escape cancels)", id="theme-head")
            names = sorted(self.app.available_themes)
            yield OptionList(*[Option(name, id=name) for name in names], id="theme-list")

    def on_mount(self) -> None:
        """Start on the theme in use."""
        themes = self.query_one("#theme-list", OptionList)
        names = sorted(self.app.available_themes)
        if self.app.theme in names:
            themes.highlighted = names.index(self.app.theme)
        themes.focus()

    @on(OptionList.OptionSelected, "#theme-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Keep the current theme."""
        self.dismiss(None)
