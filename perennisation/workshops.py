"""Workshops: `{{ atelier("id") }}`, `{{ questions("id") }}` and the printable sheet `{{ fiche_atelier("id") }}`."""

from __future__ import annotations

from typing import Any

import segno

from . import adapter
from .dates import format_date
from .errors import ContentError, Finding
from .guide import Guide
from .links import page_url, resolve
from .render import component

#: How a sheet prints its questions: with lines to write on, as a grid of boxes, or as a compact list.
QUESTION_LAYOUTS = ("lignes", "grille", "liste")


def question_anchor(workshop: str, index: int, question: dict[str, Any]) -> str:
    """Stable anchor of a question: <atelier>-<id>, or <atelier>-q<N> (1-based) without id."""
    return f"{workshop}-{question.get('id') or f'q{index + 1}'}"


def sheet_page(guide: Guide, ident: str) -> str | None:
    """docs/ path of the workshop's own page (front matter type: atelier), if any."""
    page = next((p for p in guide.pages_of_type("atelier") if p.meta.get("atelier") == ident), None)
    return page.src if page else None


def _context(guide: Guide, url: str, ident: str) -> dict[str, Any]:
    doc = guide.library.collections["ateliers"][ident]
    data = doc.data
    questions = [
        {**q, "anchor": question_anchor(ident, i, q), "number": i + 1} for i, q in enumerate(data["questions"])
    ]
    links = [
        resolve(guide, link, url, doc.file, doc.line(("liens", k))) for k, link in enumerate(data.get("liens") or [])
    ]
    sheet = sheet_page(guide, ident)
    return {
        "id": ident,
        "data": data,
        "questions": questions,
        "links": links,
        "sheet_href": page_url(guide, sheet, url) if sheet else None,
        "labels": guide.labels,
    }


def render_workshop(guide: Guide, url: str, ident: str, level: int = 3) -> str:
    """Summary (goal, duration, participants) and numbered questions of a workshop."""
    return component("atelier", **_context(guide, url, ident), level=max(2, min(int(level), 5)), questions_only=False)


def render_questions(guide: Guide, url: str, ident: str) -> str:
    """The numbered questions of a workshop, alone."""
    return component("questions", **_context(guide, url, ident))


def published_url(guide: Guide, url: str) -> str:
    """A page's URL on the published site, even from a build that writes files (the offline zip)."""
    config = guide.config
    directory_urls = adapter.extra(config).get("pg_published_directory_urls", adapter.directory_urls(config))
    if directory_urls and url.endswith(".html"):
        if url == "index.html" or url.endswith("/index.html"):
            return url[: -len("index.html")]
        return url[: -len(".html")] + "/"
    return url


def qr_svg(target: str, label: str) -> str:
    """Inline SVG QR code of an absolute URL (drawn at build time, no network).

    It has a viewBox and no size (CSS sets it), a white background and its 4-module quiet zone."""
    qr = segno.make(target, error="m")
    svg = qr.svg_inline(scale=1, border=4, light="#fff", title=label, svgclass="pg-qr", omitsize=True)
    return svg.replace("<svg ", '<svg role="img" shape-rendering="crispEdges" ', 1)


def content_date(guide: Guide, url: str) -> str | None:
    """The date of a page's content as pages show it (`mis_a_jour`, else its last commit; never the build date)."""
    page = next((p for p in guide.pages if p.url == url), None)
    dated = guide.dates.get(page.src) if page else None
    return format_date(dated.iso, guide.labels) if dated else None


def render_sheet(guide: Guide, url: str, ident: str) -> str:
    """The workshop's printable sheet: everything from its data plus a QR code of its online URL."""
    site_url = adapter.site_url(guide.config)
    if not site_url:
        message = "site_url is required: workshop sheets print a QR code of their online address"
        raise ContentError(Finding("mkdocs.yml", message))
    absolute = site_url.rstrip("/") + "/" + published_url(guide, url)
    context = _context(guide, url, ident)
    layout = context["data"].get("fiche") or {}
    return component(
        "fiche-atelier",
        **context,
        url=absolute,
        qr=qr_svg(absolute, guide.labels["sheet_qr_title"]),
        guide_name=adapter.site_name(guide.config),
        date=content_date(guide, url),
        pages=int(layout.get("pages", 2)),
        layout=layout.get("questions", "lignes"),
    )
