"""What went wrong and where: located problems, collected and raised once.

A loader walks the whole input, appends a :class:`Problem` for everything it
cannot accept and raises a single :class:`CaseError` at the end, so a trainer
fixes every mistake in one pass instead of one per run. Messages follow the
compiler convention ``file:line: location: message`` so terminals and editors
make them clickable.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class OkrkitError(Exception):
    """Base of every error okrkit raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is and what was expected."""

    file: str
    location: str
    message: str
    line: int | None = None
    found: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = (
            f"{where}: {self.location}: {self.message}"
            if self.location
            else f"{where}: {self.message}"
        )
        details = []
        if self.found is not None:
            details.append(f"found {self.found}")
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if details:
            text += " (" + "; ".join(details) + ")"
        return text


class CaseError(OkrkitError):
    """A case (or any input file) could not be accepted; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ProblemLog:
    """Collects problems while an input is walked; raises them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file, location, message, *, line=None, found=None, expected=None) -> None:
        """Record one problem."""
        self.problems.append(
            Problem(str(file), location, message, line=line, found=found, expected=expected)
        )

    def raise_if_any(self) -> None:
        """Raise one CaseError naming every problem recorded so far."""
        if self.problems:
            raise CaseError(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
