"""`{{ checklist("id") }}`: a check-list a team runs a project with; its state is kept in the browser.

Each item has one of three states, as the method words them (to start, in progress, done), a person
responsible and a due date. The browser module (assets/javascripts/checklist.js) stores them by
check-list id and item id, exports and imports CSV, shares them in a link and prints them.
"""

from __future__ import annotations

from typing import Any

from .guide import Guide
from .links import resolve
from .render import component

#: The states of an item, in the method's order: (id kept in the browser and in shared links, label key).
STATES: tuple[tuple[str, str], ...] = (
    ("a-lancer", "checklist_state_todo"),
    ("en-cours", "checklist_state_doing"),
    ("acquis", "checklist_state_done"),
)


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
            links = [
                resolve(guide, link, page_url, doc.file, doc.line((*path, "liens", k)))
                for k, link in enumerate(item.get("liens") or [])
            ]
            items.append({**item, "anchor": item_anchor(ident, item["id"]), "links": links})
        groups.append({**section, "items": items})
    total = sum(len(g["items"]) for g in groups)
    return component(
        "checklist",
        id=ident,
        data=data,
        groups=groups,
        total=total,
        states=[{"id": state, "label": guide.labels[key]} for state, key in STATES],
        level=max(2, min(int(level), 5)),
        labels=guide.labels,
    )
