"""A cue regex: compiled on first use, matched case-insensitively on a folded copy of the text.

`CueError` is what a cue file's fault becomes: a one-line user error naming file, entry and
field, raised by the loader (schema) or by a pattern on first use (a regex that will not
compile).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence

from mockround.bank.loader import Problem
from mockround.errors import UserError
from mockround.grading.offline.cue_schema import compile_cue


class CueError(UserError):
    """A cue file breaks the schema or holds a regex that does not compile.

    A user error (one line, no traceback): cue files are data people edit. `problems`
    holds every fault of the file when the schema found them.
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> CueError:
        """The error for a file's problems, named by the first one."""
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return cls(f"{problems[0]}{more}; run `mockround check`", problems)


_last_fold: tuple[str, str] = ("", "")
"""The last text folded and its folded copy: every pattern of a grade scans the same text."""


def folded(text: str) -> str:
    """`text` lower-cased with every offset kept ("İ", whose lower case is longer, stays)."""
    global _last_fold
    last = _last_fold
    if last[0] is text:
        return last[1]
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    _last_fold = (text, low)
    return low


class Pattern:
    """A case-insensitive cue regex compiled on first use.

    Compiling every cue of a rubric up front cost most of `mockround grade`'s start-up, and
    a typical answer never reaches many of them (reasons only run next to a named hit,
    `unless` guards only when a flag pattern matched). `check()` compiles eagerly.

    Matching runs a lower-cased copy of the pattern over a lower-cased copy of the text
    (same length, so every offset holds): Python's `re` searches about a third faster
    without IGNORECASE, and the answer is lower-cased once, not once per pattern.
    """

    __slots__ = ("_compiled", "_gate", "gateable", "pattern", "where")

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        self._compiled: re.Pattern[str] | None = None
        self._gate: tuple[str, bool] | None = None
        # A sentence window ends where the answer has a non-word character (space, quote,
        # bracket), so a match inside the window is also a match of the whole answer unless
        # the pattern looks past the window's end with `(?!`, `$` or `\Z`.
        self.gateable = not any(mark in pattern for mark in ("(?!", "$", "\\Z"))
        """Whether `absent_from` may rule out every sentence with one scan of the answer."""

    def check(self) -> re.Pattern[str]:
        """The compiled regex, run on lower-cased text (raises CueError for an invalid one)."""
        if self._compiled is None:
            try:
                self._compiled = compile_cue(self.pattern)
            except re.error as exc:
                raise CueError(
                    f"{self.where}: bad regular expression {self.pattern!r}: {exc}; "
                    "run `mockround check`"
                ) from None
        return self._compiled

    def absent_from(self, text: str) -> bool:
        """True when no sentence window of `text` can hold a match (one scan, remembered).

        Matching each sentence window separately cost most of a grade: hundreds of patterns
        times dozens of sentences, almost none of which match. One search of the whole
        answer settles most patterns at once; the last answer's verdict is kept, since every
        criterion and flag scans the same text.
        """
        if not self.gateable:
            return False
        gate = self._gate
        if gate is not None and gate[0] is text:
            return gate[1]
        absent = self.check().search(folded(text)) is None
        self._gate = (text, absent)
        return absent

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """Like re.Pattern.finditer, case-insensitive (matches are on the folded text)."""
        return self.check().finditer(folded(string), pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like re.Pattern.search, case-insensitive (the match is on the folded text)."""
        return self.check().search(folded(string), pos, endpos)
