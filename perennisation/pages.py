"""The pages of the guide and their typed front matter (type: etape, cas, trajectoire…)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import adapter
from .dates import normalise as normalise_dates
from .errors import Finding, suggest
from .messages import _
from .schemas import validate
from .yamlfile import YamlDoc, parse

#: front matter `type` -> schema that types it.
PAGE_SCHEMAS = {
    "etape": "page-etape",
    "cas": "page-cas",
    "trajectoire": "page-trajectoire",
    "forme-juridique": "page-trajectoire",
    "atelier": "page-atelier",
}
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass
class PageInfo:
    """A Markdown page: where it is, its URL, its front matter and its body."""

    src: str
    file: str
    url: str
    meta: dict[str, Any]
    body: str
    body_line: int
    lines: YamlDoc | None = field(default=None, repr=False)

    @property
    def type(self) -> str | None:
        """The page type from its front matter, if any."""
        value = self.meta.get("type")
        return value if isinstance(value, str) else None

    @property
    def title(self) -> str:
        """Front matter title, else the first heading, else the file name."""
        if self.meta.get("title"):
            return str(self.meta["title"])
        heading = re.search(r"^#\s+(.+?)\s*(\{.*\})?\s*$", self.body, re.MULTILINE)
        return heading.group(1) if heading else Path(self.src).stem


def read_page(path: Path, src: str, file: str, url: str) -> tuple[PageInfo, list[Finding]]:
    """Split a page into front matter (validated by its type's schema) and body."""
    text = path.read_text(encoding="utf-8-sig")
    match = FRONT_MATTER.match(text)
    if not match:
        return PageInfo(src, file, url, {}, text, 1), []
    doc, findings = parse(match.group(1), file, offset=1)
    meta = doc.data if doc and isinstance(doc.data, dict) else {}
    if doc and doc.data is not None and not isinstance(doc.data, dict):
        findings.append(Finding(file, _("front matter must be a mapping of `key: value`"), line=2))
    body_line = text[: match.end()].count("\n") + 1
    page = PageInfo(src, file, url, meta, text[match.end() :], body_line, doc)
    normalise_dates(meta)
    if doc is not None and isinstance(doc.data, dict):
        findings += validate(doc, "page-commun")  # keys any page may carry (mis_a_jour, nouveautes…)
    kind = meta.get("type")
    if kind is not None and kind not in PAGE_SCHEMAS:
        message = "type: " + _("unknown page type `{type}`", type=kind) + suggest(str(kind), PAGE_SCHEMAS)
        findings.append(Finding(file, message, line=doc.line(("type",)) if doc else None))
    elif kind is not None and doc is not None:
        findings += validate(doc, PAGE_SCHEMAS[kind])
    return page, findings


def scan_pages(config: Any) -> tuple[list[PageInfo], list[Finding]]:
    """Every included Markdown page of docs_dir, with front matter findings."""
    project = adapter.project_dir(config)
    pages, findings = [], []
    for source in adapter.documentation_pages(config):
        file = source.path.relative_to(project).as_posix()
        page, found = read_page(source.path, source.src, file, source.url)
        pages.append(page)
        findings += found
    return pages, findings


def check_steps(pages: list[PageInfo]) -> list[Finding]:
    """Step pages must be numbered 1..N, each number once."""
    steps = [p for p in pages if p.type == "etape" and isinstance(p.meta.get("etape"), int)]
    counts = Counter(p.meta["etape"] for p in steps)
    findings = []
    for page in steps:
        number = page.meta["etape"]
        line = page.lines.line(("etape",)) if page.lines else None
        if counts[number] > 1:
            others = [p.file for p in steps if p.meta["etape"] == number and p is not page]
            message = "etape: " + _("step {number} is also used by {files}", number=number, files=", ".join(others))
            findings.append(Finding(page.file, message, line=line))
    expected = set(range(1, len(counts) + 1))
    for number in sorted(set(counts) - expected):
        page = next(p for p in steps if p.meta["etape"] == number)
        missing = sorted(expected - set(counts))
        message = "etape: " + _(
            "steps must be numbered 1..N without gaps; step {number} found but {missing} missing",
            number=number,
            missing=", ".join(map(str, missing)),
        )
        findings.append(Finding(page.file, message, line=page.lines.line(("etape",)) if page.lines else None))
    return findings


def step_pages(pages: list[PageInfo]) -> list[PageInfo]:
    """Step pages in method order."""
    return sorted(
        (p for p in pages if p.type == "etape" and isinstance(p.meta.get("etape"), int)), key=lambda p: p.meta["etape"]
    )
