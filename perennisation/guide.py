"""The whole guide as the engine sees it: configuration, data library and pages, cross-checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import adapter, messages
from .errors import Finding, suggest
from .library import Library, load_library
from .messages import _
from .pages import PageInfo, check_steps, scan_pages, step_pages
from .palette import findings as palette_findings
from .sections import check_sections


@dataclass
class Guide:
    """Everything the macros need, loaded once per build."""

    config: Any
    library: Library
    pages: list[PageInfo]
    findings: list[Finding]
    dates: dict[str, Any] = field(default_factory=dict)  # docs/ path -> dates.PageDate
    terms: list[Any] = field(default_factory=list)  # terminology.Term of data/terminologie.yml

    @property
    def project(self) -> Path:
        """The folder of mkdocs.yml."""
        return adapter.project_dir(self.config)

    @property
    def extra(self) -> Any:
        """The `extra` settings of mkdocs.yml."""
        return adapter.extra(self.config)

    @property
    def labels(self) -> dict[str, str]:
        """UI labels of the site's language."""
        return self.library.labels

    @property
    def steps(self) -> list[PageInfo]:
        """Step pages, in order."""
        return step_pages(self.pages)

    def page(self, src: str) -> PageInfo | None:
        """The page whose path from docs/ is src (a dictionary look-up: called for every page)."""
        index = self.__dict__.get("_by_src")
        if index is None or len(index) != len(self.pages):
            index = self.__dict__["_by_src"] = {p.src: p for p in self.pages}
        return index.get(src)

    def pages_of_type(self, kind: str) -> list[PageInfo]:
        """Pages of one front matter type, ordered by `ordre`, then `etape`, then title."""
        found = [p for p in self.pages if p.type == kind]
        return sorted(found, key=lambda p: (p.meta.get("ordre", 999), p.meta.get("etape", 999), p.title.lower()))

    def item(self, collection: str, ident: str) -> dict[str, Any]:
        """The data of one checklist/workshop/table."""
        return self.library.get(collection, ident)


def _cross_references(pages: list[PageInfo], library: Library) -> list[Finding]:
    """Front matter that names another item must name an existing one."""
    findings = []
    trajectories = {
        str(p.meta["trajectoire_id"])
        for p in pages
        if p.type in ("trajectoire", "forme-juridique") and p.meta.get("trajectoire_id")
    }
    step_numbers = {p.meta.get("etape") for p in pages if p.type == "etape"}
    workshops = library.ids("ateliers")
    for page in pages:
        line = page.lines.line if page.lines else (lambda _path: None)
        if page.type == "cas" and page.meta.get("trajectoire") not in trajectories:
            wrong = str(page.meta.get("trajectoire"))
            message = "trajectoire: " + _("unknown trajectory `{id}`", id=wrong) + suggest(wrong, trajectories)
            findings.append(Finding(page.file, message, line=line(("trajectoire",))))
        if page.type == "cas":
            for i, number in enumerate(page.meta.get("etapes") or []):
                if number not in step_numbers:
                    message = f"etapes[{i}]: " + _("no step {number}", number=number)
                    findings.append(Finding(page.file, message, line=line(("etapes", i))))
        if page.type == "atelier" and page.meta.get("atelier") not in workshops:
            wrong = str(page.meta.get("atelier"))
            message = "atelier: " + _("unknown workshop `{id}`", id=wrong) + suggest(wrong, workshops)
            findings.append(Finding(page.file, message, line=line(("atelier",))))
    return findings


def load_guide(config: Any) -> Guide:
    """Read data/ and docs/ of the project of config; collect every finding."""
    messages.use(adapter.language(config))
    library = load_library(adapter.project_dir(config) / "data", adapter.language(config))
    pages, findings = scan_pages(config)
    required = adapter.extra(config).get("sections_obligatoires") or {}
    findings = library.findings + findings + check_steps(pages) + _cross_references(pages, library)
    findings += check_sections(pages, required)
    findings += palette_findings(config)
    guide = Guide(config, library, pages, findings)
    from .validate import cross_checks  # validate reads a Guide: imported here, once it exists

    guide.findings = list(dict.fromkeys(guide.findings + cross_checks(guide)))  # once each, in order
    from .reader import load_reader_facts  # dates, step briefs, former anchors, back-plannings, terms

    guide.findings += load_reader_facts(guide)
    return guide
