"""The one exception type for mistakes a user can fix, and its message format.

Editors read these messages in a terminal or a pull-request log, so every
error names the file, the line and column when known, and the field.  The
format ``path:line:col: field: message`` is the one compilers use, which
editors and CI annotators already understand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None
    field: str | None = None

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.col or 0, self.field or "", self.message)


class UserError(Exception):
    """A problem the user can fix; printed without a traceback.

    It carries one or more :class:`Problem` so that every mistake in a
    content folder is reported at once instead of one per run.
    """

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(path="", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format().lstrip(": ") for p in self.problems)
