"""What readers must be able to trust, loaded with the guide: page dates, step briefs, former anchors,
back-plannings and the terminology list. Build and `make check` share these findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import adapter
from .brief import check_aliases, check_briefs
from .dates import check_dates, page_dates
from .errors import Finding
from .retroplanning import check_plans
from .terminology import load_terms

if TYPE_CHECKING:
    from .guide import Guide


def load_reader_facts(guide: Guide) -> list[Finding]:
    """Set the guide's page dates and terms; every finding about them and about step briefs."""
    guide.dates = page_dates(guide.pages, guide.project, adapter.docs_dir(guide.config))
    guide.terms, findings = load_terms(guide.project / "data")
    findings += check_dates(guide.pages, guide.dates)
    if not any(f.level == "error" for f in guide.library.findings):
        findings += check_briefs(guide) + check_aliases(guide) + check_plans(guide)
    return findings


def reader_warnings(guide: Guide) -> list[Finding]:
    """`make check` advice: variants of the terminology, and spaces missing before ; : ! ? in prose."""
    from .terminology import check_files, typography_exceptions
    from .typography import check_data, check_markdown

    project = guide.project
    docs = adapter.docs_dir(guide.config)
    data = sorted(project / doc.file for doc in guide.library.files.values())  # the data the guide renders
    findings = check_files(project, [*sorted(docs.rglob("*.md")), *data], guide.terms)
    if not adapter.language(guide.config).startswith("fr"):
        return findings
    exceptions = typography_exceptions(guide.terms)
    for page in guide.pages:
        if page.lines is not None:
            findings += check_data(page.file, page.meta, page.lines.line, exceptions)
        findings += check_markdown(page.file, page.body, page.body_line, exceptions)
    language = adapter.language(guide.config)
    for doc in guide.library.files.values():
        if doc.file.endswith("labels.yml") and isinstance(doc.data, dict):  # the site's language only
            findings += check_data(doc.file, doc.data.get(language), doc.line, exceptions, (language,))
        else:
            findings += check_data(doc.file, doc.data, doc.line, exceptions)
    return findings
