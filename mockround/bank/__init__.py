"""Questions, follow-ups and rubrics: TOML data loaded into validated models."""

from mockround.bank.loader import (
    Bank,
    BankError,
    Problem,
    check_bank,
    load_bank,
    load_bank_or_fail,
)
from mockround.bank.models import Criterion, Question, RedFlag, Rubric

__all__ = [
    "Bank",
    "BankError",
    "Criterion",
    "Problem",
    "Question",
    "RedFlag",
    "Rubric",
    "check_bank",
    "load_bank",
    "load_bank_or_fail",
]
