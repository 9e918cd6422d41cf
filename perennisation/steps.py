"""The method's steps, from the step pages' front matter: progress bar, step pager and cards."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markupsafe import Markup

from .adapter import icons_dir
from .errors import ContentError, Finding, suggest
from .guide import Guide
from .links import page_url
from .messages import _
from .pages import PageInfo
from .render import component

ICONS = icons_dir()


def icon_problem(name: str) -> str | None:
    """Why `name` is not an icon the theme ships ('material/target'), or None."""
    if (ICONS / f"{name}.svg").is_file():
        return None
    folder = ICONS / Path(name).parent
    known = [f"{Path(name).parent}/{p.stem}" for p in folder.glob("*.svg")] if folder.is_dir() else []
    return "icone: " + _("unknown icon `{name}`", name=name) + suggest(name, known, listing=False)


@cache
def icon(name: str) -> Markup:
    """Inline SVG of a Material icon ('material/target'); the theme ships them, nothing is fetched."""
    problem = icon_problem(name)
    if problem:
        raise ContentError(Finding("docs", problem))
    return Markup((ICONS / f"{name}.svg").read_text(encoding="utf-8"))


def _step(guide: Guide, page: PageInfo, from_url: str) -> dict:
    meta = page.meta
    return {
        "number": meta["etape"],
        "title": meta["title"],
        "short": meta.get("titre_court") or meta["title"],
        "objective": meta["objectif"],
        "duration": meta.get("duree"),
        "roles": meta.get("roles") or [],
        "icon": icon(meta["icone"]) if meta.get("icone") else None,
        "href": page_url(guide, page.src, from_url),
        "src": page.src,
    }


def render_progress(guide: Guide, current: PageInfo, from_url: str) -> str:
    """'Step N of M' and the ordered list of steps, the current one marked."""
    steps = [_step(guide, p, from_url) for p in guide.steps]
    return component("progression", steps=steps, current=current.meta["etape"], total=len(steps), labels=guide.labels)


def render_pager(guide: Guide, current: PageInfo, from_url: str) -> str:
    """Links to the previous and next steps."""
    steps = [_step(guide, p, from_url) for p in guide.steps]
    index = current.meta["etape"] - 1
    previous = steps[index - 1] if index > 0 else None
    following = steps[index + 1] if index + 1 < len(steps) else None
    return component("pager-etapes", previous=previous, next=following, labels=guide.labels)


def render_step_cards(guide: Guide, from_url: str) -> str:
    """The steps as a grid of cards (home page, method overview)."""
    steps = [_step(guide, p, from_url) for p in guide.steps]
    return component("cartes-etapes", steps=steps, labels=guide.labels)


def render_cards(guide: Guide, from_url: str, kind: str) -> str:
    """A card grid of every page of one front matter type (case studies, trajectories…)."""
    trajectories = {
        p.meta.get("trajectoire_id"): p.title for p in guide.pages if p.type in ("trajectoire", "forme-juridique")
    }
    cards = []
    for page in guide.pages_of_type(kind):
        meta = page.meta
        cards.append(
            {
                "title": page.title,
                "summary": meta.get("resume") or meta.get("description") or "",
                "href": page_url(guide, page.src, from_url),
                "meta": meta,
                "trajectory": meta.get("trajectoire") if kind == "cas" else None,
                "trajectory_title": trajectories.get(meta.get("trajectoire")),
                "steps": meta.get("etapes") or [],
            }
        )
    filters = sorted({str(c["trajectory"]) for c in cards if c["trajectory"]})
    steps = sorted({int(number) for c in cards for number in c["steps"] or []})
    return component(
        "cartes",
        kind=kind,
        cards=cards,
        filters=[(f, trajectories.get(f, f)) for f in filters],
        step_filters=steps,
        labels=guide.labels,
    )
