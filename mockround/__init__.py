"""MockRound: practise data-science interview answers in the terminal."""

__version__ = "0.1.0"
