"""`{{ comparatif("id") }}`: a comparison table from data/comparatifs/<id>.yml."""

from __future__ import annotations

from .guide import Guide
from .links import page_url
from .render import component


def render_table(guide: Guide, url: str, ident: str) -> str:
    """An accessible table (caption, column and row headers) that reflows into one card per row
    on narrow screens and on paper, with links to each row's page."""
    doc = guide.library.collections["comparatifs"][ident]
    rows = []
    for i, row in enumerate(doc.data["lignes"]):
        href = page_url(guide, row["lien"], url, doc.file, doc.line(("lignes", i, "lien"))) if row.get("lien") else None
        rows.append({**row, "href": href})
    return component("comparatif", id=ident, data=doc.data, rows=rows, labels=guide.labels)
