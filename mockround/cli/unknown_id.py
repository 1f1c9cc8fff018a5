"""One wording for an id the user typed that we do not know: what it is, and the near miss."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from mockround.errors import UserError


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known id, or '' when nothing is close.

    A typo ('imbalanced-dta') is far likelier than a wrong id, and a list of eighteen ids
    hides the one the user meant.
    """
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_id(kind: str, wanted: str, known: Iterable[str], *, listing: str = "") -> UserError:
    """The error for an unknown id: the suggestion first, then every known id."""
    ids = list(known)
    where = f" (see `{listing}`)" if listing else ""
    return UserError(
        f"unknown {kind} {wanted!r}{did_you_mean(wanted, ids)}; known: {', '.join(ids)}{where}"
    )
