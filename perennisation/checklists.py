"""`{{ checklist("id") }}`: a check-list whose ticks are kept in the browser."""

from __future__ import annotations

from typing import Any

from .guide import Guide
from .links import resolve
from .render import component


def sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections of a check-list; a flat list of items is one untitled section."""
    return data.get("sections") or [{"id": "", "titre": "", "items": data["items"]}]


def item_anchor(checklist: str, item: str) -> str:
    """Stable anchor of a check-list item: <checklist>-<item>."""
    return f"{checklist}-{item}"


def render_checklist(guide: Guide, page_url: str, ident: str, level: int = 3) -> str:
    """HTML of one check-list, its links resolved from the current page."""
    doc = guide.library.collections["checklists"][ident]
    data = doc.data
    groups = []
    for s, section in enumerate(sections(data)):
        items = []
        for i, item in enumerate(section["items"]):
            path = ("sections", s, "items", i) if data.get("sections") else ("items", i)
            links = [resolve(guide, link, page_url, doc.file, doc.line((*path, "liens", k))) for k, link in enumerate(item.get("liens") or [])]
            items.append({**item, "anchor": item_anchor(ident, item["id"]), "links": links})
        groups.append({**section, "items": items})
    return component(
        "checklist",
        id=ident,
        data=data,
        groups=groups,
        total=sum(len(g["items"]) for g in groups),
        level=max(2, min(int(level), 5)),
        labels=guide.labels,
    )
