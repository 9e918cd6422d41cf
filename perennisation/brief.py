"""« En bref » at the top of each step page, from its front matter; and the ids a page publishes.

Objective, indicative duration, who is involved, deliverables linked to their templates, and the
check-lists and workshops of the step linked to where they are shown. Every reference is checked
when the guide is loaded, with the same messages as the rest of the engine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import slugify as toc_slugify

from .errors import Finding, suggest
from .messages import _
from .render import component
from .templatecheck import used_ids

if TYPE_CHECKING:
    from .guide import Guide
    from .pages import PageInfo

ATTR_ID = re.compile(r"\{:?[^}\n]*?#([\w-]+)[^}\n]*\}")
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)


def page_ids(guide: Guide, page: PageInfo) -> set[str]:
    """Ids a page will carry: explicit `{ #id }`, raw HTML ids, heading slugs and injected components."""
    from .checklists import item_anchor, sections
    from .workshops import question_anchor

    body = page.body
    ids = set(ATTR_ID.findall(body)) | set(HTML_ID.findall(body))
    ids |= {toc_slugify(text, "-") for text in HEADING.findall(body)}
    for collection, ident in used_ids(body):
        if ident not in guide.library.ids(collection):
            continue
        ids.add(ident)
        data = guide.item(collection, ident)
        if collection == "checklists":
            for group in sections(data):
                ids |= {f"{ident}-{group['id']}"} if group.get("id") else set()
                ids |= {item_anchor(ident, item["id"]) for item in group["items"]}
        elif collection == "ateliers":
            questions = enumerate(data.get("questions") or [])
            ids |= {question_anchor(ident, i, q) for i, q in questions if isinstance(q, dict)}
    if page.type == "etape":
        ids.add("en-bref")
    return ids


def placements(guide: Guide) -> dict[tuple[str, str], list[str]]:
    """(collection, id) -> docs/ paths of the pages that show that item, computed once per guide."""
    cached: dict[tuple[str, str], list[str]] | None = getattr(guide, "_pg_placements", None)
    if cached is None:
        cached = {}
        for page in guide.pages:
            for key in sorted(used_ids(page.body)):
                cached.setdefault(key, []).append(page.src)
        guide._pg_placements = cached  # type: ignore[attr-defined]
    return cached


def _where(guide: Guide, collection: str, ident: str, current: PageInfo) -> str | None:
    """docs/ path (with #anchor) where an item is best shown to a reader of the current page."""
    shown = placements(guide).get((collection, ident), [])
    if current.src in shown:
        return f"{current.src}#{ident}"
    if collection == "ateliers":
        from .workshops import sheet_page

        sheet = sheet_page(guide, ident)
        if sheet:
            return sheet
    return f"{shown[0]}#{ident}" if shown else None


def render_brief(guide: Guide, page: PageInfo, from_url: str) -> str:
    """The « En bref » block of a step page."""
    from .links import page_url

    meta = page.meta

    def link(target: str | None) -> str | None:
        return page_url(guide, target, from_url) if target else None

    deliverables = []
    for item in meta.get("livrables") or []:
        if isinstance(item, dict):
            deliverables.append({"text": item["texte"], "href": link(item["modele"])})
        else:
            deliverables.append({"text": item, "href": None})
    tools: dict[str, list[dict[str, Any]]] = {"checklists": [], "ateliers": []}
    for collection in tools:
        for ident in meta.get(collection) or []:
            href = link(_where(guide, collection, ident, page))
            tools[collection].append({"title": guide.item(collection, ident)["titre"], "href": href})
    return component(
        "en-bref",
        objective=meta.get("objectif"),
        duration=meta.get("duree"),
        roles=meta.get("roles") or [],
        deliverables=deliverables,
        checklists=tools["checklists"],
        workshops=tools["ateliers"],
        labels=guide.labels,
    )


def check_briefs(guide: Guide) -> list[Finding]:
    """Check-lists, workshops and templates named by step pages exist (templates: page and anchor)."""
    findings = []
    by_src = {p.src: p for p in guide.pages}
    for page in guide.steps:
        line = page.lines.line if page.lines else (lambda _path: None)
        for key, collection, noun, macro in (
            ("checklists", "checklists", "check-list", "checklist"),
            ("ateliers", "ateliers", "workshop", "atelier"),
        ):
            valid = guide.library.ids(collection)
            for i, ident in enumerate(page.meta.get(key) or []):
                if ident not in valid:
                    message = f"{key}[{i}]: " + _("unknown {what} id `{id}`", what=_(noun), id=ident)
                    message += suggest(str(ident), valid)
                    findings.append(Finding(page.file, message, line=line((key, i))))
                elif _where(guide, collection, ident, page) is None:
                    call = f'{{{{ {macro}("{ident}") }}}}'
                    message = f"{key}[{i}]: " + _(
                        "{what} `{id}` is shown on no page (add {call} to one)", what=_(noun), id=ident, call=call
                    )
                    findings.append(Finding(page.file, message, line=line((key, i))))
        for i, item in enumerate(page.meta.get("livrables") or []):
            if not isinstance(item, dict) or not isinstance(item.get("modele"), str):
                continue
            path, _sep, anchor = item["modele"].partition("#")
            target = by_src.get(path)
            where = line(("livrables", i, "modele"))
            if target is None:
                message = f"livrables[{i}].modele: " + _("no page `{path}` in docs/", path=path)
                message += suggest(path, by_src, listing=False)
                findings.append(Finding(page.file, message, line=where))
            elif anchor and anchor not in (ids := page_ids(guide, target)):
                message = f"livrables[{i}].modele: " + _("`{path}` has no anchor `#{anchor}`", path=path, anchor=anchor)
                message += _hint(anchor, ids)
                findings.append(Finding(page.file, message, line=where))
    return findings


def _hint(wrong: str, ids: set[str]) -> str:
    """' (did you mean …?)' from close ids, or from ids that contain the wrong one ('charte')."""
    close = suggest(wrong, ids, listing=False)
    containing = sorted(i for i in ids if wrong in i)[:3]
    names = ", ".join(f"`{i}`" for i in containing)
    return close or (" (" + _("did you mean {names}?", names=names) + ")" if containing else "")


def check_aliases(guide: Guide) -> list[Finding]:
    """Former anchors (`ancres: {old: current}`) point to an id of their page and take no id already used."""
    findings = []
    for page in guide.pages:
        aliases = page.meta.get("ancres")
        if not isinstance(aliases, dict) or not aliases:
            continue
        ids = page_ids(guide, page)
        for old, current in aliases.items():
            line = page.lines.line(("ancres", old)) if page.lines else None
            if current not in ids:
                message = f"ancres.{old}: " + _("no element with id `{id}` on this page", id=current)
                message += _hint(str(current), ids)
                findings.append(Finding(page.file, message, line=line))
            if old in ids:
                message = f"ancres.{old}: " + _("`{id}` is already an id of this page", id=old)
                findings.append(Finding(page.file, message, line=line))
    return findings


def insert_aliases(html: str, aliases: dict[str, str]) -> str:
    """Put an empty element with each former id right before the element that now carries the anchor."""
    for old, current in aliases.items():
        match = re.search(rf"""<[a-zA-Z][^>]*\sid=["']{re.escape(current)}["']""", html)
        if match and f'id="{old}"' not in html:
            alias = f'<span id="{old}" class="pg-alias"></span>'
            html = html[: match.start()] + alias + html[match.start() :]
    return html
