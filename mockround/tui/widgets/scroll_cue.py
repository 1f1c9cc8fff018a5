"""A one-line cue under a scrolling area: says there is more below and how to reach it.

At 80x24 the help and a demo's plot run past the bottom, and a thin scrollbar alone did not
tell anyone. The line is always there (empty at the end), so showing it never moves layout.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import Static

CUE = "↓ more below: ↓ / PgDn / mouse wheel"


class ScrollCue(Static):
    """Shows CUE while the container `target_id` on the same screen can scroll further down."""

    DEFAULT_CSS = """
    ScrollCue {
        height: 1;
        width: 100%;
        content-align: right middle;
        color: $text-accent;
        padding: 0 1;
    }
    """

    def __init__(self, target_id: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.target_id = target_id

    def on_mount(self) -> None:
        """Follow the target's scroll position and content size."""
        target = self.screen.query_one(f"#{self.target_id}", ScrollableContainer)
        self.watch(target, "scroll_y", self.refresh_cue, init=False)
        self.watch(target, "virtual_size", self.refresh_cue, init=False)
        self.call_after_refresh(self.refresh_cue)

    def on_resize(self) -> None:
        """A resize changes how much fits."""
        self.call_after_refresh(self.refresh_cue)

    def refresh_cue(self, *_: object) -> None:
        """The cue when there is more below, nothing otherwise."""
        target = self.screen.query_one(f"#{self.target_id}", ScrollableContainer)
        self.update(CUE if target.max_scroll_y - target.scroll_y >= 1 else "")
