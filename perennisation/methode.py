"""methode.json: the method as data (steps, check-lists, workshops, with their public URLs and anchors)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .checklists import item_anchor, sections
from .guide import Guide
from .schemas import SCHEMA_DIR
from .templatecheck import used_ids
from .workshops import question_anchor, sheet_page


def _absolute(guide: Guide, url: str) -> str:
    return (guide.config.get("site_url") or "/").rstrip("/") + "/" + url


def _pages_using(guide: Guide, collection: str, ident: str) -> list[str]:
    """Absolute URLs of the pages that inject the data item collection/ident."""
    return [_absolute(guide, p.url) for p in guide.pages if (collection, ident) in used_ids(p.body)]


def method(guide: Guide) -> dict[str, Any]:
    """The document published as methode.json (schema: macros/schemas/methode.schema.json)."""
    steps = [
        {
            "numero": p.meta["etape"],
            "titre": p.meta["title"],
            "titre_court": p.meta.get("titre_court") or p.meta["title"],
            "objectif": p.meta["objectif"],
            "duree": p.meta.get("duree") or "",
            "roles": p.meta.get("roles") or [],
            "livrables": [d["texte"] if isinstance(d, dict) else d for d in p.meta.get("livrables") or []],
            "url": _absolute(guide, p.url),
        }
        for p in guide.steps
    ]
    checklists = []
    for ident in guide.library.ids("checklists"):
        data = guide.item("checklists", ident)
        items = [
            {
                "id": i["id"],
                "section": s.get("titre") or "",
                "texte": i["texte"],
                "aide": i.get("aide") or "",
                "ancre": item_anchor(ident, i["id"]),
            }
            for s in sections(data)
            for i in s["items"]
        ]
        entry = {"id": ident, "titre": data["titre"], "urls": _pages_using(guide, "checklists", ident), "items": items}
        if "etape" in data:
            entry["etape"] = data["etape"]
        checklists.append(entry)
    workshops = []
    for ident in guide.library.ids("ateliers"):
        data = guide.item("ateliers", ident)
        sheet = guide.page(sheet_page(guide, ident) or "")
        url = _absolute(guide, sheet.url) if sheet else ""
        questions = [
            {
                "numero": n + 1,
                "texte": q["texte"],
                "ancre": question_anchor(ident, n, q),
                **({"url": f"{url}#{question_anchor(ident, n, q)}"} if url else {}),
            }
            for n, q in enumerate(data["questions"])
        ]
        entry = {
            "id": ident,
            "titre": data["titre"],
            "objectif": data["objectif"],
            "duree": data["duree"],
            "participants": data["participants"],
            "questions": questions,
            **({"url": url} if url else {}),
        }
        if "etape" in data:
            entry["etape"] = data["etape"]
        workshops.append(entry)
    site = {"nom": guide.config["site_name"], "url": guide.config.get("site_url") or ""}
    language = str(guide.config["theme"]["language"])
    return {
        "version": 1,
        "site": site,
        "langue": language,
        "etapes": steps,
        "checklists": checklists,
        "ateliers": workshops,
    }


def write(guide: Guide, site_dir: Path) -> None:
    """Write methode.json and its schema at the root of the built site."""
    (site_dir / "methode.json").write_text(
        json.dumps(method(guide), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    shutil.copy(SCHEMA_DIR / "methode.schema.json", site_dir / "methode.schema.json")
