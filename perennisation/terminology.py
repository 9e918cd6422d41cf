"""The guide's terminology (data/terminologie.yml): one preferred term, variants to avoid, checked by `make check`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import Finding
from .messages import _
from .schemas import validate
from .typography import FENCE, NOT_PROSE
from .yamlfile import load

FILE = "terminologie.yml"
#: Same-length folding, so positions in the folded text are positions in the original.
FOLD = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " ", "‑": "-"})


@dataclass(frozen=True)
class Term:
    """A preferred term and the variants that should give way to it."""

    preferred: str
    avoid: tuple[str, ...]
    note: str = ""

    @cached_property
    def patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        """(variant, regex) pairs; a variant that differs from the term only by case is matched with case."""
        found = []
        for variant in self.avoid:
            flags = 0 if variant.casefold() == self.preferred.casefold() else re.IGNORECASE
            body = re.escape(variant.translate(FOLD)).replace(r"\ ", r"\s+")
            found.append((variant, re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)))
        return found

    @cached_property
    def itself(self) -> re.Pattern[str]:
        """The preferred term, as written: its occurrences never count as a variant."""
        return re.compile(re.escape(self.preferred.translate(FOLD)))


def load_terms(data: Path) -> tuple[list[Term], list[Finding]]:
    """The terms of data/terminologie.yml (none when the file is absent), validated by its schema."""
    path = data / FILE
    if not path.is_file():
        return [], []
    doc, findings = load(path, data.parent)
    if doc is None:
        return [], findings
    findings += validate(doc, "terminologie")
    if findings:
        return [], findings
    return [Term(t["prefere"], tuple(t["eviter"]), t.get("note", "")) for t in doc.data or []], []


def variants(line: str, terms: Iterable[Term]) -> Iterator[tuple[str, Term]]:
    """(text found, term) for each variant to avoid in a line of prose."""
    folded = NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line.translate(FOLD))
    for term in terms:
        text = term.itself.sub(lambda m: " " * len(m.group(0)), folded)
        for _variant, pattern in term.patterns:
            for match in pattern.finditer(text):
                yield line[match.start() : match.end()], term


def check_lines(file: str, text: str, terms: list[Term]) -> list[Finding]:
    """A warning per variant found in a file's text (outside fenced code), with its line."""
    findings, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for found, term in variants(line, terms):
            note = f" ({term.note})" if term.note else ""
            message = _("terminology: « {found} » → write « {preferred} »", found=found, preferred=term.preferred)
            message += note
            findings.append(Finding(file, message, line=number, level="warning"))
    return findings


def check_files(project: Path, files: Iterable[Path], terms: list[Term]) -> list[Finding]:
    """Terminology warnings for every file (pages of docs/, data files)."""
    if not terms:
        return []
    findings: list[Finding] = []
    for path in files:
        if path.name == FILE:
            continue
        findings += check_lines(path.relative_to(project).as_posix(), path.read_text(encoding="utf-8"), terms)
    return findings


def typography_exceptions(terms: list[Term]) -> tuple[str, ...]:
    """Preferred terms written with their own punctuation (a brand such as `Maintenant!`)."""
    return tuple(t.preferred for t in terms if re.search(r"[;:!?]", t.preferred))
