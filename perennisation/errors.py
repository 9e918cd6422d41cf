"""Content errors: one readable line naming the file, the line, the key and the closest valid ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .adapter import GeneratorError
from .messages import _


@dataclass(frozen=True)
class Finding:
    """One problem found in the content, located as precisely as possible."""

    file: str
    message: str
    line: int | None = None
    level: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}"


class ContentError(GeneratorError):
    """A content mistake: stops the build with a single line and no traceback."""

    def __init__(self, finding: Finding, more: int = 0) -> None:
        self.finding = finding
        text = str(finding)
        if more:
            text += _(" (+{more} more: run `make check`)", more=more)
        super().__init__(text)


def suggest(wrong: str, valid: Iterable[str], listing: bool = True) -> str:
    """' (did you mean `x`? valid: a, b, c)' for an unknown id; the listing is optional."""
    choices = sorted(set(valid))
    close = difflib.get_close_matches(wrong, choices, n=3, cutoff=0.5)
    parts = [_("did you mean {names}?", names=", ".join(f"`{c}`" for c in close))] if close else []
    if listing:
        parts.append(
            _("valid: {names}", names=", ".join(choices[:12]) + (", …" if len(choices) > 12 else "") or _("none"))
        )
    return f" ({' '.join(parts)})" if parts else ""


def raise_first(findings: list[Finding]) -> None:
    """Raise the first error of a list of findings, counting the others."""
    errors = [f for f in findings if f.level == "error"]
    if errors:
        raise ContentError(errors[0], more=len(errors) - 1)
