"""The import report: defects of the source apart from features not supported, one line each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .gitbook_convert import Note

KINDS = {
    "source": (
        "Defects of the source",
        "Written as plain text (or with a marker: `--broken-links marker`); fix them in the pages if needed.",
    ),
    "unsupported": ("Features not supported", "Converted to the nearest equivalent, or kept as text: review them."),
}


@dataclass
class PageReport:
    """What happened to one page."""

    source: Path
    output: Path
    title: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)
    text: str = ""  # the source text, to give each note its line

    @property
    def warnings(self) -> list[str]:
        """Every note's message."""
        return [note.message for note in self.notes]

    def line(self, note: Note) -> str:
        """`:line` of the first occurrence of the note's needle in the source, or ''."""
        at = (self.text.rfind if note.last else self.text.find)(note.needle) if note.needle else -1
        return f":{self.text.count(chr(10), 0, at) + 1}" if at >= 0 else ""


@dataclass
class Summary:
    """Figures of a whole import and its notes that belong to no page."""

    sources: list[Path]
    out: Path
    base: Path
    reports: list[PageReport]
    notes: list[Note]
    assets: int = 0
    redirects: int = 0
    mkdocs: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)


def _where(path: Path, base: Path) -> str:
    """A source path as shown in the report."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def lines_of(summary: Summary, kind: str) -> list[str]:
    """The report lines of one kind: `- file:line: message`."""
    found = [
        f"- {_where(r.source, summary.base)}{r.line(n)}: {n.message}"
        for r in summary.reports
        for n in r.notes
        if n.kind == kind
    ]
    return found + [f"- {n.message}" for n in summary.notes if n.kind == kind]


def format_report(summary: Summary) -> str:
    """The report, in Markdown: printed at the end of a run and written as `_import-report.md`."""
    counts: Counter[str] = Counter()
    for report in summary.reports:
        counts.update(report.counts)
    sources = ", ".join(f"`{s}`" for s in summary.sources)
    groups = {kind: lines_of(summary, kind) for kind in KINDS}
    head = [
        "# GitBook import report",
        "",
        f"{sources} -> `{summary.out}`: {len(summary.reports)} page(s) converted, {summary.assets} file(s) copied, "
        f"{summary.redirects} redirect(s); {len(groups['source'])} defect(s) of the source, "
        f"{len(groups['unsupported'])} feature(s) not supported.",
    ]
    body: list[str] = []
    for kind, (title, hint) in KINDS.items():
        body += ["", f"## {title} ({len(groups[kind])})", "", hint, "", *(groups[kind] or ["- none"])]
    converted = ", ".join(f"{name} ×{n}" for name, n in sorted(counts.items())) or "nothing"
    body += ["", "## Converted", "", converted]
    if summary.mkdocs:
        body += ["", "## mkdocs.yml", "", *(f"- {line}" for line in summary.mkdocs)]
    if summary.manual:
        body += ["", "## To paste into mkdocs.yml (no `--mkdocs` given)", "", "```yaml", *summary.manual, "```"]
    return "\n".join(head + body) + "\n"
