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
    """Base of every error okrkit raises on purpose.

    ``OkrkitError(message, zh=...)`` carries the Chinese text beside the
    English one; :meth:`render` picks the language the user chose.
    """

    def __init__(self, message: str = "", *, zh: str | None = None):
        super().__init__(message)
        self.zh = zh

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` ('zh' falls back to English when no Chinese was given)."""
        if lang == "zh" and self.zh:
            return self.zh
        return str(self)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, with where it is and what was expected."""

    file: str
    location: str
    message: str
    line: int | None = None
    found: str | None = None
    expected: str | None = None
    zh: str | None = None  # the message in Chinese
    expected_zh: str | None = None  # what was expected, in Chinese

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """``file:line: location: message (found …; expected …)`` in ``lang``.

        Chinese falls back to the English text for any part not translated.
        """
        zh = lang == "zh"
        message = (self.zh or self.message) if zh else self.message
        expected = (self.expected_zh or self.expected) if zh else self.expected
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.location}: {message}" if self.location else f"{where}: {message}"
        details = []
        if self.found is not None:
            details.append(f"{'发现' if zh else 'found'} {self.found}")
        if expected is not None:
            details.append(f"{'应为' if zh else 'expected'} {expected}")
        if details:
            text += ("（" + "；".join(details) + "）") if zh else (" (" + "; ".join(details) + ")")
        return text


class CaseError(OkrkitError):
    """A case (or any input file) could not be accepted; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def render(self, lang: str = "en") -> str:
        """Every problem, one per line, in ``lang``."""
        return "\n".join(p.render(lang) for p in self.problems)


@dataclass
class ProblemLog:
    """Collects problems while an input is walked; raises them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        file,
        location,
        message,
        *,
        line=None,
        found=None,
        expected=None,
        zh=None,
        expected_zh=None,
    ) -> None:
        """Record one problem; ``zh`` and ``expected_zh`` are the Chinese texts."""
        self.problems.append(
            Problem(
                str(file),
                location,
                message,
                line=line,
                found=found,
                expected=expected,
                zh=zh,
                expected_zh=expected_zh,
            )
        )

    def raise_if_any(self) -> None:
        """Raise one CaseError naming every problem recorded so far."""
        if self.problems:
            raise CaseError(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
