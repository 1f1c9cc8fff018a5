"""Text made safe to print on a terminal: the one output layer for the CLI and the TUI.

Answers, imported files, question ids and LLM replies are not ours: a raw ESC starts a control
sequence (clear the screen, set the window title, write the clipboard with OSC 52), and a
right-to-left override makes the line read differently from what it holds. Every such character
is shown as a visible escape (`\\x1b`, `\\u202e`) instead, so nothing is lost and nothing acts.
Newlines and tabs are kept where a caller prints several lines; `one_line` folds them too.
`--json` output does not go through here: JSON has its own escaping.
"""

from __future__ import annotations

# C0 and C1 controls and DEL, except newline and tab; the bidi embeddings, overrides,
# isolates and marks (they reorder what the reader sees without being visible themselves).
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_UNSAFE = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI)
_KEPT = {ord("\n"), ord("\t")}


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_TABLE: dict[int, str] = {code: _escape(code) for code in _UNSAFE if code not in _KEPT}
_ONE_LINE: dict[int, str] = {**_TABLE, ord("\n"): " ", ord("\t"): " "}


# One symbol per character, for text whose offsets matter (evidence spans are highlighted by
# position): C0 controls and DEL as their Unicode control pictures, the rest as U+FFFD.
_SAME_LENGTH: dict[int, str] = {
    code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"
    for code in _UNSAFE
    if code not in _KEPT
}


def visible(text: str) -> str:
    """`text` with every control and bidi character shown as one visible symbol (same length)."""
    return text.translate(_SAME_LENGTH)


def clean(text: object) -> str:
    """`text` with every control and bidi character replaced by a visible escape."""
    return str(text).translate(_TABLE)


def one_line(text: object) -> str:
    """`clean`, with newlines and tabs turned into spaces (for table cells and messages)."""
    return str(text).translate(_ONE_LINE)
